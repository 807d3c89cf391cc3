import type { StepMotion } from './kalman-smoother.js';
import { cruisingSpeeds, stepMovingSeconds } from './moving-time.js';
import type { PlanarFix, PlanarTrack } from './planar-track.js';

/** A track straight east through the given (time, east) points, exactly as fixed. */
function track(points: [number, number][]): { fixes: PlanarFix[]; track: PlanarTrack } {
  const fixes = points.map(([time, east]) => ({ time, east, north: 0, sigma: 3 }));
  const zeros = points.map(() => 0);
  return { fixes, track: { east: points.map(([, east]) => east), north: zeros, velocityEast: zeros, velocityNorth: zeros } };
}

const moving = (count: number): StepMotion[] => Array.from({ length: count }, () => 'moving');

describe('moving time of each step', () => {
  it('counts an ordinary step whole, and a standing one not at all', () => {
    const { fixes, track: smoothed } = track([
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 4],
    ]);
    expect(stepMovingSeconds(fixes, smoothed, ['moving', 'moving', 'arriving', 'standing'])).toEqual([0, 1, 1, 0]);
  });

  it('counts of a gap only the time its distance took at the speed around it: a stop hid in the tunnel', () => {
    // 2 m/s, then 60 s without fixes covering only 40 m, then 2 m/s again.
    const before = Array.from({ length: 30 }, (_, second): [number, number] => [second, 2 * second]);
    const after = Array.from({ length: 30 }, (_, second): [number, number] => [89 + second, 98 + 2 * second]);
    const { fixes, track: smoothed } = track([...before, ...after]);
    const seconds = stepMovingSeconds(fixes, smoothed, moving(fixes.length));
    expect(seconds[30]).toBeCloseTo(20, 6);
    expect(seconds.reduce((sum, value) => sum + value, 0)).toBeCloseTo(29 + 20 + 29, 6);
  });

  it('knows no cruising speed where the athlete was not moving around the step', () => {
    const { fixes, track: smoothed } = track([
      [0, 0],
      [10, 0],
      [20, 0],
    ]);
    expect(cruisingSpeeds(fixes, smoothed, ['moving', 'standing', 'standing'])(1, 'both')).toBeNull();
  });
});
