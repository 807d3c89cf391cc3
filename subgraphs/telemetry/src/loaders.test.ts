import { openDatabase, type Database } from '@pacegraph/db';
import { provisionTestDatabase, type TestDatabase } from '@pacegraph/db/testing';
import { createLoaders } from './loaders.js';

describe('the track point count loader', () => {
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

  it('counts the points of many activities in one query', async () => {
    const { prisma } = database;
    const athlete = await prisma.user.create({ data: { name: 'A', email: 'a@example.com', passwordHash: 'x' } });
    const activities = await Promise.all(
      [3, 0, 5].map(async (points) => {
        const activity = await prisma.activity.create({ data: { athleteId: athlete.id, sport: 'RUN', title: 'Run' } });
        await prisma.trackPoint.createMany({
          data: Array.from({ length: points }, (_, seq) => ({
            activityId: activity.id,
            seq,
            recordedAt: new Date(Date.UTC(2026, 10, 22, 7, 0, seq * 5)),
            lat: 52.37 + seq * 1e-4,
            lon: 4.89,
          })),
        });
        return activity;
      }),
    );
    statements.length = 0;
    const loaders = createLoaders(prisma);
    const counts = await Promise.all(activities.map((activity) => loaders.trackPointCountByActivity.load(activity.id)));
    expect(counts).toEqual([3, 0, 5]);
    expect(statements).toHaveLength(1);
  });
});
