/**
 * `npm run bench:feed`: a feed page (20 activities with athlete, stats,
 * kudos, comment count and the first comments) at page 1 and page 50, through
 * the gateway and straight at the social subgraph (its own part of the same
 * page), on a seeded population: 10,000 athletes, 300,000 saved activities,
 * a follow graph with a median of 50 followed and a few athletes with 5,000
 * followers. Each case is warmed up, then measured in rounds in which the
 * cases take turns. Prints p50/p95, throughput, the ratios (page 50 / page 1,
 * gateway / direct, and each round's gateway / direct) and SQL statements per
 * page. Uses DATABASE_URL's server when set (a schema of its own, dropped
 * after), else the embedded one.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { pgConnectionConfig } from '@pacegraph/db';
import { IDENTITY_HEADER, issueAccessToken, signIdentity } from '@pacegraph/service-kit';
import { seededRandom } from '@pacegraph/track-math';
import { startBenchStack } from './bench-stack.js';
import { graphqlClient, type GraphQLClient } from './graphql-client.js';
import { formatNumber, markdownTable, percentile, runLoad, type LoadResult } from './measure.js';

const athleteCount = Number(process.env.BENCH_ATHLETES ?? 10_000);
const activityCount = Number(process.env.BENCH_ACTIVITIES ?? 300_000);
const medianFollowing = 50;
const celebrities = 5;
const celebrityFollowers = Math.min(5_000, athleteCount - 1);
/** Readers at once, each a typical athlete (following about the median). */
const readers = 20;
/** Pages each reader asks for per case before measuring. */
const warmUpCallsPerReader = 5;
/** Measured rounds; each runs every case in turn. */
const measuredRounds = 5;
/** Pages each reader asks for per case in a round. */
const callsPerReader = Number(process.env.BENCH_CALLS ?? 10);
const pageSize = 20;
const deepPage = 50;

/** What the social subgraph serves of a card: the summary (shared with the activity subgraph), kudos and comments. */
const socialFields =
  'title sport startedAt athlete { name } kudosCount hasMyKudos commentCount comments(first: 3) { edges { node { text author { name } } } }';
const pageQuery = (fields: string) => `query ($first: Int, $after: String) { feed(first: $first, after: $after) {
  edges { cursor node { id ${fields} } } pageInfo { hasNextPage endCursor } } }`;
/** What the app shows: fields of all three subgraphs. */
const gatewayQuery = pageQuery(`${socialFields} stats { distanceMeters movingTimeSeconds averagePaceSecondsPerKm elevationGainMeters }`);
/** The social subgraph's own part of the same page. */
const directQuery = pageQuery(socialFields);

const userId = (index: number) => uuidOf(`user-${index}`);
/** A stable UUID per name, as PostgreSQL's md5(…)::uuid makes it. */
const uuidOf = (name: string) => {
  const hex = createHash('md5').update(`bench-${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

async function seed(pool: pg.Pool): Promise<number[]> {
  const random = seededRandom(42).next;
  await pool.query(
    `INSERT INTO users (id, name, email, password_hash)
     SELECT md5('bench-user-' || i)::uuid, 'Athlete ' || i, 'athlete-' || i || '@bench.example', 'not a password hash'
     FROM generate_series(0, $1::int - 1) i`,
    [athleteCount],
  );
  // Whom each athlete follows: log-normal around the median; the first few athletes are followed by thousands.
  const followers: string[] = [];
  const followees: string[] = [];
  const followingCount: number[] = [];
  for (let follower = 0; follower < athleteCount; follower++) {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const count = Math.max(1, Math.min(1_000, Math.round(medianFollowing * Math.exp(0.7 * gaussian))));
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, athleteCount - 1)) {
      const followee = Math.floor(random() * athleteCount);
      if (followee !== follower) chosen.add(followee);
    }
    if (follower >= celebrities && random() < celebrityFollowers / athleteCount) {
      for (let celebrity = 0; celebrity < celebrities; celebrity++) chosen.add(celebrity);
    }
    followingCount.push(chosen.size);
    for (const followee of chosen) {
      followers.push(userId(follower));
      followees.push(userId(followee));
    }
  }
  for (let start = 0; start < followers.length; start += 50_000) {
    await pool.query(
      `INSERT INTO follows (follower_id, followee_id, created_at)
       SELECT f, e, now() - random() * interval '700 days' FROM unnest($1::uuid[], $2::uuid[]) AS t(f, e) ON CONFLICT DO NOTHING`,
      [followers.slice(start, start + 50_000), followees.slice(start, start + 50_000)],
    );
  }
  // Saved activities over two years; most for everyone, some for followers, a few private.
  await pool.query(
    `INSERT INTO activities (id, athlete_id, sport, title, status, visibility, started_at, ended_at)
     SELECT md5('bench-activity-' || a)::uuid, md5('bench-user-' || (a % $2::int))::uuid,
            (ARRAY['RUN','RUN','RIDE','WALK','HIKE']::"Sport"[])[1 + a % 5], 'Activity ' || a, 'COMPLETED',
            (CASE WHEN a % 20 = 0 THEN 'ONLY_ME' WHEN a % 7 = 0 THEN 'FOLLOWERS' ELSE 'EVERYONE' END)::"Visibility",
            started, started + interval '1 hour'
     FROM (SELECT a, now() - random() * interval '730 days' AS started FROM generate_series(0, $1::int - 1) a) t`,
    [activityCount, athleteCount],
  );
  await pool.query(
    `INSERT INTO archived_tracks (activity_id, point_count, distance_meters, moving_time_seconds, elapsed_time_seconds,
       average_speed_mps, max_speed_mps, average_pace_seconds_per_km, elevation_gain_meters, elevation_loss_meters, polyline, route_point_count)
     SELECT id, 1200, d, d / 3, d / 3 + 120, 3, 4.5, 333.3, d / 200, d / 200, '', 0
     FROM (SELECT id, 3000 + random() * 12000 AS d FROM activities) t`,
  );
  await pool.query(
    `INSERT INTO kudos (activity_id, athlete_id)
     SELECT a.id, md5('bench-user-' || floor(random() * $1::int)::int)::uuid FROM activities a, generate_series(1, 2) ON CONFLICT DO NOTHING`,
    [athleteCount],
  );
  await pool.query(
    `INSERT INTO comments (id, activity_id, author_id, text)
     SELECT gen_random_uuid(), a.id, md5('bench-user-' || floor(random() * $1::int)::int)::uuid, 'Great effort!'
     FROM activities a WHERE random() < 0.33`,
    [athleteCount],
  );
  // As autovacuum would have by now: statistics, and the visibility map index-only scans need.
  await pool.query('VACUUM ANALYZE');
  return followingCount;
}

async function main() {
  let statements = 0;
  const { database, secrets, stack, close } = await startBenchStack({ onQuery: () => void statements++ });
  const pool = new pg.Pool({ ...pgConnectionConfig(database.url), max: 4 });
  try {
    const seeding = performance.now();
    const followingCount = await seed(pool);
    console.error(`seeded in ${formatNumber((performance.now() - seeding) / 1000, 1)} s`);
    const sorted = [...followingCount].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    // Typical readers: those following the median number of athletes (or the nearest).
    const typical = followingCount
      .map((count, index) => ({ index, distance: Math.abs(count - median) }))
      .sort((a, b) => a.distance - b.distance || a.index - b.index)
      .slice(0, readers)
      .map(({ index }) => userId(index));
    const tokens = new Map(await Promise.all(typical.map(async (id) => [id, await issueAccessToken(secrets.jwtSecret, id)] as const)));
    const gateway = graphqlClient(stack.gatewayUrl);
    const direct = graphqlClient(stack.subgraphs.social.url, (viewerId, body) => ({
      [IDENTITY_HEADER]: signIdentity(secrets.internalSecret, { viewerId }, 'social', body),
    }));

    // Each reader's cursor to page 50, walked once.
    const deepCursors = new Map<string, string>();
    for (const reader of typical) {
      let after: string | null = null;
      for (let page = 1; page < deepPage; page++) {
        const { feed } = await direct.call(pageQuery(''), { first: pageSize, after }, reader);
        if (!feed.pageInfo.hasNextPage) throw new Error(`reader ${reader} has fewer than ${deepPage} pages`);
        after = feed.pageInfo.endCursor;
      }
      deepCursors.set(reader, after!);
    }

    const call =
      (client: GraphQLClient, query: string, page: 1 | 50, credentialOf: (reader: string) => string) => async (worker: number) => {
        const reader = typical[worker]!;
        const { feed } = await client.call(
          query,
          { first: pageSize, after: page === 1 ? null : deepCursors.get(reader) },
          credentialOf(reader),
        );
        if (feed.edges.length !== pageSize) throw new Error(`a page of ${feed.edges.length}`);
      };
    const cases = [1, 50].flatMap((page) => [
      { key: `gateway ${page}`, run: call(gateway, gatewayQuery, page as 1 | 50, (id) => tokens.get(id)!) },
      { key: `direct ${page}`, run: call(direct, directQuery, page as 1 | 50, (id) => id) },
    ]);
    // Every case warmed up alike (the cursor walk above ran only the direct path), then measured in
    // rounds that take turns, so that a slow spell of this shared machine falls on all cases alike.
    for (const { run } of cases) await runLoad(readers, warmUpCallsPerReader, run);
    const rounds: Record<string, LoadResult[]> = {};
    for (let round = 0; round < measuredRounds; round++) {
      for (const { key, run } of cases) (rounds[key] ??= []).push(await runLoad(readers, callsPerReader, run));
    }
    const results: Record<string, LoadResult> = Object.fromEntries(
      Object.entries(rounds).map(([key, loads]) => [
        key,
        { latenciesMs: loads.flatMap((load) => load.latenciesMs), elapsedMs: loads.reduce((sum, load) => sum + load.elapsedMs, 0) },
      ]),
    );
    const statementsOf = async (client: GraphQLClient, query: string, page: 1 | 50, credential: string, reader: string) => {
      statements = 0;
      await client.call(query, { first: pageSize, after: page === 1 ? null : deepCursors.get(reader) }, credential);
      return statements;
    };

    const rate = (load: LoadResult) => load.latenciesMs.length / (load.elapsedMs / 1000);
    const rows: (string | number)[][] = [];
    const reader = typical[0]!;
    for (const page of [1, 50] as const) {
      const ms = (load: LoadResult, fraction: number) => formatNumber(percentile(load.latenciesMs, fraction), 1);
      const throughGateway = results[`gateway ${page}`]!;
      const straight = results[`direct ${page}`]!;
      rows.push([
        `page ${page}`,
        `${ms(throughGateway, 0.5)} / ${ms(throughGateway, 0.95)}`,
        formatNumber(rate(throughGateway)),
        `${ms(straight, 0.5)} / ${ms(straight, 0.95)}`,
        formatNumber(rate(straight)),
        formatNumber(rate(throughGateway) / rate(straight), 2),
        await statementsOf(gateway, gatewayQuery, page, tokens.get(reader)!, reader),
        await statementsOf(direct, directQuery, page, reader, reader),
      ]);
    }
    const p95 = (key: string) => percentile(results[key]!.latenciesMs, 0.95);
    console.log(
      `Feed pages of ${pageSize}, ${readers} typical readers at once (following ${median}, the median), ` +
        `${formatNumber(athleteCount)} athletes, ${formatNumber(activityCount)} activities, ${formatNumber(followingCount.reduce((a, b) => a + b, 0))} follows, ` +
        `${database.onServer ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)'}; per case ${warmUpCallsPerReader * readers} pages to warm up, ` +
        `then ${measuredRounds} rounds of ${callsPerReader * readers} taking turns with the other cases\n`,
    );
    console.log(
      markdownTable(
        [
          'page',
          'gateway p50 / p95 ms',
          'gateway pages/s',
          'social direct p50 / p95 ms',
          'direct pages/s',
          'ratio gateway / direct',
          'SQL per page, gateway',
          'SQL per page, direct',
        ],
        rows,
      ),
    );
    console.log(
      `\npage 50 p95 / page 1 p95: gateway ${formatNumber(p95('gateway 50') / p95('gateway 1'), 2)}, direct ${formatNumber(p95('direct 50') / p95('direct 1'), 2)}`,
    );
    // Each round's gateway / direct ratio, from runs next to each other in time: how much the shared machine moved it.
    const roundRatios = (page: 1 | 50) =>
      rounds[`gateway ${page}`]!.map((load, round) => rate(load) / rate(rounds[`direct ${page}`]![round]!)).sort((a, b) => a - b);
    for (const page of [1, 50] as const) {
      console.log(
        `ratio gateway / direct per round, page ${page}: ${roundRatios(page)
          .map((ratio) => formatNumber(ratio, 2))
          .join(', ')}`,
      );
    }
  } finally {
    await pool.end();
    await close();
  }
}

await main();
