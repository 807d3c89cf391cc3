import {
  ActivityReason,
  descriptionMaxLength,
  eventKindOf,
  maxPointsPerCall,
  statusAfter,
  titleMaxLength,
  type ActivityStatus,
  type AudioCueSettings,
  type TimedTransition,
  type Transition,
} from '@pacegraph/activity-rules';
import {
  advanceLiveTrack,
  analyzeActivity,
  checkTrackPoint,
  cleanTrackPointValues,
  emptyLiveTrack,
  liveFigures,
  pausesOf,
  timerSecondsAt,
  type ActivityStats,
  type LiveFigures,
  type LiveTrack,
  type TrackPoint,
} from '@pacegraph/track-math';
import { backoffDelayMs, type Backoff } from '../backoff.js';
import {
  audioCuesAt,
  audioCueStateAt,
  englishAudioCue,
  type AudioCue,
  type AudioCueWording,
  type CueMoment,
  type CueUnits,
} from './audio-cues.js';
import { isTransient, type PaceGraphError, type Result } from '../errors.js';
import { RecordingReason, trackPointReason } from './reasons.js';
import {
  toTrackPoint,
  type RecordingStore,
  type SaveInput,
  type StoredAction,
  type StoredPoint,
  type StoredRecording,
} from './recording-store.js';
import { nextSyncStep, type SyncStep } from './sync-plan.js';
import type { SyncRequests } from './sync-requests.js';

/** A GPS fix as the phone gives it: a track point without its seq (the recorder numbers them), at any time form. */
export type Fix = Omit<TrackPoint, 'seq' | 'time'> & {
  /** When it was taken: a Date, epoch milliseconds or an ISO string. */
  time: Date | number | string;
};

/** How far a recording's sync has come. */
export interface SyncState {
  /** Fixes stored on the device and not yet on the server. */
  pendingPoints: number;
  /** Every fix up to this seq is on the server (or refused by it); null before the first. */
  lastSyncedSeq: number | null;
  /** Lifecycle actions not yet on the server. */
  pendingActions: number;
  /** Whether the last request reached the server. */
  online: boolean;
  /** The server's id of the activity, once it exists there. */
  activityId: string | null;
  /** Everything is on the server and the activity is saved or discarded there. */
  done: boolean;
  /** Why the sync stopped for good, if it did. */
  failure: PaceGraphError | null;
  /** The last transient error (the sync goes on trying). */
  lastError: PaceGraphError | null;
}

/** How a recording sends what it records. */
export interface SyncOptions {
  /** Waits between attempts after a failed request. @default 0.5 s doubling to 15 s */
  backoff?: Backoff;
  /** The first batch after a failure, doubled after each success up to `maxBatch`. @default 50 */
  minBatch?: number;
  /** @default 1000 (the API's limit per call) */
  maxBatch?: number;
}

/**
 * One activity as the device records it: every action and fix is written to
 * the store first, then sent in order by a sync loop that retries until the
 * server has it all. Live figures and stats are computed here with the
 * server's own algorithms, so what the athlete sees is what is saved.
 */
export class Recording {
  private status: ActivityStatus;
  private readonly points: StoredPoint[];
  private nextSeq: number;
  private live: LiveTrack;
  private online = true;
  private lastError: PaceGraphError | null = null;
  private batchLimit: number;
  private wake: (() => void) | null = null;
  private closed = false;
  private readonly listeners = new Set<() => void>();
  private readonly cueListeners = new Set<(moment: CueMoment, transition?: TimedTransition) => void>();
  private finished!: Promise<Result<void>>;
  private finish!: (result: Result<void>) => void;
  private createdOnServer!: Promise<Result<string>>;
  private markCreated!: (result: Result<string>) => void;
  private loop: Promise<void> | null = null;
  /** The app's calls, one at a time: each sees the status and the store as the one before left them. */
  private calls: Promise<unknown> = Promise.resolve();
  /** Writes of the header, one after another, each of it as it is then: the last write holds everything. */
  private headerWrites: Promise<unknown> = Promise.resolve();
  /** How many of the header's actions are stored: only those may be sent. */
  private storedActions: number;

  /** @internal Made by the recorder. */
  constructor(
    private readonly header: StoredRecording,
    points: StoredPoint[],
    private readonly store: RecordingStore,
    private readonly requests: SyncRequests,
    private readonly options: SyncOptions = {},
  ) {
    this.points = points;
    this.storedActions = header.actions.length;
    this.nextSeq = points.reduce((next, point) => Math.max(next, point.seq + 1), 0);
    this.status = header.actions.reduce<ActivityStatus>((status, action) => statusAfter(status, action.kind) ?? status, 'NOT_STARTED');
    this.live = advanceLiveTrack(emptyLiveTrack(header.sport), this.keptPoints());
    this.batchLimit = this.minBatch();
    this.awaitOutcome();
  }

  /** Fresh promises for `synced()` and `created()`, to be settled by the sync. */
  private awaitOutcome(): void {
    this.finished = new Promise((resolve) => (this.finish = resolve));
    this.createdOnServer = new Promise((resolve) => (this.markCreated = resolve));
    if (this.header.activityId) this.markCreated({ data: this.header.activityId });
  }

  /** The client's id of the activity (its `clientId`). */
  get id(): string {
    return this.header.id;
  }

  get sport() {
    return this.header.sport;
  }

  /** Where the recording is in its life, on the device. */
  get localStatus(): ActivityStatus {
    return this.status;
  }

  /** The server's id of the activity, once it exists there. */
  get activityId(): string | null {
    return this.header.activityId;
  }

  /** When the recording started (device time). */
  get startedAt(): Date | null {
    const start = this.header.actions.find((action) => action.kind === 'start');
    return start && 'at' in start ? new Date(start.at) : null;
  }

  /**
   * Records a fix: stored on the device before this resolves, then sent.
   * A fix that the server would refuse on its own (no position, before the
   * start, impossible values) is refused here, typed, and not stored.
   */
  addPoint(fix: Fix): Promise<Result<{ seq: number }>> {
    return this.serially(() => this.storePoint(fix));
  }

  pause(at?: Date): Promise<Result<void>> {
    return this.transition('pause', at);
  }

  resume(at?: Date): Promise<Result<void>> {
    return this.transition('resume', at);
  }

  stop(at?: Date): Promise<Result<void>> {
    return this.transition('stop', at);
  }

  /** Saves the stopped activity (optionally renamed); synced once every fix is on the server. */
  save(input: SaveInput = {}): Promise<Result<void>> {
    return this.serially(async () => activityTextRefusal(input) ?? this.act('complete', { kind: 'complete', input, synced: false }));
  }

  /** Throws the recording away; nothing more is sent. */
  discard(): Promise<Result<void>> {
    return this.serially(() => this.act('discard', { kind: 'discard', synced: false }));
  }

  /** Live figures as the server computes them for watchers (distance, moving time, current and average pace). */
  liveFigures(): LiveFigures & { elapsedTimeSeconds: number } {
    const startedAt = this.startedAt;
    const end = this.endedAt() ?? new Date();
    return { ...liveFigures(this.live), elapsedTimeSeconds: startedAt ? Math.max(0, (end.getTime() - startedAt.getTime()) / 1000) : 0 };
  }

  /** The stats of the whole recording, by the server's analysis of the same fixes: what will be saved. */
  stats(): ActivityStats {
    const startedAt = this.startedAt ?? new Date();
    const endedAt = this.endedAt();
    return analyzeActivity({
      sport: this.header.sport,
      startedAt,
      endedAt,
      points: this.keptPoints(),
      pauses: pausesOf(this.timedEvents(), endedAt),
    }).stats;
  }

  /** The fixes recorded so far, in seq order, with what the server made of them. */
  recordedPoints(): readonly StoredPoint[] {
    return this.points;
  }

  get syncState(): SyncState {
    const pending = this.points.filter((point) => point.state === 'pending');
    const firstPending = pending[0]?.seq ?? this.nextSeq;
    return {
      pendingPoints: pending.length,
      lastSyncedSeq: firstPending > 0 ? firstPending - 1 : null,
      pendingActions: this.header.actions.filter((action) => !action.synced).length,
      online: this.online,
      activityId: this.header.activityId,
      done: this.step().kind === 'done',
      failure: this.header.failure,
      lastError: this.lastError,
    };
  }

  /**
   * Spoken cues: calls `onCue` with what to say when the figures cross a
   * distance or time mark of `settings` (the athlete's `preferences.audioCues`)
   * and on pause, resume and stop, from this device's figures (offline too).
   * Marks passed before the call are not spoken. Returns the way to stop.
   */
  cues(options: { settings: AudioCueSettings; units: CueUnits; wording?: AudioCueWording; onCue: (cue: AudioCue) => void }): () => void {
    const { settings, units, onCue } = options;
    const wording = options.wording ?? englishAudioCue;
    const lastPoint = this.points.at(-1);
    let state = audioCueStateAt(this.cueMoment(lastPoint ? new Date(lastPoint.timeMs) : (this.startedAt ?? new Date())), settings, units);
    const listener = (moment: CueMoment, transition?: TimedTransition) => {
      const due = audioCuesAt(state, moment, settings, units, wording, transition);
      state = due.state;
      for (const cue of due.cues) onCue(cue);
    };
    this.cueListeners.add(listener);
    return () => this.cueListeners.delete(listener);
  }

  /** Tells the cue listeners of a fix at `at`, or of `transition` made then. */
  private speakCues(at: Date, transition?: TimedTransition): void {
    if (this.cueListeners.size === 0) return;
    const moment = this.cueMoment(at);
    for (const listener of this.cueListeners) listener(moment, transition);
  }

  /** The figures at `at` for cues: the live ones, the timer to then less pauses, the latest heart rate. */
  private cueMoment(at: Date): CueMoment {
    const startedAt = this.startedAt;
    const figures = liveFigures(this.live);
    const heartRate = this.points.findLast((point) => point.state !== 'rejected' && point.heartRate !== null)?.heartRate ?? null;
    return {
      at,
      timerSeconds: startedAt ? timerSecondsAt(startedAt, at, pausesOf(this.timedEvents(), this.endedAt(), at)) : 0,
      distanceMeters: figures.distanceMeters,
      movingTimeSeconds: figures.movingTimeSeconds,
      averagePaceSecondsPerKm: figures.averagePaceSecondsPerKm,
      currentPaceSecondsPerKm: figures.currentPaceSecondsPerKm,
      heartRateBpm: heartRate,
    };
  }

  /** Calls `listener` whenever something is recorded or synced; returns the way to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the server's id once the activity exists there (to watch it live, say), or with the error that stopped the sync. */
  created(): Promise<Result<string>> {
    return this.createdOnServer;
  }

  /** Resolves once the server has everything and the activity is saved or discarded there, or the sync failed for good. */
  synced(): Promise<Result<void>> {
    return this.finished;
  }

  /** @internal Starts the sync loop. */
  startSync(): void {
    this.loop ??= this.runSync();
  }

  /**
   * Syncs again after a refusal stopped it (`syncState.failure`), once what was
   * refused has been set right. `synced()` and `created()` wait afresh.
   */
  async retrySync(): Promise<void> {
    if (!this.header.failure || this.closed) return;
    this.header.failure = null;
    await this.saveHeader();
    await this.loop;
    this.awaitOutcome();
    this.loop = this.runSync();
    this.changed();
  }

  /** @internal Looks again at what to send (the signed-in athlete changed). */
  nudge(): void {
    this.wake?.();
  }

  /** @internal Stops the sync loop (what is stored stays for the next start); waiting callers get CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.loop;
    const closed = { error: { code: 'CLOSED', message: 'The client was closed before the sync finished' } };
    this.markCreated(closed);
    this.finish(closed);
  }

  private async storePoint(fix: Fix): Promise<Result<{ seq: number }>> {
    if (this.status !== 'ACTIVE' && this.status !== 'PAUSED') {
      return conflict(`Cannot record a fix while the recording is ${this.status}`);
    }
    const stored: StoredPoint = {
      seq: this.nextSeq,
      timeMs: new Date(fix.time).getTime(),
      lat: fix.lat,
      lon: fix.lon,
      elevation: fix.elevation ?? null,
      accuracy: fix.accuracy ?? null,
      // The API takes whole beats and steps; sensors often give fractions.
      heartRate: fix.heartRate == null ? null : Math.round(fix.heartRate),
      cadence: fix.cadence == null ? null : Math.round(fix.cadence),
      state: 'pending',
      reason: null,
    };
    if (!Number.isFinite(stored.timeMs)) return badInput(trackPointReason('INVALID_VALUE'), `${String(fix.time)} is not a time`);
    const refused = checkTrackPoint(toTrackPoint(stored), { startedAt: this.startedAt!, now: new Date() });
    if (refused) return badInput(trackPointReason(refused.reason), refused.message);
    // A reading that cannot be is left out here as the server leaves it out: the stats agree.
    const { point } = cleanTrackPointValues(toTrackPoint(stored));
    Object.assign(stored, { elevation: point.elevation, accuracy: point.accuracy, heartRate: point.heartRate, cadence: point.cadence });
    await this.store.addPoint(this.id, stored);
    // Only a stored fix may be sent: were it sent first and the app killed, its seq would come back with other data.
    this.nextSeq++;
    this.points.push(stored);
    this.live = advanceLiveTrack(this.live, [point]);
    this.changed();
    this.speakCues(new Date(stored.timeMs));
    return { data: { seq: stored.seq } };
  }

  private transition(kind: TimedTransition, at = new Date()): Promise<Result<void>> {
    return this.serially(async () => {
      const previous = this.lastTimedAt();
      if (!Number.isFinite(at.getTime())) return badInput(ActivityReason.InvalidTime, `The ${kind} time is not a time`);
      if (previous && at < previous) {
        return badInput(ActivityReason.TimeBeforePrevious, `The ${kind} time is before the previous one`);
      }
      const done = await this.act(kind, { kind, at: at.toISOString(), synced: false });
      if (!done.error) this.speakCues(at, kind);
      return done;
    });
  }

  /** Records a lifecycle action: stored first; the status moves only once it is. */
  private async act(transition: Transition, action: StoredAction): Promise<Result<void>> {
    const next = statusAfter(this.status, transition);
    if (!next) return conflict(`Cannot ${transition} a recording that is ${this.status}`);
    this.header.actions.push(action);
    try {
      await this.saveHeader();
    } catch (error) {
      this.header.actions.pop();
      throw error;
    }
    this.storedActions = this.header.actions.length;
    this.status = next;
    this.changed();
    return { data: undefined };
  }

  /** Stores the header as it is when the write runs, after the writes before it. */
  private saveHeader(): Promise<void> {
    const write = this.headerWrites.then(() => this.store.saveRecording(this.header));
    this.headerWrites = write.catch(() => undefined);
    return write;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.calls.then(work);
    this.calls = result.catch(() => undefined);
    return result;
  }

  private changed(): void {
    this.wake?.();
    for (const listener of this.listeners) listener();
  }

  private keptPoints(): TrackPoint[] {
    return this.points.filter((point) => point.state !== 'rejected').map(toTrackPoint);
  }

  private timedEvents() {
    return this.header.actions.flatMap((action) => ('at' in action ? [{ kind: eventKindOf[action.kind], at: new Date(action.at) }] : []));
  }

  private lastTimedAt(): Date | null {
    const events = this.timedEvents();
    return events[events.length - 1]?.at ?? null;
  }

  private endedAt(): Date | null {
    const stop = this.header.actions.find((action) => action.kind === 'stop');
    return stop && 'at' in stop ? new Date(stop.at) : null;
  }

  private step(): SyncStep {
    const pending = this.points.filter((point) => point.state === 'pending');
    // An action still being stored is not sent: were the app killed meanwhile, the server would have what the device lost.
    const stored = { ...this.header, actions: this.header.actions.slice(0, this.storedActions) };
    return nextSyncStep(stored, pending, this.batchLimit);
  }

  private async runSync(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      const step = this.step();
      if (step.kind === 'idle') {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      let error: PaceGraphError | null;
      try {
        if (step.kind === 'done' || step.kind === 'failed') return await this.settle(step.kind);
        if (!(await this.signedInAsItsAthlete())) {
          // Another athlete's token would put this run in their account: wait until its athlete is back.
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = null;
          continue;
        }
        error = await this.send(step);
      } catch (failure) {
        // The store failed (a full disk, say): what it holds is still right, so try again later.
        error = { code: 'STORE_ERROR', message: failure instanceof Error ? failure.message : String(failure) };
      }
      // Closed while the request was out (it was aborted): nothing is decided; the next start sends it again.
      if (this.closed) break;
      if (!error) {
        failures = 0;
        this.online = true;
        this.lastError = null;
        this.batchLimit = Math.min(this.maxBatch(), this.batchLimit * 2);
      } else if (isTransient(error) || error.code === 'UNAUTHENTICATED' || error.code === 'STORE_ERROR') {
        if (error.code !== 'STORE_ERROR') this.online = error.code !== 'NETWORK_ERROR';
        this.lastError = error;
        this.batchLimit = this.minBatch();
        this.changed();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoffDelayMs(failures++, this.options.backoff));
          // Closing ends the wait; new fixes do not (they go with the retry).
          this.wake = () => this.closed && (clearTimeout(timer), resolve());
        });
        this.wake = null;
      } else {
        this.header.failure = error;
        await this.saveHeader().catch(() => undefined);
      }
      this.changed();
    }
  }

  /** Whether the token is its athlete's (a recording made signed out becomes the first athlete's to sign in). */
  private async signedInAsItsAthlete(): Promise<boolean> {
    const athlete = this.requests.athlete();
    if (athlete && !this.header.athleteId) {
      this.header.athleteId = athlete;
      await this.saveHeader();
    }
    if (athlete && athlete === this.header.athleteId) return true;
    this.lastError = {
      code: 'UNAUTHENTICATED',
      reason: athlete ? RecordingReason.OtherAthlete : RecordingReason.SignedOut,
      message: athlete ? 'The recording belongs to another athlete; it syncs when they sign in' : 'Sign in to sync the recording',
    };
    this.changed();
    return false;
  }

  /** The end of the sync: the recording leaves the store when the server has it all. */
  private async settle(kind: 'done' | 'failed'): Promise<void> {
    if (kind === 'done') await this.store.deleteRecording(this.id);
    const outcome: Result<void> = kind === 'done' ? { data: undefined } : { error: this.header.failure! };
    this.markCreated(this.header.activityId ? { data: this.header.activityId } : { error: this.header.failure! });
    this.finish(outcome);
    this.changed();
  }

  private minBatch(): number {
    return Math.max(1, Math.min(this.options.minBatch ?? 50, maxPointsPerCall));
  }

  private maxBatch(): number {
    return Math.max(this.minBatch(), Math.min(this.options.maxBatch ?? maxPointsPerCall, maxPointsPerCall));
  }

  /** Sends one step; null when the server took it. */
  private async send(step: Exclude<SyncStep, { kind: 'idle' | 'done' | 'failed' }>): Promise<PaceGraphError | null> {
    const { header } = this;
    if (step.kind === 'create') {
      const created = await this.requests.create(header);
      if (created.error) return created.error;
      header.activityId = created.data;
      await this.saveHeader();
      this.markCreated({ data: created.data });
      return null;
    }
    if (step.kind === 'transition') {
      const done = await this.requests.transition(header.activityId!, step.action);
      if (done.error) return done.error;
      step.action.synced = true;
      await this.saveHeader();
      return null;
    }
    const recorded = await this.requests.recordPoints(header.activityId!, step.points);
    if (recorded.error) return recorded.error;
    const rejected = new Map(recorded.data.rejected.map(({ seq, reason }) => [seq, reason]));
    await this.store.markPoints(this.id, {
      synced: step.points.filter((point) => !rejected.has(point.seq)).map((point) => point.seq),
      rejected: [...rejected].map(([seq, reason]) => ({ seq, reason })),
    });
    for (const point of step.points) {
      const reason = rejected.get(point.seq);
      Object.assign(point, reason ? { state: 'rejected', reason } : { state: 'synced' });
    }
    // The live figures leave out what the server refused, as the watchers' do.
    if (rejected.size > 0) this.live = advanceLiveTrack(emptyLiveTrack(this.header.sport), this.keptPoints());
    return null;
  }
}

/** A title or description the server would refuse, refused on the device; null when they are fine. */
export function activityTextRefusal(input: { title?: string | null; description?: string | null }): { error: PaceGraphError } | null {
  if ((input.title?.trim().length ?? 0) > titleMaxLength) {
    return badInput(ActivityReason.TitleTooLong, `Title must be at most ${titleMaxLength} characters`);
  }
  if ((input.description?.trim().length ?? 0) > descriptionMaxLength) {
    return badInput(ActivityReason.DescriptionTooLong, `Description must be at most ${descriptionMaxLength} characters`);
  }
  return null;
}

function badInput(reason: string, message: string): { error: PaceGraphError } {
  return { error: { code: 'BAD_USER_INPUT', reason, message } };
}

function conflict(message: string): { error: PaceGraphError } {
  return { error: { code: 'CONFLICT', reason: RecordingReason.IllegalTransition, message } };
}
