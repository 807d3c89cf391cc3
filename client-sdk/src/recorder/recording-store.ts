import type { Sport, Visibility } from '@pacegraph/activity-rules';
import type { TrackPoint } from '@pacegraph/track-math';
import type { PaceGraphError } from '../errors.js';

/**
 * Where the recorder keeps every action and fix before it is sent, so that
 * nothing is lost when the app is killed or the phone is offline. An adapter
 * per platform implements it (SQLite on a phone, a file in Node, memory in
 * tests); each write resolves once it is durable.
 */
export interface RecordingStore {
  /** Writes a recording's header (lifecycle and sync progress), replacing the stored one. */
  saveRecording(recording: StoredRecording): Promise<void>;
  /** Every stored recording, oldest first. */
  recordings(): Promise<StoredRecording[]>;
  /** Adds a fix; its seq is new in the recording. */
  addPoint(recordingId: string, point: StoredPoint): Promise<void>;
  /** A recording's fixes in seq order. */
  points(recordingId: string): Promise<StoredPoint[]>;
  /** Marks fixes the server has (`synced`) or refused for good (`rejected`). */
  markPoints(recordingId: string, outcome: { synced: number[]; rejected: { seq: number; reason: string }[] }): Promise<void>;
  /** Forgets a recording and its fixes. */
  deleteRecording(recordingId: string): Promise<void>;
  close(): Promise<void>;
}

/** A lifecycle action as recorded on the device, in the order it was made. */
export type StoredAction =
  | { kind: 'start' | 'pause' | 'resume' | 'stop'; at: string; synced: boolean }
  | { kind: 'complete'; input: SaveInput; synced: boolean }
  | { kind: 'discard'; synced: boolean };

/** What `save` may change as the activity is saved. */
export interface SaveInput {
  title?: string;
  description?: string;
  visibility?: Visibility;
}

export interface StoredRecording {
  /** The client's id of the activity: the server makes one activity per id however often it is sent. */
  id: string;
  sport: Sport;
  title: string | null;
  visibility: Visibility | null;
  /** The athlete it is recorded for (the token's subject); it syncs only while they are signed in. */
  athleteId: string | null;
  /** The server's id, once the activity is created there. */
  activityId: string | null;
  actions: StoredAction[];
  /** A refusal that stopped the sync for good (the recording stays on the device). */
  failure: PaceGraphError | null;
}

/**
 * A fix as stored: the track point with every field present (null where the
 * phone gave none) and its time as a number, and whether the server has it.
 */
export interface StoredPoint extends Required<Omit<TrackPoint, 'time'>> {
  /** Milliseconds since the epoch. */
  timeMs: number;
  state: 'pending' | 'synced' | 'rejected';
  /** Why the server refused it (a `TrackPointRejection`). */
  reason: string | null;
}

/** A stored fix as the track math (and the API) takes it. */
export function toTrackPoint({ timeMs, state: _state, reason: _reason, ...fields }: StoredPoint): TrackPoint {
  return { ...fields, time: new Date(timeMs) };
}
