/**
 * The reads the social subgraph publishes of its tables (`users`, `follows`,
 * `privacy_zones`, …) for the other subgraphs. Only social writes those
 * tables; whoever else needs them calls a function here, so a change to them
 * touches their owner's code only (see docs/architecture.md).
 */
import type { PrismaClient } from '../database.js';

/** Which of `athleteIds` the viewer follows. */
export async function followedAmong(prisma: PrismaClient, viewerId: string, athleteIds: readonly string[]): Promise<Set<string>> {
  const follows = await prisma.follow.findMany({
    where: { followerId: viewerId, followeeId: { in: [...athleteIds] } },
    select: { followeeId: true },
  });
  return new Set(follows.map((follow) => follow.followeeId));
}
