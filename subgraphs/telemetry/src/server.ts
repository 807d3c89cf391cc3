import { loadTypeDefs, type SubgraphDefinition } from '@pacegraph/subgraph-host';
import { createTelemetryContext, type TelemetryContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { startTelemetryRuntime, type TelemetryRuntime } from './telemetry-runtime.js';

/** The telemetry subgraph: GPS points, stats and live updates. Boot it with `startSubgraph(telemetrySubgraph, config)`. */
export const telemetrySubgraph: SubgraphDefinition<TelemetryContext, TelemetryRuntime> = {
  name: 'telemetry',
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  resolvers,
  startWorker: startTelemetryRuntime,
  context: createTelemetryContext,
};
