import { banisterTrimp, defaultHeartRateProfile, emptyHeartRateZones, heartRateZoneOf, stepReading } from './heart-rate.js';
import { computeActivityStats, heartRateAndCadenceStats, trackProfile } from './stats.js';
import type { SmoothedPoint } from './track-smoothing.js';
import type { TrackPoint } from './track-point.js';

describe('heart-rate zones', () => {
  it('are five bands of the maximum heart rate: below 60%, 60-70, 70-80, 80-90, from 90%', () => {
    expect(emptyHeartRateZones(190).map(({ zone, minBpm, maxBpm }) => [zone, minBpm, maxBpm])).toEqual([
      [1, null, 114],
      [2, 114, 133],
      [3, 133, 152],
      [4, 152, 171],
      [5, 171, null],
    ]);
    expect([113.9, 114, 133, 151.9, 152, 171, 205].map((bpm) => heartRateZoneOf(bpm, 190))).toEqual([1, 2, 3, 3, 4, 5, 5]);
  });
});

describe("Banister's TRIMP", () => {
  it('is minutes × HRr × 0.64 × e^(1.92 × HRr)', () => {
    // 10 min at 150 bpm (max 190, resting 60): HRr = 90/130 = 0.6923, e^1.3292 = 3.7778; 10 × 0.6923 × 0.64 × 3.7778 = 16.74.
    expect(banisterTrimp(600, 150, defaultHeartRateProfile)).toBeCloseTo(16.74, 2);
    expect(banisterTrimp(600, 55, defaultHeartRateProfile)).toBe(0);
  });
});

describe('a step between two fixes', () => {
  it('reads the mean of its ends, or the one reading there is', () => {
    expect([stepReading(100, 120), stepReading(120, null), stepReading(undefined, 160), stepReading(null, null)]).toEqual([
      110,
      120,
      160,
      null,
    ]);
  });
});

/** A smoothed point `seconds` into the activity, 100 m further north each 10 s it moved. */
function point(seconds: number, north: number, readings: { heartRate?: number; cadence?: number }, movingSeconds = 10): SmoothedPoint {
  return {
    seq: seconds,
    time: seconds,
    lat: 52 + north / 111_250,
    lon: 5,
    elevation: null,
    moving: movingSeconds > 0,
    movingSeconds,
    heartRate: readings.heartRate ?? null,
    cadence: readings.cadence ?? null,
  };
}

describe('heart rate and cadence of a track', () => {
  // Two segments (a pause between them); a stop from 20 s to 30 s; readings missing here and there.
  const segments = [
    [
      point(0, 0, { heartRate: 100, cadence: 80 }, 0),
      point(10, 100, { heartRate: 120 }),
      point(20, 200, {}),
      point(30, 200, { heartRate: 160 }, 0),
      point(40, 300, { heartRate: 170 }),
    ],
    [point(100, 300, { heartRate: 180 }, 0), point(110, 400, { heartRate: 140 })],
  ];
  const profile = trackProfile(segments);
  const stats = heartRateAndCadenceStats(segments, profile, defaultHeartRateProfile);

  it('averages heart rate over moving time with a reading, each step at its ends’ mean', () => {
    // Steps: 0-10 s at 110, 10-20 s at 120 (one reading), 20-30 s standing, 30-40 s at 165, 100-110 s at 160.
    expect(stats.averageHeartRateBpm).toBeCloseTo((110 + 120 + 165 + 160) / 4, 9); // 138.75
    expect(stats.maxHeartRateBpm).toBe(180);
    // Cadence: one reading, at 0 s, carries the first step only.
    expect(stats.averageCadence).toBeCloseTo(80, 9);
  });

  it('puts each moving step in the zone of its heart rate, and sums its TRIMP', () => {
    expect(stats.heartRateZones!.map(({ seconds }) => seconds)).toEqual([10, 10, 0, 20, 0]);
    const trimp = [110, 120, 165, 160].map((bpm) => banisterTrimp(10, bpm, defaultHeartRateProfile));
    // By hand: 0.0859 + 0.1194 + 0.4062 + 0.3593
    expect(stats.trainingLoad).toBeCloseTo(0.9708, 4);
    expect(stats.trainingLoad).toBeCloseTo(
      trimp.reduce((sum, value) => sum + value),
      9,
    );
  });

  it('are null without readings', () => {
    const bare = segments.map((segment) => segment.map((smoothed) => ({ ...smoothed, heartRate: null, cadence: null })));
    expect(heartRateAndCadenceStats(bare, trackProfile(bare), defaultHeartRateProfile)).toEqual({
      averageHeartRateBpm: null,
      maxHeartRateBpm: null,
      averageCadence: null,
      heartRateZones: null,
      trainingLoad: null,
    });
  });
});

describe('stats of a recorded run with heart rate', () => {
  /** A straight run north at 3 m/s, a fix per second. */
  const start = new Date('2026-06-01T07:00:00Z');
  const fixes = (readings: (index: number) => Partial<TrackPoint>): TrackPoint[] =>
    Array.from({ length: 600 }, (_, index) => ({
      seq: index,
      time: new Date(start.getTime() + index * 1000),
      lat: 52 + (index * 3) / 111_250,
      lon: 5,
      elevation: 10,
      accuracy: 3,
      ...readings(index),
    }));

  it('time-weights heart rate over moving time: 120 bpm for 5 min, then 160 for 5 min, averages 140', () => {
    const points = fixes((index) => ({ heartRate: index < 300 ? 120 : 160, cadence: index % 2 === 0 ? 170 : null }));
    const stats = computeActivityStats({ points, sport: 'RUN', startedAt: start, endedAt: new Date(start.getTime() + 599_000) });
    // 299 s at 120, 1 s at 140 (the step between), 299 s at 160: 83,860 beats-seconds / 599 s = 140.
    expect(stats.averageHeartRateBpm).toBeCloseTo(140, 1);
    expect(stats.maxHeartRateBpm).toBe(160);
    expect(stats.averageCadence).toBeCloseTo(170, 6);
    // Zone 2 (114-133) for the first half, zone 4 (152-171) for the second, zone 3 for the second between.
    expect(stats.heartRateZones!.map(({ seconds }) => Math.round(seconds))).toEqual([0, 299, 1, 299, 0]);
  });

  it('has no heart-rate figures for a run without readings', () => {
    const stats = computeActivityStats({ points: fixes(() => ({})), sport: 'RUN', startedAt: start });
    expect([stats.averageHeartRateBpm, stats.maxHeartRateBpm, stats.averageCadence, stats.heartRateZones, stats.trainingLoad]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
