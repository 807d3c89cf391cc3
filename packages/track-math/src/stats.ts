import type { Sport } from '@pacegraph/activity-rules';
import { climbMeters } from './elevation-profile.js';
import { distanceMeters } from './geodesy.js';
import type { TrackPoint } from './track-point.js';
import { smoothActivity, type SmoothedPoint } from './track-smoothing.js';

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

/** Smoothed elevation changes within this many of their standard deviations are noise, not climb. */
const climbHysteresisSigmas = 1;
/** Max speed is measured over at least this long, so one spike cannot make it. */
const maxSpeedWindowSeconds = 10;

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
        moving += point.movingSeconds;
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
  const { segments, elevationUncertaintyMeters } = smoothActivity(input);
  const hysteresisMeters = climbHysteresisSigmas * (elevationUncertaintyMeters ?? 0);
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
    const elevations = segment.flatMap(({ elevation }) => (elevation === null ? [] : [elevation]));
    const climb = climbMeters(elevations, hysteresisMeters);
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
