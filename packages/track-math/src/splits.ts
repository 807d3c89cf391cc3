import { perMinute, type ProfilePoint } from './stats.js';

export type SplitUnit = 'KM' | 'MILE';
export const splitUnitMeters: Record<SplitUnit, number> = { KM: 1000, MILE: 1609.344 };

export interface Split {
  /** 1 for the first unit. */
  index: number;
  /** A full unit, or less for the last split. */
  distanceMeters: number;
  movingTimeSeconds: number;
  /** Moving time per km, whatever the unit. */
  paceSecondsPerKm: number;
  /** Climb minus descent over the split; null without elevations. */
  elevationChangeMeters: number | null;
  /** Time-weighted over the split's moving time with a reading; null without readings. */
  averageHeartRateBpm: number | null;
  /** Time-weighted like the heart rate; null without readings. */
  averageCadence: number | null;
}

/** The running totals of the sensors' readings, at a point of the moving path. */
type SensorTotals = Pick<ProfilePoint, 'heartRateBeats' | 'heartRateSeconds' | 'cadenceCycles' | 'cadenceSeconds'>;
const sensorTotalKeys = ['heartRateBeats', 'heartRateSeconds', 'cadenceCycles', 'cadenceSeconds'] as const;

/** Where the moving path reaches `distance`: moving time and elevation, interpolated between points. */
export function profileAt(
  profile: ProfilePoint[],
  distance: number,
  from = 0,
): { index: number; movingTime: number; elevation: number | null; totals: SensorTotals } {
  let index = from;
  while (index < profile.length - 1 && profile[index + 1]!.distanceMeters < distance) index++;
  const a = profile[index]!;
  const b = profile[Math.min(index + 1, profile.length - 1)]!;
  const span = b.distanceMeters - a.distanceMeters;
  const share = span > 0 ? Math.min(1, Math.max(0, (distance - a.distanceMeters) / span)) : 0;
  const elevation = a.elevation !== null && b.elevation !== null ? a.elevation + share * (b.elevation - a.elevation) : null;
  const totals = Object.fromEntries(sensorTotalKeys.map((key) => [key, a[key] + share * (b[key] - a[key])])) as SensorTotals;
  return { index, movingTime: a.movingTimeSeconds + share * (b.movingTimeSeconds - a.movingTimeSeconds), elevation, totals };
}

/** Splits per km or mile, cut at the exact boundary (interpolated between fixes), the last one partial. */
export function computeSplits(profile: ProfilePoint[], unit: SplitUnit): Split[] {
  const total = profile[profile.length - 1]?.distanceMeters ?? 0;
  const unitMeters = splitUnitMeters[unit];
  const splits: Split[] = [];
  const noTotals: SensorTotals = { heartRateBeats: 0, heartRateSeconds: 0, cadenceCycles: 0, cadenceSeconds: 0 };
  let previous = { index: 0, movingTime: 0, elevation: profile[0]?.elevation ?? null, totals: noTotals };
  for (let boundary = unitMeters, index = 1; boundary - unitMeters < total - 1e-6; boundary += unitMeters, index++) {
    const end = boundary <= total ? boundary : total;
    const at = profileAt(profile, end, previous.index);
    const distance = end - (boundary - unitMeters);
    if (distance < 1) break; // less than a metre left over: rounding, not a split
    const seconds = at.movingTime - previous.movingTime;
    splits.push({
      index,
      distanceMeters: distance,
      movingTimeSeconds: seconds,
      paceSecondsPerKm: seconds / (distance / 1000),
      elevationChangeMeters: at.elevation !== null && previous.elevation !== null ? at.elevation - previous.elevation : null,
      averageHeartRateBpm: perMinute(
        at.totals.heartRateBeats - previous.totals.heartRateBeats,
        at.totals.heartRateSeconds - previous.totals.heartRateSeconds,
      ),
      averageCadence: perMinute(
        at.totals.cadenceCycles - previous.totals.cadenceCycles,
        at.totals.cadenceSeconds - previous.totals.cadenceSeconds,
      ),
    });
    previous = at;
  }
  return splits;
}
