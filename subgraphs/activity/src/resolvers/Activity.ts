import { canViewActivity } from '@pacegraph/service-kit';
import type { ActivityResolvers } from '../generated/resolvers-types.js';

export const Activity: ActivityResolvers = {
  // Another subgraph asking for an activity gets it only when the viewer may see it (or, for a live
  // event, when the gateway resolves it for viewers it checked against the event itself).
  __resolveReference: async ({ id }, { loaders, viewerId, fanOut }) => {
    const activity = await loaders.activityById.load(id);
    return activity && (fanOut || canViewActivity(activity, viewerId)) ? activity : null;
  },
  athlete: (activity) => ({ id: activity.athleteId }),
};
