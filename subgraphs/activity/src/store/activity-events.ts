import type { ActivityEvent, Prisma, PrismaClient } from '@pacegraph/db';

/** An entry of an activity's event log, numbered after the last one. */
export type NewActivityEvent = Pick<ActivityEvent, 'activityId' | 'seq' | 'kind' | 'at'>;

/** The last entry of an activity's event log, or null before its start. */
export function lastActivityEvent(prisma: PrismaClient, activityId: string): Promise<ActivityEvent | null> {
  return prisma.activityEvent.findFirst({ where: { activityId }, orderBy: { seq: 'desc' } });
}

/** Appends an entry to an activity's event log, inside the transaction that stores its transition. */
export async function appendActivityEvent(tx: Prisma.TransactionClient, event: NewActivityEvent): Promise<void> {
  await tx.activityEvent.create({ data: event });
}
