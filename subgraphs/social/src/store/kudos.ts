import type { PrismaClient } from '@pacegraph/db';

/** Records the athlete's kudos for the activity, once however often asked. */
export async function createKudos(prisma: PrismaClient, activityId: string, athleteId: string): Promise<void> {
  await prisma.kudos.createMany({ data: [{ activityId, athleteId }], skipDuplicates: true });
}

/** Deletes the athlete's kudos for the activity, if given. */
export async function deleteKudos(prisma: PrismaClient, activityId: string, athleteId: string): Promise<void> {
  await prisma.kudos.deleteMany({ where: { activityId, athleteId } });
}

/** How many kudos each of `activityIds` has (only those with any). */
export async function kudosCounts(prisma: PrismaClient, activityIds: string[]): Promise<{ id: string; count: number }[]> {
  const groups = await prisma.kudos.groupBy({ by: ['activityId'], where: { activityId: { in: activityIds } }, _count: { _all: true } });
  return groups.map((group) => ({ id: group.activityId, count: group._count._all }));
}

/** Which of `activityIds` the athlete gave kudos. */
export async function kudosGivenAmong(prisma: PrismaClient, athleteId: string, activityIds: string[]): Promise<string[]> {
  const kudos = await prisma.kudos.findMany({ where: { athleteId, activityId: { in: activityIds } }, select: { activityId: true } });
  return kudos.map((given) => given.activityId);
}
