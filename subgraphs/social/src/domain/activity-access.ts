import type { PrismaClient } from '@pacegraph/db';
import { canViewActivity, isUuid, NotFoundError, type AthleteRelation } from '@pacegraph/service-kit';

/** The viewer's relation to an athlete (a per-request loader). */
export type RelationToAthlete = (athleteId: string) => Promise<AthleteRelation>;

/** An activity the viewer acts on (kudos, comments): NOT_FOUND unless they may see it, by the one policy. */
export async function activityTheViewerSees(
  prisma: PrismaClient,
  relationTo: RelationToAthlete,
  activityId: string,
): Promise<{ id: string; athleteId: string }> {
  const activity = isUuid(activityId)
    ? await prisma.activity.findUnique({
        where: { id: activityId.toLowerCase() },
        select: { id: true, athleteId: true, visibility: true, status: true },
      })
    : null;
  if (!activity || !canViewActivity(activity, await relationTo(activity.athleteId))) {
    throw new NotFoundError('ACTIVITY.NOT_FOUND', 'No such activity', 'activityId');
  }
  return activity;
}
