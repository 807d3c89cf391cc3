import { advanceLiveTrack, emptyLiveTrack, liveFigures } from './live-track.js';
import { seededRandom } from './random.js';
import type { TrackPoint } from './track-point.js';

const start = Date.parse('2026-06-01T07:00:00Z');

/** Fixes every `every` s: north at `speed` m/s for `moving` s, then standing for `standing` s; σ `noise` m. */
function run(options: { moving: number; standing?: number; speed: number; every: number; noise: number; seed?: number }): TrackPoint[] {
  const random = seededRandom(options.seed ?? 1);
  const points: TrackPoint[] = [];
  for (let second = 0; second <= options.moving + (options.standing ?? 0); second += options.every) {
    const north = Math.min(second, options.moving) * options.speed;
    points.push({
      seq: points.length,
      time: new Date(start + second * 1000),
      lat: 52 + (north + random.gaussian(options.noise)) / 111_250,
      lon: 5 + random.gaussian(options.noise) / 68_500,
      accuracy: options.noise * 1.5,
    });
  }
  return points;
}

/** Fed batch by batch, as the phone sends them. */
function fed(points: TrackPoint[], batch = 12) {
  let track = emptyLiveTrack('RUN');
  for (let index = 0; index < points.length; index += batch) track = advanceLiveTrack(track, points.slice(index, index + batch));
  return track;
}

describe('live track', () => {
  it('follows a noisy run within a few percent and shows its pace', () => {
    const figures = liveFigures(fed(run({ moving: 1200, speed: 3, every: 3, noise: 5 })));
    expect(Math.abs(figures.distanceMeters - 3600) / 3600).toBeLessThan(0.05);
    expect(Math.abs(figures.movingTimeSeconds - 1200) / 1200).toBeLessThan(0.05);
    // 3 m/s is 333 s/km.
    expect(figures.currentPaceSecondsPerKm).toBeGreaterThan(300);
    expect(figures.currentPaceSecondsPerKm).toBeLessThan(367);
    expect(figures.averagePaceSecondsPerKm).toBeGreaterThan(300);
    expect(figures.averagePaceSecondsPerKm).toBeLessThan(370);
  });

  it('adds no distance and stops the moving clock while the athlete stands with jitter', () => {
    // 900 m in 300 s, then a minute standing, or eleven.
    const briefly = liveFigures(fed(run({ moving: 300, standing: 60, speed: 3, every: 1, noise: 6, seed: 2 })));
    const figures = liveFigures(fed(run({ moving: 300, standing: 660, speed: 3, every: 1, noise: 6, seed: 2 })));
    expect(figures.distanceMeters - briefly.distanceMeters).toBeLessThan(10);
    expect(figures.movingTimeSeconds - briefly.movingTimeSeconds).toBeLessThan(10);
    expect(Math.abs(figures.movingTimeSeconds - 300)).toBeLessThan(20);
    expect(figures.currentSpeedMps).toBe(0);
    expect(figures.currentPaceSecondsPerKm).toBeNull();
  });

  it('ignores fixes at or before the last seq taken in and leaves the given track unchanged', () => {
    const points = run({ moving: 120, speed: 3, every: 2, noise: 3 });
    const track = fed(points);
    const again = advanceLiveTrack(track, points.slice(10, 20));
    expect(again).toEqual(track);
    const before = JSON.stringify(track);
    advanceLiveTrack(track, [{ ...points[points.length - 1]!, seq: 1000, time: new Date(start + 200_000), lat: 52.01 }]);
    expect(JSON.stringify(track)).toBe(before);
  });

  it('skips a glitch that would need an impossible speed', () => {
    const points = run({ moving: 300, speed: 3, every: 1, noise: 3 });
    points[150] = { ...points[150]!, lat: points[150]!.lat + 0.01 }; // 1.1 km off
    const figures = liveFigures(fed(points));
    // Live distance trails the athlete by up to one step away from the anchor.
    expect(Math.abs(figures.distanceMeters - 900)).toBeLessThan(0.02 * 900 + 30);
  });
});
