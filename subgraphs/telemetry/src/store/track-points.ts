import { Prisma, type PrismaClient } from '@pacegraph/db';
import { activityStillRecording } from '@pacegraph/db/reads/activity';
import { recordingStatuses } from '@pacegraph/activity-rules';
import type { TrackPoint } from '@pacegraph/track-math';

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

/** How many hot fixes each activity has (activities without any have no row), to run inside a batch transaction. */
export function hotPointCounts(prisma: Pick<PrismaClient, 'trackPoint'>, activityIds: string[]) {
  return prisma.trackPoint.groupBy({ by: ['activityId'], where: { activityId: { in: activityIds } }, _count: { _all: true } });
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
  const rows = await prisma.$queryRaw<unknown[]>`
    (SELECT ${columns} FROM "track_points" WHERE "activity_id" = ${activityId}::uuid AND "seq" BETWEEN ${lowest} AND ${highest})
    UNION ALL
    (SELECT ${columns} FROM "track_points" WHERE "activity_id" = ${activityId}::uuid AND "seq" < ${lowest} ORDER BY "seq" DESC LIMIT 1)
    UNION ALL
    (SELECT ${columns} FROM "track_points" WHERE "activity_id" = ${activityId}::uuid AND "seq" > ${highest} ORDER BY "seq" ASC LIMIT 1)`;
  return rows.map((row) => toTrackPoint(checkedStoredRow(row)));
}

/** A fix as a row of {@link columns}: every field present (null where the phone gave none), its time as `recordedAt`. */
type StoredRow = Required<Omit<TrackPoint, 'time'>> & { recordedAt: Date };

const columns = Prisma.raw(
  '"seq", "recorded_at" AS "recordedAt", "lat", "lon", "elevation", "accuracy", "heart_rate" AS "heartRate", "cadence"',
);

/**
 * A row of {@link columns}, its columns checked by hand (it is read for every
 * batch of fixes): a column whose type changed fails here, loudly, instead of
 * as a wrong number further on.
 */
function checkedStoredRow(row: unknown): StoredRow {
  const fix = row as Record<keyof StoredRow, unknown>;
  const ok =
    typeof fix.seq === 'number' &&
    fix.recordedAt instanceof Date &&
    typeof fix.lat === 'number' &&
    typeof fix.lon === 'number' &&
    numberOrNull(fix.elevation) &&
    numberOrNull(fix.accuracy) &&
    numberOrNull(fix.heartRate) &&
    numberOrNull(fix.cadence);
  if (!ok) throw new TypeError(`A track_points row is not as expected: ${columnTypes(row)}`);
  return fix as StoredRow;
}

function numberOrNull(value: unknown): boolean {
  return value === null || typeof value === 'number';
}

/** Each column's JavaScript type, for the error (a bigint would not even print as JSON). */
function columnTypes(row: unknown): string {
  if (typeof row !== 'object' || row === null) return typeof row;
  return Object.entries(row)
    .map(([name, value]) => `${name}: ${value === null ? 'null' : value instanceof Date ? 'Date' : typeof value}`)
    .join(', ');
}

/**
 * Inserts fixes in one statement (arrays unnested server-side, so a batch of
 * 1,000 is one round trip); a seq stored meanwhile by a racing call is
 * skipped. Returns the seqs this call stored. Nothing is stored when the
 * activity is no longer recording: its status is checked under a share lock
 * on its row, so completing it waits for inserts under way, and no fix lands
 * after it. No statement for no fixes.
 */
export async function insertTrackPoints(prisma: PrismaClient, activityId: string, points: TrackPoint[]): Promise<Set<number>> {
  if (points.length === 0) return new Set();
  const column = <T>(pick: (point: TrackPoint) => T) => points.map(pick);
  const rows = await prisma.$queryRaw<unknown[]>`
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
    WHERE ${activityStillRecording(activityId, recordingStatuses)}
    ON CONFLICT ("activity_id", "seq") DO NOTHING
    RETURNING "seq"`;
  const stored = new Set<number>();
  for (const row of rows) {
    const seq = (row as { seq?: unknown }).seq;
    if (typeof seq !== 'number') throw new TypeError(`A stored seq is not a number: ${columnTypes(row)}`);
    stored.add(seq);
  }
  return stored;
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

/** Drops all hot fixes of an activity (archived, or discarded). */
export async function deleteTrackPoints(prisma: Pick<PrismaClient, 'trackPoint'>, activityId: string): Promise<void> {
  await prisma.trackPoint.deleteMany({ where: { activityId } });
}
