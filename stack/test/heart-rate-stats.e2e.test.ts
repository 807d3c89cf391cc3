import { useStackDatabase, untilArchived } from './support/stored.js';
import { distanceMeters } from '@pacegraph/track-math';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

const record = `mutation ($activityId: ID!, $points: [TrackPointInput!]!) {
  recordTrackPoints(activityId: $activityId, points: $points) { accepted rejected { seq reason } droppedValues { seq field } }
}`;
const figures = `query ($id: ID!) { activity(id: $id) {
  stats {
    distanceMeters movingTimeSeconds averageHeartRateBpm maxHeartRateBpm averageCadence trainingLoad
    heartRateZones { zone minBpm maxBpm seconds }
  }
  splits(unit: KM) { index distanceMeters averageHeartRateBpm averageCadence }
} }`;

/** A run that started an hour ago: 2.5 m/s due north, a fix every 5 s, 161 fixes (800 s). */
const startedAt = Math.floor(Date.now() / 1000) * 1000 - 3600_000;
const fixCount = 161;
const fix = (seq: number) => ({
  seq,
  time: new Date(startedAt + seq * 5000).toISOString(),
  lat: 52.37 + seq * 0.000112,
  lon: 4.89,
  elevation: 2,
  accuracy: 4,
  // 150 bpm up to seq 100, 170 after; seq 10 reads 0 (no reading), seq 20 reads 400 (a strap's glitch).
  heartRate: seq === 10 ? 0 : seq === 20 ? 400 : seq <= 100 ? 150 : 170,
  // 170 steps per minute on odd seqs, 0 (no reading) on even ones, 500 (a glitch) at seq 5.
  cadence: seq === 5 ? 500 : seq % 2 === 1 ? 170 : 0,
});

/** Banister's TRIMP, written out: minutes × HRr × 0.64 × e^(1.92 × HRr), HRr against 60 (resting) and the maximum (190 unless stated) bpm. */
const trimp = (seconds: number, bpm: number, maxBpm = 190) => {
  const reserve = (bpm - 60) / (maxBpm - 60);
  return (seconds / 60) * reserve * 0.64 * Math.exp(1.92 * reserve);
};

/** Moving seconds at each heart rate, by hand, each step at the mean of its ends' readings (see the first test). */
const heartRateSeconds = { 150: 100 * 5, 160: 5, 170: 59 * 5 };

describe('heart rate and cadence in the stats, through the gateway', () => {
  const harness = useStack();
  const database = useStackDatabase(harness);

  /** Signs an athlete up and records the run, stopped (not yet saved): its id, what recording it answered, and the athlete's caller. */
  async function recordRun() {
    const athlete = await signUpAthlete(harness.url);
    const call = (query: string, variables: Record<string, unknown>) => graphql(harness.url, query, variables, bearer(athlete.token));
    const id = (await call('mutation { createActivity(input: { sport: RUN }) { id } }', {})).data!.createActivity.id as string;
    const at = (seq: number) => ({ id, at: new Date(startedAt + seq * 5000).toISOString() });
    await call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }', at(0));
    const fixes = Array.from({ length: fixCount }, (_, seq) => fix(seq));
    const recorded = (await call(record, { activityId: id, points: fixes })).data!.recordTrackPoints;
    await call('mutation ($id: ID!, $at: DateTime) { stopActivity(id: $id, at: $at) { id } }', at(fixCount - 1));
    return { id, recorded, call };
  }

  it('averages heart rate and cadence over moving time, with zones, training load and per split; a bad reading costs only itself', async () => {
    const { id, recorded, call } = await recordRun();
    expect(recorded).toEqual({
      accepted: fixCount,
      rejected: [],
      droppedValues: [
        { seq: 5, field: 'CADENCE' },
        { seq: 20, field: 'HEART_RATE' },
      ],
    });

    const { stats, splits } = (await call(figures, { id })).data!.activity;
    // A steady run: all of its 160 steps of 5 s are moving.
    expect(stats.movingTimeSeconds).toBeCloseTo(800, 0);

    // By hand, each step at the mean of its ends' readings (the one reading where a fix has none):
    // steps 1-100 at 150 (the no-reading fixes 10 and 20 take their neighbours'), step 101 at 160, steps 102-160 at 170.
    expect(stats.averageHeartRateBpm).toBeCloseTo((150 * 500 + 160 * 5 + 170 * 295) / 800, 6); // 157.4375
    expect(stats.maxHeartRateBpm).toBe(170);
    // Every step but 4→5 and 5→6 (no reading at either end) has one end at 170.
    expect(stats.averageCadence).toBeCloseTo(170, 6);
    // Zones of 190 bpm: 150 is zone 3 (133-152), 160 and 170 zone 4 (152-171).
    expect(stats.heartRateZones).toEqual([
      { zone: 1, minBpm: null, maxBpm: 114, seconds: 0 },
      { zone: 2, minBpm: 114, maxBpm: 133, seconds: 0 },
      { zone: 3, minBpm: 133, maxBpm: 152, seconds: expect.closeTo(500, 6) },
      { zone: 4, minBpm: 152, maxBpm: 171, seconds: expect.closeTo(300, 6) },
      { zone: 5, minBpm: 171, maxBpm: null, seconds: 0 },
    ]);
    const load = Object.entries(heartRateSeconds).reduce((sum, [bpm, seconds]) => sum + trimp(seconds, Number(bpm)), 0);
    expect(stats.trainingLoad).toBeCloseTo(load, 6); // 13.95 + 0.18 + 13.52 = 27.65

    // Km 1 lies within the 150 bpm stretch (100 steps of some 12.46 m); km 2 runs from step 1000/12.46 to the end.
    const stepMeters = distanceMeters(fix(0), fix(1));
    const boundary = 1000 / stepMeters;
    expect(splits.map((split: { index: number }) => split.index)).toEqual([1, 2]);
    expect(splits[0].averageHeartRateBpm).toBeCloseTo(150, 6);
    expect(splits[1].averageHeartRateBpm).toBeCloseTo((150 * (100 - boundary) + 160 + 170 * 59) / (160 - boundary), 0);
    expect(splits.map((split: { averageCadence: number }) => split.averageCadence)).toEqual([
      expect.closeTo(170, 6),
      expect.closeTo(170, 6),
    ]);

    // Completed, the figures are stored with the archived track and read back alike.
    await call('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id });
    await untilArchived(database, id);
    expect((await call(figures, { id })).data!.activity.stats).toEqual(stats);
  });

  it("reckons zones and training load against the athlete's stated maximum heart rate, kept with the saved activity", async () => {
    const { id, call } = await recordRun();
    const setMax = (maxHeartRateBpm: number) =>
      call('mutation ($max: Int) { updatePreferences(input: { maxHeartRateBpm: $max }) { preferences { maxHeartRateBpm } } }', {
        max: maxHeartRateBpm,
      });
    expect((await setMax(170)).data!.updatePreferences.preferences.maxHeartRateBpm).toBe(170);

    const { stats } = (await call(figures, { id })).data!.activity;
    // Zones of 170 bpm: 150 is zone 4 (136-153), 160 and 170 zone 5 (from 153).
    expect(stats.heartRateZones).toEqual([
      { zone: 1, minBpm: null, maxBpm: 102, seconds: 0 },
      { zone: 2, minBpm: 102, maxBpm: 119, seconds: 0 },
      { zone: 3, minBpm: 119, maxBpm: 136, seconds: 0 },
      { zone: 4, minBpm: 136, maxBpm: 153, seconds: expect.closeTo(500, 6) },
      { zone: 5, minBpm: 153, maxBpm: null, seconds: expect.closeTo(300, 6) },
    ]);
    const load = Object.entries(heartRateSeconds).reduce((sum, [bpm, seconds]) => sum + trimp(seconds, Number(bpm), 170), 0);
    expect(stats.trainingLoad).toBeCloseTo(load, 6);

    // Saved and archived, the activity keeps the maximum it was reckoned against: a later change is for later activities.
    await call('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id });
    await untilArchived(database, id);
    await setMax(200);
    expect((await call(figures, { id })).data!.activity.stats).toEqual(stats);
  });
});
