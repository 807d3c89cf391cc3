import type { PrismaClient } from '@pacegraph/db';
import type { EventBus, Identity, Logger } from '@pacegraph/service-kit';
import type { SubgraphServices } from '@pacegraph/subgraph-host';
import { createLoaders, type Loaders } from './loaders.js';

export interface ActivityContext {
  viewerId: string | null;
  /** The gateway resolving a live event for viewers it checked itself: see `Identity.fanOut`. */
  fanOut: boolean;
  prisma: PrismaClient;
  bus: EventBus;
  log: Logger;
  loaders: Loaders;
}

/** The context of one request: who asks, the subgraph's services, and the request's own loaders. */
export function createActivityContext({ viewerId, fanOut }: Identity, { prisma, bus, log }: SubgraphServices): ActivityContext {
  return {
    viewerId,
    fanOut: fanOut === true,
    prisma,
    bus,
    log,
    loaders: createLoaders(prisma, viewerId),
  };
}
