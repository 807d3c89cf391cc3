import { computeActivityStats } from '@pacegraph/track-math';
import type { ActivityResolvers } from '../generated/resolvers-types.js';

const noStats = {
  distanceMeters: 0,
  movingTimeSeconds: 0,
  elapsedTimeSeconds: 0,
  averageSpeedMps: 0,
  maxSpeedMps: 0,
  averagePaceSecondsPerKm: null,
  elevationGainMeters: 0,
  elevationLossMeters: 0,
};

export const Activity: ActivityResolvers = {
  __resolveReference: (reference) => reference,
  trackPointCount: ({ id }, _, { loaders }) => loaders.trackPointCountByActivity.load(id),
  stats: async ({ id }, _, { loaders }) => {
    const recording = await loaders.recordingByActivity.load(id);
    if (!recording?.startedAt) return noStats;
    return computeActivityStats({ ...recording, startedAt: recording.startedAt });
  },
};
