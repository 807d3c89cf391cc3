import { openDatabase, type Database } from '@pacegraph/db';
import { athletes, follow, ok, savedActivity, type Athlete } from './support/social.js';
import { useStack } from './support/stack.js';

/** A feed page as the app shows it: athlete, stats, kudos, comment count and the first comments with their authors. */
const feedPageQuery = `query ($first: Int, $after: String) { feed(first: $first, after: $after) {
  edges { cursor node {
    id title sport startedAt athlete { name }
    stats { distanceMeters movingTimeSeconds averagePaceSecondsPerKm elevationGainMeters }
    kudosCount hasMyKudos commentCount
    comments(first: 3) { edges { node { text author { name } } } pageInfo { hasNextPage } }
  } }
  pageInfo { hasNextPage endCursor } } }`;

describe('SQL statements per feed page', () => {
  const statements: { subgraph: string; sql: string }[] = [];
  const harness = useStack({ onQuery: (subgraph, sql) => statements.push({ subgraph, sql }) });
  let reader: Athlete;
  let database: Database;
  const activityCount = 60;

  beforeAll(async () => {
    const people = await athletes(harness.url, ['Reader', 'Friend A', 'Friend B', 'Friend C'] as const);
    reader = people[0];
    const friends = people.slice(1);
    for (const friend of friends) await follow(reader, friend);
    const start = Date.now() - 400 * 3600_000;
    for (let index = 0; index < activityCount; index++) {
      const owner = friends[index % friends.length]!;
      const id = await savedActivity(owner, { startedAt: new Date(start + index * 3600_000), fixes: 8, title: `Run ${index}` });
      const commenters = friends.filter((friend) => friend !== owner);
      for (const [turn, commenter] of commenters.entries()) {
        await ok(commenter.call('mutation ($id: ID!) { giveKudos(activityId: $id) { id } }', { id }));
        if (index % 2 === 0 || turn === 0) {
          await ok(
            commenter.call('mutation ($id: ID!, $text: String!) { addComment(activityId: $id, text: $text) { id } }', {
              id,
              text: `Nice ${turn}`,
            }),
          );
        }
      }
    }
    // Saving archives a track a moment later: measure once every track is archived, with nothing else running.
    database = openDatabase(harness.databaseUrl);
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await database.prisma.archivedTrack.count()) === activityCount) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await database.prisma.archivedTrack.count()).toBe(activityCount);
  }, 120_000);
  afterAll(() => database?.close());

  async function measuredPage(first: number, after: string | null) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    statements.length = 0;
    const page = (await ok(reader.call(feedPageQuery, { first, after }))).feed;
    const bySubgraph: Record<string, number> = {};
    for (const { subgraph } of statements) bySubgraph[subgraph] = (bySubgraph[subgraph] ?? 0) + 1;
    return { page, count: statements.length, bySubgraph };
  }

  it('is the same small number for pages of 5 and 50, at the top and deep down', async () => {
    // A page first: the gateway asks social again about the reader's token once its check is 30 s old
    // (in the background), and that is no part of a page.
    await ok(reader.call(feedPageQuery, { first: 1 }));
    const small = await measuredPage(5, null);
    const large = await measuredPage(50, null);
    let cursor: string | null = null;
    for (let page = 0; page < 6; page++)
      cursor = (await ok(reader.call(feedPageQuery, { first: 5, after: cursor }))).feed.pageInfo.endCursor;
    const deep = await measuredPage(5, cursor);

    expect(small.page.edges).toHaveLength(5);
    expect(large.page.edges).toHaveLength(50);
    expect(deep.page.edges).toHaveLength(5);
    // Every field answered: the page is really resolved, not cut short.
    for (const { node } of large.page.edges) {
      expect(node.athlete.name).toMatch(/^Friend/);
      expect(node.stats.distanceMeters).toBeGreaterThan(40);
      expect(node.kudosCount).toBe(2);
      expect(node.comments.edges.length).toBe(node.commentCount);
    }
    expect(large.page.edges[0].node.comments.edges[0].node.author.name).toMatch(/^Friend/);

    // Social lists the cards with their summary (title, sport, athlete): only the stats need another subgraph.
    expect(Object.keys(small.bySubgraph).sort()).toEqual(['social', 'telemetry']);
    expect(large.bySubgraph).toEqual(small.bySubgraph);
    expect(deep.bySubgraph).toEqual(small.bySubgraph);
    expect(small.count).toBeLessThanOrEqual(10);
    // Telemetry: the stats, and who may see each activity with whether the reader follows its athlete (one statement).
    expect(small.bySubgraph.telemetry).toBe(2);
  });
});
