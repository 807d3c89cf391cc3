import { visibleActivity } from '../domain/visible-activity.js';
import type { ActivityResolvers } from '../generated/resolvers-types.js';

export const Activity: ActivityResolvers = {
  // Another subgraph asking for an activity gets it only when the viewer may see it (or, for a live
  // event, when the gateway resolves it for viewers it checked against the event itself).
  __resolveReference: async ({ id }, { loaders, fanOut }) =>
    fanOut ? loaders.activityById.load(id) : visibleActivity(loaders, id),
  athlete: (activity) => ({ id: activity.athleteId }),
};
