import DataLoader from 'dataloader';
import type { Activity, PrismaClient } from '@pacegraph/db';
import { isUuid } from '@pacegraph/service-kit';

/** Per-request batch loaders. */
export function createLoaders(prisma: PrismaClient) {
  return {
    activityById: new DataLoader<string, Activity | null>(async (ids) => {
      const activities = await prisma.activity.findMany({ where: { id: { in: ids.filter(isUuid) } } });
      const byId = new Map(activities.map((activity) => [activity.id, activity]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
