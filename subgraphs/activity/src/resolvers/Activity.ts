import { canViewActivity } from '@pacegraph/service-kit';
import type { ActivityResolvers } from '../generated/resolvers-types.js';

export const Activity: ActivityResolvers = {
  // Another subgraph asking for an activity gets it only when the viewer may see it.
  __resolveReference: async ({ id }, { loaders, viewerId }) => {
    const activity = await loaders.activityById.load(id);
    return activity && canViewActivity(activity, viewerId) ? activity : null;
  },
  athlete: (activity) => ({ id: activity.athleteId }),
};
