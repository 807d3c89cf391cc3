/**
 * `npm run bench:ingest`: GPS points accepted end to end (client → gateway →
 * telemetry → database) against the raw insert rate of the same points into
 * the same table with pg, in one run on one database; and, to show where the
 * time goes, the same calls straight at the telemetry subgraph, telemetry's
 * own work without GraphQL or HTTP (its checks and its two statements through
 * Prisma), and the floor of a call (an empty batch end to end) against what a
 * ratio of 0.5 needs. Uses
 * DATABASE_URL's server when set (a schema of its own, dropped after), else
 * the embedded one. The stack runs in this process, in production mode.
 */
import pg from 'pg';
import { openDatabase, pgConnectionConfig } from '@pacegraph/db';
import { IDENTITY_HEADER, signIdentity } from '@pacegraph/service-kit';
import { readSignUpCode } from '@pacegraph/stack';
import { RecordingActivities, recordTrackPoints } from '@pacegraph/telemetry';
import { graphqlClient, type GraphQLClient } from './graphql-client.js';
import { benchAccountLimits, startBenchStack } from './bench-stack.js';
import { formatNumber, markdownTable, percentile, runLoad, type LoadResult } from './measure.js';
import { runningFixes, type FixInput } from './running-fixes.js';

const athletes = 50;
const batchSizes = (process.env.BENCH_BATCH_SIZES ?? '1,12,60,300').split(',').map(Number);
/** Calls per athlete at each batch size, after one warm-up call. */
const callsPerAthlete: Record<number, number> = { 1: 100, 12: 40, 60: 16, 300: 6 };
/** Empty calls per athlete measured for the floor. */
const emptyCallsPerAthlete = 40;
/** Connections for the raw inserts: the size of the telemetry subgraph's pool. */
const rawPoolSize = 10;

const record = `mutation ($activityId: ID!, $points: [TrackPointInput!]!) {
  recordTrackPoints(activityId: $activityId, points: $points) { accepted rejected { seq reason } }
}`;

async function main() {
  const { database, secrets, stack } = await startBenchStack({ accountLimits: benchAccountLimits });
  const pool = new pg.Pool({ ...pgConnectionConfig(database.url), max: rawPoolSize });
  // Telemetry's own work, called in this process on a Prisma client of its own (the subgraph's pool size).
  const store = openDatabase(database.url);
  try {
    const gateway = graphqlClient(stack.gatewayUrl);
    // What the gateway sends the subgraph: the query, and the viewer signed for it.
    const telemetry = graphqlClient(stack.subgraphs.telemetry.url, (viewerId, body) => ({
      [IDENTITY_HEADER]: signIdentity(secrets.internalSecret, { viewerId }, 'telemetry', body),
    }));
    const tokens: string[] = [];
    const athleteIds: string[] = [];
    for (let index = 0; index < athletes; index++) {
      const email = `bench-${index}@example.com`;
      await gateway.call('mutation ($input: SignUpInput!) { signUp(input: $input) { email } }', {
        input: { name: `Bench ${index}`, email, password: 'correct horse battery' },
      });
      const { confirmSignUp } = await gateway.call(
        'mutation ($email: String!, $code: String!) { confirmSignUp(email: $email, code: $code) { token user { id } } }',
        { email, code: await readSignUpCode(database.url, email) },
      );
      tokens.push(confirmSignUp.token);
      athleteIds.push(confirmSignUp.user.id);
    }
    const startedAt = new Date(Date.now() - 24 * 3600_000);

    const rows: (string | number)[][] = [];
    /** Raw inserts per second at each batch size: one statement per batch. */
    const rawBatchesPerSecond = new Map<number, number>();
    for (const batch of batchSizes) {
      const calls = callsPerAthlete[batch]!;
      const fixesOf = (athlete: number, call: number) => runningFixes(athlete, call * batch, batch, startedAt);

      // End to end: each athlete records its own activity through the gateway;
      // then again, another activity each, straight at the telemetry subgraph.
      const throughGateway = await recordThrough(gateway, (athlete) => tokens[athlete]!);
      const direct = await recordThrough(telemetry, (athlete) => athleteIds[athlete]!);
      const domain = await recordInProcess();

      // Raw: the same fixes into the same table, one INSERT … SELECT unnest(…) per batch.
      const rawActivities = await Promise.all(athleteIds.map((athleteId) => rawActivity(pool, athleteId, startedAt)));
      const insert = (athlete: number, call: number) => insertRaw(pool, rawActivities[athlete]!, fixesOf(athlete, call));
      await runLoad(athletes, 1, (athlete) => insert(athlete, 0));
      const raw = await runLoad(athletes, calls, (athlete, index) => insert(athlete, index + 1));

      const rate = (load: LoadResult) => (athletes * calls * batch) / (load.elapsedMs / 1000);
      rawBatchesPerSecond.set(batch, rate(raw) / batch);
      const latency = (load: LoadResult) =>
        `${formatNumber(percentile(load.latenciesMs, 0.5), 1)} / ${formatNumber(percentile(load.latenciesMs, 0.99), 1)}`;
      rows.push([
        batch,
        formatNumber(rate(throughGateway)),
        latency(throughGateway),
        formatNumber(rate(direct)),
        latency(direct),
        formatNumber(rate(domain)),
        latency(domain),
        formatNumber(rate(raw)),
        latency(raw),
        formatNumber(rate(throughGateway) / rate(raw), 2),
      ]);

      async function recordThrough(client: GraphQLClient, credentialOf: (athlete: number) => string): Promise<LoadResult> {
        const activities = await Promise.all(tokens.map((token) => startedActivity(gateway, token, startedAt)));
        const send = async (athlete: number, call: number) => {
          const points = fixesOf(athlete, call);
          const result = await client.call(record, { activityId: activities[athlete], points }, credentialOf(athlete));
          if (result.recordTrackPoints.accepted !== batch) {
            throw new Error(`Expected ${batch} accepted: ${JSON.stringify(result.recordTrackPoints.rejected.slice(0, 3))}`);
          }
        };
        await runLoad(athletes, 1, (athlete) => send(athlete, 0));
        return runLoad(athletes, calls, (athlete, index) => send(athlete, index + 1));
      }
      /** The same calls to telemetry's domain function: its checks, its read and its insert, no GraphQL or HTTP. */
      async function recordInProcess(): Promise<LoadResult> {
        const activities = await Promise.all(tokens.map((token) => startedActivity(gateway, token, startedAt)));
        const recording = new RecordingActivities(store.prisma);
        const send = async (athlete: number, call: number) => {
          const points = fixesOf(athlete, call).map((fix) => ({ ...fix, time: new Date(fix.time) }));
          const result = await recordTrackPoints(store.prisma, recording, athleteIds[athlete]!, activities[athlete]!, points);
          if (result.accepted !== batch) throw new Error(`Expected ${batch} accepted: ${JSON.stringify(result.rejected.slice(0, 3))}`);
        };
        await runLoad(athletes, 1, (athlete) => send(athlete, 0));
        return runLoad(athletes, calls, (athlete, index) => send(athlete, index + 1));
      }
      console.error(`batch ${batch} done`);
    }

    // The floor of a call end to end: an empty batch has no fixes to coerce, check or store (no SQL at all).
    const emptyActivities = await Promise.all(tokens.map((token) => startedActivity(gateway, token, startedAt)));
    const sendEmpty = async (athlete: number) => {
      const { recordTrackPoints } = await gateway.call(record, { activityId: emptyActivities[athlete], points: [] }, tokens[athlete]);
      if (recordTrackPoints.accepted !== 0) throw new Error('an empty batch accepted fixes');
    };
    await runLoad(athletes, 5, sendEmpty);
    const empty = await runLoad(athletes, emptyCallsPerAthlete, sendEmpty);
    const emptyCallsPerSecond = (athletes * emptyCallsPerAthlete) / (empty.elapsedMs / 1000);

    console.log(
      `Ingestion, ${athletes} athletes at once, ${database.onServer ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)'}; ` +
        `raw = pg, ${rawPoolSize} connections, one INSERT … SELECT unnest(…) per batch\n`,
    );
    console.log(
      markdownTable(
        [
          'batch',
          'end to end points/s',
          'p50 / p99 ms',
          'telemetry direct points/s',
          'p50 / p99 ms',
          'telemetry without GraphQL points/s',
          'p50 / p99 ms',
          'raw insert points/s',
          'p50 / p99 ms',
          'ratio end to end / raw',
        ],
        rows,
      ),
    );
    console.log(`\nAn empty batch end to end (the floor of a call: no fixes, no SQL): ${formatNumber(emptyCallsPerSecond)} calls/s.`);
    for (const [batch, perSecond] of rawBatchesPerSecond) {
      console.log(
        `Batch ${batch}: raw inserts ${formatNumber(perSecond)} batches/s; a ratio of 0.5 needs ${formatNumber(perSecond / 2)} calls/s end to end ` +
          `(${formatNumber((perSecond / 2 / emptyCallsPerSecond) * 100)}% of the empty-call floor).`,
      );
    }
  } finally {
    await store.close();
    await pool.end();
    await stack.close();
    await database.drop();
  }
}

async function startedActivity(gateway: GraphQLClient, token: string, startedAt: Date): Promise<string> {
  const { createActivity } = await gateway.call('mutation { createActivity(input: { sport: RUN }) { id } }', {}, token);
  await gateway.call(
    'mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }',
    { id: createActivity.id, at: startedAt.toISOString() },
    token,
  );
  return createActivity.id;
}

async function rawActivity(pool: pg.Pool, athleteId: string, startedAt: Date): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO activities (id, athlete_id, sport, title, status, started_at)
     VALUES (gen_random_uuid(), $1, 'RUN', 'Raw', 'ACTIVE', $2) RETURNING id`,
    [athleteId, startedAt],
  );
  return rows[0]!.id;
}

async function insertRaw(pool: pg.Pool, activityId: string, fixes: FixInput[]): Promise<void> {
  const column = <T>(pick: (fix: FixInput) => T) => fixes.map(pick);
  await pool.query(
    `INSERT INTO track_points (activity_id, seq, recorded_at, lat, lon, elevation, accuracy, heart_rate, cadence)
     SELECT $1::uuid, * FROM unnest($2::int[], $3::timestamptz[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::int2[], $9::int2[])`,
    [
      activityId,
      column((fix) => fix.seq),
      column((fix) => fix.time),
      column((fix) => fix.lat),
      column((fix) => fix.lon),
      column((fix) => fix.elevation),
      column((fix) => fix.accuracy),
      column((fix) => fix.heartRate),
      column((fix) => fix.cadence),
    ],
  );
}

await main();
