import { Repeater } from '@repeaterjs/repeater';
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '@pacegraph/db';
import { activityStatesOf } from '@pacegraph/db/reads/activity';
import { privacyZoneShapesOf } from '@pacegraph/db/reads/social';
import { athleteRelationLoader } from '@pacegraph/subgraph-host';
import {
  activityStatusTopic,
  canViewActivity,
  followingMatters,
  isActivityStatusEvent,
  isUuid,
  NotFoundError,
  type ActivityStatusEvent,
  type EventBus,
  type EventBusConnectivity,
  EventBusDownError,
  type Identity,
  type Logger,
} from '@pacegraph/service-kit';
import { ActivityReason, type Sport } from '@pacegraph/activity-rules';
import { advanceLiveTrack, emptyLiveTrack, isInAnyPrivacyZone, type LiveTrack, type TrackPoint } from '@pacegraph/track-math';
import {
  elapsedSeconds,
  finalStatuses,
  liveActivityTopic,
  liveUpdateOf,
  type LiveActivity,
  type LiveActivityUpdate,
  type LiveEvent,
  type LiveTrackUpdate,
} from './domain/live-activity.js';
import type { RecordingActivity } from './recording-activities.js';
import { hotPointsOf, storedPointsBetween } from './store/track-points.js';

/** An activity's status as stored: what a watch catches up to after a bus outage. */
interface StoredStatus extends Pick<LiveActivity, 'status' | 'visibility' | 'startedAt'> {
  endedAt: Date | null;
  updatedAt: Date;
}

/** An open watch, as the feed reaches it when the bus goes down and comes back. */
interface OpenWatch {
  activityId: string;
  busDown(): void;
  /** `current` is undefined when the activity is gone. */
  busUp(current: StoredStatus | undefined): void;
}

/** Reads of the watched activities' statuses after a bus outage, before giving up (logged). @default 5 */
const catchUpAttempts = 5;
const catchUpRetryMs = 1000;

/**
 * Live figures of recording activities. The instance that stores a batch
 * advances the activity's live track (kept here; catching up from the
 * database on fixes another instance stored) and publishes one update on the
 * activity's topic: the work is done once per batch, whoever watches. Each
 * watcher checks, on every update and status change, that its viewer may
 * still see the activity; the gateway, watching for many viewers at once,
 * gets who may see it with every event and checks each viewer itself.
 *
 * When the bus goes down, every watcher is sent its latest figures marked
 * stale. When it is back, one query reads the status of every watched
 * activity and each watcher is sent it (a stop and a completion announced
 * meanwhile were lost with the bus, but they are in PostgreSQL).
 */
export class LiveFeed {
  private readonly tracks: LRUCache<string, LiveTrack>;
  private readonly watches = new Set<OpenWatch>();
  private readonly stopListening: () => void;

  /** @param max live tracks remembered @default 100,000 */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly bus: EventBus,
    private readonly log: Logger,
    max = 100_000,
  ) {
    this.tracks = new LRUCache({ max });
    this.stopListening = bus.onConnectivityChange((connectivity) => void this.connectivityChanged(connectivity));
  }

  private async connectivityChanged(connectivity: EventBusConnectivity): Promise<void> {
    if (connectivity === 'DOWN') {
      for (const watch of this.watches) watch.busDown();
      return;
    }
    for (let attempt = 1; this.watches.size > 0 && this.bus.connectivity() === 'UP'; attempt++) {
      const watches = [...this.watches];
      try {
        const rows = await activityStatesOf(this.prisma, [...new Set(watches.map((watch) => watch.activityId))]);
        const current = new Map(rows.map((row) => [row.id, row]));
        for (const [id, status] of current) if (finalStatuses.includes(status.status)) this.tracks.delete(id);
        for (const watch of watches) watch.busUp(current.get(watch.activityId));
        return;
      } catch (error) {
        this.log.warn({ err: error, attempt }, 'could not read the watched activities after the bus came back');
        if (attempt >= catchUpAttempts) return;
        await new Promise((resolve) => setTimeout(resolve, catchUpRetryMs));
      }
    }
  }

  /** Stops following the bus's connectivity. */
  close(): void {
    this.stopListening();
  }

  /** After a batch was stored: advances the live track and publishes its figures. Never rejects. */
  async recorded(activity: RecordingActivity, points: TrackPoint[]): Promise<void> {
    if (points.length === 0) return;
    try {
      const track = await this.advanced(activity, points);
      await this.bus.publish(liveActivityTopic(activity.id), liveUpdateOf(activity, track));
    } catch (error) {
      // While the bus is down every batch would say so: the bus logged it once.
      if (!(error instanceof EventBusDownError)) this.log.warn({ err: error, activityId: activity.id }, 'could not publish a live update');
    }
  }

  private async advanced(activity: RecordingActivity, points: TrackPoint[]): Promise<LiveTrack> {
    const known = this.tracks.get(activity.id);
    let track: LiveTrack;
    if (!known) {
      // Read after the insert: the stored fixes include this batch's.
      track = await this.currentTrack(activity.id, activity.sport);
    } else {
      const first = Math.min(...points.map((point) => point.seq));
      const last = known.lastSeq ?? -1;
      // Fixes between the last one taken in and this batch went to another instance: read them.
      const between = first > last + 1 ? await storedPointsBetween(this.prisma, activity.id, last, first) : [];
      track = advanceLiveTrack(known, [...between, ...points]);
    }
    this.tracks.set(activity.id, track);
    return track;
  }

  /** The activity's live track: as this instance keeps it, or built from its stored fixes. */
  private async currentTrack(activityId: string, sport: Sport): Promise<LiveTrack> {
    const known = this.tracks.get(activityId);
    if (known) return known;
    const stored = (await hotPointsOf(this.prisma, [activityId])).get(activityId) ?? [];
    return advanceLiveTrack(emptyLiveTrack(sport), stored);
  }

  /**
   * The activity's live updates for a viewer: the current figures at once,
   * then every update until it is completed or discarded. An activity the
   * viewer may not see is NOT_FOUND; one that stops being visible to them
   * ends the stream with that error. For the gateway watching on behalf of
   * many viewers (`fanOut`), nothing is checked here: each event carries its
   * audience.
   */
  async watch(identity: Identity, activityId: string): Promise<AsyncIterable<LiveEvent>> {
    const [row] = isUuid(activityId) ? await activityStatesOf(this.prisma, [activityId.toLowerCase()]) : [];
    if (!row) throw new NotFoundError(ActivityReason.NotFound, 'No such activity');
    const { id, athleteId, status, visibility, startedAt, sport, updatedAt } = row;
    const activity: LiveActivity = { id, athleteId, status, visibility, startedAt };
    const relationNow = () => athleteRelationLoader(this.prisma, identity.viewerId).load(activity.athleteId);
    let relation = identity.fanOut ? null : await relationNow();
    const allowed = async () => {
      if (relation === null) return true;
      // Following can end (or begin) between events: asked again whenever it decides.
      if (relation !== 'ATHLETE' && followingMatters(activity)) relation = await relationNow();
      return canViewActivity(activity, relation);
    };
    if (!(await allowed())) throw new NotFoundError(ActivityReason.NotFound, 'No such activity');
    // Anyone but the athlete (and a stream shared by many) never gets a position inside a privacy zone,
    // the zones read at each position (one may be added while the athlete records).
    const shown = async <Update extends Pick<LiveActivityUpdate, 'lastPoint'>>(update: Update): Promise<Update> => {
      if (!update.lastPoint || relation === 'ATHLETE') return update;
      const zones = await privacyZoneShapesOf(this.prisma, [activity.athleteId]);
      return isInAnyPrivacyZone(update.lastPoint, zones) ? { ...update, lastPoint: null } : update;
    };
    return new Repeater<LiveEvent>(async (push, stop) => {
      let latest: Figures | null = null;
      let stale = this.bus.connectivity() === 'DOWN';
      // When the status last changed (the row's updatedAt): an older status, read or resent late, is not applied.
      let statusAt = updatedAt.getTime();
      // Events are checked one after another, so they go out in the order they came.
      let previous: Promise<unknown> = Promise.resolve();
      const inTurn = (work: () => Promise<unknown>) => (previous = previous.then(work).catch((error: unknown) => stop(error)));
      const send = async (update: Figures) => {
        if (!(await allowed())) return stop(new NotFoundError(ActivityReason.NotFound, 'No such activity'));
        latest = update;
        const { athleteId, visibility, status } = activity;
        await push({ update: { ...(await shown(update)), stale }, audience: { athleteId, visibility, status } });
        if (finalStatuses.includes(update.status)) stop();
      };
      const onUpdate = (message: unknown) => {
        // The status as the update arrived: a status change queued after it must not go out with it.
        const { status } = activity;
        void inTurn(() => send({ ...(message as LiveTrackUpdate), status }));
      };
      const onStatus = (message: unknown) => {
        if (!isActivityStatusEvent(message) || message.activityId !== activity.id) return;
        if (Date.parse(message.at) < statusAt) return;
        statusAt = Date.parse(message.at);
        Object.assign(activity, statusOf(message));
        const at = new Date(message.at);
        void inTurn(() => {
          const base = latest ?? liveUpdateOf(activity, emptyLiveTrack(sport), at);
          // The time runs to the device's time of the change (once stopped, to the stop), not to when the server heard of it.
          const until = new Date(message.endedAt ?? message.transitionAt ?? message.at);
          return send({ ...base, status: activity.status, at: message.at, elapsedTimeSeconds: elapsedSeconds(activity.startedAt, until) });
        });
      };
      const watch: OpenWatch = {
        activityId: activity.id,
        busDown: () => {
          stale = true;
          void inTurn(async () => {
            if (latest) await send(latest);
          });
        },
        busUp: (current) =>
          void inTurn(async () => {
            stale = false;
            if (!current) return stop(new NotFoundError(ActivityReason.NotFound, 'No such activity'));
            const changed = current.updatedAt.getTime() > statusAt && current.status !== activity.status;
            if (current.updatedAt.getTime() >= statusAt) {
              statusAt = current.updatedAt.getTime();
              Object.assign(activity, { status: current.status, visibility: current.visibility, startedAt: current.startedAt });
            }
            // Batches this instance took while the bus was down advanced its track, though no update went out.
            const track = this.tracks.get(activity.id);
            const base =
              track && (!latest?.lastPoint || (track.last && track.last.time * 1000 > Date.parse(latest.lastPoint.time)))
                ? liveUpdateOf(activity, track)
                : (latest ?? liveUpdateOf(activity, emptyLiveTrack(sport), current.updatedAt));
            if (!changed) return send({ ...base, status: activity.status });
            const until = current.endedAt ?? current.updatedAt;
            return send({
              ...base,
              status: activity.status,
              at: current.updatedAt.toISOString(),
              elapsedTimeSeconds: elapsedSeconds(activity.startedAt, until),
            });
          }),
      };
      this.watches.add(watch);
      const unsubscribes = await Promise.all([
        this.bus.subscribe(liveActivityTopic(activity.id), onUpdate),
        this.bus.subscribe(activityStatusTopic, onStatus),
      ]).catch((error: unknown) => {
        this.watches.delete(watch);
        throw error;
      });
      try {
        // Subscribed first, then read: nothing published meanwhile is missed.
        const track = await this.currentTrack(activity.id, sport);
        await inTurn(async () => {
          if (!latest) await send({ ...liveUpdateOf(activity, track), status: activity.status });
        });
        await stop;
      } finally {
        this.watches.delete(watch);
        await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
      }
    });
  }

  /** Forgets the live track of an activity that was completed or discarded. */
  statusChanged(event: ActivityStatusEvent): void {
    if (finalStatuses.includes(event.status)) this.tracks.delete(event.activityId);
  }
}

/** An update before it is stamped stale or not. */
type Figures = Omit<LiveActivityUpdate, 'stale'>;

function statusOf(event: ActivityStatusEvent): Pick<LiveActivity, 'status' | 'visibility' | 'startedAt'> {
  return { status: event.status, visibility: event.visibility, startedAt: event.startedAt ? new Date(event.startedAt) : null };
}
