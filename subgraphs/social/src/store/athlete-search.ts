import { Prisma, type PrismaClient } from '@pacegraph/db';
import { z } from 'zod';
import { nameMatchThreshold, SearchTier, type SearchRank } from '../domain/athlete-search.js';

const athleteMatchRow = z.object({
  id: z.string(),
  tier: z.union([z.literal(SearchTier.Following), z.literal(SearchTier.FriendOfFriend), z.literal(SearchTier.Other)]),
  score: z.number(),
  mutualCount: z.number().int(),
});

/** A found athlete (by id): their rank and how many of those the viewer follows follow them. */
export type AthleteMatchRow = z.infer<typeof athleteMatchRow>;

/**
 * Athletes other than the viewer whose names match `query` (see
 * `nameMatchThreshold`), in the search's order (`SearchRank`: tier,
 * score best first, id) past `after`, `take` rows.
 *
 * The `%` and `%>` operators find candidates through the trigram index on
 * users.name; the explicit thresholds make the result the same on a server
 * whose pg_trgm thresholds were set lower. pg_trgm lives in schema public
 * (see the migration), so its functions and operators are named there.
 * Friends of friends are counted once over the viewer's follows' follows (as
 * suggestedFollows does), not per athlete found: a popular athlete found costs
 * no more than another.
 */
export async function athletesMatching(
  prisma: PrismaClient,
  viewerId: string,
  query: string,
  after: SearchRank | null,
  take: number,
): Promise<AthleteMatchRow[]> {
  const past = after
    ? Prisma.sql`WHERE tier > ${after.tier}
        OR (tier = ${after.tier} AND (score < ${after.score}::float8 OR (score = ${after.score}::float8 AND id > ${after.id}::uuid)))`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<unknown[]>`
    WITH mine AS (SELECT followee_id FROM follows WHERE follower_id = ${viewerId}::uuid),
    friends_of_friends AS (
      SELECT theirs.followee_id AS id, count(*)::int AS mutual_count
      FROM mine JOIN follows theirs ON theirs.follower_id = mine.followee_id
      GROUP BY theirs.followee_id
    ),
    matched AS (
      SELECT u.id, public.similarity(u.name, ${query}) AS similarity, public.word_similarity(${query}, u.name) AS word_similarity
      FROM users u
      WHERE (u.name OPERATOR(public.%) ${query} OR u.name OPERATOR(public.%>) ${query}) AND u.id <> ${viewerId}::uuid
    ),
    ranked AS (
      SELECT m.id, (m.similarity::float8 + m.word_similarity::float8) / 2 AS score, coalesce(f.mutual_count, 0) AS mutual_count,
             CASE WHEN EXISTS (SELECT 1 FROM mine WHERE mine.followee_id = m.id) THEN ${SearchTier.Following}::int
                  WHEN f.mutual_count > 0 THEN ${SearchTier.FriendOfFriend}::int
                  ELSE ${SearchTier.Other}::int END AS tier
      FROM matched m LEFT JOIN friends_of_friends f ON f.id = m.id
      WHERE m.similarity >= ${nameMatchThreshold.similarity}::float8 OR m.word_similarity >= ${nameMatchThreshold.wordSimilarity}::float8
    )
    SELECT id::text AS id, tier, score, mutual_count AS "mutualCount"
    FROM ranked
    ${past}
    ORDER BY tier, score DESC, id
    LIMIT ${take}`;
  return z.array(athleteMatchRow).parse(rows);
}
