import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsDirectory } from '../src/index.js';
import { declaredSchemaShape, diffSchemaShapes, migratedSchemaShape, provisionTestDatabase } from '../src/testing.js';

describe('schema.prisma and the migrations', () => {
  it('describe the same database: every table, column, type, nullability, key, index and enum', async () => {
    const database = await provisionTestDatabase();
    try {
      const declared = await declaredSchemaShape();
      const found = await migratedSchemaShape(database.url);
      expect(diffSchemaShapes(declared, found)).toEqual([]);
      expect(declared.columns.size).toBeGreaterThan(10);
      expect(declared.indexes.size).toBeGreaterThan(3);
    } finally {
      await database.drop();
    }
  });

  it('reports each kind of drift when a migration disagrees with schema.prisma', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'pacegraph-drift-'));
    await cp(migrationsDirectory, scratch, { recursive: true });
    const file = join(scratch, '20261122000000_foundation', 'migration.sql');
    const sql = (await readFile(file, 'utf8'))
      .replace('"title" VARCHAR(120) NOT NULL', '"title" VARCHAR(200) NOT NULL')
      .replace('"lat" DOUBLE PRECISION NOT NULL', '"lat" DOUBLE PRECISION')
      .replace('CREATE UNIQUE INDEX "users_email_key"', 'CREATE INDEX "users_email_key"')
      .replace('("athlete_id", "created_at" DESC)', '("athlete_id", "created_at")')
      .replace(`'WALK', 'HIKE'`, `'HIKE', 'WALK'`)
      .replace(
        'FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE',
        'FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE RESTRICT',
      );
    await writeFile(
      file,
      `${sql}
ALTER TABLE "users" ADD COLUMN "nickname" TEXT;
CREATE INDEX "users_lower_name_idx" ON "users" (lower("name"));
CREATE INDEX "activities_title_idx" ON "activities" ("title") INCLUDE ("sport") WHERE "title" <> '';
`,
    );
    const database = await provisionTestDatabase({ migrations: scratch });
    try {
      const differences = diffSchemaShapes(await declaredSchemaShape(), await migratedSchemaShape(database.url));
      expect(differences.sort()).toEqual(
        [
          'column activities.title is character varying(200) NOT NULL in the database but character varying(120) NOT NULL in schema.prisma',
          'column track_points.lat is double precision in the database but double precision NOT NULL in schema.prisma',
          'column users.nickname is in the database but not in schema.prisma',
          'index users UNIQUE (email) is missing from the database',
          'index users INDEX (email) is in the database but not in schema.prisma',
          'index activities INDEX (athlete_id, created_at DESC) is missing from the database',
          'index activities INDEX (athlete_id, created_at) is in the database but not in schema.prisma',
          'enum Sport is (RUN, RIDE, HIKE, WALK) in the database but (RUN, RIDE, WALK, HIKE) in schema.prisma',
          'foreign key track_points (activity_id) → activities (id) ON DELETE CASCADE ON UPDATE CASCADE is missing from the database',
          'foreign key track_points (activity_id) → activities (id) ON DELETE RESTRICT ON UPDATE CASCADE is in the database but not in schema.prisma',
          'index users INDEX (lower(name::text)) is in the database but not in schema.prisma',
          "index activities INDEX (title) INCLUDE (sport) WHERE title::text <> ''::text is in the database but not in schema.prisma",
        ].sort(),
      );
    } finally {
      await database.drop();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
