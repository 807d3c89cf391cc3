import type { ActivityStatus, LifecycleEventKind } from './value-lists.js';

/*
 * The life of a recorded activity, shared by the activity subgraph (which
 * decides transitions) and the client SDK (which records offline and must
 * make the same ones): NOT_STARTED → ACTIVE ⇄ PAUSED → STOPPED → COMPLETED |
 * DISCARDED, DISCARDED also from any earlier state.
 */

/** The transitions an athlete asks for. start…stop carry the device's time; complete and discard do not. */
export type Transition = 'start' | 'pause' | 'resume' | 'stop' | 'complete' | 'discard';
/** A transition recorded with its time, in the activity's event log. */
export type TimedTransition = 'start' | 'pause' | 'resume' | 'stop';

/** From which statuses each transition may be made, and where it leads. */
export const transitionRules: Readonly<Record<Transition, { from: readonly ActivityStatus[]; to: ActivityStatus }>> = {
  start: { from: ['NOT_STARTED'], to: 'ACTIVE' },
  pause: { from: ['ACTIVE'], to: 'PAUSED' },
  resume: { from: ['PAUSED'], to: 'ACTIVE' },
  stop: { from: ['ACTIVE', 'PAUSED'], to: 'STOPPED' },
  complete: { from: ['STOPPED'], to: 'COMPLETED' },
  discard: { from: ['NOT_STARTED', 'ACTIVE', 'PAUSED', 'STOPPED'], to: 'DISCARDED' },
};

/** The event log entry each timed transition appends. */
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

const recording: readonly ActivityStatus[] = ['ACTIVE', 'PAUSED', 'STOPPED'];
/** The statuses in which an activity takes fixes (as strings: a status read as text is checked against it too). */
export const recordingStatuses: readonly string[] = recording;
