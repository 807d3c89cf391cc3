/**
 * The reads the activity subgraph publishes of its tables (`activities`,
 * `activity_events`) for the other subgraphs. Only activity writes those
 * tables; whoever else needs them calls a function here, so a change to them
 * touches their owner's code only (see docs/architecture.md).
 */
import { Prisma, type PrismaClient } from '../database.js';
import type { ActivityEvent } from '../generated/client/client.js';
import type { ActivityStatus, Sport, Visibility } from '../generated/client/enums.js';

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
export function activityAudiencesSeenBy(
  prisma: PrismaClient,
  viewerId: string | null,
  ids: readonly string[],
): Promise<(ActivityAudienceRow & { followed: boolean })[]> {
  return prisma.$queryRaw<(ActivityAudienceRow & { followed: boolean })[]>`
    SELECT a.id::text AS id, a.athlete_id::text AS "athleteId", a.visibility::text AS visibility, a.status::text AS status,
      EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ${viewerId}::uuid AND f.followee_id = a.athlete_id) AS followed
    FROM activities a WHERE a.id = ANY(${ids}::uuid[])`;
}

/** What telemetry reads of an activity: whose it is, its sport, status, visibility and times. */
export interface ActivityStateRow extends ActivityAudienceRow {
  sport: Sport;
  /** Device time of the start; null until started. */
  startedAt: Date | null;
  /** Device time of the stop; null until stopped. */
  endedAt: Date | null;
  /** When the status (or anything else) last changed. */
  updatedAt: Date;
}

/**
 * The activities `ids` (lower-case UUIDs) as telemetry reads them: to record
 * fixes (owner, sport, start), to archive or compute stats (status, times), to
 * follow a live activity (audience, status, when it changed). Unsent until
 * awaited, so it can join a batch transaction.
 */
export function activityStatesOf(prisma: PrismaClient, ids: readonly string[]): Prisma.PrismaPromise<ActivityStateRow[]> {
  return prisma.activity.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, athleteId: true, sport: true, status: true, visibility: true, startedAt: true, endedAt: true, updatedAt: true },
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
 * `recordingStatuses` (track-math's, passed in as this package does not depend
 * on it), its row read `FOR SHARE`, so that completing it waits for the insert
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
