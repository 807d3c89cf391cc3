export {
  createClient,
  type ClientOptions,
  type LiveSubscriptions,
  type OperationMethod,
  type OperationMethods,
  type PaceGraphClient,
} from './client.js';
export { isTransient, type ErrorCode, type PaceGraphError, type Result } from './errors.js';
export type { Backoff } from './backoff.js';
export type { Execute } from './http-transport.js';
export type { SessionTokens } from './session.js';
export { Recorder, type StartRecordingInput } from './recorder/recorder.js';
export { Recording, type Fix, type SyncOptions, type SyncState } from './recorder/recording.js';
export {
  englishAudioCue,
  type AudioCue,
  type AudioCueKind,
  type AudioCueWording,
  type CueMoment,
  type CueUnits,
} from './recorder/audio-cues.js';
export { RecordingReason, type TrackPointReason } from './recorder/reasons.js';
export type { RecordingStore, SaveInput, StoredAction, StoredPoint, StoredRecording } from './recorder/recording-store.js';
export { audioCueFields, defaultAudioCueSettings, type AudioCueSettings, type Sport, type Visibility } from '@pacegraph/activity-rules';
export type { ActivityStats } from '@pacegraph/track-math';
export * from './generated/graphql.js';
