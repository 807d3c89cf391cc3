import { computeBestEfforts, computeRoute, computeSplits, routeOutsidePrivacyZones, type Route } from '@pacegraph/track-math';
import { writeGpx } from '@pacegraph/track-files';
import { visibleActivityReference } from '@pacegraph/subgraph-host';
import { archivedRoute, archivedStats } from '../domain/track-archive.js';
import type { ActivityResolvers } from '../generated/resolvers-types.js';
import type { Loaders } from '../loaders.js';

const noStats = {
  distanceMeters: 0,
  movingTimeSeconds: 0,
  elapsedTimeSeconds: 0,
  averageSpeedMps: 0,
  maxSpeedMps: 0,
  averagePaceSecondsPerKm: null,
  elevationGainMeters: 0,
  elevationLossMeters: 0,
  averageHeartRateBpm: null,
  maxHeartRateBpm: null,
  averageCadence: null,
  heartRateZones: null,
  trainingLoad: null,
};

export const Activity: ActivityResolvers = {
  // The fixes, stats and route are the activity's: only for viewers who may see it (the one check).
  __resolveReference: ({ id }, context) => visibleActivityReference(context, id),
  trackPointCount: async ({ id }, _, { loaders }) => (await loaders.trackPointCountByActivity.load(id))?.pointCount ?? 0,
  stats: async ({ id }, _, { loaders }) => {
    const archived = await loaders.archivedTrackByActivity.load(id);
    if (archived) return archivedStats(archived);
    const analysis = await loaders.analysisByActivity.load(id);
    // Archived while this request read: the stats stored then (from the hot fixes), not the cold fixes' ~1 cm off.
    const archivedSince = await loaders.archivedTrackByActivity.load(id);
    return archivedSince ? archivedStats(archivedSince) : (analysis?.stats ?? noStats);
  },
  splits: async ({ id }, { unit }, { loaders }) => {
    const analysis = await loaders.analysisByActivity.load(id);
    return analysis ? computeSplits(analysis.profile, unit) : [];
  },
  bestEfforts: async ({ id }, _, { loaders }) => {
    const [analysis, recording] = await Promise.all([loaders.analysisByActivity.load(id), loaders.recordingByActivity.load(id)]);
    return analysis && recording?.sport === 'RUN' ? computeBestEfforts(analysis.profile) : [];
  },
  // Its athlete sees the whole route; anyone else (and a shared live stream) sees it cut at their privacy zones.
  route: async ({ id }, _, { loaders, viewerId, fanOut }) => {
    const route = await wholeRoute(id, loaders);
    if (!route) return null;
    const athleteId = (await loaders.activityById.load(id))?.athleteId ?? null;
    if (!fanOut && athleteId !== null && athleteId === viewerId) {
      return { ...route, segments: [route.polyline], activityId: id, cutAtZones: false };
    }
    const visible = routeOutsidePrivacyZones(route, athleteId ? await loaders.privacyZonesByAthlete.load(athleteId) : []);
    return visible.bounds ? { ...visible, bounds: visible.bounds, activityId: id, cutAtZones: true } : null;
  },
  gpx: async ({ id }, _, { loaders, viewerId, fanOut }) => {
    const athleteId = (await loaders.activityById.load(id))?.athleteId ?? null;
    if (fanOut || athleteId === null || athleteId !== viewerId) return null;
    const recording = await loaders.recordingByActivity.load(id);
    if (!recording) return null;
    const name = `${recording.sport} ${recording.startedAt?.toISOString() ?? ''}`.trim();
    return writeGpx({ name, sport: recording.sport, points: recording.points, pauses: recording.pauses });
  },
};

/** The route as recorded: stored with the archived track, or drawn from the fixes while hot. */
async function wholeRoute(id: string, loaders: Loaders): Promise<(Route & { bounds: NonNullable<Route['bounds']> }) | null> {
  const archived = await loaders.archivedTrackByActivity.load(id);
  if (archived) return archivedRoute(archived);
  const analysis = await loaders.analysisByActivity.load(id);
  const archivedSince = await loaders.archivedTrackByActivity.load(id);
  if (archivedSince) return archivedRoute(archivedSince);
  if (!analysis || analysis.profile.length === 0) return null;
  const route = computeRoute(analysis.profile);
  return route.bounds ? { ...route, bounds: route.bounds } : null;
}
