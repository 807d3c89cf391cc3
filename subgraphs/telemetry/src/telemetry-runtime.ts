import type { BackgroundWorker, SubgraphServices } from '@pacegraph/subgraph-host';
import { activityStatusTopic, isActivityStatusEvent } from '@pacegraph/service-kit';
import { RecordingActivities } from './recording-activities.js';
import { LiveFeed } from './live-feed.js';
import { TrackArchiver } from './track-archiver.js';

/** What one telemetry instance keeps beside its requests: the archiver, the recording activities it knows, the live feed. */
export interface TelemetryRuntime extends BackgroundWorker {
  archiver: TrackArchiver;
  recordingActivities: RecordingActivities;
  liveFeed: LiveFeed;
  /** Counts the fixes stored, for /metrics. */
  fixesIngested: { inc(by?: number): void };
}

export async function startTelemetryRuntime(services: SubgraphServices): Promise<TelemetryRuntime> {
  const archiver = await TrackArchiver.start(services);
  const liveFeed = new LiveFeed(services.prisma, services.bus, services.log);
  const unsubscribe = await services.bus.subscribe(activityStatusTopic, (message) => {
    if (isActivityStatusEvent(message)) liveFeed.statusChanged(message);
  });
  return {
    archiver,
    recordingActivities: new RecordingActivities(services.prisma),
    liveFeed,
    fixesIngested: services.metrics.counter(
      'pacegraph_track_points_ingested_total',
      'GPS fixes stored by recordTrackPoints (duplicates and refused fixes are not counted)',
    ),
    close: async () => {
      liveFeed.close();
      await unsubscribe();
      await archiver.close();
    },
  };
}
