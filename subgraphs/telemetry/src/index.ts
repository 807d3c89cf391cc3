export { telemetryConfigFromEnv } from './env.js';
export { startTelemetryServer, telemetryTypeDefs, type TelemetryConfig } from './server.js';
export { archiveTrack, type ArchiveOutcome } from './domain/track-archive.js';
export { liveActivityTopic, type LiveTrackUpdate } from './domain/live-activity.js';
export { recordTrackPoints } from './domain/record-track-points.js';
export { RecordingActivities } from './domain/recording-activities.js';
