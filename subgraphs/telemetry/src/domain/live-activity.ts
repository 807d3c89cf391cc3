import type { ActivityAudience, ActivityStatusName } from '@pacegraph/service-kit';
import { liveFigures, type LiveTrack } from '@pacegraph/track-math';

/** The bus topic of one activity's live updates: only instances with watchers of it subscribe. */
export const liveActivityTopic = (activityId: string) => `live.activity.${activityId}`;

/** What watchers of an activity are sent; crosses processes as JSON (times in ISO-8601). */
export interface LiveActivityUpdate {
  activityId: string;
  status: ActivityStatusName;
  at: string;
  distanceMeters: number;
  elapsedTimeSeconds: number;
  movingTimeSeconds: number;
  currentSpeedMps: number;
  currentPaceSecondsPerKm: number | null;
  averagePaceSecondsPerKm: number | null;
  lastPoint: LivePoint | null;
  /**
   * True while the event bus is down: the watcher hears of no new fix or
   * status change, and the figures may be behind. Cleared, with the current
   * status, once the bus is back.
   */
  stale: boolean;
}

/** The latest fix, as watchers are sent it. */
export interface LivePoint {
  lat: number;
  lon: number;
  elevation: number | null;
  /** Beats per minute; null without a reading. */
  heartRate: number | null;
  /** ISO-8601. */
  time: string;
}

/** A live activity as watchers know it: who may see it, and since when it runs. */
export interface LiveActivity extends ActivityAudience {
  id: string;
  startedAt: Date | null;
}

/** What a watcher is sent: the update, and who may see it (for the gateway, watching for many viewers). */
export interface LiveEvent {
  update: LiveActivityUpdate;
  audience: ActivityAudience;
}

/** Statuses after which nothing more happens: the live stream ends. */
export const finalStatuses: readonly ActivityStatusName[] = ['COMPLETED', 'DISCARDED'];

/**
 * What the instance that stored a batch publishes: the track's figures. The
 * status is each watcher's to add, from the status changes it follows, and
 * so is whether it is stale (as its own bus connection knows).
 */
export type LiveTrackUpdate = Omit<LiveActivityUpdate, 'status' | 'stale'>;

/** Seconds from the start to `at`, pauses included; 0 before the start. */
export function elapsedSeconds(startedAt: Date | null, at: Date): number {
  return startedAt ? Math.max(0, (at.getTime() - startedAt.getTime()) / 1000) : 0;
}

/**
 * The figures of a live track at `at` (the latest fix's time when omitted):
 * elapsed time from the start, the rest from the track.
 */
export function liveUpdateOf(activity: Pick<LiveActivity, 'id' | 'startedAt'>, track: LiveTrack, at?: Date): LiveTrackUpdate {
  const last = track.last;
  const when = at ?? (last ? new Date(last.time * 1000) : (activity.startedAt ?? new Date()));
  return {
    activityId: activity.id,
    at: when.toISOString(),
    ...liveFigures(track),
    elapsedTimeSeconds: elapsedSeconds(activity.startedAt, when),
    lastPoint: last
      ? {
          lat: last.lat,
          lon: last.lon,
          elevation: last.elevation,
          heartRate: last.heartRate ?? null,
          time: new Date(last.time * 1000).toISOString(),
        }
      : null,
  };
}

/** An activity as telemetry resolves it: its id; the rest of its fields are loaded by id. */
export interface ActivityReference {
  id: string;
}
