import { Repeater } from '@repeaterjs/repeater';
import type { PrismaClient } from '@pacegraph/db';
import {
  athleteActivityStatusTopic,
  canViewActivity,
  isActivityStatusEvent,
  requireViewer,
  visibilitiesSeenBy,
  type ActivityStatusEvent,
  type EventBus,
  type Logger,
} from '@pacegraph/service-kit';

/** Announced on the bus after an athlete follows or unfollows someone: their "out now" view follows suit. */
export const followsChangedTopic = (followerId: string) => `athlete.${followerId}.follows.changed`;

export type FollowingLiveKind = 'STARTED' | 'SAVED' | 'DISCARDED';

/**
 * Tells the viewer's open "out now" views that whom they follow changed. A
 * bus that fails does not fail the follow: the view catches up when reopened.
 */
export async function announceFollowsChanged(bus: EventBus, log: Logger, followerId: string): Promise<void> {
  try {
    await bus.publish(followsChangedTopic(followerId), { followerId });
  } catch (error) {
    log.warn({ err: error, followerId }, 'could not announce a change of follows');
  }
}

/** Someone the viewer follows started, saved or discarded an activity. */
export interface FollowingLiveEvent {
  kind: FollowingLiveKind;
  at: string;
  athleteId: string;
  activityId: string;
}

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
  const visible =
    kind === 'DISCARDED' ? visibilitiesSeenBy('FOLLOWER').includes(event.visibility) : canViewActivity(event, 'FOLLOWER');
  return visible ? { kind, at: event.at, athleteId: event.athleteId, activityId: event.activityId } : null;
}

/**
 * The viewer's "out now" events: one when someone they follow starts an
 * activity, and one when they save or discard it. Listens to the followed
 * athletes' own topics only (not every status change in the system), and
 * follows the viewer's follows and unfollows as they happen.
 */
export async function watchFollowing(prisma: PrismaClient, bus: EventBus, viewerId: string | null): Promise<AsyncIterable<FollowingLiveEvent>> {
  const viewer = requireViewer(viewerId, 'see who is out now');
  return new Repeater<FollowingLiveEvent>(async (push, stop) => {
    const listening = new Map<string, Promise<() => Promise<void>>>();
    const onStatus = (message: unknown) => {
      if (!isActivityStatusEvent(message) || !listening.has(message.athleteId)) return;
      const event = followingLiveEventOf(message);
      if (event) void push(event);
    };
    // Serialised: a follow and an unfollow in quick succession end as the later one left them.
    let syncing: Promise<void> = Promise.resolve();
    const sync = () =>
      (syncing = syncing.then(async () => {
        const follows = await prisma.follow.findMany({ where: { followerId: viewer }, select: { followeeId: true } });
        const followed = new Set(follows.map((follow) => follow.followeeId));
        for (const [athleteId, unsubscribe] of listening) {
          if (followed.has(athleteId)) continue;
          listening.delete(athleteId);
          await (await unsubscribe)();
        }
        for (const athleteId of followed) {
          if (!listening.has(athleteId)) listening.set(athleteId, bus.subscribe(athleteActivityStatusTopic(athleteId), onStatus));
        }
        await Promise.all(listening.values());
      }).catch((error: unknown) => {
        stop(error);
      }));
    const stopFollowingChanges = await bus.subscribe(followsChangedTopic(viewer), () => void sync());
    try {
      await sync();
      await stop;
    } finally {
      await stopFollowingChanges();
      await syncing;
      await Promise.all([...listening.values()].map(async (unsubscribe) => (await unsubscribe)()));
    }
  });
}
