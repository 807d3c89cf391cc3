import { Repeater } from '@repeaterjs/repeater';
import type { PrismaClient } from '@pacegraph/db';
import { activityStatusesChangedSince } from '@pacegraph/db/reads/activity';
import {
  athleteActivityStatusTopic,
  isActivityStatusEvent,
  requireViewer,
  type EventBus,
  type EventBusConnectivity,
  type Logger,
} from '@pacegraph/service-kit';
import {
  followingLiveEventOf,
  followsChangedTopic,
  missedFollowingLiveEvents,
  sendsNext,
  type FollowingLiveEvent,
  type OutNowEvent,
  type OutNowKind,
  type StoredActivityStatus,
} from './domain/following-live.js';
import { followeesOf } from './store/follows.js';

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

/** How far before the bus was seen to drop a change counts as missed (clocks differ, a drop is seen late). @default 30 s */
const missedMarginMs = 30_000;

/** An open "out now" stream, as its service reaches it when the bus goes down and comes back. */
interface OpenFollowingStream {
  followed(): Iterable<string>;
  /**
   * Settles once the stream knows whom the viewer follows. A stream opened as
   * Redis went may still wait for a SUBSCRIBE that was on the wire then: its
   * catching up waits for this, or it would catch up on nobody.
   */
  settingUp(): Promise<unknown>;
  busDown(): void;
  /** The followed athletes' activities changed since the outage began. */
  busUp(changed: readonly StoredActivityStatus[]): void;
}

/**
 * The open streams of one social service, caught up together after a bus
 * outage: one query for every followed athlete's changed activities. Kept per
 * bus, as the bus is what they share.
 */
class FollowingStreams {
  private static readonly byBus = new WeakMap<EventBus, FollowingStreams>();
  readonly open = new Set<OpenFollowingStream>();
  /** When the current outage was seen to begin; null while the bus is up. */
  downSince: number | null = null;

  static of(prisma: PrismaClient, bus: EventBus, log: Logger): FollowingStreams {
    let streams = FollowingStreams.byBus.get(bus);
    if (!streams) FollowingStreams.byBus.set(bus, (streams = new FollowingStreams(prisma, bus, log)));
    return streams;
  }

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {
    // Made with the first stream, maybe in an outage that began before.
    if (bus.connectivity() === 'DOWN') this.downSince = Date.now();
    bus.onConnectivityChange((connectivity) => void this.connectivityChanged(connectivity));
  }

  private async connectivityChanged(connectivity: EventBusConnectivity): Promise<void> {
    if (connectivity === 'DOWN') {
      this.downSince = Date.now();
      for (const stream of this.open) stream.busDown();
      return;
    }
    const since = new Date((this.downSince ?? Date.now()) - missedMarginMs);
    this.downSince = null;
    const streams = [...this.open];
    await Promise.all(streams.map((stream) => stream.settingUp()));
    const athletes = new Set(streams.flatMap((stream) => [...stream.followed()]));
    let changed: StoredActivityStatus[] = [];
    try {
      if (athletes.size > 0) {
        changed = await activityStatusesChangedSince(this.prisma, [...athletes], since);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not read what followed athletes did while the bus was down');
    }
    if (this.bus.connectivity() === 'DOWN') return;
    for (const stream of streams) {
      const followed = new Set(stream.followed());
      stream.busUp(changed.filter((activity) => followed.has(activity.athleteId)));
    }
  }
}

/**
 * The viewer's "out now" events: one when someone they follow starts an
 * activity, and one when they save or discard it. Listens to the followed
 * athletes' own topics only (not every status change in the system), and
 * follows the viewer's follows and unfollows as they happen.
 */
export async function watchFollowing(
  prisma: PrismaClient,
  bus: EventBus,
  log: Logger,
  viewerId: string | null,
): Promise<AsyncIterable<FollowingLiveEvent>> {
  const viewer = requireViewer(viewerId, 'see who is out now');
  const streams = FollowingStreams.of(prisma, bus, log);
  return new Repeater<FollowingLiveEvent>(async (push, stop) => {
    const listening = new Map<string, Promise<() => Promise<void>>>();
    /** The latest event sent of each activity. */
    const sent = new Map<string, OutNowKind>();
    const send = (event: OutNowEvent) => {
      sent.set(event.activityId, event.kind);
      void push(event);
    };
    const connection = (kind: 'STALE' | 'CAUGHT_UP') =>
      void push({ kind, at: new Date().toISOString(), athleteId: null, activityId: null });
    const onStatus = (message: unknown) => {
      if (!isActivityStatusEvent(message) || !listening.has(message.athleteId)) return;
      const event = followingLiveEventOf(message);
      // Resent late after an outage, it may already have been sent by the catching up.
      if (event && sendsNext(event.kind, sent.get(event.activityId))) send(event);
    };
    let settingUp: Promise<unknown> = Promise.resolve();
    const stream: OpenFollowingStream = {
      followed: () => listening.keys(),
      settingUp: () => settingUp,
      busDown: () => connection('STALE'),
      busUp: (changed) => {
        for (const event of missedFollowingLiveEvents(changed, sent)) send(event);
        connection('CAUGHT_UP');
      },
    };
    streams.open.add(stream);
    if (streams.downSince !== null) connection('STALE');
    // Serialised: a follow and an unfollow in quick succession end as the later one left them.
    let syncing: Promise<void> = Promise.resolve();
    const sync = () =>
      (syncing = syncing
        .then(async () => {
          const followed = new Set(await followeesOf(prisma, viewer));
          for (const [athleteId, unsubscribe] of listening) {
            if (followed.has(athleteId)) continue;
            listening.delete(athleteId);
            await (
              await unsubscribe
            )();
          }
          for (const athleteId of followed) {
            if (!listening.has(athleteId)) listening.set(athleteId, bus.subscribe(athleteActivityStatusTopic(athleteId), onStatus));
          }
          await Promise.all(listening.values());
        })
        .catch((error: unknown) => {
          stop(error);
        }));
    // Whom the viewer follows is read once their follows changes are heard, so no change falls between.
    const subscribed = bus.subscribe(followsChangedTopic(viewer), () => void sync());
    settingUp = subscribed.then(sync, () => undefined);
    const stopFollowingChanges = await subscribed.catch((error: unknown) => {
      streams.open.delete(stream);
      throw error;
    });
    try {
      await settingUp;
      await stop;
    } finally {
      streams.open.delete(stream);
      await stopFollowingChanges();
      await syncing;
      await Promise.all([...listening.values()].map(async (unsubscribe) => (await unsubscribe)()));
    }
  });
}
