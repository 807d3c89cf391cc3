import { openDatabase, type Database } from '@pacegraph/db';
import { provisionTestDatabase, type TestDatabase } from '@pacegraph/db/testing';
import { analyzeActivity } from '@pacegraph/track-math';
import { activityWithPoints } from '../test/activities.js';
import { archivedStats } from './domain/track-archive.js';
import { archivedPointsOf } from './store/archived-tracks.js';
import { hotPointsOf } from './store/track-points.js';
import { archiveTrack } from './track-archiver.js';

describe('archiving a track', () => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await provisionTestDatabase();
    database = openDatabase(testDatabase.url);
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it('stores the stats computed from the hot fixes, and the fixes in chunks', async () => {
    const { prisma } = database;
    const activity = await activityWithPoints(prisma, 2500, 'COMPLETED');
    const hot = (await hotPointsOf(prisma, [activity.id])).get(activity.id)!;
    const expected = analyzeActivity({
      sport: 'RUN',
      startedAt: activity.startedAt!,
      endedAt: new Date(activity.startedAt!.getTime() + 2500 * 5000),
      points: hot,
    });

    expect(await archiveTrack(prisma, activity.id)).toBe('archived');
    const track = await prisma.archivedTrack.findUniqueOrThrow({ where: { activityId: activity.id } });
    expect(archivedStats(track)).toEqual(expected.stats);
    expect(await prisma.trackChunk.findMany({ where: { activityId: activity.id }, select: { firstSeq: true, pointCount: true } })).toEqual([
      { firstSeq: 0, pointCount: 2000 },
      { firstSeq: 2000, pointCount: 500 },
    ]);
    // Positions come back to 1e-7°.
    const toCentimetre = (degrees: number) => Math.round(degrees * 1e7) / 1e7;
    expect((await archivedPointsOf(prisma, [activity.id])).get(activity.id)).toEqual(
      hot.map((point) => ({ ...point, lat: toCentimetre(point.lat), lon: toCentimetre(point.lon) })),
    );
    expect(await prisma.trackPoint.count({ where: { activityId: activity.id } })).toBe(0);
  });

  it('archives once when two archivers race', async () => {
    const { prisma } = database;
    const activity = await activityWithPoints(prisma, 50, 'COMPLETED');
    const outcomes = await Promise.all([archiveTrack(prisma, activity.id), archiveTrack(prisma, activity.id)]);
    expect(outcomes.sort()).toEqual(['already-archived', 'archived']);
    expect(await archiveTrack(prisma, activity.id)).toBe('already-archived');
    expect(await prisma.trackChunk.count({ where: { activityId: activity.id } })).toBe(1);
  });

  it('leaves a recording activity alone, and drops a discarded one', async () => {
    const { prisma } = database;
    const recording = await activityWithPoints(prisma, 10);
    expect(await archiveTrack(prisma, recording.id)).toBe('still-recording');
    expect(await prisma.trackPoint.count({ where: { activityId: recording.id } })).toBe(10);

    await prisma.activity.update({ where: { id: recording.id }, data: { status: 'DISCARDED' } });
    expect(await archiveTrack(prisma, recording.id)).toBe('dropped');
    expect(await prisma.trackPoint.count({ where: { activityId: recording.id } })).toBe(0);
  });
});
