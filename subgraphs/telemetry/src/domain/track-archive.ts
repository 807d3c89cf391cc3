import type { ArchivedTrack, Prisma, PrismaClient, TrackChunk } from '@pacegraph/db';
import {
  analyzeActivity,
  computeRoute,
  pausesOf,
  type ActivityStats,
  type Route,
  type TrackPoint,
} from '@pacegraph/track-math';
import { chunkTrack, decodeTrackChunk, encodeTrackChunk } from './track-codec.js';
import { hotPointsOf } from './track-point-store.js';

/** What archiving did with an activity's fixes. */
export type ArchiveOutcome = 'archived' | 'already-archived' | 'dropped' | 'still-recording' | 'not-found';

/**
 * Moves a completed activity's fixes from the hot table into their cold form
 * (delta-encoded chunks) beside the stats, route and point count computed from
 * them, in one transaction; a discarded activity's fixes are dropped. Safe to
 * call any number of times, from any number of instances: archivers of one
 * activity take turns on its row, and the second finds the work done.
 *
 * Once an activity is COMPLETED no fix can join the hot table (the insert
 * checks the status under a row lock), so what is read here is final.
 */
export async function archiveTrack(prisma: PrismaClient, activityId: string): Promise<ArchiveOutcome> {
  const activity = await prisma.activity.findUnique({
    where: { id: activityId },
    select: { status: true, sport: true, startedAt: true, endedAt: true, track: { select: { activityId: true } } },
  });
  if (!activity) return 'not-found';
  if (activity.status === 'DISCARDED') {
    await prisma.trackPoint.deleteMany({ where: { activityId } });
    return 'dropped';
  }
  if (activity.status !== 'COMPLETED' || !activity.startedAt) return 'still-recording';
  if (activity.track) return 'already-archived';

  const [hot, events] = await Promise.all([
    hotPointsOf(prisma, [activityId]),
    prisma.activityEvent.findMany({ where: { activityId }, orderBy: { seq: 'asc' } }),
  ]);
  const points = hot.get(activityId) ?? [];
  const { stats, profile } = analyzeActivity({
    sport: activity.sport,
    startedAt: activity.startedAt,
    endedAt: activity.endedAt,
    points,
    pauses: pausesOf(events, activity.endedAt),
  });
  const route = computeRoute(profile);
  const chunks = chunkTrack(points).map((chunk) => ({
    activityId,
    firstSeq: chunk[0]!.seq,
    pointCount: chunk.length,
    data: encodeTrackChunk(chunk),
  }));

  return prisma.$transaction(async (tx) => {
    // Archivers of one activity take turns here; the later one finds the work done.
    await tx.$queryRaw`SELECT 1 FROM "activities" WHERE "id" = ${activityId}::uuid FOR NO KEY UPDATE`;
    if (await tx.archivedTrack.findUnique({ where: { activityId }, select: { activityId: true } })) {
      return 'already-archived' as const;
    }
    await tx.archivedTrack.create({
      data: {
        activityId,
        pointCount: points.length,
        ...stats,
        polyline: route.polyline,
        routePointCount: route.pointCount,
        ...route.bounds,
      },
    });
    if (chunks.length > 0) await tx.trackChunk.createMany({ data: chunks });
    await tx.trackPoint.deleteMany({ where: { activityId } });
    return 'archived' as const;
  });
}

/** The archived fixes of each activity, decoded, in seq order. */
export async function archivedPointsOf(prisma: Pick<PrismaClient, 'trackChunk'>, activityIds: string[]): Promise<Map<string, TrackPoint[]>> {
  return archivedPointsByActivity(await archivedChunks(prisma, activityIds));
}

/** The query of {@link archivedPointsOf}, to run inside a batch transaction. */
export function archivedChunks(prisma: Pick<PrismaClient, 'trackChunk'>, activityIds: string[]): Prisma.PrismaPromise<TrackChunk[]> {
  return prisma.trackChunk.findMany({
    where: { activityId: { in: activityIds } },
    orderBy: [{ activityId: 'asc' }, { firstSeq: 'asc' }],
  });
}

/** The chunks of {@link archivedChunks} decoded, by activity. */
export function archivedPointsByActivity(chunks: readonly TrackChunk[]): Map<string, TrackPoint[]> {
  const points = new Map<string, TrackPoint[]>();
  for (const chunk of chunks) {
    const decoded = decodeTrackChunk(chunk.data);
    const list = points.get(chunk.activityId);
    if (list) list.push(...decoded);
    else points.set(chunk.activityId, decoded);
  }
  return points;
}

/** The stats stored with an archived track. */
export function archivedStats(track: ArchivedTrack): ActivityStats {
  return {
    distanceMeters: track.distanceMeters,
    movingTimeSeconds: track.movingTimeSeconds,
    elapsedTimeSeconds: track.elapsedTimeSeconds,
    averageSpeedMps: track.averageSpeedMps,
    maxSpeedMps: track.maxSpeedMps,
    averagePaceSecondsPerKm: track.averagePaceSecondsPerKm,
    elevationGainMeters: track.elevationGainMeters,
    elevationLossMeters: track.elevationLossMeters,
  };
}

/** The route stored with an archived track; null when it had no fixes. */
export function archivedRoute(track: ArchivedTrack): (Route & { bounds: NonNullable<Route['bounds']> }) | null {
  const { south, west, north, east } = track;
  if (south === null || west === null || north === null || east === null) return null;
  return { polyline: track.polyline, pointCount: track.routePointCount, bounds: { south, west, north, east } };
}
