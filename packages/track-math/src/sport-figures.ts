import type { Sport } from '@pacegraph/activity-rules';

/** How a sport's speed reads best: runners, walkers and hikers think in pace (min/km), riders in speed (km/h). */
export const speedShownAs: Record<Sport, 'PACE' | 'SPEED'> = { RUN: 'PACE', RIDE: 'SPEED', WALK: 'PACE', HIKE: 'PACE' };

/** Labels of a sport's speed figures: the current one, the average, and the best of a finished activity. */
export function speedLabels(sport: Sport): { current: string; average: string; best: string } {
  return speedShownAs[sport] === 'PACE'
    ? { current: 'Pace /km', average: 'Avg pace /km', best: 'Best pace /km' }
    : { current: 'Speed km/h', average: 'Avg speed km/h', best: 'Max speed km/h' };
}

/** A duration as a clock: `m:ss`, or `h:mm:ss` from an hour; negative counts as 0. */
export function clockText(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** Kilometres with two decimals. */
export function distanceKmText(distanceMeters: number): string {
  return (Math.max(0, distanceMeters) / 1000).toFixed(2);
}

/**
 * A speed as the sport shows it: pace (`m:ss` per km; `–` while standing, when
 * no pace exists) or km/h with one decimal. Null (not known yet) is `–` either way.
 */
export function speedText(sport: Sport, speedMps: number | null | undefined): string {
  if (speedMps == null || !Number.isFinite(speedMps)) return '–';
  if (speedShownAs[sport] === 'SPEED') return (Math.max(0, speedMps) * 3.6).toFixed(1);
  return speedMps > 0 ? clockText(1000 / speedMps) : '–';
}

/** Distance over moving time in m/s; null before there is moving time. */
export function averageSpeedMps(distanceMeters: number, movingTimeSeconds: number): number | null {
  return movingTimeSeconds > 0 ? distanceMeters / movingTimeSeconds : null;
}
