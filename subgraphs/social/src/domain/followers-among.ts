import type { PrismaClient } from '@pacegraph/db';
import { BadUserInputError, ForbiddenError, isUuid } from '@pacegraph/service-kit';

/** The most viewers one call checks. @default 10,000 */
export const maxFollowerChecks = 10_000;

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
  if (!fanOut) throw new ForbiddenError('FOLLOWS.GATEWAY_ONLY', 'Only the gateway asks this');
  if (userIds.length > maxFollowerChecks) {
    throw new BadUserInputError('FOLLOWS.TOO_MANY_CHECKS', `At most ${maxFollowerChecks} viewers a call`, 'userIds');
  }
  const candidates = [...new Set(userIds.map((id) => id.toLowerCase()).filter(isUuid))];
  if (!isUuid(athleteId) || candidates.length === 0) return [];
  const follows = await prisma.follow.findMany({
    where: { followeeId: athleteId.toLowerCase(), followerId: { in: candidates } },
    select: { followerId: true },
  });
  return follows.map((follow) => follow.followerId);
}
