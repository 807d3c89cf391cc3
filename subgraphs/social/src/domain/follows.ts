import { isForeignKeyViolation, type PrismaClient, type User } from '@pacegraph/db';
import { BadUserInputError, NotFoundError, accountDeletedError, isUuid, requireViewer } from '@pacegraph/service-kit';
import { pageOf, pastPosition, positionOf, type UserPage } from './connections.js';

/** The athlete with this id; NOT_FOUND when there is none. */
async function athleteOf(prisma: PrismaClient, userId: string): Promise<User> {
  const user = isUuid(userId) ? await prisma.user.findUnique({ where: { id: userId.toLowerCase() } }) : null;
  if (!user) throw new NotFoundError('USER.NOT_FOUND', 'No such athlete', 'userId');
  return user;
}

/** The viewer follows `userId` (once, however often asked). Following oneself is BAD_USER_INPUT. */
export async function follow(prisma: PrismaClient, viewerId: string | null, userId: string): Promise<User> {
  const followerId = requireViewer(viewerId, 'follow athletes');
  const followee = await athleteOf(prisma, userId);
  if (followee.id === followerId) throw new BadUserInputError('FOLLOW.SELF', 'You cannot follow yourself', 'userId');
  try {
    await prisma.follow.createMany({ data: [{ followerId, followeeId: followee.id }], skipDuplicates: true });
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
  await prisma.follow.deleteMany({ where: { followerId, followeeId: followee.id } });
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
  const position = positionOf(after);
  const [self, other] = side === 'followers' ? (['followeeId', 'followerId'] as const) : (['followerId', 'followeeId'] as const);
  const rows = await prisma.follow.findMany({
    where: {
      [self]: userId,
      ...pastPosition(position, 'createdAt', other, 'desc'),
    },
    orderBy: [{ createdAt: 'desc' }, { [other]: 'desc' }],
    take: limit + 1,
    include: { [side === 'followers' ? 'follower' : 'followee']: true },
  });
  return pageOf(
    rows,
    limit,
    (row) => ({ at: row.createdAt, id: row[other] }),
    (row, cursor) => ({
      cursor,
      node: (row as unknown as Record<'follower' | 'followee', User>)[side === 'followers' ? 'follower' : 'followee'],
      followedAt: row.createdAt,
    }),
  );
}
