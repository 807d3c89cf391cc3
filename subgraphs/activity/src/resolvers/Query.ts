import { canView } from '../domain/visibility.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  activity: async (_, { id }, { loaders, viewerId }) => {
    const activity = await loaders.activityById.load(id);
    return activity && canView(activity, viewerId) ? activity : null;
  },
};
