import { visibleActivity } from '@pacegraph/subgraph-host';
import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  activity: (_, { id }, context) => visibleActivity(context, id),
};
