import { distanceMeters } from '@pacegraph/track-math';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

const record = `mutation ($activityId: ID!, $points: [TrackPointInput!]!) {
  recordTrackPoints(activityId: $activityId, points: $points) { accepted duplicates rejected { seq reason message } droppedValues { seq field } }
}`;
const count = 'query ($id: ID!) { activity(id: $id) { trackPointCount } }';

/** A run that started two hours ago (synced late): 2.5 m/s due north, a fix every 5 s. */
const startedAt = Math.floor(Date.now() / 1000) * 1000 - 2 * 3600_000;
const fix = (seq: number, overrides: Record<string, unknown> = {}) => ({
  seq,
  time: new Date(startedAt + seq * 5000).toISOString(),
  lat: 52.37 + seq * 0.000112, // about 12.5 m per fix
  lon: 4.89,
  elevation: 2 + seq * 0.1,
  accuracy: 4.5,
  ...overrides,
});

describe('recording GPS points through the gateway', () => {
  const harness = useStack();

  async function recordingActivity(sport = 'RUN') {
    const athlete = await signUpAthlete(harness.url);
    const run = (query: string, variables: Record<string, unknown>) => graphql(harness.url, query, variables, bearer(athlete.token));
    const created = await run('mutation ($sport: Sport!) { createActivity(input: { sport: $sport }) { id } }', { sport });
    const id = created.data!.createActivity.id as string;
    await run('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }', {
      id,
      at: new Date(startedAt).toISOString(),
    });
    const points = async (batch: unknown[]) => (await run(record, { activityId: id, points: batch })).data!.recordTrackPoints;
    const stored = async () => (await run(count, { id })).data!.activity.trackPointCount as number;
    return { athlete, id, run, points, stored };
  }

  it('stores a batch, and a retried batch once, counting the retry as duplicates', async () => {
    const activity = await recordingActivity();
    const batch = Array.from({ length: 60 }, (_, seq) => fix(seq));
    expect(await activity.points(batch)).toEqual({ accepted: 60, duplicates: 0, rejected: [], droppedValues: [] });
    expect(await activity.points(batch)).toEqual({ accepted: 0, duplicates: 60, rejected: [], droppedValues: [] });
    expect(await activity.stored()).toBe(60);
  });

  it('stores batches arriving out of order', async () => {
    const activity = await recordingActivity();
    const all = Array.from({ length: 30 }, (_, seq) => fix(seq));
    expect((await activity.points(all.slice(20))).accepted).toBe(10);
    expect((await activity.points(all.slice(0, 10))).accepted).toBe(10);
    expect((await activity.points(all.slice(10, 20))).accepted).toBe(10);
    expect(await activity.stored()).toBe(30);
  });

  it('refuses each bad point with its reason and keeps every valid one beside it, and a bad reading costs only itself', async () => {
    const activity = await recordingActivity();
    await activity.points([fix(0), fix(1)]);
    const batch = [
      fix(2),
      fix(3, { lat: 91 }),
      fix(4, { lat: 0, lon: 0 }),
      fix(5, { time: new Date(Date.now() + 3600_000).toISOString() }),
      fix(6, { time: new Date(startedAt - 60_000).toISOString() }),
      fix(7, { heartRate: 400, cadence: 0 }),
      fix(1, { lat: 52.5 }), // seq 1 is stored with other data
      fix(8),
      fix(8, { elevation: 99 }), // seq 8 twice in one call, differently
      fix(9, { lat: 52.6 }), // 25 km from its neighbours, 5 s away
      fix(10),
      fix(11),
    ];
    const result = await activity.points(batch);
    expect(result.accepted).toBe(5); // seqs 2, 7 (without its heart rate), 8, 10, 11
    expect(result.duplicates).toBe(0);
    expect(result.rejected.map(({ seq, reason }: { seq: number; reason: string }) => [seq, reason])).toEqual([
      [1, 'CONFLICTING_DUPLICATE'],
      [3, 'INVALID_COORDINATES'],
      [4, 'NULL_ISLAND'],
      [5, 'TIME_IN_FUTURE'],
      [6, 'TIME_BEFORE_START'],
      [8, 'CONFLICTING_DUPLICATE'],
      [9, 'IMPOSSIBLE_SPEED'],
    ]);
    for (const rejection of result.rejected) expect(rejection.message.length).toBeGreaterThan(5);
    expect(result.droppedValues).toEqual([{ seq: 7, field: 'HEART_RATE' }]);
    expect(await activity.stored()).toBe(7);
  });

  it('refuses a call of more than 1,000 points whole, with BAD_USER_INPUT', async () => {
    const activity = await recordingActivity();
    const result = await activity.run(record, {
      activityId: activity.id,
      points: Array.from({ length: 1001 }, (_, seq) => fix(seq)),
    });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'points' });
    expect(await activity.stored()).toBe(0);
    expect((await activity.points(Array.from({ length: 1000 }, (_, seq) => fix(seq)))).accepted).toBe(1000);
  });

  it("takes points only for the athlete's own recording activity", async () => {
    const activity = await recordingActivity();
    const stranger = await signUpAthlete(harness.url);
    const theirs = await graphql(harness.url, record, { activityId: activity.id, points: [fix(0)] }, bearer(stranger.token));
    expect(theirs.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await graphql(harness.url, record, { activityId: activity.id, points: [fix(0)] });
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    const unstarted = await activity.run('mutation { createActivity(input: { sport: RUN }) { id } }', {});
    const early = await activity.run(record, { activityId: unstarted.data!.createActivity.id, points: [fix(0)] });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'TRACK.NOT_RECORDING' });

    await activity.run('mutation ($id: ID!) { stopActivity(id: $id) { id } }', { id: activity.id });
    expect((await activity.points([fix(0)])).accepted).toBe(1); // STOPPED still takes late uploads
    await activity.run('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id: activity.id });
    const late = await activity.run(record, { activityId: activity.id, points: [fix(1)] });
    expect(late.errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it('computes stats from the stored fixes, leaving the explicit pause out', async () => {
    const activity = await recordingActivity();
    // 10 minutes running (120 fixes, ~12.5 m apart), a pause of 5 minutes, 5 more minutes running.
    const first = Array.from({ length: 120 }, (_, seq) => fix(seq));
    const resumeSeq = 180;
    const second = Array.from({ length: 60 }, (_, index) => fix(resumeSeq + index));
    await activity.points([...second, ...first]);
    const at = (seq: number) => new Date(startedAt + seq * 5000).toISOString();
    await activity.run('mutation ($id: ID!, $at: DateTime) { pauseActivity(id: $id, at: $at) { id } }', { id: activity.id, at: at(120) });
    await activity.run('mutation ($id: ID!, $at: DateTime) { resumeActivity(id: $id, at: $at) { id } }', {
      id: activity.id,
      at: at(resumeSeq),
    });
    await activity.run('mutation ($id: ID!, $at: DateTime) { stopActivity(id: $id, at: $at) { id } }', { id: activity.id, at: at(240) });
    const result = await activity.run(
      'query ($id: ID!) { activity(id: $id) { stats { distanceMeters movingTimeSeconds elapsedTimeSeconds averagePaceSecondsPerKm } } }',
      { id: activity.id },
    );
    const stats = result.data!.activity.stats;
    const trueDistance = (119 + 59) * 12.46; // 0.000112° of latitude at 52.37° N is 12.46 m
    expect(Math.abs(stats.distanceMeters - trueDistance) / trueDistance).toBeLessThan(0.02);
    expect(stats.elapsedTimeSeconds).toBe(1200);
    expect(Math.abs(stats.movingTimeSeconds - (119 + 59) * 5)).toBeLessThan(20);
    expect(stats.averagePaceSecondsPerKm).toBeGreaterThan(380);
    expect(stats.averagePaceSecondsPerKm).toBeLessThan(420);
  });

  it('splits per km, finds the best efforts and draws the route', async () => {
    const activity = await recordingActivity();
    // 2.6 km straight north at ~2.5 m/s: 210 fixes every 5 s.
    await activity.points(Array.from({ length: 210 }, (_, seq) => fix(seq)));
    const result = await activity.run(
      `query ($id: ID!) { activity(id: $id) {
        km: splits { index distanceMeters paceSecondsPerKm }
        mile: splits(unit: MILE) { distanceMeters }
        bestEfforts { name distanceMeters movingTimeSeconds }
        route { polyline pointCount bounds { south north west east } }
      } }`,
      { id: activity.id },
    );
    expect(result.errors).toBeUndefined();
    const { km, mile, bestEfforts, route } = result.data!.activity;
    const total = distanceMeters(fix(0), fix(209));
    const lengths = (splits: { distanceMeters: number }[]) => splits.map((split) => Math.round(split.distanceMeters));
    expect(lengths(km).slice(0, 2)).toEqual([1000, 1000]);
    expect(Math.abs(km[2].distanceMeters - (total - 2000))).toBeLessThan(3);
    for (const split of km) expect(Math.abs(split.paceSecondsPerKm - 401)).toBeLessThan(10); // 12.46 m per 5 s
    expect(lengths(mile)[0]).toBe(1609);
    expect(Math.abs(mile[1].distanceMeters - (total - 1609.344))).toBeLessThan(3);
    expect(bestEfforts.map((effort: { name: string }) => effort.name)).toEqual(['400 m', '1 km', '1 mile']);
    expect(Math.abs(bestEfforts[1].movingTimeSeconds - 401)).toBeLessThan(10);
    expect(route.pointCount).toBeLessThanOrEqual(5); // a straight line needs its ends, little more
    expect(route.polyline.length).toBeGreaterThan(4);
    expect(route.bounds.south).toBeCloseTo(52.37, 3);
    expect(route.bounds.north).toBeCloseTo(52.37 + 209 * 0.000112, 3);
  });
});
