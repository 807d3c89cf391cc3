import type { PrismaClient } from '@pacegraph/db';
import type { TrackPoint } from '@pacegraph/track-math';

/** A stored fix, as the store hands it back. */
function toTrackPoint(row: {
  seq: number;
  recordedAt: Date;
  lat: number;
  lon: number;
  elevation: number | null;
  accuracy: number | null;
  heartRate: number | null;
  cadence: number | null;
}): TrackPoint {
  return { ...row, time: row.recordedAt };
}

const select = {
  seq: true,
  recordedAt: true,
  lat: true,
  lon: true,
  elevation: true,
  accuracy: true,
  heartRate: true,
  cadence: true,
} as const;

/** The stored fixes of an activity with these seqs. */
export async function storedPointsBySeq(prisma: PrismaClient, activityId: string, seqs: number[]): Promise<TrackPoint[]> {
  const rows = await prisma.trackPoint.findMany({ where: { activityId, seq: { in: seqs } }, select });
  return rows.map(toTrackPoint);
}

/**
 * The stored fixes around a time range: all inside it, and the nearest one
 * before and after, which is what a speed check of new fixes in it needs.
 */
export async function storedPointsAround(
  prisma: PrismaClient,
  activityId: string,
  from: Date,
  to: Date,
): Promise<TrackPoint[]> {
  const [inside, before, after] = await Promise.all([
    prisma.trackPoint.findMany({ where: { activityId, recordedAt: { gte: from, lte: to } }, select }),
    prisma.trackPoint.findFirst({ where: { activityId, recordedAt: { lt: from } }, orderBy: { recordedAt: 'desc' }, select }),
    prisma.trackPoint.findFirst({ where: { activityId, recordedAt: { gt: to } }, orderBy: { recordedAt: 'asc' }, select }),
  ]);
  return [...inside, ...(before ? [before] : []), ...(after ? [after] : [])].map(toTrackPoint);
}

/**
 * Inserts fixes in one statement (arrays unnested server-side, so a batch of
 * 1,000 is one round trip); a seq stored meanwhile by a racing call is
 * skipped. Returns the seqs this call stored.
 */
export async function insertTrackPoints(prisma: PrismaClient, activityId: string, points: TrackPoint[]): Promise<Set<number>> {
  if (points.length === 0) return new Set();
  const column = <T>(pick: (point: TrackPoint) => T) => points.map(pick);
  const rows = await prisma.$queryRaw<{ seq: number }[]>`
    INSERT INTO "track_points" ("activity_id", "seq", "recorded_at", "lat", "lon", "elevation", "accuracy", "heart_rate", "cadence")
    SELECT ${activityId}::uuid, * FROM unnest(
      ${column((point) => point.seq)}::int[],
      ${column((point) => point.time)}::timestamptz[],
      ${column((point) => point.lat)}::float8[],
      ${column((point) => point.lon)}::float8[],
      ${column((point) => point.elevation ?? null)}::float8[],
      ${column((point) => point.accuracy ?? null)}::float8[],
      ${column((point) => point.heartRate ?? null)}::int2[],
      ${column((point) => point.cadence ?? null)}::int2[]
    )
    ON CONFLICT ("activity_id", "seq") DO NOTHING
    RETURNING "seq"`;
  return new Set(rows.map((row) => row.seq));
}
