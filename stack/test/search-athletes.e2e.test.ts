import { ServiceReason } from '@pacegraph/service-kit';
import { SocialReason } from '@pacegraph/social';
import { testAccountLimits } from '../src/testing.js';
import { athlete, athletes, follow, ok, type Athlete } from './support/social.js';
import { graphql, useStack, type GraphQLResponse } from './support/stack.js';

const searchQuery = `query ($query: String!, $first: Int, $after: String) {
  searchAthletes(query: $query, first: $first, after: $after) {
    edges { cursor mutualCount node { id name isFollowedByMe } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface SearchPage {
  edges: { cursor: string; mutualCount: number; node: { id: string; name: string; isFollowedByMe: boolean } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The first refusal's code and reason. */
async function refusal(response: Promise<GraphQLResponse>): Promise<{ code: unknown; reason: unknown }> {
  const error = (await response).errors?.[0];
  return { code: error?.extensions?.code, reason: error?.extensions?.reason };
}

const searchesAllowed = 20;

describe('searching athletes by name through the gateway', () => {
  const harness = useStack({
    accountLimits: { ...testAccountLimits, searchesPerAthlete: { points: searchesAllowed, windowSeconds: 600 } },
  });
  let viewer: Athlete;
  let followed: Athlete;
  let friendOfFriend: Athlete;
  let stranger: Athlete;
  const search = async (who: Athlete, query: string, first?: number, after?: string | null): Promise<SearchPage> =>
    (await ok(who.call(searchQuery, { query, first, after }))).searchAthletes;
  const names = (page: SearchPage) => page.edges.map((edge) => edge.node.name);

  beforeAll(async () => {
    let bob: Athlete;
    let carl: Athlete;
    [viewer, followed, friendOfFriend, stranger, bob, carl] = await athletes(harness.url, [
      // Their own name matches: the viewer is never among the results.
      'Marie Curiel',
      'Maria Cure',
      'Marie Curry',
      'Marie Curie',
      'Bob Link',
      'Carl Link',
    ] as const);
    await athletes(harness.url, ['Pierre Curie', 'Marion Cotillard', 'John Smith'] as const);
    await Promise.all([follow(viewer, followed), follow(viewer, bob), follow(viewer, carl)]);
    await Promise.all([follow(bob, friendOfFriend), follow(carl, friendOfFriend)]);
  }, 120_000);

  it('finds a name typed with a typo, the closest match first', async () => {
    const searcher = await athlete(harness.url, 'Typo Searcher');
    const page = await search(searcher, 'Marie Curei');
    expect(names(page)[0]).toBe('Marie Curie');
    expect(names(page)).toEqual(expect.arrayContaining(['Marie Curie', 'Marie Curry', 'Marie Curiel']));
    // Case and spacing do not matter.
    expect(names(await search(searcher, '  marie   CUREI '))).toEqual(names(page));
    // Two typos in a short name: trigram similarity 0.31, over the 0.3 that finds it.
    expect(names(await search(searcher, 'Jon Smiht'))).toContain('John Smith');
  });

  it('ranks whom the viewer follows, then friends of friends, before strangers with closer names; never the viewer', async () => {
    const page = await search(viewer, 'Marie Curie');
    expect(page.edges.map(({ node, mutualCount }) => [node.name, node.isFollowedByMe, mutualCount])).toEqual([
      ['Maria Cure', true, 0],
      ['Marie Curry', false, 2],
      ['Marie Curie', false, 0],
      ['Pierre Curie', false, 0],
    ]);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.edges.map((edge) => edge.node.id)).not.toContain(viewer.id);
  });

  it('pages through every match once, in order, and ends', async () => {
    const pageSearcher = await athlete(harness.url, 'Page Searcher');
    const runners = await athletes(
      harness.url,
      Array.from({ length: 23 }, (_, index) => `Pagina Runner ${String(index + 1).padStart(2, '0')}`),
    );
    const followedRunners = [runners[4]!, runners[11]!, runners[19]!];
    for (const runner of followedRunners) await follow(pageSearcher, runner);

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: SearchPage = await search(pageSearcher, 'Pagina Runner', 5, after);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pageSizes.push(page.edges.length);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pageSizes).toEqual([5, 5, 5, 5, 3]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(runners.map((runner) => runner.id)));
    expect(new Set(seen.slice(0, 3))).toEqual(new Set(followedRunners.map((runner) => runner.id)));
  });

  it('refuses a blank, too short or too long query, and a cursor not its own, with their reasons', async () => {
    const searcher = await athlete(harness.url, 'Careless Searcher');
    const refused = (query: string, after?: string) => refusal(searcher.call(searchQuery, { query, after }));
    const tooShort = { code: 'BAD_USER_INPUT', reason: SocialReason.SearchQueryTooShort };
    expect(await refused('')).toEqual(tooShort);
    expect(await refused('   ')).toEqual(tooShort);
    expect(await refused(' M ')).toEqual(tooShort);
    expect(await refused('M'.repeat(101))).toEqual({ code: 'BAD_USER_INPUT', reason: SocialReason.SearchQueryTooLong });
    const feedCursor = Buffer.from(`2026-12-01T00:00:00.000Z|${viewer.id}`).toString('base64url');
    expect(await refused('Marie', feedCursor)).toEqual({ code: 'BAD_USER_INPUT', reason: ServiceReason.BadCursor });
  });

  it('refuses someone signed out', async () => {
    const answer = await graphql(harness.url, searchQuery, { query: 'Marie Curie' });
    expect(answer.data).toBeNull();
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('shows a stranger found athletes’ public profile only: no email, no preferences', async () => {
    await ok(stranger.call('mutation { updatePreferences(input: { units: IMPERIAL, maxHeartRateBpm: 190 }) { id } }'));
    const searcher = await athlete(harness.url, 'Curious Stranger');
    const answer = await searcher.call(
      `query ($query: String!) { searchAthletes(query: $query) { edges { node { id name email preferences { units maxHeartRateBpm } } } } }`,
      { query: 'Marie Curie' },
    );
    expect(answer.errors).toBeUndefined();
    const nodes = answer.data!.searchAthletes.edges.map((edge: { node: unknown }) => edge.node);
    expect(nodes).toContainEqual({ id: stranger.id, name: 'Marie Curie', email: null, preferences: null });
    for (const node of nodes) expect(node).toMatchObject({ email: null, preferences: null });
    expect(JSON.stringify(answer)).not.toContain('@example.com');
  });

  it('limits how often one athlete searches (RATE_LIMITED), not others', async () => {
    const [eager, other] = await athletes(harness.url, ['Eager Searcher', 'Other Searcher'] as const);
    for (let searched = 0; searched < searchesAllowed; searched++) await search(eager, 'Marie');
    const limited = await eager.call(searchQuery, { query: 'Marie' });
    expect(limited.status).toBe(429);
    expect(await refusal(Promise.resolve(limited))).toEqual({
      code: 'RATE_LIMITED',
      reason: SocialReason.TooManySearches,
    });
    expect(names(await search(other, 'Marie Curie'))).toContain('Marie Curie');
  });
});
