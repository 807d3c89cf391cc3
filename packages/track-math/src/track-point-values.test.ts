import { cleanTrackPointValues } from './track-point-values.js';
import type { TrackPoint } from './track-point.js';

const fix = (values: Partial<TrackPoint>): TrackPoint => ({
  seq: 7,
  time: new Date('2026-11-22T06:00:00Z'),
  lat: 52.37,
  lon: 4.89,
  ...values,
});

describe("a fix's readings", () => {
  it('are kept as they are when they can be', () => {
    const point = fix({ elevation: -3, accuracy: 4, heartRate: 150, cadence: 88 });
    expect(cleanTrackPointValues(point)).toEqual({ point, dropped: [] });
  });

  it('read a heart rate or cadence of 0 as no reading: null, and nothing dropped', () => {
    expect(cleanTrackPointValues(fix({ heartRate: 0, cadence: 0 }))).toEqual({
      point: fix({ elevation: null, accuracy: null, heartRate: null, cadence: null }),
      dropped: [],
    });
  });

  it.each([
    ['a heart rate of 400', { heartRate: 400 }, 'HEART_RATE', 'heartRate'],
    ['a heart rate of 12', { heartRate: 12 }, 'HEART_RATE', 'heartRate'],
    ['a heart rate that is not a number', { heartRate: Number.NaN }, 'HEART_RATE', 'heartRate'],
    ['a cadence of 301', { cadence: 301 }, 'CADENCE', 'cadence'],
    ['a negative cadence', { cadence: -5 }, 'CADENCE', 'cadence'],
    ['an elevation of 20 km', { elevation: 20_000 }, 'ELEVATION', 'elevation'],
    ['an infinite elevation', { elevation: Infinity }, 'ELEVATION', 'elevation'],
    ['a negative accuracy', { accuracy: -1 }, 'ACCURACY', 'accuracy'],
  ] as const)('drop %s, keeping the fix and its other readings', (_case, values, field, key) => {
    const { point, dropped } = cleanTrackPointValues(fix({ elevation: 4, accuracy: 5, heartRate: 140, cadence: 80, ...values }));
    expect(point[key]).toBeNull();
    expect(point).toMatchObject({ seq: 7, lat: 52.37, lon: 4.89 });
    for (const other of (['elevation', 'accuracy', 'heartRate', 'cadence'] as const).filter((name) => name !== key)) {
      expect(point[other]).not.toBeNull();
    }
    expect(dropped).toEqual([{ seq: 7, field, message: expect.any(String) }]);
  });

  it('drop each bad reading of a fix, one entry each', () => {
    const { dropped } = cleanTrackPointValues(fix({ heartRate: 400, cadence: 999, elevation: 5 }));
    expect(dropped.map(({ field }) => field)).toEqual(['HEART_RATE', 'CADENCE']);
  });
});
