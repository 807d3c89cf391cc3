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
 * STALE: the bus is down and nothing reaches the stream; CAUGHT_UP: it is
 * back, and what the stream missed meanwhile has been sent before it.
 */
export type FollowingLiveKind = 'STARTED' | 'SAVED' | 'DISCARDED' | 'STALE' | 'CAUGHT_UP';

/** Someone the viewer follows started, saved or discarded an activity; or the stream went STALE, or CAUGHT_UP. */
export interface FollowingLiveEvent {
  kind: FollowingLiveKind;
  at: string;
  /** Null for STALE and CAUGHT_UP. */
  athleteId: string | null;
  activityId: string | null;
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
 * athletes' activities that changed meanwhile: a start for one under way, a
 * save, a discard (the visibility rules of {@link followingLiveEventOf}).
 * Leaves out what `delivered` (keys of {@link deliveredKey}) says the stream
 * had. A pause or a stop in the outage of an activity that started before
 * the stream opened also reads as its start: apps take STARTED as "out now".
 */
export function missedFollowingLiveEvents(changed: readonly StoredActivityStatus[], delivered: ReadonlySet<string>): FollowingLiveEvent[] {
  const events: FollowingLiveEvent[] = [];
  for (const activity of changed) {
    if (!activity.startedAt) continue;
    const underWay = activity.status !== 'COMPLETED' && activity.status !== 'DISCARDED';
    const event = followingLiveEventOf({
      activityId: activity.id,
      athleteId: activity.athleteId,
      status: underWay ? 'ACTIVE' : activity.status,
      previousStatus: underWay ? 'NOT_STARTED' : 'STOPPED',
      at: activity.updatedAt.toISOString(),
      visibility: activity.visibility,
      startedAt: activity.startedAt.toISOString(),
    });
    if (event && !delivered.has(deliveredKey(event))) events.push(event);
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/** What identifies an event a stream sent, so catching up does not send it twice. */
export const deliveredKey = (event: FollowingLiveEvent) => `${event.activityId}:${event.kind}`;

/**
 * What a status change means to a follower: a start (not a resume), a save,
 * or the discard of an activity that had started; null for the rest and for
 * what a follower may not see.
 */
export function followingLiveEventOf(event: ActivityStatusEvent): FollowingLiveEvent | null {
  const kind: FollowingLiveKind | null =
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
