import type { PrismaClient } from '@pacegraph/db';
import { rowsByIdLoader } from '@pacegraph/subgraph-host';

/** Per-request batch loaders. */
export function createLoaders(prisma: PrismaClient) {
  return {
    activityById: rowsByIdLoader((ids) => prisma.activity.findMany({ where: { id: { in: ids } } })),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
