import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  activity: (_, { id }, { loaders }) => loaders.activityById.load(id),
};
