import type { PrismaClient } from '@pacegraph/db';
import type { Loaders } from './loaders.js';

export interface TelemetryContext {
  viewerId: string | null;
  prisma: PrismaClient;
  loaders: Loaders;
}
