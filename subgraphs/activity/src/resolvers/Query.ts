import { canViewActivity } from '@pacegraph/service-kit';
import type { QueryResolvers } from '../generated/resolvers-types.js';

export const Query: QueryResolvers = {
  activity: async (_, { id }, { loaders, viewerId }) => {
    const activity = await loaders.activityById.load(id);
    return activity && canViewActivity(activity, viewerId) ? activity : null;
  },
};
