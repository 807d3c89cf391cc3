import { recordingStatuses } from '@pacegraph/activity-rules';
import {
  canViewActivity,
  visibilitiesSeenBy,
  type ActivityStatusEvent,
  type ActivityStatusName,
  type VisibilityName,
} from '@pacegraph/service-kit';

/** Announced on the bus after an athlete follows or unfollows someone: their "out now" view follows suit. */
export const followsChangedTopic = (followerId: string) => `athlete.${followerId}.follows.changed`;

/**
 * HIDDEN: an activity the stream told of (STARTED) was edited to ONLY_ME
 * before it was saved; STALE: the bus is down and nothing reaches the stream;
 * CAUGHT_UP: it is back, and what the stream missed meanwhile has been sent
 * before it.
 */
export type FollowingLiveKind = 'STARTED' | 'HIDDEN' | 'SAVED' | 'DISCARDED' | 'STALE' | 'CAUGHT_UP';

/** What happened to one activity: the kinds a stream sends of an activity. */
export type OutNowKind = Exclude<FollowingLiveKind, 'STALE' | 'CAUGHT_UP'>;

/** Someone the viewer follows started, saved or discarded an activity; or the stream went STALE, or CAUGHT_UP. */
export interface FollowingLiveEvent {
  kind: FollowingLiveKind;
  at: string;
  /** Null for STALE and CAUGHT_UP. */
  athleteId: string | null;
  activityId: string | null;
}

/** An event of one activity (not of the stream's connection). */
export interface OutNowEvent extends FollowingLiveEvent {
  kind: OutNowKind;
  athleteId: string;
  activityId: string;
}

/** An activity of a followed athlete as stored: what a stream catches up from after a bus outage. */
export interface StoredActivityStatus {
  id: string;
  athleteId: string;
  status: ActivityStatusName;
  visibility: VisibilityName;
  startedAt: Date | null;
  updatedAt: Date;
}

/**
 * The events a stream missed while the bus was down, from the followed
 * athletes' activities that changed meanwhile: a start for one under way
 * (HIDDEN instead if it was made private), a save, a discard (the visibility
 * rules of {@link followingLiveEventOf}), each only if {@link sendsNext}
 * after what the stream sent of it (`sent`). A pause or a stop in the outage
 * of an activity that started before the stream opened also reads as its
 * start: apps take STARTED as "out now".
 */
export function missedFollowingLiveEvents(changed: readonly StoredActivityStatus[], sent: ReadonlyMap<string, OutNowKind>): OutNowEvent[] {
  const events: OutNowEvent[] = [];
  for (const activity of changed) {
    if (!activity.startedAt) continue;
    const underWay = activity.status !== 'COMPLETED' && activity.status !== 'DISCARDED';
    const event = followingLiveEventOf({
      activityId: activity.id,
      athleteId: activity.athleteId,
      status: underWay ? 'ACTIVE' : activity.status,
      // Under way, it reads as an edit: a start if the follower may see it, hidden if not.
      previousStatus: underWay ? 'ACTIVE' : 'STOPPED',
      at: activity.updatedAt.toISOString(),
      visibility: activity.visibility,
      startedAt: activity.startedAt.toISOString(),
    });
    if (event && sendsNext(event.kind, sent.get(activity.id))) events.push(event);
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Whether a stream sends `kind` of an activity after `last`, the latest it
 * sent of it (undefined: none): an activity's events once each and in their
 * order, so a message the bus delivers late, or one the catching up sent
 * already, is not sent again; HIDDEN only for one the stream had shown, and
 * STARTED again once it is visible after HIDDEN.
 */
export function sendsNext(kind: OutNowKind, last: OutNowKind | undefined): boolean {
  if (last === 'SAVED' || last === 'DISCARDED') return false;
  if (kind === 'HIDDEN') return last === 'STARTED';
  if (kind === 'STARTED') return last !== 'STARTED';
  return true;
}

/**
 * What a status change means to a follower: a start (not a resume), a save,
 * or the discard of an activity that had started; for an edit of one under
 * way (announced with its status unchanged), a start if the follower may see
 * it now, HIDDEN if not (whether the follower was told of it is the
 * stream's: {@link sendsNext}). Null for the rest and for what a follower may
 * not see.
 */
export function followingLiveEventOf(event: ActivityStatusEvent): OutNowEvent | null {
  const edited = event.status === event.previousStatus && event.startedAt !== null && recordingStatuses.includes(event.status);
  if (edited) {
    const kind = canViewActivity(event, 'FOLLOWER') ? 'STARTED' : 'HIDDEN';
    return { kind, at: event.at, athleteId: event.athleteId, activityId: event.activityId };
  }
  const kind: OutNowKind | null =
    event.status === 'ACTIVE' && event.previousStatus === 'NOT_STARTED'
      ? 'STARTED'
      : event.status === 'COMPLETED'
        ? 'SAVED'
        : event.status === 'DISCARDED' && event.previousStatus !== undefined && event.previousStatus !== 'NOT_STARTED'
          ? 'DISCARDED'
          : null;
  if (!kind) return null;
  // A discarded activity is seen by nobody any more; its followers still learn that it ended.
  const visible = kind === 'DISCARDED' ? visibilitiesSeenBy('FOLLOWER').includes(event.visibility) : canViewActivity(event, 'FOLLOWER');
  return visible ? { kind, at: event.at, athleteId: event.athleteId, activityId: event.activityId } : null;
}
