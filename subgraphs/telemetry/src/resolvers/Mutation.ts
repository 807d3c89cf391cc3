import { recordTrackPoints } from '../record-track-points.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  recordTrackPoints: async (_, { activityId, points }, { prisma, recordingActivities, liveFeed, fixesIngested, viewerId }) => {
    const result = await recordTrackPoints(prisma, recordingActivities, viewerId, activityId, points);
    fixesIngested.inc(result.accepted);
    // Watchers hear of the batch after it is answered: the phone never waits on them.
    void liveFeed.recorded(result.activity, result.storedPoints);
    return result;
  },
};
