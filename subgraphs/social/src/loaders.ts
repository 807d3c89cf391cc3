import type { PrismaClient } from '@pacegraph/db';
import { rowsByIdLoader } from '@pacegraph/subgraph-host';

/** Per-request batch loaders: N users asked for in one request cost one query. */
export function createLoaders(prisma: PrismaClient) {
  return {
    userById: rowsByIdLoader((ids) => prisma.user.findMany({ where: { id: { in: ids } } })),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
