import type { ActivityResolvers } from '../generated/resolvers-types.js';

export const Activity: ActivityResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.activityById.load(id),
  athlete: (activity) => ({ id: activity.athleteId }),
};
