import { isForeignKeyViolation, type PrismaClient, type User } from '@pacegraph/db';
import { BadUserInputError, NotFoundError, accountDeletedError, isUuid, requireViewer } from '@pacegraph/service-kit';
import { pageOf, pastPosition, positionOf, type UserPage } from './domain/connections.js';
import { gatewayLookupIds, gatewayLookups } from './domain/gateway-lookups.js';
import { SocialReason } from './domain/reasons.js';
import { createFollow, deleteFollow, followersOfAmong, followSides, followsOf } from './store/follows.js';
import { userById } from './store/users.js';

/** The athlete with this id; NOT_FOUND when there is none. */
async function athleteOf(prisma: PrismaClient, userId: string): Promise<User> {
  const user = isUuid(userId) ? await userById(prisma, userId.toLowerCase()) : null;
  if (!user) throw new NotFoundError(SocialReason.UserNotFound, 'No such athlete', 'userId');
  return user;
}

/** The viewer follows `userId` (once, however often asked). Following oneself is BAD_USER_INPUT. */
export async function follow(prisma: PrismaClient, viewerId: string | null, userId: string): Promise<User> {
  const followerId = requireViewer(viewerId, 'follow athletes');
  const followee = await athleteOf(prisma, userId);
  if (followee.id === followerId) throw new BadUserInputError(SocialReason.FollowSelf, 'You cannot follow yourself', 'userId');
  try {
    await createFollow(prisma, followerId, followee.id);
  } catch (error) {
    // The followee was found just now: the follower is the one gone, their token outliving their account.
    if (isForeignKeyViolation(error)) throw accountDeletedError();
    throw error;
  }
  return followee;
}

/** The viewer stops following `userId`; not following is no error. */
export async function unfollow(prisma: PrismaClient, viewerId: string | null, userId: string): Promise<User> {
  const followerId = requireViewer(viewerId, 'unfollow athletes');
  const followee = await athleteOf(prisma, userId);
  await deleteFollow(prisma, followerId, followee.id);
  return followee;
}

/** One page of an athlete's followers (`side: 'followers'`) or of whom they follow, the latest follow first. */
export async function followPage(
  prisma: PrismaClient,
  userId: string,
  side: 'followers' | 'following',
  limit: number,
  after: string | null | undefined,
): Promise<UserPage> {
  const past = pastPosition(positionOf(after), 'createdAt', followSides[side].other, 'desc');
  const rows = await followsOf(prisma, userId, side, past, limit + 1);
  return pageOf(
    rows,
    limit,
    (row) => ({ at: row.followedAt, id: row.athlete.id }),
    (row, cursor) => ({ cursor, node: row.athlete, followedAt: row.followedAt }),
  );
}

/**
 * Of `userIds`, those who follow `athleteId`: how the gateway checks, in one
 * call per event, the viewers of a live activity only followers may see.
 * Only the gateway acting for many viewers (`fanOut`) may ask.
 */
export async function followersAmong(
  prisma: PrismaClient,
  fanOut: boolean,
  athleteId: string,
  userIds: readonly string[],
): Promise<string[]> {
  const candidates = gatewayLookupIds(gatewayLookups.followersAmong, fanOut, userIds);
  if (!isUuid(athleteId) || candidates.length === 0) return [];
  return followersOfAmong(prisma, athleteId.toLowerCase(), candidates);
}
