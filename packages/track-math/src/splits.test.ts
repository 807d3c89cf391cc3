import { computeBestEfforts } from './best-efforts.js';
import { computeSplits } from './splits.js';
import type { ProfilePoint } from './stats.js';

/**
 * A profile along a line: `pace(distance)` seconds per metre, a point every
 * 10 m; `heartRate(distance)` over each step, where given.
 */
function profile(
  totalMeters: number,
  secondsPerMeter: (distance: number) => number,
  heartRate: (distance: number) => number | null = () => null,
): ProfilePoint[] {
  const points: ProfilePoint[] = [];
  let moving = 0;
  let beats = 0;
  let withHeartRate = 0;
  for (let distance = 0; distance <= totalMeters; distance += 10) {
    const seconds = distance > 0 ? 10 * secondsPerMeter(distance - 5) : 0;
    const bpm = distance > 0 ? heartRate(distance - 5) : null;
    moving += seconds;
    if (bpm !== null) {
      beats += (bpm * seconds) / 60;
      withHeartRate += seconds;
    }
    points.push({
      lat: 52,
      lon: 5,
      elevation: distance / 100,
      time: moving,
      distanceMeters: distance,
      movingTimeSeconds: moving,
      segment: 0,
      heartRateBpm: bpm,
      heartRateBeats: beats,
      heartRateSeconds: withHeartRate,
      cadenceCycles: 0,
      cadenceSeconds: 0,
    });
  }
  return points;
}

describe('splits', () => {
  it('cut at each exact km, with the rest as a last partial split', () => {
    const splits = computeSplits(
      profile(2500, () => 0.3),
      'KM',
    );
    expect(splits.map((split) => Math.round(split.distanceMeters))).toEqual([1000, 1000, 500]);
    expect(splits.map((split) => Math.round(split.movingTimeSeconds))).toEqual([300, 300, 150]);
    expect(splits.every((split) => Math.abs(split.paceSecondsPerKm - 300) < 1e-6)).toBe(true);
    expect(splits[0]!.elevationChangeMeters).toBeCloseTo(10, 6);
  });

  it('interpolate a boundary between two points', () => {
    // 5 m/s for the first 1,005 m, then 2.5 m/s: the km boundary falls mid-step.
    const splits = computeSplits(
      profile(2000, (distance) => (distance < 1005 ? 0.2 : 0.4)),
      'KM',
    );
    expect(splits[0]!.movingTimeSeconds).toBeCloseTo(200, 6);
  });

  it('average heart rate over each split’s own moving time, cut at the boundary', () => {
    // 5:00/km; 140 bpm for the first 500 m, 160 after; no readings over the last 500 m.
    const splits = computeSplits(
      profile(
        2500,
        () => 0.3,
        (distance) => (distance < 500 ? 140 : distance < 2000 ? 160 : null),
      ),
      'KM',
    );
    // By hand: km 1 is 150 s at 140 and 150 s at 160, so 150; km 2 is all 160; the last 500 m has none.
    expect(splits.map((split) => split.averageHeartRateBpm)).toEqual([expect.closeTo(150, 6), expect.closeTo(160, 6), null]);
    expect(splits.map((split) => split.averageCadence)).toEqual([null, null, null]);
  });

  it('come per mile too', () => {
    expect(
      computeSplits(
        profile(3300, () => 0.3),
        'MILE',
      ).map((split) => Math.round(split.distanceMeters)),
    ).toEqual([1609, 1609, 81]);
  });
});

describe('best efforts', () => {
  it('find the fastest stretch of each distance the run covers', () => {
    // Steady 5:00/km, with a fast kilometre (4:00/km) from 3 km to 4 km.
    const run = profile(6000, (distance) => (distance >= 3000 && distance < 4000 ? 0.24 : 0.3));
    const efforts = computeBestEfforts(run);
    expect(efforts.map((effort) => effort.name)).toEqual(['400 m', '1 km', '1 mile', '5 km']);
    const kilometre = efforts.find((effort) => effort.name === '1 km')!;
    expect(kilometre.movingTimeSeconds).toBeCloseTo(240, 6);
    expect(kilometre.startDistanceMeters).toBe(3000);
    expect(efforts.find((effort) => effort.name === '5 km')!.movingTimeSeconds).toBeCloseTo(1440, 6);
  });
});
