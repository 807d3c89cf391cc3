import type { Pause } from './stats.js';

/**
 * The life of a recorded activity, shared by the activity subgraph (which
 * decides transitions) and the client SDK (which records offline and must
 * make the same ones): NOT_STARTED → ACTIVE ⇄ PAUSED → STOPPED → COMPLETED |
 * DISCARDED, DISCARDED also from any earlier state.
 */
export const activityStatuses = ['NOT_STARTED', 'ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED', 'DISCARDED'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/** The transitions an athlete asks for. start…stop carry the device's time; complete and discard do not. */
export type Transition = 'start' | 'pause' | 'resume' | 'stop' | 'complete' | 'discard';
/** A transition recorded with its time, in the activity's event log. */
export type TimedTransition = 'start' | 'pause' | 'resume' | 'stop';
export type LifecycleEventKind = 'START' | 'PAUSE' | 'RESUME' | 'STOP';

/** From which statuses each transition may be made, and where it leads. */
export const transitionRules: Readonly<Record<Transition, { from: readonly ActivityStatus[]; to: ActivityStatus }>> = {
  start: { from: ['NOT_STARTED'], to: 'ACTIVE' },
  pause: { from: ['ACTIVE'], to: 'PAUSED' },
  resume: { from: ['PAUSED'], to: 'ACTIVE' },
  stop: { from: ['ACTIVE', 'PAUSED'], to: 'STOPPED' },
  complete: { from: ['STOPPED'], to: 'COMPLETED' },
  discard: { from: ['NOT_STARTED', 'ACTIVE', 'PAUSED', 'STOPPED'], to: 'DISCARDED' },
};

export const eventKindOf: Readonly<Record<TimedTransition, LifecycleEventKind>> = {
  start: 'START',
  pause: 'PAUSE',
  resume: 'RESUME',
  stop: 'STOP',
};

/** Where a transition leads from `status`; null when it may not be made from there. */
export function statusAfter(status: ActivityStatus, transition: Transition): ActivityStatus | null {
  const rule = transitionRules[transition];
  return rule.from.includes(status) ? rule.to : null;
}

/** The longest title an activity may have (trimmed). */
export const titleMaxLength = 120;
/** The longest description an activity may have (trimmed). */
export const descriptionMaxLength = 2000;
/** Fixes one recordTrackPoints call may carry; a phone catching up after hours offline sends several calls. @default 1,000 */
export const maxPointsPerCall = 1000;

/** The statuses in which an activity takes fixes. */
export const recordingStatuses: readonly string[] = ['ACTIVE', 'PAUSED', 'STOPPED'];

/** A timed lifecycle event, in the order the activity's log holds them. */
export interface LifecycleEvent {
  kind: string;
  at: Date;
}

/**
 * The explicit pauses in an activity's event log: each PAUSE to the RESUME
 * after it. A pause still open runs to the stop, or while paused, to `now`.
 */
export function pausesOf(events: readonly LifecycleEvent[], endedAt: Date | null, now = new Date()): Pause[] {
  const pauses: Pause[] = [];
  let pausedAt: Date | null = null;
  for (const event of events) {
    if (event.kind === 'PAUSE') pausedAt = event.at;
    if (event.kind === 'RESUME' && pausedAt) {
      pauses.push({ from: pausedAt, to: event.at });
      pausedAt = null;
    }
  }
  if (pausedAt) pauses.push({ from: pausedAt, to: endedAt ?? now });
  return pauses;
}
