import { smoothPlanar, type PlanarFix } from './planar-track.js';
import { seededRandom } from './random.js';
import { findStops, stepMotions, type StopModel } from './stop-detection.js';

const walking: StopModel = { accelerationNoise: 0.02, startSpeedSigma: 2, stopSpeedMps: 0.4, minimumStopSeconds: 20 };

/** Fixes every `interval` s along a path east, `noise` m radial RMS, at the position `east(time)`. */
function fixesAlong(east: (time: number) => number, seconds: number, noise: number, interval = 1, seed = 1): PlanarFix[] {
  const random = seededRandom(seed);
  const sigma = noise / Math.SQRT2;
  return Array.from({ length: Math.floor(seconds / interval) }, (_, index) => {
    const time = index * interval;
    return { time, east: east(time) + random.gaussian(sigma), north: random.gaussian(sigma), sigma };
  });
}

const stopsIn = (fixes: PlanarFix[], model = walking) =>
  findStops(fixes, smoothPlanar(fixes, model), model).map(({ first, last }) => [fixes[first]!.time, fixes[last]!.time]);

describe('stops', () => {
  it('finds a two-minute stop through 8 m of jitter, its edges within a few seconds', () => {
    // Walking at 1.4 m/s, standing from 200 s to 320 s, walking on.
    const fixes = fixesAlong((time) => 1.4 * (Math.min(time, 200) + Math.max(0, time - 320)), 520, 8);
    const stops = stopsIn(fixes);
    expect(stops).toHaveLength(1);
    expect(Math.abs(stops[0]![0]! - 200)).toBeLessThanOrEqual(4);
    expect(Math.abs(stops[0]![1]! - 320)).toBeLessThanOrEqual(4);
  });

  it('finds none on a slow walk that keeps going, faster than the stop speed', () => {
    expect(stopsIn(fixesAlong((time) => 0.7 * time, 600, 5, 2))).toEqual([]);
  });

  it('finds a stop shorter than its window when standing explains the fixes far better than walking on', () => {
    // A hike with 10 m noise, a fix every 5 s: standing 45 s is less than the window it takes to see 0.3 m/s.
    const hiking: StopModel = { accelerationNoise: 0.015, startSpeedSigma: 2, stopSpeedMps: 0.3, minimumStopSeconds: 20 };
    const fixes = fixesAlong((time) => 1.1 * (Math.min(time, 300) + Math.max(0, time - 345)), 700, 10, 5, 4);
    const stops = stopsIn(fixes, hiking);
    expect(stops).toHaveLength(1);
    expect(Math.abs(stops[0]![0]! - 300)).toBeLessThanOrEqual(10);
    expect(Math.abs(stops[0]![1]! - 345)).toBeLessThanOrEqual(10);
  });

  it('keeps a move hidden in a gap in the fixes out of the stops either side of it', () => {
    // Standing, then no fixes for 4 minutes during which the walker moved 30 m, then standing again.
    const fixes = fixesAlong((time) => (time < 100 ? 0 : 30), 400, 1).filter(({ time }) => time < 60 || time >= 300);
    const stops = stopsIn(fixes);
    expect(stops).toEqual([
      [0, 59],
      [300, 399],
    ]);
  });

  it('marks the step into a stop arriving, the steps within it standing, and the one out starting', () => {
    expect(stepMotions(7, [{ first: 2, last: 4 }])).toEqual(['moving', 'moving', 'arriving', 'standing', 'standing', 'starting', 'moving']);
    expect(stepMotions(4, [{ first: 0, last: 3 }])).toEqual(['moving', 'standing', 'standing', 'standing']);
  });
});
