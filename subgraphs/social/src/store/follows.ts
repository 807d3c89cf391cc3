import type { Prisma, PrismaClient, User } from '@pacegraph/db';
import { z } from 'zod';

/** Records that `followerId` follows `followeeId`, once however often asked (a foreign key violation when either is gone). */
export async function createFollow(prisma: PrismaClient, followerId: string, followeeId: string): Promise<void> {
  await prisma.follow.createMany({ data: [{ followerId, followeeId }], skipDuplicates: true });
}

/** Deletes the follow, if there is one. */
export async function deleteFollow(prisma: PrismaClient, followerId: string, followeeId: string): Promise<void> {
  await prisma.follow.deleteMany({ where: { followerId, followeeId } });
}

/** A follow as a list of followers or followees shows it: the other athlete and when the follow began. */
export interface FollowRow {
  athlete: User;
  followedAt: Date;
}

/**
 * A follow as each list reads it: the column holding the athlete whose list
 * it is, and the other athlete's column and relation (whom the list shows).
 */
export const followSides = {
  followers: { owner: 'followeeId', other: 'followerId', shown: 'follower' },
  following: { owner: 'followerId', other: 'followeeId', shown: 'followee' },
} as const;

/**
 * One page of an athlete's followers (`side: 'followers'`) or of whom they
 * follow, the latest follow first, past `past` (a filter on createdAt and the
 * other athlete's id), `take` rows.
 */
export async function followsOf(
  prisma: PrismaClient,
  userId: string,
  side: keyof typeof followSides,
  past: Record<string, unknown>,
  take: number,
): Promise<FollowRow[]> {
  const { owner, other, shown } = followSides[side];
  const rows = await prisma.follow.findMany({
    where: { [owner]: userId, ...past },
    orderBy: [{ createdAt: 'desc' }, { [other]: 'desc' as const }],
    take,
    include: { follower: shown === 'follower', followee: shown === 'followee' },
  });
  return rows.map((row) => ({ athlete: row[shown], followedAt: row.createdAt }));
}

/** How many follow each of `athleteIds` (only those with any). */
export async function followerCounts(prisma: PrismaClient, athleteIds: string[]): Promise<{ id: string; count: number }[]> {
  const groups = await prisma.follow.groupBy({ by: ['followeeId'], where: { followeeId: { in: athleteIds } }, _count: { _all: true } });
  return groups.map((group) => ({ id: group.followeeId, count: group._count._all }));
}

/** How many each of `athleteIds` follows (only those who follow any). */
export async function followingCounts(prisma: PrismaClient, athleteIds: string[]): Promise<{ id: string; count: number }[]> {
  const groups = await prisma.follow.groupBy({ by: ['followerId'], where: { followerId: { in: athleteIds } }, _count: { _all: true } });
  return groups.map((group) => ({ id: group.followerId, count: group._count._all }));
}

/** Of `candidates`, those who follow `athleteId`. */
export async function followersOfAmong(prisma: PrismaClient, athleteId: string, candidates: string[]): Promise<string[]> {
  const follows = await prisma.follow.findMany({
    where: { followeeId: athleteId, followerId: { in: candidates } },
    select: { followerId: true },
  });
  return follows.map((follow) => follow.followerId);
}

/** Everyone `followerId` follows. */
export async function followeesOf(prisma: PrismaClient, followerId: string): Promise<string[]> {
  const follows = await prisma.follow.findMany({ where: { followerId }, select: { followeeId: true } });
  return follows.map((follow) => follow.followeeId);
}

/** Everyone who follows `athleteId` (in a transaction, as account deletion reads them). */
export async function followersOf(tx: Prisma.TransactionClient, athleteId: string): Promise<string[]> {
  const follows = await tx.follow.findMany({ where: { followeeId: athleteId }, select: { followerId: true } });
  return follows.map((follow) => follow.followerId);
}

const suggestedFollowRow = z.object({ id: z.string(), mutualCount: z.number().int() });

/** A suggested athlete (by id) and how many of the viewer's friends follow them. */
export type SuggestedFollowRow = z.infer<typeof suggestedFollowRow>;

/**
 * Friends of friends the viewer does not follow yet, ranked by how many of
 * the viewer's friends follow them (then by id, so the order is stable).
 */
export async function suggestedFollows(prisma: PrismaClient, viewerId: string, first: number): Promise<SuggestedFollowRow[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
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
  return z.array(suggestedFollowRow).parse(rows);
}
