import type { SubgraphConfig, RunningServer } from '@pacegraph/service-kit';
import { loadTypeDefs, startPaceGraphSubgraph, type SubgraphDependencies } from '@pacegraph/subgraph-host';
import { createTelemetryContext, type TelemetryContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { startTelemetryRuntime, type TelemetryRuntime } from './telemetry-runtime.js';

/** The telemetry subgraph's schema, as composed into the supergraph. */
export const telemetryTypeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));

export type TelemetryConfig = SubgraphConfig;

/** Starts the telemetry subgraph: GPS points, stats and live updates. */
export function startTelemetryServer(config: TelemetryConfig, dependencies?: SubgraphDependencies): Promise<RunningServer> {
  return startPaceGraphSubgraph<TelemetryContext, TelemetryRuntime>(
    {
      name: 'telemetry',
      typeDefs: telemetryTypeDefs,
      resolvers,
      startWorker: startTelemetryRuntime,
      context: createTelemetryContext,
    },
    config,
    dependencies,
  );
}
