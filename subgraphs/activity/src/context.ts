import type { PrismaClient } from '@pacegraph/db';
import type { EventBus, Logger } from '@pacegraph/service-kit';
import type { Loaders } from './loaders.js';

export interface ActivityContext {
  viewerId: string | null;
  /** The gateway resolving a live event for viewers it checked itself: see `Identity.fanOut`. */
  fanOut: boolean;
  prisma: PrismaClient;
  bus: EventBus;
  log: Logger;
  loaders: Loaders;
}
