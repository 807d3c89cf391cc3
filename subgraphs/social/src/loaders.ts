import DataLoader from 'dataloader';
import type { PrismaClient, User } from '@pacegraph/db';
import { isUuid } from '@pacegraph/service-kit';

/** Per-request batch loaders: N users asked for in one request cost one query. */
export function createLoaders(prisma: PrismaClient) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const users = await prisma.user.findMany({ where: { id: { in: ids.filter(isUuid) } } });
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
