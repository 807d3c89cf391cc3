import type { PrismaClient } from '@pacegraph/db';
import type { Loaders } from './loaders.js';

export interface ActivityContext {
  viewerId: string | null;
  prisma: PrismaClient;
  loaders: Loaders;
}
