import type { ArchivedTrack, Prisma, PrismaClient, TrackChunk } from '@pacegraph/db';
import type { TrackPoint } from '@pacegraph/track-math';
import { archivedPointsByActivity, type ArchivedTrackRecord, type TrackChunkRecord } from '../domain/track-archive.js';

/** The archived tracks (stats, route, point count) of these activities, to run inside a batch transaction. */
export function archivedTracksOf(
  prisma: Pick<PrismaClient, 'archivedTrack'>,
  activityIds: string[],
): Prisma.PrismaPromise<ArchivedTrack[]> {
  return prisma.archivedTrack.findMany({ where: { activityId: { in: activityIds } } });
}

/** How many fixes each archived activity has, to run inside a batch transaction. */
export function archivedPointCounts(
  prisma: Pick<PrismaClient, 'archivedTrack'>,
  activityIds: string[],
): Prisma.PrismaPromise<Pick<ArchivedTrack, 'activityId' | 'pointCount'>[]> {
  return prisma.archivedTrack.findMany({
    where: { activityId: { in: activityIds } },
    select: { activityId: true, pointCount: true },
  });
}

/** Whether the activity's track is archived. */
export async function isArchived(prisma: Pick<PrismaClient, 'archivedTrack'>, activityId: string): Promise<boolean> {
  return (await prisma.archivedTrack.findUnique({ where: { activityId }, select: { activityId: true } })) !== null;
}

/** Stores an archived track and its chunks (none for a track without fixes). */
export async function insertArchivedTrack(
  prisma: Pick<PrismaClient, 'archivedTrack' | 'trackChunk'>,
  track: ArchivedTrackRecord,
  chunks: TrackChunkRecord[],
): Promise<void> {
  await prisma.archivedTrack.create({ data: track });
  if (chunks.length > 0) await prisma.trackChunk.createMany({ data: chunks });
}

/** The archived fixes of each activity, decoded, in seq order. */
export async function archivedPointsOf(
  prisma: Pick<PrismaClient, 'trackChunk'>,
  activityIds: string[],
): Promise<Map<string, TrackPoint[]>> {
  return archivedPointsByActivity(await archivedChunks(prisma, activityIds));
}

/** The query of {@link archivedPointsOf}, to run inside a batch transaction. */
export function archivedChunks(prisma: Pick<PrismaClient, 'trackChunk'>, activityIds: string[]): Prisma.PrismaPromise<TrackChunk[]> {
  return prisma.trackChunk.findMany({
    where: { activityId: { in: activityIds } },
    orderBy: [{ activityId: 'asc' }, { firstSeq: 'asc' }],
  });
}
