/**
 * The reads the activity subgraph publishes of its tables (`activities`,
 * `activity_events`) for the other subgraphs. Only activity writes those
 * tables; whoever else needs them calls a function here, so a change to them
 * touches their owner's code only (see docs/architecture.md).
 */
import { Prisma, type Activity, type PrismaClient } from '../database.js';
import type { ActivityEvent } from '../generated/client/client.js';
import {
  ActivityStatus as ActivityStatusValues,
  Sport,
  Visibility as VisibilityValues,
  type ActivityStatus,
  type Visibility,
} from '../generated/client/enums.js';

/** Throws when a raw row is not of the shape its statement promises: a column whose type changed fails loudly here. */
function checkedRows<Row>(rows: unknown[], isRow: (row: Record<string, unknown>) => boolean, statement: string): Row[] {
  for (const row of rows) {
    if (typeof row !== 'object' || row === null || !isRow(row as Record<string, unknown>)) {
      throw new TypeError(`${statement}: a row is not of the expected shape: ${JSON.stringify(row)}`);
    }
  }
  return rows as Row[];
}

const sports: readonly unknown[] = Object.values(Sport);
const isSport = (value: unknown): value is Sport => sports.includes(value);
const visibilities: readonly unknown[] = Object.values(VisibilityValues);
const statuses: readonly unknown[] = Object.values(ActivityStatusValues);

/** Who may see an activity: its athlete, visibility and status. */
export interface ActivityAudienceRow {
  id: string;
  athleteId: string;
  visibility: Visibility;
  status: ActivityStatus;
}

/**
 * The audiences of the activities `ids` (lower-case UUIDs) and, in the same
 * statement, whether `viewerId` follows each one's athlete: checking a page of
 * activities costs one query. It reads social's `follows` too, by its primary
 * key (activities and follows are joined on the athlete).
 */
export async function activityAudiencesSeenBy(
  prisma: PrismaClient,
  viewerId: string | null,
  ids: readonly string[],
): Promise<(ActivityAudienceRow & { followed: boolean })[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT a.id::text AS id, a.athlete_id::text AS "athleteId", a.visibility::text AS visibility, a.status::text AS status,
      EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ${viewerId}::uuid AND f.followee_id = a.athlete_id) AS followed
    FROM activities a WHERE a.id = ANY(${ids}::uuid[])`;
  return checkedRows<ActivityAudienceRow & { followed: boolean }>(
    rows,
    (row) =>
      typeof row.id === 'string' &&
      typeof row.athleteId === 'string' &&
      visibilities.includes(row.visibility) &&
      statuses.includes(row.status) &&
      typeof row.followed === 'boolean',
    'activityAudiencesSeenBy',
  );
}

/** What other subgraphs read of an activity by id: whose it is, its title, sport, status, visibility and times. */
export interface ActivityStateRow extends ActivityAudienceRow {
  title: string;
  sport: Sport;
  /** Device time of the start; null until started. */
  startedAt: Date | null;
  /** Device time of the stop; null until stopped. */
  endedAt: Date | null;
  /** When the status (or anything else) last changed. */
  updatedAt: Date;
}

/**
 * The activities `ids` (lower-case UUIDs): telemetry's to record fixes (owner,
 * sport, start), to archive or compute stats (status, times), to follow a live
 * activity (audience, status, when it changed); social's loader of audiences
 * and summaries (title, sport, start). Unsent until awaited, so it can join a
 * batch transaction.
 */
export function activityStatesOf(prisma: PrismaClient, ids: readonly string[]): Prisma.PrismaPromise<ActivityStateRow[]> {
  return prisma.activity.findMany({
    where: { id: { in: [...ids] } },
    select: {
      id: true,
      athleteId: true,
      title: true,
      sport: true,
      status: true,
      visibility: true,
      startedAt: true,
      endedAt: true,
      updatedAt: true,
    },
  });
}

/**
 * The lifecycle events (pauses, resumes…) of the activities `ids`, by activity
 * then in the order they happened: telemetry's moving time and archive. Unsent
 * until awaited, so it can join a batch transaction.
 */
export function activityEventsOf(prisma: PrismaClient, ids: readonly string[]): Prisma.PrismaPromise<ActivityEvent[]> {
  return prisma.activityEvent.findMany({ where: { activityId: { in: [...ids] } }, orderBy: [{ activityId: 'asc' }, { seq: 'asc' }] });
}

/**
 * A condition for telemetry's fix insert: the activity is in one of
 * `recordingStatuses` (@pacegraph/activity-rules', passed in: the list has one
 * source), its row read `FOR SHARE`, so that completing it waits for the insert
 * and no fix joins an activity completed meanwhile. Part of the insert's one
 * statement (see docs/architecture.md), its text as the insert has always sent it.
 */
export function activityStillRecording(activityId: string, recordingStatuses: readonly string[]): Prisma.Sql {
  return Prisma.sql`EXISTS (
      SELECT 1 FROM "activities"
      WHERE "id" = ${activityId}::uuid AND "status"::text = ANY(${recordingStatuses}::text[])
      FOR SHARE
    )`;
}

/**
 * Locks the activity's row (`FOR NO KEY UPDATE`) until `tx` ends: telemetry's
 * archivers of one activity take turns on it, the later one finding the work
 * done. The row is not changed, and its key may still be referenced.
 */
export async function lockActivityRow(tx: Prisma.TransactionClient, activityId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "activities" WHERE "id" = ${activityId}::uuid FOR NO KEY UPDATE`;
}

/**
 * An athlete's activities of the `statuses` given, whole: social's account
 * deletion reads those still recording in its transaction (after locking the
 * account), to announce them discarded once it commits.
 */
export function athleteActivitiesOfStatus(
  prisma: Prisma.TransactionClient,
  athleteId: string,
  statuses: readonly ActivityStatus[],
): Promise<Activity[]> {
  return prisma.activity.findMany({ where: { athleteId, status: { in: [...statuses] } } });
}

/** The athlete of the activity `id`, or null: whom social lets delete a comment on it. */
export async function athleteOfActivity(prisma: PrismaClient, id: string): Promise<string | null> {
  const activity = await prisma.activity.findUnique({ where: { id }, select: { athleteId: true } });
  return activity?.athleteId ?? null;
}

/** A listed activity: its keyset position (start, id) and the summary its card shows. */
export interface ListedActivityRow {
  id: string;
  startedAt: Date;
  athleteId: string;
  title: string;
  sport: Sport;
}

/** A position in a list of activities ordered by start, then id, both descending: the last one a page showed. */
export interface ActivityListPosition {
  startedAt: Date;
  id: string;
}

/**
 * One page of a feed, for social: the saved activities of `viewerId` whose
 * visibility is in `ownVisibilities` and of the athletes they follow in
 * `followedVisibilities`, the latest start first, past `before`, `limit`
 * rows. One statement, which reads social's `follows` too (the viewer's own
 * row range): per author, an index range of at most `limit` rows past the
 * position, whatever the page's depth; only the page's rows are read from the
 * table.
 */
export async function feedActivities(
  prisma: PrismaClient,
  viewerId: string,
  ownVisibilities: readonly Visibility[],
  followedVisibilities: readonly Visibility[],
  before: ActivityListPosition | null,
  limit: number,
): Promise<ListedActivityRow[]> {
  const past = before ? Prisma.sql`AND (a.started_at, a.id) < (${before.startedAt}, ${before.id}::uuid)` : Prisma.empty;
  const rows = await prisma.$queryRaw<unknown[]>`
    WITH authors AS (
      SELECT ${viewerId}::uuid AS athlete_id, ${ownVisibilities}::"Visibility"[] AS seen
      UNION ALL
      SELECT followee_id, ${followedVisibilities}::"Visibility"[] FROM follows WHERE follower_id = ${viewerId}::uuid
    ),
    page AS (
      SELECT listed.id, listed.started_at
      FROM authors CROSS JOIN LATERAL (
        SELECT a.id, a.started_at FROM activities a
        WHERE a.athlete_id = authors.athlete_id AND a.started_at IS NOT NULL
          AND a.status = 'COMPLETED' AND a.visibility = ANY(authors.seen) ${past}
        ORDER BY a.started_at DESC, a.id DESC
        LIMIT ${limit}
      ) listed
      ORDER BY listed.started_at DESC, listed.id DESC
      LIMIT ${limit}
    )
    -- The page's rows only are read from the table (the ranges above are index-only): the cards' summary.
    SELECT a.id::text AS id, a.started_at AS "startedAt", a.athlete_id::text AS "athleteId", a.title, a.sport
    FROM page JOIN activities a ON a.id = page.id
    ORDER BY page.started_at DESC, page.id DESC`;
  return checkedRows<ListedActivityRow>(
    rows,
    (row) =>
      typeof row.id === 'string' &&
      row.startedAt instanceof Date &&
      typeof row.athleteId === 'string' &&
      typeof row.title === 'string' &&
      isSport(row.sport),
    'feedActivities',
  );
}

/** Which of an athlete's saved activities a list shows. */
export interface AthleteActivitiesFilter {
  /** Those of these visibilities (the ones the viewer may see). */
  visibilities: readonly Visibility[];
  sport?: Sport | null;
  /** Started at or after. */
  from?: Date | null;
  /** Started before. */
  to?: Date | null;
}

/**
 * One page of an athlete's saved activities, for social's history: those the
 * filter lets through, the latest start first, past `before`, `limit` rows.
 */
export async function athleteActivities(
  prisma: PrismaClient,
  athleteId: string,
  filter: AthleteActivitiesFilter,
  before: ActivityListPosition | null,
  limit: number,
): Promise<ListedActivityRow[]> {
  const rows = await prisma.activity.findMany({
    where: {
      AND: [
        { athleteId, status: 'COMPLETED', visibility: { in: [...filter.visibilities] } },
        { startedAt: { not: null, ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } },
        filter.sport ? { sport: filter.sport } : {},
        before ? { OR: [{ startedAt: { lt: before.startedAt } }, { startedAt: before.startedAt, id: { lt: before.id } }] } : {},
      ],
    },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { id: true, startedAt: true, athleteId: true, title: true, sport: true },
  });
  // The filter leaves out activities not started; this tells the compiler so.
  return rows.filter((row): row is ListedActivityRow => row.startedAt !== null);
}

/** An activity's audience (who may see it) and the summary social serves of it. */
/** An activity's status as stored, with when it last changed. */
export type ActivityStatusRow = Pick<ActivityStateRow, 'id' | 'athleteId' | 'status' | 'visibility' | 'startedAt' | 'updatedAt'>;

/**
 * The activities of `athleteIds` changed at or after `since`: what social's
 * "out now" streams catch up from after an event bus outage (one statement
 * for every open stream).
 */
export function activityStatusesChangedSince(
  prisma: PrismaClient,
  athleteIds: readonly string[],
  since: Date,
): Promise<ActivityStatusRow[]> {
  return prisma.activity.findMany({
    where: { athleteId: { in: [...athleteIds] }, updatedAt: { gte: since } },
    select: { id: true, athleteId: true, status: true, visibility: true, startedAt: true, updatedAt: true },
  });
}

/** Which totals an activity counts in: the week, month and year under way, and all time. */
export type TotalsPeriod = 'week' | 'month' | 'year' | 'allTime';

/** Per period and sport, the count, distance, moving time and climb of an athlete's saved activities. */
export interface SportTotalsRow {
  period: TotalsPeriod;
  sport: Sport;
  count: number;
  distanceMeters: number;
  movingTimeSeconds: number;
  elevationGainMeters: number;
}

const totalsPeriods: readonly unknown[] = ['week', 'month', 'year', 'allTime'] satisfies TotalsPeriod[];

/**
 * Social's totals of an athlete: per period (this week from Monday, month and
 * year in the time zone `zone`, a checked IANA name; and all time) and sport,
 * the saved activities of `visibilities`. One statement, which reads
 * telemetry's `archived_tracks` too (each activity's distance, moving time
 * and climb, joined on the activity).
 */
export async function athleteTotalsByPeriod(
  prisma: PrismaClient,
  athleteId: string,
  visibilities: readonly Visibility[],
  zone: string,
): Promise<SportTotalsRow[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT period.name AS period, a.sport::text AS sport, count(*)::int AS count,
           coalesce(sum(t.distance_meters), 0)::float8 AS "distanceMeters",
           coalesce(sum(t.moving_time_seconds), 0)::float8 AS "movingTimeSeconds",
           coalesce(sum(t.elevation_gain_meters), 0)::float8 AS "elevationGainMeters"
    FROM activities a
    LEFT JOIN archived_tracks t ON t.activity_id = a.id
    CROSS JOIN LATERAL (VALUES
      ('week', date_trunc('week', now() AT TIME ZONE ${zone}) AT TIME ZONE ${zone}),
      ('month', date_trunc('month', now() AT TIME ZONE ${zone}) AT TIME ZONE ${zone}),
      ('year', date_trunc('year', now() AT TIME ZONE ${zone}) AT TIME ZONE ${zone}),
      ('allTime', '-infinity'::timestamptz)
    ) AS period(name, since)
    WHERE a.athlete_id = ${athleteId}::uuid AND a.status = 'COMPLETED'
      AND a.visibility = ANY(${visibilities}::"Visibility"[])
      AND a.started_at >= period.since
    GROUP BY period.name, a.sport
    ORDER BY a.sport`;
  return checkedRows<SportTotalsRow>(
    rows,
    (row) =>
      totalsPeriods.includes(row.period) &&
      isSport(row.sport) &&
      Number.isInteger(row.count) &&
      typeof row.distanceMeters === 'number' &&
      typeof row.movingTimeSeconds === 'number' &&
      typeof row.elevationGainMeters === 'number',
    'athleteTotalsByPeriod',
  );
}
