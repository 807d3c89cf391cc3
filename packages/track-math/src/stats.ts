import type { Sport } from '@pacegraph/activity-rules';
import { climbMeters } from './elevation-profile.js';
import { distanceMeters } from './geodesy.js';
import {
  banisterTrimp,
  defaultHeartRateProfile,
  emptyHeartRateZones,
  heartRateZoneOf,
  stepReading,
  type HeartRateProfile,
  type HeartRateZone,
} from './heart-rate.js';
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
  /** Time-weighted over moving time with a reading; null without heart-rate readings. */
  averageHeartRateBpm: number | null;
  /** The highest reading of the fixes the track keeps; null without readings. */
  maxHeartRateBpm: number | null;
  /** Time-weighted over moving time with a reading, as the sensor counts (steps or revolutions per minute); null without readings. */
  averageCadence: number | null;
  /** Moving time in each of the five zones of the athlete's maximum heart rate; null without readings. */
  heartRateZones: HeartRateZone[] | null;
  /** Banister's TRIMP summed over the moving time with a reading (see docs/stats.md); null without readings. */
  trainingLoad: number | null;
}

/** Smoothed elevation changes within this many of their standard deviations are noise, not climb. */
const climbHysteresisSigmas = 1;
/**
 * ...and never within this: a barometric altitude drifts with the weather and
 * the wind, a GPS one wanders, by a metre or two over minutes, smoothly (the
 * profile's own uncertainty cannot see it). Tuned on three real recordings
 * that state their ascent (docs/accuracy.md); the largest that leaves the
 * synthetic tracks' climb as it was. @default 2 m
 */
const minimumClimbHysteresisMeters = 2;
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
  /** The heart rate over the moving step that ends here (`stepReading`); null standing, at a segment's start, or without readings. */
  heartRateBpm: number | null;
  /** Running totals: beats, and moving seconds with a heart-rate reading. */
  heartRateBeats: number;
  heartRateSeconds: number;
  /** Running totals: cadence cycles (steps or revolutions), and moving seconds with a cadence reading. */
  cadenceCycles: number;
  cadenceSeconds: number;
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
  const totals = { heartRateBeats: 0, heartRateSeconds: 0, cadenceCycles: 0, cadenceSeconds: 0 };
  segments.forEach((segment, segmentIndex) => {
    segment.forEach((point, index) => {
      const previous = segment[index - 1];
      let heartRateBpm: number | null = null;
      if (previous && point.moving) {
        distance += distanceMeters(previous, point);
        moving += point.movingSeconds;
        heartRateBpm = stepReading(previous.heartRate, point.heartRate);
        const cadence = stepReading(previous.cadence, point.cadence);
        if (heartRateBpm !== null) {
          totals.heartRateBeats += (heartRateBpm * point.movingSeconds) / 60;
          totals.heartRateSeconds += point.movingSeconds;
        }
        if (cadence !== null) {
          totals.cadenceCycles += (cadence * point.movingSeconds) / 60;
          totals.cadenceSeconds += point.movingSeconds;
        }
      }
      profile.push({
        lat: point.lat,
        lon: point.lon,
        elevation: point.elevation,
        time: point.time,
        distanceMeters: distance,
        movingTimeSeconds: moving,
        segment: segmentIndex,
        heartRateBpm,
        ...totals,
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
  /** @default defaultHeartRateProfile */
  heartRateProfile?: HeartRateProfile;
}

/** Distance, times, speeds, climb, heart rate and cadence of an activity, from its fixes and pauses. */
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
  const hysteresisMeters = Math.max(minimumClimbHysteresisMeters, climbHysteresisSigmas * (elevationUncertaintyMeters ?? 0));
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
    ...heartRateAndCadenceStats(segments, profile, input.heartRateProfile ?? defaultHeartRateProfile),
  };
  return { stats, segments, profile };
}

/** Per unit of time with a reading: a running total's average per minute, null without any. */
export function perMinute(cycles: number, seconds: number): number | null {
  return seconds > 0 ? cycles / (seconds / 60) : null;
}

/** Heart rate, zones, training load and cadence of the smoothed track. */
export function heartRateAndCadenceStats(
  segments: SmoothedPoint[][],
  profile: ProfilePoint[],
  heartRateProfile: HeartRateProfile,
): Pick<ActivityStats, 'averageHeartRateBpm' | 'maxHeartRateBpm' | 'averageCadence' | 'heartRateZones' | 'trainingLoad'> {
  const last = profile[profile.length - 1];
  const maxReading = segments
    .flat()
    .reduce<number | null>((max, { heartRate }) => (heartRate == null ? max : Math.max(max ?? heartRate, heartRate)), null);
  const zones = emptyHeartRateZones(heartRateProfile.maxHeartRateBpm);
  let trainingLoad = 0;
  profile.forEach((point, index) => {
    if (point.heartRateBpm === null) return;
    const seconds = point.heartRateSeconds - profile[index - 1]!.heartRateSeconds;
    zones[heartRateZoneOf(point.heartRateBpm, heartRateProfile.maxHeartRateBpm) - 1]!.seconds += seconds;
    trainingLoad += banisterTrimp(seconds, point.heartRateBpm, heartRateProfile);
  });
  const withHeartRate = (last?.heartRateSeconds ?? 0) > 0;
  return {
    averageHeartRateBpm: perMinute(last?.heartRateBeats ?? 0, last?.heartRateSeconds ?? 0),
    maxHeartRateBpm: maxReading,
    averageCadence: perMinute(last?.cadenceCycles ?? 0, last?.cadenceSeconds ?? 0),
    // To the millisecond: a stored zone reads back as computed, whatever digits the database prints an array's floats with.
    heartRateZones: withHeartRate ? zones.map((zone) => ({ ...zone, seconds: Math.round(zone.seconds * 1000) / 1000 })) : null,
    trainingLoad: withHeartRate ? trainingLoad : null,
  };
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
