import { computeBestEfforts, computeRoute, computeSplits } from '@pacegraph/track-math';
import { archivedRoute, archivedStats } from '../domain/track-archive.js';
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
    const archived = await loaders.archivedTrackByActivity.load(id);
    if (archived) return archivedStats(archived);
    return (await loaders.analysisByActivity.load(id))?.stats ?? noStats;
  },
  splits: async ({ id }, { unit }, { loaders }) => {
    const analysis = await loaders.analysisByActivity.load(id);
    return analysis ? computeSplits(analysis.profile, unit) : [];
  },
  bestEfforts: async ({ id }, _, { loaders }) => {
    const [analysis, recording] = await Promise.all([
      loaders.analysisByActivity.load(id),
      loaders.recordingByActivity.load(id),
    ]);
    return analysis && recording?.sport === 'RUN' ? computeBestEfforts(analysis.profile) : [];
  },
  route: async ({ id }, _, { loaders }) => {
    const archived = await loaders.archivedTrackByActivity.load(id);
    if (archived) return archivedRoute(archived);
    const analysis = await loaders.analysisByActivity.load(id);
    if (!analysis || analysis.profile.length === 0) return null;
    const route = computeRoute(analysis.profile);
    return route.bounds ? { ...route, bounds: route.bounds } : null;
  },
};
