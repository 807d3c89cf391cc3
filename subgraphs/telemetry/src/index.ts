export { telemetryConfigFromEnv } from './env.js';
export { telemetrySubgraph } from './server.js';
export { archiveTrack } from './track-archiver.js';
export { type ArchiveOutcome } from './domain/track-archive.js';
export { liveActivityTopic, type LiveTrackUpdate } from './domain/live-activity.js';
export { recordTrackPoints } from './record-track-points.js';
export { RecordingActivities } from './recording-activities.js';
export { TelemetryReason } from './domain/reasons.js';
