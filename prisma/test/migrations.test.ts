import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations, migrationsDirectory, parseDatabaseUrl, readMigrations } from '../src/index.js';
import { provisionTestDatabase, type TestDatabase } from '../src/testing.js';

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the migration runner', () => {
  let database: TestDatabase;
  let scratch: string;

  beforeEach(async () => {
    database = await provisionTestDatabase({ migrations: null });
    scratch = await mkdtemp(join(tmpdir(), 'pacegraph-migrations-'));
  });
  afterEach(async () => {
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('applies every migration once and records it as Prisma does', async () => {
    const first = await applyMigrations(database.url);
    const second = await applyMigrations(database.url);
    const migrations = await readMigrations();
    expect(first.applied).toEqual(migrations.map((migration) => migration.name));
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      database.url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(first.applied);
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[index]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies each migration exactly once when several processes start together', async () => {
    const reports = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(database.url)));
    const appliedCounts = reports.map((report) => report.applied.length);
    const total = (await readMigrations()).length;
    expect(appliedCounts.reduce((sum, count) => sum + count, 0)).toBe(total);
    const rows = await query<{ count: string }>(database.url, 'SELECT count(*) AS count FROM "_prisma_migrations"');
    expect(Number(rows[0]!.count)).toBe(total);
  });

  it('refuses to go on when an applied migration was edited afterwards', async () => {
    await cp(migrationsDirectory, scratch, { recursive: true });
    await applyMigrations(database.url, scratch);
    const [first] = await readMigrations(scratch);
    const file = join(scratch, first!.name, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- edited\n`);
    await expect(applyMigrations(database.url, scratch)).rejects.toThrow(/was changed after it was applied/);
  });

  it('rolls back a failing migration, records the failure and blocks later runs', async () => {
    await mkdir(join(scratch, '20260101000000_good'));
    await writeFile(join(scratch, '20260101000000_good', 'migration.sql'), 'CREATE TABLE "kept" ("id" INTEGER);');
    await mkdir(join(scratch, '20260102000000_bad'));
    await writeFile(
      join(scratch, '20260102000000_bad', 'migration.sql'),
      'CREATE TABLE "half" ("id" INTEGER);\nSELECT no_such_function();',
    );
    await expect(applyMigrations(database.url, scratch)).rejects.toThrow(/20260102000000_bad failed/);
    const tables = await query<{ tablename: string }>(
      database.url,
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    expect(tables.map((table) => table.tablename)).toEqual(['_prisma_migrations', 'kept']);
    const failed = await query<{ logs: string; finished_at: Date | null }>(
      database.url,
      `SELECT logs, finished_at FROM "_prisma_migrations" WHERE migration_name = '20260102000000_bad'`,
    );
    expect(failed[0]!.finished_at).toBeNull();
    expect(failed[0]!.logs).toMatch(/no_such_function/);
    await expect(applyMigrations(database.url, scratch)).rejects.toThrow(/failed earlier/);
  });
});
