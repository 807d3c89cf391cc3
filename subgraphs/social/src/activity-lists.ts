import type { PrismaClient } from '@pacegraph/db';
import { athleteActivities, feedActivities } from '@pacegraph/db/reads/activity';
import { requireViewer, visibilitiesSeenBy, type AthleteRelation } from '@pacegraph/service-kit';
import { activityEdges, checkHistoryFilter, type HistoryFilter } from './domain/activity-lists.js';
import { positionOf, type ActivityPage, type Position } from './domain/connections.js';

/** A list's position as the activity reads take it. */
const listPosition = (position: Position | null) => (position ? { startedAt: position.at, id: position.id } : null);

/**
 * One page of the viewer's feed: their own and their friends' saved
 * activities, the latest start first (an activity synced late sits at its
 * own time). Keyset on (startedAt, id): new activities arriving between
 * pages neither repeat nor skip one. One statement: per author, an index
 * range of at most one page past the cursor, whatever the page's depth.
 */
export async function feedPage(
  prisma: PrismaClient,
  viewerId: string | null,
  limit: number,
  after: string | null | undefined,
): Promise<ActivityPage> {
  const viewer = requireViewer(viewerId, 'see your feed');
  const before = listPosition(positionOf(after));
  const rows = await feedActivities(prisma, viewer, visibilitiesSeenBy('ATHLETE'), visibilitiesSeenBy('FOLLOWER'), before, limit + 1);
  return activityEdges(rows, limit);
}

/** One page of an athlete's saved activities that a viewer with `relation` may see, the latest start first. */
export async function historyPage(
  prisma: PrismaClient,
  athleteId: string,
  relation: AthleteRelation,
  filter: HistoryFilter,
  limit: number,
  after: string | null | undefined,
): Promise<ActivityPage> {
  const { sport, from, to } = checkHistoryFilter(filter);
  const visibilities = visibilitiesSeenBy(relation);
  const rows = await athleteActivities(prisma, athleteId, { visibilities, sport, from, to }, listPosition(positionOf(after)), limit + 1);
  return activityEdges(rows, limit);
}
