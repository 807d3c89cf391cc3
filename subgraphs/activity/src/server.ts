import { loadTypeDefs, type SubgraphDefinition } from '@pacegraph/subgraph-host';
import { createActivityContext, type ActivityContext } from './context.js';
import { resolvers } from './resolvers/index.js';

/** The activity subgraph: activities, their lifecycle and summaries. Boot it with `startSubgraph(activitySubgraph, config)`. */
export const activitySubgraph: SubgraphDefinition<ActivityContext> = {
  name: 'activity',
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  resolvers,
  context: createActivityContext,
};
