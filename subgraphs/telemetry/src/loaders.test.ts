import { openDatabase, type Database } from '@pacegraph/db';
import { provisionTestDatabase, type TestDatabase } from '@pacegraph/db/testing';
import { MemoryEventBus, createLogger } from '@pacegraph/service-kit';
import { createLoaders } from './loaders.js';
import { archiveTrack, TrackArchiver } from './track-archiver.js';
import { activityWithPoints } from '../test/activities.js';

describe('the telemetry loaders', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  const statements: string[] = [];

  beforeAll(async () => {
    testDatabase = await provisionTestDatabase();
    database = openDatabase(testDatabase.url, { onQuery: (sql) => statements.push(sql) });
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it('counts the fixes of many activities, hot and archived, in two queries of one snapshot', async () => {
    const { prisma } = database;
    const activities = [
      await activityWithPoints(prisma, 3),
      await activityWithPoints(prisma, 0),
      await activityWithPoints(prisma, 5, 'COMPLETED'),
    ];
    expect(await archiveTrack(prisma, activities[2]!.id)).toBe('archived');
    statements.length = 0;
    const loaders = createLoaders(prisma, null);
    const counts = await Promise.all(
      activities.map(async (activity) => (await loaders.trackPointCountByActivity.load(activity.id))?.pointCount),
    );
    expect(counts).toEqual([3, 0, 5]);
    expect(statements.filter((sql) => !/^(BEGIN|COMMIT)/.test(sql))).toHaveLength(2);
  });

  it('reads archived fixes back, and archives a finished track a read finds still hot', async () => {
    const { prisma } = database;
    const archived = await activityWithPoints(prisma, 40, 'COMPLETED');
    const missed = await activityWithPoints(prisma, 30, 'COMPLETED');
    await archiveTrack(prisma, archived.id);
    const archiver = await TrackArchiver.start({
      prisma,
      bus: new MemoryEventBus(createLogger('test', 'silent')),
      log: createLogger('test', 'silent'),
    });
    try {
      const loaders = createLoaders(prisma, null, archiver);
      const [cold, hot] = await Promise.all([loaders.recordingByActivity.load(archived.id), loaders.recordingByActivity.load(missed.id)]);
      expect(cold!.points.map((point) => point.seq)).toEqual(Array.from({ length: 40 }, (_, seq) => seq));
      expect(cold!.points[39]).toMatchObject({ lat: 52.3739, lon: 4.89, elevation: 6 });
      expect(hot!.points).toHaveLength(30);
      await archiver.archiveSoon(missed.id); // joins the run the read started
      expect(await prisma.trackPoint.count({ where: { activityId: missed.id } })).toBe(0);
      expect(await prisma.archivedTrack.findUnique({ where: { activityId: missed.id } })).toMatchObject({ pointCount: 30 });
    } finally {
      await archiver.close();
    }
  });
});
