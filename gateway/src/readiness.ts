import type { ReadinessReport } from '@pacegraph/service-kit';
import type { SubgraphInstances } from './instance-health.js';

/**
 * What the gateway's /readyz answers: ready once the supergraph is loaded
 * and while every subgraph has an instance in service. An instance leaves
 * the service when a request or subscription could not reach it, and comes
 * back once its own /readyz answers (see `SubgraphInstances`); so a subgraph
 * shows as unreachable from the first call that failed to reach it.
 * Not ready names what is missing: `unreachableSubgraphs`, and
 * `supergraphLoaded: false` before the supergraph is.
 */
export function gatewayReadiness(
  supergraphLoaded: () => boolean,
  instances: readonly SubgraphInstances[],
): () => Promise<ReadinessReport> {
  return async () => {
    const loaded = supergraphLoaded();
    const unreachableSubgraphs = instances.filter((subgraph) => !subgraph.hasInstanceInService()).map(({ subgraphName }) => subgraphName);
    if (loaded && !unreachableSubgraphs.length) return { ready: true };
    return {
      ready: false,
      details: { ...(loaded ? {} : { supergraphLoaded: false }), ...(unreachableSubgraphs.length ? { unreachableSubgraphs } : {}) },
    };
  };
}
