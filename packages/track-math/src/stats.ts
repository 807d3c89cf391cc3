import { distanceMeters } from './geodesy.js';
import { smoothAxis } from './kalman-smoother.js';
import { LocalPlane } from './local-plane.js';
import { stoppedBelowMps, type Sport } from './sports.js';
import type { TrackPoint } from './track-point.js';

/** An explicit pause of the recording, from PAUSE to RESUME. */
export interface Pause {
  from: Date;
  to: Date;
}

export interface ActivityStats {
  distanceMeters: number;
  movingTimeSeconds: number;
  elapsedTimeSeconds: number;
  averageSpeedMps: number;
  maxSpeedMps: number;
  /** Moving time per km; null before any distance. */
  averagePaceSecondsPerKm: number | null;
  elevationGainMeters: number;
  elevationLossMeters: number;
}

/** A fix after cleaning and smoothing: where the athlete most likely was. */
export interface SmoothedPoint {
  seq: number;
  /** Seconds since the epoch. */
  time: number;
  lat: number;
  lon: number;
  elevation: number | null;
  /** Whether the athlete moved between the previous point of the segment and this one. */
  moving: boolean;
}

/** Fixes reported worse than this are dropped. @default 30 m */
export const maxUsableAccuracyMeters = 30;
/** Sigma assumed for a fix that reports no accuracy. @default 6 m */
export const defaultAccuracyMeters = 6;
/** A fix this many sigmas from the smoothed track is an outlier. */
const outlierSigmas = 3.5;
/** Unmodelled acceleration of the athlete, m²/s³ (how fast speed may change). */
const accelerationNoise: Record<Sport, number> = { RUN: 0.3, RIDE: 1.5, WALK: 0.02, HIKE: 0.015 };
/** The same for elevation: how fast the climb rate may change, m²/s³. Slow sports climb gently. */
const climbNoise: Record<Sport, number> = { RUN: 0.008, RIDE: 0.08, WALK: 0.0012, HIKE: 0.0008 };
/** Half-width of the window whose net displacement tells moving from standing, seconds. */
const motionWindowSeconds = 10;
/** Standing shorter than this is a slow step, not a stop: its distance counts. */
const minimumStopSeconds = 20;
/** Elevation changes smaller than this (after smoothing) are noise. */
const elevationHysteresisMeters = 3;
/** Max speed is measured over at least this long, so one spike cannot make it. */
const maxSpeedWindowSeconds = 10;

/**
 * Cleans a recorded track into segments of smoothed points: sorted by time,
 * seqs de-duplicated, fixes with poor accuracy and fixes inside explicit
 * pauses dropped, split at pauses (no distance is counted across one), then
 * per segment a Kalman/RTS smoother with outliers removed against it, and each
 * step marked moving or stopped.
 */
export function smoothTrack(points: TrackPoint[], sport: Sport, pauses: Pause[] = []): SmoothedPoint[][] {
  const sorted = [...new Map(points.map((point) => [point.seq, point])).values()]
    .filter((point) => (point.accuracy ?? defaultAccuracyMeters) <= maxUsableAccuracyMeters)
    .sort((a, b) => a.time.getTime() - b.time.getTime() || a.seq - b.seq);
  const spans = pauses.map((pause) => ({ from: pause.from.getTime(), to: pause.to.getTime() }));
  const segments: TrackPoint[][] = [[]];
  let previousTime = -Infinity;
  for (const point of sorted) {
    const time = point.time.getTime();
    if (spans.some((span) => span.from <= time && time < span.to)) continue;
    // A pause between the previous fix and this one ends the segment: nothing is counted across it.
    if (spans.some((span) => span.from >= previousTime && span.from < time)) segments.push([]);
    segments[segments.length - 1]!.push(point);
    previousTime = time;
  }
  return segments.filter((segment) => segment.length > 0).map((segment) => smoothSegment(segment, sport));
}

/**
 * The noise of fixes that report no accuracy, estimated from the track itself:
 * for steady motion the second difference of three consecutive positions is
 * noise alone (variance 6σ²), and its median ignores turns and outliers. Device
 * files carry already-filtered positions with little noise; treating them as
 * raw 6 m fixes would smooth real bends away.
 */
export function estimatedNoiseMeters(points: { east: number; north: number }[]): number {
  const seconds: number[] = [];
  for (let index = 1; index < points.length - 1; index++) {
    const a = points[index - 1]!;
    const b = points[index]!;
    const c = points[index + 1]!;
    seconds.push(Math.hypot(a.east - 2 * b.east + c.east, a.north - 2 * b.north + c.north));
  }
  if (seconds.length < 5) return defaultAccuracyMeters;
  seconds.sort((x, y) => x - y);
  const median = seconds[Math.floor(seconds.length / 2)]!;
  // For a 2-D Gaussian second difference (σ√6 per axis), the median radius is σ√6·√(2 ln 2).
  return Math.min(maxUsableAccuracyMeters, Math.max(1, median / (Math.sqrt(6) * Math.sqrt(2 * Math.LN2)) * Math.SQRT2));
}

function smoothSegment(points: TrackPoint[], sport: Sport): SmoothedPoint[] {
  const plane = new LocalPlane(points[0]!);
  if (points.some((point) => point.accuracy == null)) {
    const noise = estimatedNoiseMeters(points.map((point) => plane.toPlane(point)));
    points = points.map((point) => (point.accuracy == null ? { ...point, accuracy: noise } : point));
  }
  let kept = points;
  let positions = smoothPositions(kept, plane, sport);
  // Twice: a gross outlier pulls the first smoothing towards it and can hide a smaller one.
  for (let pass = 0; pass < 2; pass++) {
    const inliers = kept.filter((point, index) => {
      const here = plane.toPlane(point);
      const sigma = Math.max(point.accuracy ?? defaultAccuracyMeters, 1);
      return Math.hypot(here.east - positions[index]!.east, here.north - positions[index]!.north) <= outlierSigmas * sigma;
    });
    if (inliers.length === kept.length || inliers.length < 2) break;
    kept = inliers;
    positions = smoothPositions(kept, plane, sport);
  }
  const elevations = smoothElevations(kept, sport);
  const times = kept.map((point) => point.time.getTime() / 1000);
  const smoothed = kept.map((point, index) => {
    const { lat, lon } = plane.toLatLon(positions[index]!.east, positions[index]!.north);
    return { seq: point.seq, time: times[index]!, lat, lon, elevation: elevations?.[index] ?? null, moving: false };
  });
  markMotion(smoothed, positions, stoppedBelowMps[sport]);
  return smoothed;
}

function smoothPositions(points: TrackPoint[], plane: LocalPlane, sport: Sport) {
  const observations = points.map((point) => ({
    time: point.time.getTime() / 1000,
    ...plane.toPlane(point),
    sigma: Math.max(point.accuracy ?? defaultAccuracyMeters, 1) / Math.SQRT2,
  }));
  const q = accelerationNoise[sport];
  const east = smoothAxis(observations.map(({ time, east: value, sigma }) => ({ time, value, sigma })), q);
  const north = smoothAxis(observations.map(({ time, north: value, sigma }) => ({ time, value, sigma })), q);
  return east.map((value, index) => ({ east: value, north: north[index]! }));
}

function smoothElevations(points: TrackPoint[], sport: Sport): number[] | null {
  const withElevation = points.every((point) => point.elevation != null);
  if (!withElevation) return null;
  return smoothAxis(
    points.map((point) => ({
      time: point.time.getTime() / 1000,
      value: point.elevation!,
      // GPS altitude is about one and a half times as noisy as position.
      sigma: 1.5 * Math.max(point.accuracy ?? defaultAccuracyMeters, 1),
    })),
    climbNoise[sport],
  );
}

/**
 * Marks each step moving when the smoothed track moves at least the sport's
 * stop speed over a window around it: jitter around a standing athlete
 * averages out over the window, a slow walk does not.
 */
function markMotion(points: SmoothedPoint[], positions: { east: number; north: number }[], stopSpeed: number): void {
  let low = 0;
  let high = 0;
  for (let index = 1; index < points.length; index++) {
    const from = points[index - 1]!.time - motionWindowSeconds;
    const to = points[index]!.time + motionWindowSeconds;
    while (points[low]!.time < from) low++;
    while (high < points.length - 1 && points[high + 1]!.time <= to) high++;
    const seconds = points[high]!.time - points[low]!.time;
    const meters = Math.hypot(positions[high]!.east - positions[low]!.east, positions[high]!.north - positions[low]!.north);
    // The window keeps jitter out; the step's own smoothed speed sharpens the edges of a stop,
    // which the window alone would blur by its width.
    const step = points[index]!.time - points[index - 1]!.time;
    const stepMeters = Math.hypot(
      positions[index]!.east - positions[index - 1]!.east,
      positions[index]!.north - positions[index - 1]!.north,
    );
    points[index]!.moving = seconds > 0 && meters / seconds >= stopSpeed && stepMeters / step >= stopSpeed;
  }
  // A stop is a stretch of standing, not a slow step or two: shorter ones stay moving.
  let runStart = -1;
  for (let index = 1; index <= points.length; index++) {
    const stopped = index < points.length && !points[index]!.moving;
    if (stopped && runStart < 0) runStart = index;
    if (!stopped && runStart >= 0) {
      if (points[index - 1]!.time - points[runStart - 1]!.time < minimumStopSeconds) {
        for (let k = runStart; k < index; k++) points[k]!.moving = true;
      }
      runStart = -1;
    }
  }
}

/** A point of the moving path: how far and how long (moving) the athlete had come by then. */
export interface ProfilePoint {
  lat: number;
  lon: number;
  elevation: number | null;
  /** Seconds since the epoch. */
  time: number;
  distanceMeters: number;
  movingTimeSeconds: number;
  /** The segment (between explicit pauses) the point belongs to. */
  segment: number;
}

/**
 * The smoothed track as one running account of distance and moving time:
 * stopped steps add neither, nothing is added across a pause. Splits, best
 * efforts and stats are all read off it.
 */
export function trackProfile(segments: SmoothedPoint[][]): ProfilePoint[] {
  const profile: ProfilePoint[] = [];
  let distance = 0;
  let moving = 0;
  segments.forEach((segment, segmentIndex) => {
    segment.forEach((point, index) => {
      const previous = segment[index - 1];
      if (previous && point.moving) {
        distance += distanceMeters(previous, point);
        moving += point.time - previous.time;
      }
      profile.push({
        lat: point.lat,
        lon: point.lon,
        elevation: point.elevation,
        time: point.time,
        distanceMeters: distance,
        movingTimeSeconds: moving,
        segment: segmentIndex,
      });
    });
  });
  return profile;
}

/** What an activity's analysis starts from. */
export interface RecordedTrack {
  points: TrackPoint[];
  sport: Sport;
  startedAt: Date;
  endedAt?: Date | null;
  pauses?: Pause[];
}

/** Distance, times, speeds and climb of an activity, from its fixes and pauses. */
export function computeActivityStats(input: RecordedTrack): ActivityStats {
  return analyzeActivity(input).stats;
}

/** The smoothed track, its moving profile and its stats: one smoothing for everything read off it. */
export function analyzeActivity(input: RecordedTrack): {
  stats: ActivityStats;
  segments: SmoothedPoint[][];
  profile: ProfilePoint[];
} {
  const segments = smoothTrack(input.points, input.sport, input.pauses);
  const profile = trackProfile(segments);
  const last = profile[profile.length - 1];
  const distance = last?.distanceMeters ?? 0;
  const moving = last?.movingTimeSeconds ?? 0;
  let gain = 0;
  let loss = 0;
  let maxSpeed = 0;
  let offset = 0;
  for (const segment of segments) {
    // The profile holds the segments' points in order: each segment is the next slice of it.
    maxSpeed = Math.max(maxSpeed, windowedMaxSpeed(profile.slice(offset, (offset += segment.length))));
    const climb = elevationChange(segment);
    gain += climb.gain;
    loss += climb.loss;
  }
  const lastTime = input.points.reduce((latest, point) => Math.max(latest, point.time.getTime()), input.startedAt.getTime());
  const elapsed = Math.max(0, ((input.endedAt?.getTime() ?? lastTime) - input.startedAt.getTime()) / 1000);
  const stats = {
    distanceMeters: distance,
    movingTimeSeconds: moving,
    elapsedTimeSeconds: elapsed,
    averageSpeedMps: moving > 0 ? distance / moving : 0,
    maxSpeedMps: maxSpeed,
    averagePaceSecondsPerKm: distance > 0 ? moving / (distance / 1000) : null,
    elevationGainMeters: gain,
    elevationLossMeters: loss,
  };
  return { stats, segments, profile };
}

function windowedMaxSpeed(segment: ProfilePoint[]): number {
  let best = 0;
  let end = 0;
  for (let start = 0; start < segment.length; start++) {
    while (end < segment.length - 1 && segment[end]!.time - segment[start]!.time < maxSpeedWindowSeconds) end++;
    const seconds = segment[end]!.time - segment[start]!.time;
    if (seconds < maxSpeedWindowSeconds) break;
    best = Math.max(best, (segment[end]!.distanceMeters - segment[start]!.distanceMeters) / seconds);
  }
  return best;
}

/** Climb and descent with hysteresis: a change counts once it passes the threshold. */
function elevationChange(segment: SmoothedPoint[]): { gain: number; loss: number } {
  let gain = 0;
  let loss = 0;
  let reference: number | null = null;
  for (const { elevation } of segment) {
    if (elevation === null) continue;
    if (reference === null) reference = elevation;
    else if (elevation - reference >= elevationHysteresisMeters) {
      gain += elevation - reference;
      reference = elevation;
    } else if (reference - elevation >= elevationHysteresisMeters) {
      loss += reference - elevation;
      reference = elevation;
    }
  }
  return { gain, loss };
}
