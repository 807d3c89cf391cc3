import { BadUserInputError, isUuid, ServiceReason } from '@pacegraph/service-kit';
import { SocialReason } from './reasons.js';

/** How long a search query may be, in characters once normalized. @default 2 to 100 */
export const searchQueryLength = { min: 2, max: 100 } as const;

/**
 * How closely a name must match a query to be found, on the scale pg_trgm
 * gives (0 to 1): the whole name's trigram similarity, or the similarity of
 * the query to the best-matching stretch of the name (word similarity, so
 * "mari" finds "Marie Curie"). Both are pg_trgm's own defaults, which its
 * `%` and `%>` operators (the ones the name's index serves) use.
 */
export const nameMatchThreshold = { similarity: 0.3, wordSimilarity: 0.6 } as const;

/**
 * How near the viewer an athlete is, the first key of the search's order:
 * the athletes the viewer follows, then those someone the viewer follows
 * follows (friends of friends), then everyone else. The store ranks by
 * these numbers, so that pages follow one another in the database.
 */
export const SearchTier = {
  Following: 0,
  FriendOfFriend: 1,
  Other: 2,
} as const;
export type SearchTier = (typeof SearchTier)[keyof typeof SearchTier];

const tiers: readonly number[] = Object.values(SearchTier);

/**
 * The query as searched: Unicode NFC (an "é" typed either way is one), spaces
 * at the ends trimmed and runs of white space made one. BAD_USER_INPUT when
 * it is blank or shorter than {@link searchQueryLength}.min characters
 * (SEARCH.QUERY_TOO_SHORT) or longer than its max (SEARCH.QUERY_TOO_LONG).
 */
export function normalizeSearchQuery(query: string): string {
  const normalized = query.normalize('NFC').replace(/\s+/gu, ' ').trim();
  const length = [...normalized].length;
  if (length < searchQueryLength.min) {
    throw new BadUserInputError(
      SocialReason.SearchQueryTooShort,
      `Type at least ${searchQueryLength.min} characters of a name to search`,
      'query',
    );
  }
  if (length > searchQueryLength.max) {
    throw new BadUserInputError(SocialReason.SearchQueryTooLong, `A search is at most ${searchQueryLength.max} characters`, 'query');
  }
  return normalized;
}

/**
 * Where a found athlete stands in the search's order: by tier, then by how
 * well the name matches (`score`, best first), then by id, so the order is
 * total and a page ends at a position the next one starts after.
 */
export interface SearchRank {
  tier: SearchTier;
  /**
   * How well the name matches, 0 to 1: the mean of the whole name's trigram
   * similarity to the query and the query's word similarity to the name, so
   * a part of a name typed finds it and, of names holding what was typed, the
   * one nearest the query in full comes first ("Marie Curei" ranks Marie
   * Curie before Marie Curry and Marie Curiel, which tie on word similarity).
   */
  score: number;
  id: string;
}

/** The opaque cursor of a rank (base64url, as every list's: clients must not build or read one). */
export function searchCursorOf(rank: SearchRank): string {
  return Buffer.from(`${rank.tier}|${rank.score}|${rank.id}`, 'utf8').toString('base64url');
}

/** The rank a search cursor names; none for none, BAD_USER_INPUT for one that is not a search's. */
export function searchRankOf(cursor: string | null | undefined): SearchRank | null {
  if (cursor == null) return null;
  const [tier, score, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const tierValue = Number(tier);
  const scoreValue = Number(score);
  if (
    rest.length ||
    !id ||
    !isUuid(id) ||
    !tiers.includes(tierValue) ||
    // The score travels as JavaScript printed it: exactly, so the next page starts exactly after it.
    !score ||
    String(scoreValue) !== score ||
    !(scoreValue >= 0 && scoreValue <= 1)
  ) {
    throw new BadUserInputError(ServiceReason.BadCursor, 'This cursor does not come from this search', 'after');
  }
  return { tier: tierValue as SearchTier, score: scoreValue, id: id.toLowerCase() };
}
