import DataLoader from 'dataloader';
import type { PrismaClient } from '@pacegraph/db';
import { isUuid } from '@pacegraph/service-kit';

/** Per-request batch loaders: the counts of a page of activities cost one query. */
export function createLoaders(prisma: PrismaClient) {
  return {
    trackPointCountByActivity: new DataLoader<string, number>(async (requestedIds) => {
      // PostgreSQL prints UUIDs in lower case; an id asked for in upper case is the same activity.
      const activityIds = requestedIds.map((id) => id.toLowerCase());
      const groups = await prisma.trackPoint.groupBy({
        by: ['activityId'],
        where: { activityId: { in: activityIds.filter(isUuid) } },
        _count: { _all: true },
      });
      const counts = new Map(groups.map((group) => [group.activityId, group._count._all]));
      return activityIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
