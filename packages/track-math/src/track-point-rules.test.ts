import { checkTrackPoint, findSpeedSpikes, maxFixClockSkewMs } from './track-point-rules.js';
import type { TrackPoint } from './track-point.js';

const startedAt = new Date('2026-11-22T06:00:00Z');
const now = new Date('2026-11-22T07:00:00Z');
const fix = (seq: number, seconds: number, lat = 52.37, lon = 4.89, extra: Partial<TrackPoint> = {}): TrackPoint => ({
  seq,
  time: new Date(startedAt.getTime() + seconds * 1000),
  lat,
  lon,
  ...extra,
});

describe('a fix on its own', () => {
  it('passes when it is a plausible reading', () => {
    expect(
      checkTrackPoint(fix(1, 10, 52.37, 4.89, { elevation: -3, accuracy: 4, heartRate: 150, cadence: 88 }), { startedAt, now }),
    ).toBeNull();
  });

  it.each([
    ['latitude past the pole', fix(1, 10, 90.5, 4.89), 'INVALID_COORDINATES'],
    ['longitude past the antimeridian', fix(1, 10, 52.37, -180.1), 'INVALID_COORDINATES'],
    ['NaN', fix(1, 10, Number.NaN, 4.89), 'INVALID_COORDINATES'],
    ['(0, 0)', fix(1, 10, 0, 0), 'NULL_ISLAND'],
    ['a time before the start', fix(1, -1), 'TIME_BEFORE_START'],
    ['a time in the future', fix(1, 3600 + maxFixClockSkewMs / 1000 + 1), 'TIME_IN_FUTURE'],
    ['a negative seq', fix(-1, 10), 'INVALID_VALUE'],
  ])('is refused for %s', (_case, point, reason) => {
    expect(checkTrackPoint(point, { startedAt, now })).toMatchObject({ reason });
  });

  it.each([
    ['a heart rate of 400', { heartRate: 400 }],
    ['an elevation of 20 km', { elevation: 20_000 }],
    ['a negative accuracy', { accuracy: -1 }],
    ['a cadence of 500', { cadence: 500 }],
  ])('is kept with %s (the reading is dropped, not the fix)', (_case, values) => {
    expect(checkTrackPoint(fix(1, 10, 52.37, 4.89, values), { startedAt, now })).toBeNull();
  });
});

describe('speed spikes', () => {
  // 0.0001° of latitude is about 11 m: a run at ~2.2 m/s with a fix every 5 s.
  const run = [0, 1, 2, 3, 4].map((index) => fix(index, index * 5, 52.37 + index * 0.0001));

  it('are fixes a runner could reach and leave only above the impossible speed', () => {
    const glitch = fix(10, 12, 52.4, 4.89); // 3 km away, between two fixes 5 s apart
    expect(findSpeedSpikes([glitch], run, 'RUN')).toEqual(new Set([10]));
    expect(findSpeedSpikes(run.slice(1, 4), [run[0]!, run[4]!], 'RUN')).toEqual(new Set());
  });

  it('depend on the sport', () => {
    // 40 m in 2 s: 20 m/s is a fast ride, not a run.
    const fast = [fix(1, 0, 52.37), fix(2, 2, 52.37036), fix(3, 4, 52.37072)];
    expect(findSpeedSpikes([fast[1]!], [fast[0]!, fast[2]!], 'RUN')).toEqual(new Set([2]));
    expect(findSpeedSpikes([fast[1]!], [fast[0]!, fast[2]!], 'RIDE')).toEqual(new Set());
  });

  it('leave a fix with a neighbour on one side only alone, whatever arrives first', () => {
    const far = fix(5, 25, 52.4, 4.89);
    expect(findSpeedSpikes([far], run, 'RUN')).toEqual(new Set());
    expect(findSpeedSpikes(run, [far], 'RUN')).toEqual(new Set());
  });
});
