import type { PrismaClient } from '@pacegraph/db';
import type { RecordingActivities } from './domain/recording-activities.js';
import type { LiveFeed } from './live-feed.js';
import type { Loaders } from './loaders.js';

export interface TelemetryContext {
  viewerId: string | null;
  prisma: PrismaClient;
  recordingActivities: RecordingActivities;
  loaders: Loaders;
  liveFeed: LiveFeed;
}
