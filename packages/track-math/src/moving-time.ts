import type { StepMotion } from './kalman-smoother.js';
import { planarMeters, type PlanarFix, type PlanarTrack } from './planar-track.js';

/** Seconds of ordinary moving either side of a step that tell the speed the athlete was cruising at. */
const cruisingReferenceSeconds = 30;

/**
 * Moving seconds of each step between fixes: none while standing, all of an
 * ordinary moving step. A step that runs into a stop or out of one, or spans
 * a gap in the fixes (a tunnel, and perhaps a stop inside it), was moving
 * only part of the time: its distance at the speed the athlete was cruising
 * at around it tells how long.
 */
export function stepMovingSeconds(fixes: PlanarFix[], track: PlanarTrack, motion: StepMotion[]): number[] {
  const cruising = cruisingSpeeds(fixes, track, motion);
  const gap = gapSeconds(fixes);
  return fixes.map((fix, index) => {
    if (index === 0 || motion[index] === 'standing') return 0;
    const seconds = fix.time - fixes[index - 1]!.time;
    const partial = motion[index] !== 'moving' || seconds > gap;
    const speed = partial ? cruising(index, 'both') : null;
    return speed === null ? seconds : Math.min(seconds, planarMeters(track, index - 1, index) / speed);
  });
}

/**
 * The speed the athlete was cruising at around a step: over the ordinary
 * moving steps (not into or out of a stop, not across a gap) within 30 s
 * before it, after it, or both. Null where there are none.
 */
export function cruisingSpeeds(
  fixes: PlanarFix[],
  track: PlanarTrack,
  motion: StepMotion[],
): (step: number, side: 'before' | 'after' | 'both') => number | null {
  const gap = gapSeconds(fixes);
  const ordinary = (index: number) => index > 0 && motion[index] === 'moving' && fixes[index]!.time - fixes[index - 1]!.time <= gap;
  return (step, side) => {
    let meters = 0;
    let seconds = 0;
    const add = (index: number) => {
      meters += planarMeters(track, index - 1, index);
      seconds += fixes[index]!.time - fixes[index - 1]!.time;
    };
    if (side !== 'after') {
      const until = fixes[step - 1]!.time - cruisingReferenceSeconds;
      for (let index = step - 1; ordinary(index) && fixes[index]!.time > until; index--) add(index);
    }
    if (side !== 'before') {
      const until = fixes[Math.min(step, fixes.length - 1)]!.time + cruisingReferenceSeconds;
      for (let index = step + 1; index < fixes.length && ordinary(index) && fixes[index - 1]!.time < until; index++) add(index);
    }
    return seconds > 0 && meters > 0 ? meters / seconds : null;
  };
}

/** A step this long is a gap in the fixes: three usual sampling intervals, and at least 10 s. */
function gapSeconds(fixes: PlanarFix[]): number {
  const intervals = fixes.slice(1).map((fix, index) => fix.time - fixes[index]!.time);
  intervals.sort((a, b) => a - b);
  return Math.max(10, 3 * (intervals[Math.floor(intervals.length / 2)] ?? 1));
}
