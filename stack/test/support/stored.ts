import { openDatabase, type Database } from '@pacegraph/db';
import type { StackUnderTest } from '../../src/testing.js';

/**
 * The stack's own database, for tests that check what was stored: opened
 * before the enclosing describe's tests (after `useStack` booted the stack)
 * and closed after. The returned object is filled in once beforeAll has run.
 */
export function useStackDatabase(harness: StackUnderTest): Database {
  const database = {} as Database;
  beforeAll(() => {
    Object.assign(database, openDatabase(harness.databaseUrl));
  });
  afterAll(() => database.close?.());
  return database;
}

/** Waits until a saved activity's track is archived (its figures then come from the archive). */
export async function untilArchived(database: Database, activityId: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await database.prisma.archivedTrack.count({ where: { activityId } })) === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${activityId} was not archived`);
}
