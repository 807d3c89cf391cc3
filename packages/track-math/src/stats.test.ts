import { computeActivityStats } from './stats.js';
import { smoothTrack } from './track-smoothing.js';
import type { TrackPoint } from './track-point.js';
import { distanceMeters } from './geodesy.js';
import { seededRandom } from './random.js';

const start = new Date('2026-06-01T07:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

/** A straight run north at `speed` m/s, a fix per second, with optional noise. */
function straightRun(seconds: number, speed: number, noise = 0, seed = 1, from = 0): TrackPoint[] {
  const random = seededRandom(seed);
  return Array.from({ length: seconds }, (_, index) => ({
    seq: from + index,
    time: at(from + index),
    lat: 52 + ((from + index) * speed) / 111_250 + random.gaussian(noise / 111_250),
    lon: 5 + random.gaussian(noise / 68_500),
    elevation: 10,
    accuracy: Math.max(noise, 3),
  }));
}

describe('activity stats', () => {
  it('measure a clean straight run exactly: distance, moving time, pace', () => {
    const points = straightRun(600, 3);
    const stats = computeActivityStats({ points, sport: 'RUN', startedAt: start, endedAt: at(599) });
    const truth = distanceMeters(points[0]!, points[599]!);
    expect(Math.abs(stats.distanceMeters - truth) / truth).toBeLessThan(0.002);
    expect(stats.movingTimeSeconds).toBeCloseTo(599, 0);
    expect(stats.elapsedTimeSeconds).toBe(599);
    expect(stats.averagePaceSecondsPerKm!).toBeCloseTo(1000 / 3, -1);
    expect(stats.elevationGainMeters).toBe(0);
  });

  it('counts the run on to the end of the timer after the last fix, at the pace it was going', () => {
    const points = straightRun(600, 3);
    const stats = computeActivityStats({ points, sport: 'RUN', startedAt: start, endedAt: at(610) });
    const truth = (distanceMeters(points[0]!, points[599]!) * 610) / 599;
    expect(Math.abs(stats.distanceMeters - truth) / truth).toBeLessThan(0.002);
    expect(stats.movingTimeSeconds).toBeCloseTo(610, 0);
    expect(stats.elapsedTimeSeconds).toBe(610);
  });

  it('adds no distance and no moving time while the athlete stands still with jitter', () => {
    const random = seededRandom(7);
    const standing: TrackPoint[] = Array.from({ length: 600 }, (_, seq) => ({
      seq,
      time: at(seq),
      lat: 52 + random.gaussian(8 / 111_250),
      lon: 5 + random.gaussian(8 / 68_500),
      accuracy: 8,
    }));
    const stats = computeActivityStats({ points: standing, sport: 'RUN', startedAt: start });
    expect(stats.distanceMeters).toBeLessThan(5);
    expect(stats.movingTimeSeconds).toBeLessThan(10);
  });

  it('counts nothing across an explicit pause, even when the athlete moved meanwhile', () => {
    const before = straightRun(300, 3);
    const after = straightRun(300, 3, 0, 1, 600).map((point) => ({ ...point, lon: point.lon + 0.01 })); // 680 m east
    const pauses = [{ from: at(300), to: at(600) }];
    const stats = computeActivityStats({ points: [...before, ...after], sport: 'RUN', startedAt: start, pauses });
    expect(stats.distanceMeters).toBeGreaterThan(1780);
    expect(stats.distanceMeters).toBeLessThan(1800);
    expect(smoothTrack([...before, ...after], 'RUN', pauses)).toHaveLength(2);
  });

  it("takes the noise of fixes that report none from the track itself: a device's smooth square keeps its corners", () => {
    // Twice round a 100 m square at 3 m/s, a fix a second with 0.3 m of noise and no accuracy, as device files are.
    const random = seededRandom(5);
    const corner = (along: number) => {
      const side = Math.floor(along / 100) % 4;
      const on = along % 100;
      return [
        [on, 0],
        [100, on],
        [100 - on, 100],
        [0, 100 - on],
      ][side]!;
    };
    const points: TrackPoint[] = Array.from({ length: 267 }, (_, seq) => {
      const [east, north] = corner(3 * seq);
      return { seq, time: at(seq), lat: 52 + (north! + random.gaussian(0.2)) / 111_250, lon: 5 + (east! + random.gaussian(0.2)) / 68_500 };
    });
    const stats = computeActivityStats({ points, sport: 'RUN', startedAt: start, endedAt: at(266) });
    expect(Math.abs(stats.distanceMeters - 798) / 798).toBeLessThan(0.01);
  });

  it('drops a fix far off the track and fixes with poor accuracy', () => {
    const points = straightRun(300, 3, 4);
    points[150] = { ...points[150]!, lat: points[150]!.lat + 0.002 }; // 220 m off
    points[200] = { ...points[200]!, lat: points[200]!.lat + 0.001, accuracy: 80 };
    const stats = computeActivityStats({ points, sport: 'RUN', startedAt: start });
    expect(Math.abs(stats.distanceMeters - 897) / 897).toBeLessThan(0.02);
    expect(stats.maxSpeedMps).toBeLessThan(3.5);
  });
});
