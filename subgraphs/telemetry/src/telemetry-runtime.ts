import type { BackgroundWorker, SubgraphServices } from '@pacegraph/subgraph-host';
import { RecordingActivities } from './domain/recording-activities.js';
import { TrackArchiver } from './track-archiver.js';

/** What one telemetry instance keeps beside its requests: the archiver and the recording activities it knows. */
export interface TelemetryRuntime extends BackgroundWorker {
  archiver: TrackArchiver;
  recordingActivities: RecordingActivities;
}

export async function startTelemetryRuntime(services: SubgraphServices): Promise<TelemetryRuntime> {
  const archiver = await TrackArchiver.start(services);
  return {
    archiver,
    recordingActivities: new RecordingActivities(services.prisma),
    close: () => archiver.close(),
  };
}
