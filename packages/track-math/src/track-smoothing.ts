import type { Sport } from '@pacegraph/activity-rules';
import { smoothElevationProfile } from './elevation-profile.js';
import { defaultAccuracyMeters, maxUsableAccuracyMeters, smoothSegment } from './segment-smoothing.js';
import type { Pause } from './stats.js';
import type { TrackPoint } from './track-point.js';

/**
 * A fix after cleaning and smoothing: where the athlete most likely was. Or,
 * with a null seq, where the athlete most likely was when the timer started,
 * paused or stopped while moving between fixes, reckoned from the nearest fix.
 */
export interface SmoothedPoint {
  /** The fix's seq; null for a point reckoned to a timer event. */
  seq: number | null;
  /** Seconds since the epoch. */
  time: number;
  lat: number;
  lon: number;
  elevation: number | null;
  /** Whether the athlete moved between the previous point of the segment and this one. */
  moving: boolean;
  /** Seconds of that step the athlete was moving: all of it, or part where it ran into or out of a stop. */
  movingSeconds: number;
  /** The fix's readings (as `cleanTrackPointValues` leaves them); null for a reckoned point. */
  heartRate?: number | null;
  cadence?: number | null;
}

/** What a track is smoothed from: its fixes, and the timer's events where known. */
export interface TimedTrack {
  points: TrackPoint[];
  sport: Sport;
  pauses?: Pause[];
  startedAt?: Date | null;
  endedAt?: Date | null;
}

/** The smoothed track, split at pauses, and how far its elevations can still be trusted. */
export interface SmoothedActivity {
  segments: SmoothedPoint[][];
  /** Typical standard deviation of a smoothed elevation, metres; null without elevations. */
  elevationUncertaintyMeters: number | null;
}

/**
 * Cleans a recorded track into segments of smoothed points: sorted by time,
 * seqs de-duplicated, fixes with poor accuracy and fixes inside explicit
 * pauses dropped, split at pauses (no distance is counted across one), then
 * per segment a Kalman/RTS smoother with outliers left out, stops found and
 * the track smoothed again knowing them; elevations smoothed along it.
 */
export function smoothTrack(points: TrackPoint[], sport: Sport, pauses: Pause[] = []): SmoothedPoint[][] {
  return smoothActivity({ points, sport, pauses }).segments;
}

/**
 * `smoothTrack`, with the uncertainty of the smoothed elevations that climb is
 * judged against. Where the timer started, paused, resumed or stopped while
 * the athlete was moving between fixes, the stretch from the event to the
 * nearest fix is reckoned at the athlete's speed there.
 */
export function smoothActivity({ points, sport, pauses = [], startedAt, endedAt }: TimedTrack): SmoothedActivity {
  const sorted = [...new Map(points.map((point) => [point.seq, point])).values()]
    .filter((point) => (point.accuracy ?? defaultAccuracyMeters) <= maxUsableAccuracyMeters)
    .sort((a, b) => a.time.getTime() - b.time.getTime() || a.seq - b.seq);
  const spans = pauses.map((pause) => ({ from: pause.from.getTime(), to: pause.to.getTime() }));
  const recorded: TrackPoint[][] = [[]];
  let previousTime = -Infinity;
  for (const point of sorted) {
    const time = point.time.getTime();
    // A fix at the very moment of a pause or resume still belongs to the moving on either side.
    if (spans.some((span) => span.from < time && time < span.to)) continue;
    // A pause between the previous fix and this one ends the segment: nothing is counted across it.
    if (spans.some((span) => span.from >= previousTime && span.from < time)) recorded.push([]);
    recorded[recorded.length - 1]!.push(point);
    previousTime = time;
  }
  const started = startedAt?.getTime() ?? -Infinity;
  const ended = endedAt?.getTime() ?? Infinity;
  const segments = recorded
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      const first = segment[0]!.time.getTime();
      const last = segment[segment.length - 1]!.time.getTime();
      // The timer's events around the segment: the start or a resume before it, a pause or the end after it.
      const opened = Math.max(started, ...spans.map((span) => span.to).filter((to) => to <= first));
      const closed = Math.min(ended, ...spans.map((span) => span.from).filter((from) => from >= last));
      return smoothSegment(segment, sport, { opened: opened / 1000, closed: closed / 1000 });
    });
  const profile = smoothElevationProfile(segments);
  const bySeq = new Map(sorted.map((point) => [point.seq, point]));
  const readingsOf = (seq: number | null) => {
    const fix = seq === null ? undefined : bySeq.get(seq);
    return { heartRate: fix?.heartRate ?? null, cadence: fix?.cadence ?? null };
  };
  return {
    segments: segments.map(({ points: smoothed }, index) =>
      smoothed.map((point, at) => ({ ...point, elevation: profile?.elevations[index]![at] ?? null, ...readingsOf(point.seq) })),
    ),
    elevationUncertaintyMeters: profile?.uncertaintyMeters ?? null,
  };
}
