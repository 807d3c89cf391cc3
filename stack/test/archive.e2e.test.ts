import { useStackDatabase } from './support/stored.js';
import { syntheticTrack } from '@pacegraph/track-math/testing';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

const record = `mutation ($activityId: ID!, $points: [TrackPointInput!]!) {
  recordTrackPoints(activityId: $activityId, points: $points) { accepted duplicates rejected { seq reason } }
}`;
const everything = `query ($id: ID!) { activity(id: $id) {
  status trackPointCount
  stats { distanceMeters movingTimeSeconds elapsedTimeSeconds averageSpeedMps maxSpeedMps averagePaceSecondsPerKm elevationGainMeters elevationLossMeters }
  splits(unit: KM) { index distanceMeters movingTimeSeconds paceSecondsPerKm elevationChangeMeters }
  bestEfforts { name distanceMeters movingTimeSeconds startDistanceMeters }
  route { polyline pointCount bounds { south west north east } }
} }`;

/** A 25-minute run with a stop and a pause, a fix every 2 s, with heart rate on every other fix. */
const run = syntheticTrack({
  seed: 11,
  sport: 'RUN',
  movingSeconds: 1500,
  samplingSeconds: 2,
  noiseMeters: 4,
  stops: 1,
  stopSeconds: [60, 120],
  pauses: 1,
  gaps: 1,
  // Ingestion refuses outliers as impossible speed; this test is about what is kept.
  outlierRate: 0,
});
const fixes = run.points.map((point, index) => ({
  seq: point.seq,
  time: point.time.toISOString(),
  lat: point.lat,
  lon: point.lon,
  elevation: point.elevation,
  accuracy: 4,
  ...(index % 2 === 0 ? { heartRate: 150 } : {}),
}));

describe('archiving a completed track', () => {
  const harness = useStack();
  const database = useStackDatabase(harness);

  async function recordedRun() {
    const athlete = await signUpAthlete(harness.url);
    const call = (query: string, variables: Record<string, unknown> = {}) => graphql(harness.url, query, variables, bearer(athlete.token));
    const id = (await call('mutation { createActivity(input: { sport: RUN }) { id } }')).data!.createActivity.id as string;
    const at = (date: Date) => ({ id, at: date.toISOString() });
    await call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }', at(run.startedAt));
    for (const pause of run.pauses) {
      await call('mutation ($id: ID!, $at: DateTime) { pauseActivity(id: $id, at: $at) { id } }', at(pause.from));
      await call('mutation ($id: ID!, $at: DateTime) { resumeActivity(id: $id, at: $at) { id } }', at(pause.to));
    }
    for (let start = 0; start < fixes.length; start += 300) {
      const result = await call(record, { activityId: id, points: fixes.slice(start, start + 300) });
      expect(result.data!.recordTrackPoints.rejected).toEqual([]);
    }
    await call('mutation ($id: ID!, $at: DateTime) { stopActivity(id: $id, at: $at) { id } }', at(run.endedAt));
    return { id, call };
  }

  async function storedForms(activityId: string) {
    const { prisma } = database;
    // One snapshot: the archiver moves the fixes in one transaction, and counts
    // read apart could see the archive committed but the hot rows not yet gone.
    const [hot, archived, chunks] = await prisma.$transaction(
      [
        prisma.trackPoint.count({ where: { activityId } }),
        prisma.archivedTrack.count({ where: { activityId } }),
        prisma.trackChunk.count({ where: { activityId } }),
      ],
      { isolationLevel: 'RepeatableRead' },
    );
    return { hot, archived, chunks };
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const value = await read();
      if (done(value) || attempt === 100) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('moves the fixes to the cold form on completion, and answers as before', async () => {
    const { id, call } = await recordedRun();
    const before = (await call(everything, { id })).data!.activity;
    expect(before.trackPointCount).toBe(fixes.length);
    expect(await storedForms(id)).toEqual({ hot: fixes.length, archived: 0, chunks: 0 });

    await call('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id });
    const stored = await eventually(
      () => storedForms(id),
      (forms) => forms.archived === 1,
    );
    expect(stored).toEqual({ hot: 0, archived: 1, chunks: 1 });

    const after = (await call(everything, { id })).data!.activity;
    expect(after.status).toBe('COMPLETED');
    expect(after.trackPointCount).toBe(fixes.length);
    // Stats and route are stored as computed from the hot fixes; splits and
    // best efforts are computed again from the cold ones, kept to about 1 cm.
    expect(after.stats).toEqual(before.stats);
    expect(after.route).toEqual(before.route);
    expect(after.splits.length).toBe(before.splits.length);
    after.splits.forEach((split: Record<string, number>, index: number) => {
      expect(split.distanceMeters).toBeCloseTo(before.splits[index].distanceMeters, 1);
      expect(split.movingTimeSeconds).toBeCloseTo(before.splits[index].movingTimeSeconds, 1);
    });
    expect(after.bestEfforts.map((effort: { name: string }) => effort.name)).toEqual(
      before.bestEfforts.map((effort: { name: string }) => effort.name),
    );
  });

  it('refuses fixes once the activity is completed', async () => {
    const { id, call } = await recordedRun();
    await call('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id });
    const late = { ...fixes.at(-1)!, seq: 100_000 };
    const result = await call(record, { activityId: id, points: [late] });
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.message).toContain('COMPLETED');
  });

  it('drops the fixes of a discarded activity', async () => {
    const { id, call } = await recordedRun();
    await call('mutation ($id: ID!) { discardActivity(id: $id) { id } }', { id });
    expect(
      await eventually(
        () => storedForms(id),
        (forms) => forms.hot === 0,
      ),
    ).toEqual({ hot: 0, archived: 0, chunks: 0 });
  });
});
