import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseDatabaseUrl, quoteIdentifier } from './database-url.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { testServerUrl } from './env.js';
import { applyMigrations, migrationsDirectory } from './migrations.js';

// The schema-drift check reads schema.prisma with prisma-schema-wasm: test support, kept out of the runtime entry.
export * from './declared-schema.js';
export * from './migrated-schema.js';
export * from './schema-shape.js';

/** A database of one's own for one test file, dropped by `drop()`. */
export interface TestDatabase {
  url: string;
  /** True when this is a schema on a real PostgreSQL server. */
  onServer: boolean;
  drop(): Promise<void>;
}

export interface ProvisionOptions {
  /** Apply these migrations. @default the project's; null applies none */
  migrations?: string | null;
}

/**
 * Gives a test file its own empty database, migrated: a fresh schema on the
 * server DATABASE_URL names (CI), or an in-memory embedded PostgreSQL.
 * Test files never share tables, so they can run in parallel.
 */
export async function provisionTestDatabase(options: ProvisionOptions = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  let database: TestDatabase;
  if (serverUrl) {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const { connectionString } = parseDatabaseUrl(serverUrl);
    const url = new URL(connectionString);
    url.searchParams.set('schema', schema);
    database = {
      url: url.toString(),
      onServer: true,
      drop: async () => {
        const client = new pg.Client({ connectionString });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  } else {
    const embedded = await startEmbeddedPostgres();
    database = { url: embedded.url, onServer: false, drop: () => embedded.stop() };
  }
  const migrations = options.migrations === undefined ? migrationsDirectory : options.migrations;
  if (migrations !== null) await applyMigrations(database.url, migrations);
  return database;
}
