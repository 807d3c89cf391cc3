import type { PrismaClient } from '@pacegraph/db';
import type { Identity, SubscriptionEventContext } from '@pacegraph/service-kit';
import type { SubgraphServices } from '@pacegraph/subgraph-host';
import type { LiveFeed } from './live-feed.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { RecordingActivities } from './recording-activities.js';
import type { TelemetryRuntime } from './telemetry-runtime.js';

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

/** One request's context: the viewer, this instance's runtime, and loaders made on first use. */
export function createTelemetryContext(
  { viewerId, fanOut }: Identity,
  { prisma }: SubgraphServices,
  runtime: TelemetryRuntime,
): TelemetryContext {
  let loaders: Loaders | undefined;
  return {
    viewerId,
    fanOut: fanOut === true,
    prisma,
    recordingActivities: runtime.recordingActivities,
    // Made on first use: a live subscription, held for an hour, never needs them.
    get loaders() {
      return (loaders ??= createLoaders(prisma, viewerId, runtime.archiver));
    },
    liveFeed: runtime.liveFeed,
    fixesIngested: runtime.fixesIngested,
  };
}
