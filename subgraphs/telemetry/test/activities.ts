import type { PrismaClient } from '@pacegraph/db';

/** An athlete's activity with `points` fixes 5 s apart, in the given status. */
export async function activityWithPoints(prisma: PrismaClient, points: number, status: 'ACTIVE' | 'COMPLETED' = 'ACTIVE') {
  const athlete = await prisma.user.create({
    data: { name: 'A', email: `a-${Math.random().toString(36).slice(2)}@example.com`, passwordHash: 'x' },
  });
  const startedAt = new Date(Date.UTC(2026, 10, 22, 7, 0, 0));
  const activity = await prisma.activity.create({
    data: { athleteId: athlete.id, sport: 'RUN', title: 'Run', status: 'ACTIVE', startedAt },
  });
  await prisma.trackPoint.createMany({
    data: Array.from({ length: points }, (_, seq) => ({
      activityId: activity.id,
      seq,
      recordedAt: new Date(startedAt.getTime() + seq * 5000),
      lat: 52.37 + seq * 1e-4,
      lon: 4.89,
      elevation: 3 + (seq % 4),
    })),
  });
  if (status === 'COMPLETED') {
    await prisma.activity.update({
      where: { id: activity.id },
      data: { status, endedAt: new Date(startedAt.getTime() + points * 5000) },
    });
  }
  return activity;
}
