import type { PrismaClient } from '@pacegraph/db';
import type { SubscriptionEventContext } from '@pacegraph/service-kit';
import type { RecordingActivities } from './recording-activities.js';
import type { LiveFeed } from './live-feed.js';
import type { Loaders } from './loaders.js';

export interface TelemetryContext extends SubscriptionEventContext {
  viewerId: string | null;
  /** The gateway subscribing on behalf of many viewers: see `Identity.fanOut`. */
  fanOut: boolean;
  prisma: PrismaClient;
  recordingActivities: RecordingActivities;
  loaders: Loaders;
  liveFeed: LiveFeed;
  /** Counts the fixes stored, for /metrics. */
  fixesIngested: { inc(by?: number): void };
}
