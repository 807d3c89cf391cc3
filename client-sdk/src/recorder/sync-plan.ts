import type { StoredAction, StoredPoint, StoredRecording } from './recording-store.js';

/** The next request that brings the server up to the device's recording. */
export type SyncStep =
  | { kind: 'create' }
  | { kind: 'transition'; action: StoredAction }
  | { kind: 'points'; points: StoredPoint[] }
  /** Nothing to send until the athlete records more. */
  | { kind: 'idle' }
  /** The server has everything: the activity is saved or discarded there. */
  | { kind: 'done' }
  /** A refusal stopped the sync (see `failure`). */
  | { kind: 'failed' };

/**
 * Decides what to send next, in the order the server can take it: the
 * activity, then its lifecycle and fixes in the order they happened (the
 * server takes fixes while active, paused or stopped), and every fix before
 * the save. A discard needs none of the fixes.
 */
export function nextSyncStep(recording: StoredRecording, pending: readonly StoredPoint[], batchLimit: number): SyncStep {
  if (recording.failure) return { kind: 'failed' };
  if (recording.activityId === null) return { kind: 'create' };
  const last = recording.actions[recording.actions.length - 1];
  if (last?.kind === 'discard' && last.synced) return { kind: 'done' };
  const action = recording.actions.find((candidate) => !candidate.synced);
  if (action?.kind === 'discard') return { kind: 'transition', action };
  const started = recording.actions.some((candidate) => candidate.kind === 'start' && candidate.synced);
  if (started && action && 'at' in action) {
    // Fixes taken before a pause or a stop go first: watchers see the run in the order it happened.
    const before = pending.filter((point) => point.timeMs <= Date.parse(action.at));
    if (before.length > 0) return { kind: 'points', points: before.slice(0, batchLimit) };
  }
  if (action && (action.kind !== 'complete' || pending.length === 0)) return { kind: 'transition', action };
  if (started && pending.length > 0) return { kind: 'points', points: pending.slice(0, batchLimit) };
  return last?.kind === 'complete' && last.synced ? { kind: 'done' } : { kind: 'idle' };
}
