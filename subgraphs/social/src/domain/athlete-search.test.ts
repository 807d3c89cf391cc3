import { BadUserInputError, ServiceReason } from '@pacegraph/service-kit';
import { normalizeSearchQuery, searchCursorOf, searchQueryLength, searchRankOf, SearchTier, type SearchRank } from './athlete-search.js';
import { SocialReason } from './reasons.js';

/** The reason `search()` is refused with, or undefined when it is not. */
function refusal(search: () => unknown): string | undefined {
  try {
    search();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).reason;
  }
}

describe('a search query', () => {
  it('is trimmed, with runs of white space made one space', () => {
    expect(normalizeSearchQuery('  Marie \t  Curie\n')).toBe('Marie Curie');
  });

  it('reads an accented letter typed as a letter and a combining mark as the one letter', () => {
    expect(normalizeSearchQuery('Jose\u0301')).toBe('Jos\u00e9');
  });

  it.each([
    ['empty', ''],
    ['blank', '   \t '],
    ['one character', 'M'],
    ['one character between spaces', '  M  '],
  ])('is refused as too short when %s', (_, query) => {
    expect(refusal(() => normalizeSearchQuery(query))).toBe(SocialReason.SearchQueryTooShort);
  });

  it('is refused as too long over 100 characters, counting characters rather than UTF-16 units', () => {
    expect(normalizeSearchQuery('a'.repeat(searchQueryLength.max))).toHaveLength(100);
    expect(normalizeSearchQuery('🏃'.repeat(searchQueryLength.max))).toHaveLength(200);
    expect(refusal(() => normalizeSearchQuery('a'.repeat(searchQueryLength.max + 1)))).toBe(SocialReason.SearchQueryTooLong);
  });

  it('of two characters is searched', () => {
    expect(normalizeSearchQuery(' Al ')).toBe('Al');
  });
});

describe('a search cursor', () => {
  const rank: SearchRank = { tier: SearchTier.FriendOfFriend, score: 0.6923077106475830078125, id: '0b9f5c1e-4d2a-4c3b-9e8f-7a6b5c4d3e2f' };

  it('gives back the rank it was made of, the score to the last bit', () => {
    expect(searchRankOf(searchCursorOf(rank))).toEqual(rank);
    expect(searchRankOf(searchCursorOf({ ...rank, tier: SearchTier.Following, score: 1 }))).toEqual({ ...rank, tier: 0, score: 1 });
  });

  it('is none when none is given', () => {
    expect(searchRankOf(null)).toBeNull();
    expect(searchRankOf(undefined)).toBeNull();
  });

  it('is opaque: not the rank in plain text', () => {
    expect(searchCursorOf(rank)).not.toContain(rank.id);
  });

  const encoded = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  it.each([
    ['a time-ordered list’s cursor', encoded(`2026-12-01T00:00:00.000Z|${rank.id}`)],
    ['a tier that is none', encoded(`3|0.5|${rank.id}`)],
    ['a score above 1', encoded(`1|1.5|${rank.id}`)],
    ['a score that is not a number', encoded(`1|NaN|${rank.id}`)],
    ['a score written another way', encoded(`1|0.50|${rank.id}`)],
    ['an empty score', encoded(`1||${rank.id}`)],
    ['an id that is no UUID', encoded('1|0.5|someone')],
    ['more parts', encoded(`1|0.5|${rank.id}|x`)],
    ['not base64url at all', '%%%'],
  ])('is refused (PAGE.BAD_CURSOR) when it is %s', (_, cursor) => {
    expect(refusal(() => searchRankOf(cursor))).toBe(ServiceReason.BadCursor);
  });
});
