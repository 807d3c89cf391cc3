import { ActivityReason, type Sport, type Visibility } from '@pacegraph/activity-rules';
import type { Result } from '../errors.js';
import { Recording, activityTextRefusal, type SyncOptions } from './recording.js';
import type { RecordingStore, StoredRecording } from './recording-store.js';
import type { SyncRequests } from './sync-requests.js';

/** What a new recording starts with. */
export interface StartRecordingInput {
  sport: Sport;
  title?: string;
  visibility?: Visibility;
  /** The device's start time. @default now */
  at?: Date;
}

/**
 * Records activities offline-first. Recordings left unfinished by an earlier
 * process (killed, or closed before the server had everything) are found in
 * the store and synced again: `unfinished()` hands them back to the app.
 */
export class Recorder {
  private readonly recordings = new Map<string, Recording>();
  private loaded: Promise<void> | null = null;

  /** @internal Made by `createClient`. */
  constructor(
    private readonly store: RecordingStore,
    private readonly requests: SyncRequests,
    private readonly options: SyncOptions = {},
  ) {}

  /** Starts recording: stored on the device at once, created on the server as soon as it is reachable. */
  async start(input: StartRecordingInput): Promise<Result<Recording>> {
    const refused = activityTextRefusal(input);
    if (refused) return refused;
    if (input.at && !Number.isFinite(input.at.getTime())) {
      return { error: { code: 'BAD_USER_INPUT', reason: ActivityReason.InvalidTime, message: 'The start time is not a time' } };
    }
    await this.loadStored();
    const header: StoredRecording = {
      id: newClientId(),
      sport: input.sport,
      title: input.title ?? null,
      visibility: input.visibility ?? null,
      athleteId: this.requests.athlete(),
      activityId: null,
      actions: [{ kind: 'start', at: (input.at ?? new Date()).toISOString(), synced: false }],
      failure: null,
    };
    await this.store.saveRecording(header);
    return { data: this.track(new Recording(header, [], this.store, this.requests, this.options)) };
  }

  /** The recordings on this device that are still recording or not yet all on the server, oldest first; each is syncing. */
  async unfinished(): Promise<Recording[]> {
    await this.loadStored();
    return [...this.recordings.values()].filter((recording) => !recording.syncState.done);
  }

  /**
   * Deletes a recording from the device and stops syncing it (what the server
   * has stays there): for one whose sync a refusal stopped for good, once the
   * app has kept what it wants of it (`recordedPoints()`).
   */
  async forget(recording: Recording): Promise<void> {
    await recording.close();
    await this.store.deleteRecording(recording.id);
    this.recordings.delete(recording.id);
  }

  /** @internal The signed-in athlete changed: recordings waiting for theirs look again. */
  signedIn(): void {
    for (const recording of this.recordings.values()) recording.nudge();
  }

  /** Stops syncing and closes the store; what is unsynced stays there for the next process. */
  async close(): Promise<void> {
    await Promise.all([...this.recordings.values()].map((recording) => recording.close()));
    await this.store.close();
  }

  private loadStored(): Promise<void> {
    this.loaded ??= (async () => {
      for (const header of await this.store.recordings()) {
        if (this.recordings.has(header.id)) continue;
        const points = await this.store.points(header.id);
        this.track(new Recording(header, points, this.store, this.requests, this.options));
      }
    })();
    return this.loaded;
  }

  private track(recording: Recording): Recording {
    this.recordings.set(recording.id, recording);
    recording.startSync();
    return recording;
  }
}

/** A random UUID, from the platform where it has one. */
function newClientId(): string {
  const random = globalThis.crypto?.randomUUID?.();
  if (random) return random;
  const bytes = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
