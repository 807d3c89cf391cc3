import { Prisma, type PrismaClient, type Sport } from '@pacegraph/db';
import { BadUserInputError, requireViewer, visibilitiesSeenBy, type AthleteRelation } from '@pacegraph/service-kit';
import { pageOf, pastPosition, positionOf, type ActivityPage } from './connections.js';

/** A listed activity: its keyset position and the summary its card shows. */
interface ListedActivity {
  id: string;
  startedAt: Date;
  athleteId: string;
  title: string;
  sport: Sport;
}

const activityEdges = (rows: ListedActivity[], limit: number): ActivityPage =>
  pageOf(
    rows,
    limit,
    (row) => ({ at: row.startedAt, id: row.id }),
    (row, cursor) => ({ cursor, node: row }),
  );

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
  const position = positionOf(after);
  const past = position ? Prisma.sql`AND (a.started_at, a.id) < (${position.at}, ${position.id}::uuid)` : Prisma.empty;
  const rows = await prisma.$queryRaw<ListedActivity[]>`
    WITH authors AS (
      SELECT ${viewer}::uuid AS athlete_id, ${visibilitiesSeenBy('ATHLETE')}::"Visibility"[] AS seen
      UNION ALL
      SELECT followee_id, ${visibilitiesSeenBy('FOLLOWER')}::"Visibility"[] FROM follows WHERE follower_id = ${viewer}::uuid
    ),
    page AS (
      SELECT listed.id, listed.started_at
      FROM authors CROSS JOIN LATERAL (
        SELECT a.id, a.started_at FROM activities a
        WHERE a.athlete_id = authors.athlete_id AND a.started_at IS NOT NULL
          AND a.status = 'COMPLETED' AND a.visibility = ANY(authors.seen) ${past}
        ORDER BY a.started_at DESC, a.id DESC
        LIMIT ${limit + 1}
      ) listed
      ORDER BY listed.started_at DESC, listed.id DESC
      LIMIT ${limit + 1}
    )
    -- The page's rows only are read from the table (the ranges above are index-only): the cards' summary.
    SELECT a.id::text AS id, a.started_at AS "startedAt", a.athlete_id::text AS "athleteId", a.title, a.sport
    FROM page JOIN activities a ON a.id = page.id
    ORDER BY page.started_at DESC, page.id DESC`;
  return activityEdges(rows, limit);
}

export interface HistoryFilter {
  sport?: Sport | null;
  /** Started at or after. */
  from?: Date | null;
  /** Started before. */
  to?: Date | null;
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
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw new BadUserInputError('HISTORY.BAD_RANGE', '`from` must be before `to`', 'from');
  }
  const rows = await prisma.activity.findMany({
    where: {
      AND: [
        { athleteId, status: 'COMPLETED', visibility: { in: [...visibilitiesSeenBy(relation)] } },
        { startedAt: { not: null, ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } },
        filter.sport ? { sport: filter.sport } : {},
        pastPosition(positionOf(after), 'startedAt', 'id', 'desc'),
      ],
    },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: { id: true, startedAt: true, athleteId: true, title: true, sport: true },
  });
  return activityEdges(rows as ListedActivity[], limit);
}
