/**
 * The reads the activity subgraph publishes of its tables (`activities`,
 * `activity_events`) for the other subgraphs. Only activity writes those
 * tables; whoever else needs them calls a function here, so a change to them
 * touches their owner's code only (see docs/architecture.md).
 */
import type { PrismaClient } from '../database.js';
import type { ActivityStatus, Visibility } from '../generated/client/enums.js';
import type { Activity, Prisma } from '../database.js';

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
