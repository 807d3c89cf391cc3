import { requireViewer } from '@pacegraph/service-kit';
import { normalizeSearchQuery, searchCursorOf, searchRankOf } from './domain/athlete-search.js';
import type { AthleteSearchPage } from './domain/connections.js';
import type { SocialContext } from './context.js';
import { athletesMatching } from './store/athlete-search.js';

/**
 * One page of the athletes whose names match `query`, typos and all: those
 * the viewer follows first, then friends of friends, then everyone else, each
 * group best match first. The viewer is not among them (they are `me`).
 * Only a signed-in athlete may search (UNAUTHENTICATED otherwise).
 */
export async function searchAthletes(
  { prisma, loaders, viewerId }: Pick<SocialContext, 'prisma' | 'loaders' | 'viewerId'>,
  query: string,
  limit: number,
  after: string | null | undefined,
): Promise<AthleteSearchPage> {
  const searcherId = requireViewer(viewerId, 'search athletes');
  const rows = await athletesMatching(prisma, searcherId, normalizeSearchQuery(query), searchRankOf(after), limit + 1);
  const page = rows.slice(0, limit);
  // One query for the page's accounts; an account deleted since it matched drops out.
  const users = await loaders.userById.loadMany(page.map((row) => row.id));
  const edges = page.flatMap((row, index) => {
    const user = users[index];
    return user && !(user instanceof Error) ? [{ cursor: searchCursorOf(row), node: user, mutualCount: row.mutualCount }] : [];
  });
  const last = page.at(-1);
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? searchCursorOf(last) : null } };
}
