import type { ReadinessReport } from '@pacegraph/service-kit';
import type { SubgraphInstances } from './instance-health.js';

/**
 * What the gateway's /readyz answers: ready once the supergraph is loaded and
 * while it can reach at least one subgraph, naming any it cannot
 * (`unreachableSubgraphs`). With one subgraph down every gateway instance is
 * equally cut off from it and still answers the rest (fields of the missing
 * one null, with SERVICE_UNAVAILABLE): taking them all out of a load
 * balancer would turn that partial answer into an outage. A gateway that can
 * reach no subgraph at all (its network is gone, say) serves nothing, and is
 * not ready, so traffic goes to the others.
 *
 * An instance leaves the service when a request or subscription could not
 * reach it, and comes back once its own /readyz answers (see
 * `SubgraphInstances`); so a subgraph shows as unreachable from the first
 * call that failed to reach it. Not ready also says `supergraphLoaded: false`
 * before the supergraph is.
 */
export function gatewayReadiness(supergraphLoaded: () => boolean, instances: readonly SubgraphInstances[]): () => Promise<ReadinessReport> {
  return async () => {
    const loaded = supergraphLoaded();
    const unreachableSubgraphs = instances.filter((subgraph) => !subgraph.hasInstanceInService()).map(({ subgraphName }) => subgraphName);
    const details = { ...(loaded ? {} : { supergraphLoaded: false }), ...(unreachableSubgraphs.length ? { unreachableSubgraphs } : {}) };
    const ready = loaded && unreachableSubgraphs.length < instances.length;
    return Object.keys(details).length ? { ready, details } : { ready };
  };
}
