import type { PrismaClient } from '@pacegraph/db';
import type { EventBus, Logger } from '@pacegraph/service-kit';
import type { Loaders } from './loaders.js';

export interface ActivityContext {
  viewerId: string | null;
  prisma: PrismaClient;
  bus: EventBus;
  log: Logger;
  loaders: Loaders;
}
