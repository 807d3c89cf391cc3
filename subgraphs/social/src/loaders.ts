import DataLoader from 'dataloader';
import type { Comment, PrismaClient } from '@pacegraph/db';
import { isUuid } from '@pacegraph/service-kit';
import { activityStatesOf } from '@pacegraph/db/reads/activity';
import { athleteRelationLoader, rowsByIdLoader } from '@pacegraph/subgraph-host';
import { commentCounts, firstCommentsOf } from './store/comments.js';
import { followerCounts, followingCounts } from './store/follows.js';
import { kudosCounts, kudosGivenAmong } from './store/kudos.js';
import { usersByIds } from './store/users.js';

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
    userById: rowsByIdLoader((ids) => usersByIds(prisma, ids)),
    /** Each activity's audience (athlete, visibility, status: who may see it) and the summary social serves. */
    activityById: rowsByIdLoader((ids) => activityStatesOf(prisma, ids)),
    /** The viewer's relation to each athlete: who may see which activity. */
    relationToAthlete: athleteRelationLoader(prisma, viewerId),
    followerCount: countLoader((ids) => followerCounts(prisma, ids)),
    followingCount: countLoader((ids) => followingCounts(prisma, ids)),
    kudosCount: countLoader((ids) => kudosCounts(prisma, ids)),
    /** 1 where the viewer gave kudos, else 0. */
    myKudos: countLoader(async (ids) =>
      viewerId ? (await kudosGivenAmong(prisma, viewerId, ids)).map((activityId) => ({ id: activityId, count: 1 })) : [],
    ),
    commentCount: countLoader((ids) => commentCounts(prisma, ids)),
    firstComments: (first: number): DataLoader<string, Comment[]> => {
      let loader = firstComments.get(first);
      if (!loader) {
        loader = new DataLoader<string, Comment[]>(async (ids) => {
          const wanted = ids.map((id) => id.toLowerCase());
          const rows = await firstCommentsOf(prisma, wanted.filter(isUuid), first + 1);
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
