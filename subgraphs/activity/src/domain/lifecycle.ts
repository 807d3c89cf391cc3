import { BadUserInputError, ConflictError } from '@pacegraph/service-kit';
import {
  ActivityReason,
  eventKindOf,
  transitionRules,
  type ActivityStatus,
  type LifecycleEventKind,
  type Sport,
  type TimedTransition,
  type Transition,
  type Visibility,
} from '@pacegraph/activity-rules';
import { activityDescription, activityTitle } from './activity-rules.js';

export type { ActivityStatus, Transition } from '@pacegraph/activity-rules';

/** How far ahead of the server's clock a device's time may be. @default 5 minutes */
export const maxClockSkewMs = 5 * 60_000;

/** The last timed event of an activity, as the log holds it. */
export interface LastEvent {
  kind: LifecycleEventKind;
  at: Date;
}

/** What to do with a requested transition. */
export type TransitionDecision =
  /** Move to `to`; `event` is what to append to the log (timed transitions only). */
  | { kind: 'apply'; to: ActivityStatus; event?: { kind: LifecycleEventKind; at: Date } }
  /** The same transition was already made (a retry): answer with the activity as it is. */
  | { kind: 'replay' };

/**
 * The state machine of an activity: NOT_STARTED → ACTIVE ⇄ PAUSED → STOPPED →
 * COMPLETED | DISCARDED, DISCARDED also from any earlier state. Pure: it
 * decides, the caller stores.
 */
export function decideTransition(
  status: ActivityStatus,
  transition: Transition,
  options: { at?: Date; lastEvent?: LastEvent | null; now: Date },
): TransitionDecision {
  const rule = transitionRules[transition];
  const timed = transition in eventKindOf ? eventKindOf[transition as TimedTransition] : undefined;
  if (!rule.from.includes(status)) {
    // A retry of the transition that brought the activity here is not a conflict.
    if (status === rule.to && isReplay(timed, options)) return { kind: 'replay' };
    throw new ConflictError(ActivityReason.IllegalTransition, `Cannot ${transition} an activity that is ${status}`);
  }
  if (!timed) return { kind: 'apply', to: rule.to };
  const at = options.at ?? options.now;
  if (at.getTime() > options.now.getTime() + maxClockSkewMs) {
    throw new BadUserInputError(ActivityReason.TimeInFuture, `The ${transition} time is in the future`, 'at');
  }
  if (options.lastEvent && at < options.lastEvent.at) {
    throw new BadUserInputError(
      ActivityReason.TimeBeforePrevious,
      `The ${transition} time is before the activity's previous ${options.lastEvent.kind.toLowerCase()}`,
      'at',
    );
  }
  return { kind: 'apply', to: rule.to, event: { kind: timed, at } };
}

function isReplay(timed: LifecycleEventKind | undefined, options: { at?: Date; lastEvent?: LastEvent | null }): boolean {
  // complete and discard carry no time: being there already is the replay.
  if (!timed) return true;
  // A timed transition is a replay only with the same time; without one, the
  // server's clock would differ on every retry, so the last event of that kind counts.
  const last = options.lastEvent;
  if (!last || last.kind !== timed) return false;
  return options.at === undefined || last.at.getTime() === options.at.getTime();
}

/** What completeActivity may change while it saves. */
export interface Completion {
  title?: string | null;
  description?: string | null;
  visibility?: Visibility | null;
}

/** The columns of an activity an applied transition sets. */
export interface ActivityChanges {
  status: ActivityStatus;
  startedAt?: Date;
  endedAt?: Date;
  title?: string;
  description?: string | null;
  visibility?: Visibility;
}

/**
 * What an applied decision changes: the status, the start or stop time of a
 * timed transition, and the title, description and visibility completing sets
 * (what it leaves out stays).
 */
export function transitionChanges(
  decision: Extract<TransitionDecision, { kind: 'apply' }>,
  sport: Sport,
  completion: Completion | null | undefined,
): ActivityChanges {
  const { event } = decision;
  return {
    status: decision.to,
    ...(event?.kind === 'START' ? { startedAt: event.at } : {}),
    ...(event?.kind === 'STOP' ? { endedAt: event.at } : {}),
    ...completionChanges(sport, completion),
  };
}

function completionChanges(sport: Sport, completion: Completion | null | undefined) {
  if (!completion) return {};
  return {
    ...(completion.title != null ? { title: activityTitle(sport, completion.title) } : {}),
    ...(completion.description !== undefined ? { description: activityDescription(completion.description) } : {}),
    ...(completion.visibility ? { visibility: completion.visibility } : {}),
  };
}
