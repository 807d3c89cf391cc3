import DataLoader from 'dataloader';
import type { Comment, PrismaClient } from '@pacegraph/db';
import { isUuid } from '@pacegraph/service-kit';
import { athleteRelationLoader, rowsByIdLoader } from '@pacegraph/subgraph-host';

/** A loader of one number per id from `GROUP BY` rows; ids without a row count 0. */
function countLoader(count: (ids: string[]) => Promise<{ id: string; count: number }[]>): DataLoader<string, number> {
  return new DataLoader<string, number>(async (ids) => {
    const wanted = ids.map((id) => id.toLowerCase());
    const counts = new Map((await count(wanted.filter(isUuid))).map((row) => [row.id, row.count]));
    return wanted.map((id) => counts.get(id) ?? 0);
  });
}

/**
 * Per-request batch loaders: whatever a page of N activities or athletes
 * asks for costs one query per kind of thing, not N.
 */
export function createLoaders(prisma: PrismaClient, viewerId: string | null) {
  /** The first `first` comments of each activity, oldest first, plus one (to tell whether more follow). */
  const firstComments = new Map<number, DataLoader<string, Comment[]>>();
  return {
    userById: rowsByIdLoader((ids) => prisma.user.findMany({ where: { id: { in: ids } } })),
    /** Each activity's audience (athlete, visibility, status: who may see it) and the summary social serves. */
    activityById: rowsByIdLoader((ids) =>
      prisma.activity.findMany({
        where: { id: { in: ids } },
        select: { id: true, athleteId: true, visibility: true, status: true, title: true, sport: true, startedAt: true },
      }),
    ),
    /** The viewer's relation to each athlete: who may see which activity. */
    relationToAthlete: athleteRelationLoader(prisma, viewerId),
    followerCount: countLoader(async (ids) =>
      (await prisma.follow.groupBy({ by: ['followeeId'], where: { followeeId: { in: ids } }, _count: { _all: true } })).map(
        (group) => ({ id: group.followeeId, count: group._count._all }),
      ),
    ),
    followingCount: countLoader(async (ids) =>
      (await prisma.follow.groupBy({ by: ['followerId'], where: { followerId: { in: ids } }, _count: { _all: true } })).map(
        (group) => ({ id: group.followerId, count: group._count._all }),
      ),
    ),
    kudosCount: countLoader(async (ids) =>
      (await prisma.kudos.groupBy({ by: ['activityId'], where: { activityId: { in: ids } }, _count: { _all: true } })).map(
        (group) => ({ id: group.activityId, count: group._count._all }),
      ),
    ),
    /** 1 where the viewer gave kudos, else 0. */
    myKudos: countLoader(async (ids) =>
      viewerId
        ? (await prisma.kudos.findMany({ where: { athleteId: viewerId, activityId: { in: ids } }, select: { activityId: true } })).map(
            (kudos) => ({ id: kudos.activityId, count: 1 }),
          )
        : [],
    ),
    commentCount: countLoader(async (ids) =>
      (await prisma.comment.groupBy({ by: ['activityId'], where: { activityId: { in: ids } }, _count: { _all: true } })).map(
        (group) => ({ id: group.activityId, count: group._count._all }),
      ),
    ),
    firstComments: (first: number): DataLoader<string, Comment[]> => {
      let loader = firstComments.get(first);
      if (!loader) {
        loader = new DataLoader<string, Comment[]>(async (ids) => {
          const wanted = ids.map((id) => id.toLowerCase());
          const rows = await prisma.$queryRaw<Comment[]>`
            SELECT id::text AS id, activity_id::text AS "activityId", author_id::text AS "authorId", text, created_at AS "createdAt"
            FROM (
              SELECT c.*, row_number() OVER (PARTITION BY c.activity_id ORDER BY c.created_at, c.id) AS rank
              FROM comments c WHERE c.activity_id = ANY(${wanted.filter(isUuid)}::uuid[])
            ) ranked
            WHERE rank <= ${first + 1}
            ORDER BY activity_id, rank`;
          const byActivity = new Map<string, Comment[]>();
          for (const row of rows) byActivity.set(row.activityId, [...(byActivity.get(row.activityId) ?? []), row]);
          return wanted.map((id) => byActivity.get(id) ?? []);
        });
        firstComments.set(first, loader);
      }
      return loader;
    },
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
