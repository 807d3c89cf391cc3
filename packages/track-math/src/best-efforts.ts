import { profileAt } from './splits.js';
import type { ProfilePoint } from './stats.js';

/** The distances a run's best efforts are kept for. */
export const bestEffortDistances = [
  { name: '400 m', meters: 400 },
  { name: '1 km', meters: 1000 },
  { name: '1 mile', meters: 1609.344 },
  { name: '5 km', meters: 5000 },
  { name: '10 km', meters: 10_000 },
  { name: 'Half marathon', meters: 21_097.5 },
  { name: 'Marathon', meters: 42_195 },
] as const;

export interface BestEffort {
  name: string;
  distanceMeters: number;
  /** The fastest moving time over any stretch of that distance. */
  movingTimeSeconds: number;
  /** Distance along the activity where that stretch starts. */
  startDistanceMeters: number;
}

/**
 * The fastest stretch of each standard distance the activity covers: a
 * window rolled along the moving path, its far end interpolated at the exact
 * distance, O(n) per distance.
 */
export function computeBestEfforts(profile: ProfilePoint[]): BestEffort[] {
  const total = profile[profile.length - 1]?.distanceMeters ?? 0;
  const efforts: BestEffort[] = [];
  for (const { name, meters } of bestEffortDistances) {
    if (meters > total) break;
    let best: BestEffort | null = null;
    let end = 0;
    for (let start = 0; start < profile.length; start++) {
      const from = profile[start]!;
      const target = from.distanceMeters + meters;
      if (target > total) break;
      const at = profileAt(profile, target, end);
      end = at.index;
      const seconds = at.movingTime - from.movingTimeSeconds;
      if (!best || seconds < best.movingTimeSeconds) {
        best = { name, distanceMeters: meters, movingTimeSeconds: seconds, startDistanceMeters: from.distanceMeters };
      }
    }
    if (best) efforts.push(best);
  }
  return efforts;
}
