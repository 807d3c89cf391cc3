import type { SubgraphConfig, RunningServer } from '@pacegraph/service-kit';
import { loadTypeDefs, startPaceGraphSubgraph, type SubgraphDependencies } from '@pacegraph/subgraph-host';
import { createActivityContext, type ActivityContext } from './context.js';
import { resolvers } from './resolvers/index.js';

/** The activity subgraph's schema, as composed into the supergraph. */
export const activityTypeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));

export type ActivityConfig = SubgraphConfig;

/** Starts the activity subgraph: activities, their lifecycle and summaries. */
export function startActivityServer(config: ActivityConfig, dependencies?: SubgraphDependencies): Promise<RunningServer> {
  return startPaceGraphSubgraph<ActivityContext>(
    {
      name: 'activity',
      typeDefs: activityTypeDefs,
      resolvers,
      context: createActivityContext,
    },
    config,
    dependencies,
  );
}
