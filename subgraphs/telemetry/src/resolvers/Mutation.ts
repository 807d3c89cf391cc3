import { recordTrackPoints } from '../domain/record-track-points.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  recordTrackPoints: (_, { activityId, points }, { prisma, recordingActivities, viewerId }) =>
    recordTrackPoints(prisma, recordingActivities, viewerId, activityId, points),
};
