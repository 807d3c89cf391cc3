/**
 * Heart rate and cadence read off the moving profile. Each step between two
 * consecutive points of the smoothed track carries the mean of the readings at
 * its ends (the one reading when only one end has one; none when neither does)
 * for its moving seconds: averages are time-weighted over moving time with a
 * reading, so standing at a light and pauses count for nothing.
 */

/** What the athlete's heart-rate figures are reckoned against. */
export interface HeartRateProfile {
  /** @default 190 bpm (`defaultHeartRateProfile`) */
  maxHeartRateBpm: number;
  /** @default 60 bpm (`defaultHeartRateProfile`) */
  restingHeartRateBpm: number;
}

/**
 * For an athlete who has not stated their own maximum: 190 bpm, and a resting
 * rate of 60 bpm, round figures for an adult endurance athlete (see docs/stats.md).
 */
export const defaultHeartRateProfile: HeartRateProfile = { maxHeartRateBpm: 190, restingHeartRateBpm: 60 };

/** The profile of an athlete who stated `maxHeartRateBpm` in their preferences (null: not stated, the default's). */
export function heartRateProfileOf(maxHeartRateBpm: number | null): HeartRateProfile {
  return { ...defaultHeartRateProfile, maxHeartRateBpm: maxHeartRateBpm ?? defaultHeartRateProfile.maxHeartRateBpm };
}

/** Where zones 2 to 5 start, in percent of the maximum heart rate (zone 1 is everything below 60%). */
export const heartRateZoneStartPercents = [60, 70, 80, 90] as const;

/** Where zones 2 to 5 start for a maximum heart rate, bpm: whole percents of it, so 70% of 170 is 119, not 118.99999999999999. */
function heartRateZoneStarts(maxHeartRateBpm: number): number[] {
  return heartRateZoneStartPercents.map((percent) => (percent * maxHeartRateBpm) / 100);
}

/** Moving time spent in one heart-rate zone. */
export interface HeartRateZone {
  /** 1 (easy) to 5 (maximal). */
  zone: number;
  /** The zone's lower bound, bpm; null for zone 1. */
  minBpm: number | null;
  /** The zone's upper bound (the next zone's lower one), bpm; null for zone 5. */
  maxBpm: number | null;
  seconds: number;
}

/** A reading over a step: the mean of its ends' readings, or the one there is. */
export function stepReading(from: number | null | undefined, to: number | null | undefined): number | null {
  if (from != null && to != null) return (from + to) / 2;
  return from ?? to ?? null;
}

/** The five zones, empty, for a maximum heart rate. */
export function emptyHeartRateZones(maxHeartRateBpm: number): HeartRateZone[] {
  const bounds = heartRateZoneStarts(maxHeartRateBpm);
  return [null, ...bounds].map((minBpm, index) => ({ zone: index + 1, minBpm, maxBpm: bounds[index] ?? null, seconds: 0 }));
}

/** The zone (1-5) a heart rate is in. */
export function heartRateZoneOf(heartRateBpm: number, maxHeartRateBpm: number): number {
  return 1 + heartRateZoneStarts(maxHeartRateBpm).filter((start) => heartRateBpm >= start).length;
}

/**
 * Banister's training impulse (TRIMP) of a stretch at one heart rate:
 * minutes × HRr × 0.64 × e^(1.92 × HRr), HRr = (HR − resting) / (max − resting)
 * (the heart-rate reserve used, 0 below resting). Summed over the steps of an
 * activity it is its training load.
 */
export function banisterTrimp(seconds: number, heartRateBpm: number, profile: HeartRateProfile): number {
  const reserve = Math.max(0, (heartRateBpm - profile.restingHeartRateBpm) / (profile.maxHeartRateBpm - profile.restingHeartRateBpm));
  return (seconds / 60) * reserve * 0.64 * Math.exp(1.92 * reserve);
}
