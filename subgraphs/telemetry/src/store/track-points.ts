import { Prisma, type PrismaClient } from '@pacegraph/db';
import { recordingStatuses, type TrackPoint } from '@pacegraph/track-math';

/** A stored fix, as the store hands it back. */
function toTrackPoint(row: StoredRow): TrackPoint {
  const { recordedAt, ...fix } = row;
  return { ...fix, time: recordedAt };
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

/** The hot (not yet archived) fixes of each activity, in seq order. */
export async function hotPointsOf(prisma: Pick<PrismaClient, 'trackPoint'>, activityIds: string[]): Promise<Map<string, TrackPoint[]>> {
  return hotPointsByActivity(await hotPointRows(prisma, activityIds));
}

/** The query of {@link hotPointsOf}, to run inside a batch transaction. */
export function hotPointRows(prisma: Pick<PrismaClient, 'trackPoint'>, activityIds: string[]) {
  return prisma.trackPoint.findMany({
    where: { activityId: { in: activityIds } },
    orderBy: [{ activityId: 'asc' }, { seq: 'asc' }],
    select: { activityId: true, ...select },
  });
}

/** The rows of {@link hotPointRows} as fixes, by activity. */
export function hotPointsByActivity(rows: Awaited<ReturnType<typeof hotPointRows>>): Map<string, TrackPoint[]> {
  const points = new Map<string, TrackPoint[]>();
  for (const { activityId, ...row } of rows) {
    const list = points.get(activityId);
    if (list) list.push(toTrackPoint(row));
    else points.set(activityId, [toTrackPoint(row)]);
  }
  return points;
}

/** The stored fixes of an activity with these seqs. */
export async function storedPointsBySeq(prisma: PrismaClient, activityId: string, seqs: number[]): Promise<TrackPoint[]> {
  const rows = await prisma.trackPoint.findMany({ where: { activityId, seq: { in: seqs } }, select });
  return rows.map(toTrackPoint);
}

/**
 * The stored fixes a batch with these seqs is checked against, in one
 * statement on the primary key: those with seqs from the lowest to the highest
 * of the batch (a retried seq among them), and the nearest one below and
 * above. A phone numbers its fixes in time order, so these are also the
 * batch's neighbours in time.
 */
export async function storedPointsNear(prisma: PrismaClient, activityId: string, seqs: number[]): Promise<TrackPoint[]> {
  const lowest = Math.min(...seqs);
  const highest = Math.max(...seqs);
  const rows = await prisma.$queryRaw<StoredRow[]>`
    (SELECT ${columns} FROM "track_points" WHERE "activity_id" = ${activityId}::uuid AND "seq" BETWEEN ${lowest} AND ${highest})
    UNION ALL
    (SELECT ${columns} FROM "track_points" WHERE "activity_id" = ${activityId}::uuid AND "seq" < ${lowest} ORDER BY "seq" DESC LIMIT 1)
    UNION ALL
    (SELECT ${columns} FROM "track_points" WHERE "activity_id" = ${activityId}::uuid AND "seq" > ${highest} ORDER BY "seq" ASC LIMIT 1)`;
  return rows.map(toTrackPoint);
}

interface StoredRow {
  seq: number;
  recordedAt: Date;
  lat: number;
  lon: number;
  elevation: number | null;
  accuracy: number | null;
  heartRate: number | null;
  cadence: number | null;
}

const columns = Prisma.raw(
  '"seq", "recorded_at" AS "recordedAt", "lat", "lon", "elevation", "accuracy", "heart_rate" AS "heartRate", "cadence"',
);

/**
 * Inserts fixes in one statement (arrays unnested server-side, so a batch of
 * 1,000 is one round trip); a seq stored meanwhile by a racing call is
 * skipped. Returns the seqs this call stored, or the activity's status when it
 * is no longer recording: the status is checked under a share lock on its
 * row, so completing it waits for inserts under way, and no fix lands after it.
 */
export async function insertTrackPoints(
  prisma: PrismaClient,
  activityId: string,
  points: TrackPoint[],
): Promise<{ stored: Set<number> } | { notRecording: string }> {
  if (points.length === 0) return { stored: new Set() };
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
    WHERE EXISTS (
      SELECT 1 FROM "activities"
      WHERE "id" = ${activityId}::uuid AND "status"::text = ANY(${recordingStatuses}::text[])
      FOR SHARE
    )
    ON CONFLICT ("activity_id", "seq") DO NOTHING
    RETURNING "seq"`;
  // An empty answer is also what a batch of only raced seqs gets: the status tells them apart.
  const status = rows.length === 0 ? await statusUnlessRecording(prisma, activityId) : null;
  return status ? { notRecording: status } : { stored: new Set(rows.map((row) => row.seq)) };
}

/** The activity's status when it takes no fixes (DELETED when it is gone); null while it records. */
async function statusUnlessRecording(prisma: PrismaClient, activityId: string): Promise<string | null> {
  const activity = await prisma.activity.findUnique({ where: { id: activityId }, select: { status: true } });
  if (!activity) return 'DELETED';
  return recordingStatuses.includes(activity.status) ? null : activity.status;
}

/** The stored hot fixes of an activity with seqs strictly between `after` and `before`, in seq order. */
export async function storedPointsBetween(prisma: PrismaClient, activityId: string, after: number, before: number): Promise<TrackPoint[]> {
  const rows = await prisma.trackPoint.findMany({
    where: { activityId, seq: { gt: after, lt: before } },
    orderBy: { seq: 'asc' },
    select,
  });
  return rows.map(toTrackPoint);
}
