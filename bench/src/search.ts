/**
 * `npm run bench:search`: searchAthletes (trigram match on the name's GIN
 * index, ranked by the searcher's follows) through the gateway and straight
 * at the social subgraph, on 100,000 athletes with common first and last
 * names and 10 follows each, against a baseline measured in the same run: a
 * plain `ILIKE '%…%'` on the name with no index to use (a sequential scan;
 * written `lower(name) LIKE`, as the trigram index would serve ILIKE),
 * the search a first version would run. Queries are full names with two
 * letters swapped (what searchAthletes is for; the baseline, which finds no
 * typo, is given them spelled right). Prints p50/p95, throughput and the
 * ratios. Uses DATABASE_URL's server when set, else the embedded one.
 */
import pg from 'pg';
import { pgConnectionConfig } from '@pacegraph/db';
import { IDENTITY_HEADER, issueAccessToken, signIdentity } from '@pacegraph/service-kit';
import { benchAccountLimits, startBenchStack } from './bench-stack.js';
import { graphqlClient, type GraphQLClient } from './graphql-client.js';
import { formatNumber, markdownTable, percentile, runLoad, type LoadResult } from './measure.js';

const athleteCount = Number(process.env.BENCH_ATHLETES ?? 100_000);
const followsPerAthlete = 10;
/** Searchers at once. */
const searchers = Number(process.env.BENCH_SEARCHERS ?? 8);
const warmUpCallsPerSearcher = 3;
const measuredRounds = 3;
const callsPerSearcher = Number(process.env.BENCH_CALLS ?? 10);
const pageSize = 20;

const firstNames = (
  'Marie Pierre Anna Lukas Sofia Jonas Emma Noah Mia Elias Lea Paul Hannah Felix Lina Ben Clara Leon Ida Max ' +
  'Olivia Liam Amelia Oliver Isla George Ava Harry Grace Jack Freya Charlie Chloe Jacob Ella Thomas Lucy James ' +
  'Mateo Valentina Santiago Camila Diego Lucia Hugo Martina Pablo Alba Marco Giulia Luca Chiara Matteo Aurora ' +
  'Lars Ingrid Erik Astrid Nils Freja Sven Karin Jan Eva Piet Anouk Daan Sanne Kenji Yui Haruto Aoi Arjun Priya'
).split(' ');
const lastNames = (
  'Curie Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Smith Jones Williams Taylor Brown ' +
  'Davies Evans Wilson Thomas Johnson Garcia Martinez Lopez Sanchez Perez Gomez Fernandez Rossi Russo Ferrari ' +
  'Esposito Bianchi Romano Colombo Ricci Jansen Visser Smit Bakker Janssen Mulder Larsen Nielsen Hansen Pedersen ' +
  'Andersen Johansson Karlsson Nilsson Eriksson Dubois Martin Bernard Durand Leroy Moreau Laurent Lefebvre Tanaka ' +
  'Suzuki Takahashi Watanabe Patel Sharma Kowalski Nowak Novak Horvat Kovacs Popescu Ivanova Petrov Costa Silva'
).split(' ');

const searchQuery = `query ($query: String!, $first: Int) {
  searchAthletes(query: $query, first: $first) { edges { mutualCount node { id name } } pageInfo { hasNextPage endCursor } } }`;

/** The seeded name of athlete `index`: a common first and last name, so names repeat as they do. */
const nameOf = (index: number) =>
  `${firstNames[(index * 7919) % firstNames.length]} ${lastNames[Math.floor((index * 104_729) / firstNames.length) % lastNames.length]}`;

/** `name` with the two letters after the middle of its last name swapped: a typo. */
function typoOf(name: string): string {
  const at = name.indexOf(' ') + Math.ceil((name.length - name.indexOf(' ')) / 2);
  return `${name.slice(0, at)}${name[at + 1]}${name[at]}${name.slice(at + 2)}`;
}

async function seed(pool: pg.Pool): Promise<void> {
  const ids: string[] = [];
  const names: string[] = [];
  for (let index = 0; index < athleteCount; index++) {
    ids.push(`00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`);
    names.push(nameOf(index));
  }
  for (let start = 0; start < athleteCount; start += 20_000) {
    await pool.query(
      `INSERT INTO users (id, name, email, password_hash)
       SELECT id, name, 'athlete-' || id || '@bench.example', 'not a password hash' FROM unnest($1::uuid[], $2::text[]) AS t(id, name)`,
      [ids.slice(start, start + 20_000), names.slice(start, start + 20_000)],
    );
  }
  await pool.query(
    `INSERT INTO follows (follower_id, followee_id)
     SELECT u.id, ('00000000-0000-4000-8000-' || lpad(to_hex(floor(random() * $1::int)::int), 12, '0'))::uuid
     FROM users u, generate_series(1, $2::int) ON CONFLICT DO NOTHING`,
    [athleteCount, followsPerAthlete],
  );
  await pool.query('DELETE FROM follows WHERE follower_id = followee_id');
  await pool.query('VACUUM ANALYZE');
}

async function main() {
  const { database, secrets, stack, close } = await startBenchStack({
    accountLimits: { ...benchAccountLimits, searchesPerAthlete: { points: 1_000_000, windowSeconds: 3600 } },
  });
  const pool = new pg.Pool({ ...pgConnectionConfig(database.url), max: 4 });
  try {
    const seeding = performance.now();
    await seed(pool);
    console.error(`seeded in ${formatNumber((performance.now() - seeding) / 1000, 1)} s`);
    const searcherIds = Array.from(
      { length: searchers },
      (_, index) => `00000000-0000-4000-8000-${(index * 977).toString(16).padStart(12, '0')}`,
    );
    const tokens = await Promise.all(searcherIds.map((id) => issueAccessToken(secrets.jwtSecret, id)));
    const gateway = graphqlClient(stack.gatewayUrl);
    const direct = graphqlClient(stack.subgraphs.social.url, (viewerId, body) => ({
      [IDENTITY_HEADER]: signIdentity(secrets.internalSecret, { viewerId }, 'social', body),
    }));
    /** Whom searcher `worker` looks for on call `index`: an athlete spread over the population. */
    const sought = (worker: number, index: number) => nameOf((worker * 7_001 + index * 13_003 + 17) % athleteCount);

    /** Searches whose first page held the name sought, of all. */
    const found = { searches: 0, hits: 0 };
    const searchCall = (client: GraphQLClient, credentialOf: (worker: number) => string) => async (worker: number, index: number) => {
      const name = sought(worker, index);
      const { searchAthletes } = await client.call(searchQuery, { query: typoOf(name), first: pageSize }, credentialOf(worker));
      found.searches++;
      if (searchAthletes.edges.some((edge: { node: { name: string } }) => edge.node.name === name)) found.hits++;
    };
    const baselineCall = async (worker: number, index: number) => {
      const name = sought(worker, index);
      // ILIKE as lower() on both sides: the trigram index serves ILIKE too, and the baseline is the search without one.
      const { rows } = await pool.query(
        `SELECT id, name FROM users WHERE lower(name) LIKE '%' || lower($1) || '%' AND id <> $2::uuid ORDER BY name, id LIMIT $3`,
        [name, searcherIds[worker], pageSize + 1],
      );
      if (!rows.some((row: { name: string }) => row.name === name)) throw new Error(`ILIKE did not find ${name}`);
    };
    const cases = [
      { key: 'searchAthletes, gateway', run: searchCall(gateway, (worker) => tokens[worker]!) },
      { key: 'searchAthletes, social direct', run: searchCall(direct, (worker) => searcherIds[worker]!) },
      { key: 'baseline: ILIKE, no index (SQL alone)', run: baselineCall },
    ];
    for (const { run } of cases) await runLoad(searchers, warmUpCallsPerSearcher, run);
    // Rounds that take turns, so that a slow spell of this shared machine falls on all cases alike.
    const rounds: Record<string, LoadResult[]> = {};
    for (let round = 0; round < measuredRounds; round++) {
      for (const { key, run } of cases) (rounds[key] ??= []).push(await runLoad(searchers, callsPerSearcher, run));
    }
    const rate = (load: LoadResult) => load.latenciesMs.length / (load.elapsedMs / 1000);
    const merged = (key: string): LoadResult => ({
      latenciesMs: rounds[key]!.flatMap((load) => load.latenciesMs),
      elapsedMs: rounds[key]!.reduce((sum, load) => sum + load.elapsedMs, 0),
    });
    const baseline = merged(cases[2]!.key);
    const ms = (load: LoadResult, fraction: number) => formatNumber(percentile(load.latenciesMs, fraction), 1);
    const rows = cases.map(({ key }) => {
      const load = merged(key);
      return [
        key,
        `${ms(load, 0.5)} / ${ms(load, 0.95)}`,
        formatNumber(rate(load)),
        formatNumber(percentile(load.latenciesMs, 0.5) / percentile(baseline.latenciesMs, 0.5), 2),
      ];
    });
    const plan = await pool.query(`EXPLAIN SELECT id FROM users WHERE name OPERATOR(public.%) $1 OR name OPERATOR(public.%>) $1`, [
      typoOf(nameOf(1)),
    ]);
    console.log(
      `searchAthletes pages of ${pageSize}, ${searchers} searchers at once, ${formatNumber(athleteCount)} athletes ` +
        `(${firstNames.length} first × ${lastNames.length} last names), ${followsPerAthlete} follows each, ` +
        `${database.onServer ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)'}; per case ${warmUpCallsPerSearcher * searchers} ` +
        `searches to warm up, then ${measuredRounds} rounds of ${callsPerSearcher * searchers} taking turns\n`,
    );
    console.log(markdownTable(['case', 'p50 / p95 ms', 'searches/s', 'p50 / baseline p50'], rows));
    console.log(
      `\nfirst page held the athlete sought despite the typo: ${formatNumber((100 * found.hits) / found.searches, 1)}% of searches`,
    );
    console.log(`the name match's plan: ${plan.rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN'].trim()).join(' · ')}`);
  } finally {
    await pool.end();
    await close();
  }
}

await main();
