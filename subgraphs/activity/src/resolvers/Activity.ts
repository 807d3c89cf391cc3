import { visibleActivity } from '@pacegraph/subgraph-host';
import type { ActivityResolvers } from '../generated/resolvers-types.js';

export const Activity: ActivityResolvers = {
  // Another subgraph asking for an activity gets it only when the viewer may see it (the one check).
  __resolveReference: ({ id }, context) => visibleActivity(context, id),
  athlete: (activity) => ({ id: activity.athleteId }),
};
