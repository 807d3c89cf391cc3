/**
 * `npm run bench:storage`: bytes per stored GPS fix, hot (one row per fix,
 * while the activity records) against cold (delta-encoded chunks after
 * completion), on one database: table, TOAST and indexes over the fixes they
 * hold. Uses DATABASE_URL's server when set, else the embedded one.
 */
import pg from 'pg';
import { openDatabase, pgConnectionConfig } from '@pacegraph/db';
import { provisionTestDatabase } from '@pacegraph/db/testing';
import { archiveTrack } from '@pacegraph/telemetry';
import type { Sport } from '@pacegraph/activity-rules';
import { syntheticTrack } from '@pacegraph/track-math/testing';
import { formatNumber, markdownTable } from './measure.js';

/** What phones send, by sport: how often, and which sensors beside the position. */
const recordings: { sport: Sport; samplingSeconds: number; heartRate: boolean; cadence: boolean }[] = [
  { sport: 'RUN', samplingSeconds: 1, heartRate: true, cadence: true },
  { sport: 'RIDE', samplingSeconds: 1, heartRate: true, cadence: false },
  { sport: 'WALK', samplingSeconds: 3, heartRate: false, cadence: false },
  { sport: 'HIKE', samplingSeconds: 5, heartRate: false, cadence: false },
];
const activitiesPerSport = 30;

async function main() {
  const database = await provisionTestDatabase();
  const pool = new pg.Pool(pgConnectionConfig(database.url));
  const { prisma, close } = openDatabase(database.url);
  try {
    const { rows: users } = await pool.query<{ id: string }>(
      `INSERT INTO users (id, name, email, password_hash) VALUES (gen_random_uuid(), 'Bench', 'bench@example.com', 'x') RETURNING id`,
    );
    const activityIds: string[] = [];
    let seed = 0;
    for (const recording of recordings) {
      for (let index = 0; index < activitiesPerSport; index++) {
        const track = syntheticTrack({
          seed: ++seed,
          sport: recording.sport,
          movingSeconds: 2400 + (seed % 5) * 600,
          samplingSeconds: recording.samplingSeconds,
          noiseMeters: 3 + (seed % 6),
          stops: 2,
          stopSeconds: [30, 300],
          pauses: 1,
          gaps: 2,
        });
        const { rows } = await pool.query<{ id: string }>(
          `INSERT INTO activities (id, athlete_id, sport, title, status, started_at, ended_at)
           VALUES (gen_random_uuid(), $1, $2, 'Bench', 'COMPLETED', $3, $4) RETURNING id`,
          [users[0]!.id, recording.sport, track.startedAt, track.endedAt],
        );
        const id = rows[0]!.id;
        const points = track.points;
        await pool.query(
          `INSERT INTO track_points (activity_id, seq, recorded_at, lat, lon, elevation, accuracy, heart_rate, cadence)
           SELECT $1::uuid, * FROM unnest($2::int[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::int2[], $9::int2[])`,
          [
            id,
            points.map((point) => point.seq),
            points.map((point) => point.time),
            points.map((point) => point.lat),
            points.map((point) => point.lon),
            points.map((point) => point.elevation ?? null),
            // Phones report accuracy in steps (often whole metres or tenths).
            points.map((point, at) => Math.round((3 + ((at * 7) % 50) / 10) * 10) / 10),
            points.map((point, at) => (recording.heartRate ? 120 + Math.round(30 * Math.sin(at / 300)) + (at % 3) : null)),
            points.map((point, at) => (recording.cadence ? 165 + (at % 9) : null)),
          ],
        );
        activityIds.push(id);
      }
    }
    const stored = async (tables: string[]) => {
      await pool.query(`VACUUM ANALYZE ${tables.join(', ')}`);
      const sizes = await Promise.all(
        tables.map(
          async (table) =>
            (await pool.query<{ bytes: string }>(`SELECT pg_total_relation_size($1::regclass) AS bytes`, [table])).rows[0]!.bytes,
        ),
      );
      return sizes.reduce((sum, bytes) => sum + Number(bytes), 0);
    };
    const points = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM track_points')).rows[0]!.n);
    const hotBytes = await stored(['track_points']);

    for (const id of activityIds) {
      const outcome = await archiveTrack(prisma, id);
      if (outcome !== 'archived') throw new Error(`${id}: ${outcome}`);
    }
    const encodedBytes = Number((await pool.query<{ n: string }>('SELECT sum(octet_length(data)) AS n FROM track_chunks')).rows[0]!.n);
    const chunkBytes = await stored(['track_chunks']);
    const summaryBytes = await stored(['archived_tracks']);

    const perPoint = (bytes: number) => bytes / points;
    console.log(
      `Storage per GPS fix, ${formatNumber(points)} fixes of ${activityIds.length} activities (runs and rides at 1 s with heart rate, ` +
        `walks at 3 s, hikes at 5 s), ${database.onServer ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)'}\n`,
    );
    console.log(
      markdownTable(
        ['form', 'bytes', 'bytes per fix', 'ratio to hot'],
        [
          ['hot: track_points (table + indexes)', formatNumber(hotBytes), formatNumber(perPoint(hotBytes), 1), '1.00'],
          [
            'cold: encoded chunks, as encoded',
            formatNumber(encodedBytes),
            formatNumber(perPoint(encodedBytes), 1),
            formatNumber(encodedBytes / hotBytes, 3),
          ],
          [
            'cold: track_chunks (table + TOAST + index)',
            formatNumber(chunkBytes),
            formatNumber(perPoint(chunkBytes), 1),
            formatNumber(chunkBytes / hotBytes, 3),
          ],
          [
            'cold: with archived_tracks (stats, route)',
            formatNumber(chunkBytes + summaryBytes),
            formatNumber(perPoint(chunkBytes + summaryBytes), 1),
            formatNumber((chunkBytes + summaryBytes) / hotBytes, 3),
          ],
        ],
      ),
    );
  } finally {
    await close();
    await pool.end();
    await database.drop();
  }
}

await main();
