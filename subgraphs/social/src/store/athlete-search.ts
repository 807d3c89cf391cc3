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
 * `nameMatchThreshold`), in the search's order (`compareSearchRanks`: tier,
 * score best first, id) past `after`, `take` rows.
 *
 * The `%` and `%>` operators find candidates through the trigram index on
 * users.name; the explicit thresholds make the result the same on a server
 * whose pg_trgm thresholds were set lower. pg_trgm lives in schema public
 * (see the migration), so its functions and operators are named there.
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
    matched AS (
      SELECT u.id,
             (public.similarity(u.name, ${query})::float8 + public.word_similarity(${query}, u.name)::float8) / 2 AS score,
             EXISTS (SELECT 1 FROM mine WHERE mine.followee_id = u.id) AS following,
             (SELECT count(*) FROM follows theirs JOIN mine ON mine.followee_id = theirs.follower_id
               WHERE theirs.followee_id = u.id)::int AS mutual_count
      FROM users u
      WHERE (u.name OPERATOR(public.%) ${query} OR u.name OPERATOR(public.%>) ${query})
        AND (public.similarity(u.name, ${query}) >= ${nameMatchThreshold.similarity}::float8
          OR public.word_similarity(${query}, u.name) >= ${nameMatchThreshold.wordSimilarity}::float8)
        AND u.id <> ${viewerId}::uuid
    ),
    ranked AS (
      SELECT id, score, mutual_count,
             CASE WHEN following THEN ${SearchTier.Following}::int
                  WHEN mutual_count > 0 THEN ${SearchTier.FriendOfFriend}::int
                  ELSE ${SearchTier.Other}::int END AS tier
      FROM matched
    )
    SELECT id::text AS id, tier, score, mutual_count AS "mutualCount"
    FROM ranked
    ${past}
    ORDER BY tier, score DESC, id
    LIMIT ${take}`;
  return z.array(athleteMatchRow).parse(rows);
}
