import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseDatabaseUrl, quoteIdentifier } from './database-url.js';

/** The folder of SQL migrations, in Prisma's layout. */
export const migrationsDirectory = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * The advisory lock Prisma's own migrate takes, so our runner and
 * `prisma migrate deploy` never apply migrations at the same time either.
 */
const migrationLockKey = 72707369;

export interface Migration {
  name: string;
  sql: string;
  /** SHA-256 of the file, hex: what Prisma records as the checksum. */
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/** Reads `<dir>/<timestamp>_<name>/migration.sql`, in name order. */
export async function readMigrations(directory = migrationsDirectory): Promise<Migration[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(`${directory}/${name}/migration.sql`, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

// Prisma's own table, column for column, so either tool can take over from the other.
const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies the migrations not yet applied, each in its own transaction, and
 * records them in `_prisma_migrations` as Prisma does. Safe to call from many
 * processes at once: they queue on an advisory lock. Refuses to go on past a
 * failed migration or one whose file changed after it was applied.
 */
export async function applyMigrations(url: string, directory = migrationsDirectory): Promise<MigrationReport> {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const migrations = await readMigrations(directory);
  const client = new pg.Client({ connectionString });
  await client.connect();
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query(`SET search_path TO ${quoteIdentifier(schema)}`);
    await client.query(createMigrationsTable);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const failed = rows.find((row) => row.finished_at === null);
    if (failed) {
      throw new Error(`Migration ${failed.migration_name} failed earlier; resolve it (see _prisma_migrations.logs) before applying more`);
    }
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead`);
        }
        report.alreadyApplied.push(migration.name);
        continue;
      }
      if (await applyOne(client, migration)) report.applied.push(migration.name);
      else report.alreadyApplied.push(migration.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    await client.end();
  }
  return report;
}

/** Applies one migration in a transaction; false when another process got there first. */
async function applyOne(client: pg.Client, migration: Migration): Promise<boolean> {
  const id = randomUUID();
  try {
    await client.query('BEGIN');
    // Checked again inside the transaction: the embedded PostgreSQL serves all
    // connections from one session, where the advisory lock cannot exclude.
    const done = await client.query(
      'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
      [migration.name],
    );
    if (done.rowCount) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [
      id,
      migration.checksum,
      migration.name,
    ]);
    await client.query(migration.sql);
    await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    // Recording the failure is best effort (the connection may be what failed); the error itself is not lost.
    try {
      await client.query('ROLLBACK');
      await client.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at) VALUES ($1, $2, $3, $4, now())',
        [id, migration.checksum, migration.name, String(error)],
      );
    } catch {
      // The original error below says what went wrong.
    }
    throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
