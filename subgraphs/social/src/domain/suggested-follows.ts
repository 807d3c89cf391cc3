import type { PrismaClient } from '@pacegraph/db';

/** A suggested athlete (by id) and how many of the viewer's friends follow them. */
export interface SuggestedFollowRow {
  id: string;
  mutualCount: number;
}

/**
 * Friends of friends the viewer does not follow yet, ranked by how many of
 * the viewer's friends follow them (then by id, so the order is stable).
 */
export async function suggestedFollows(prisma: PrismaClient, viewerId: string, first: number): Promise<SuggestedFollowRow[]> {
  return prisma.$queryRaw<SuggestedFollowRow[]>`
    SELECT theirs.followee_id::text AS id, count(*)::int AS "mutualCount"
    FROM follows mine
    JOIN follows theirs ON theirs.follower_id = mine.followee_id
    WHERE mine.follower_id = ${viewerId}::uuid AND theirs.followee_id <> ${viewerId}::uuid
      AND NOT EXISTS (
        SELECT 1 FROM follows already WHERE already.follower_id = ${viewerId}::uuid AND already.followee_id = theirs.followee_id
      )
    GROUP BY theirs.followee_id
    ORDER BY count(*) DESC, theirs.followee_id
    LIMIT ${first}`;
}
