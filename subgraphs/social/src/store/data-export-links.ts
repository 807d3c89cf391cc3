import type { DataExportLink, PrismaClient } from '@pacegraph/db';

/** Records an export link of the athlete's, good until `expiresAt`. */
export function createExportLink(prisma: PrismaClient, id: string, athleteId: string, expiresAt: Date): Promise<DataExportLink> {
  return prisma.dataExportLink.create({ data: { id, athleteId, expiresAt } });
}

/**
 * Marks the athlete's link `id` claimed at `now` if it was neither claimed
 * nor expired: one conditional update, so of two claims at once one wins.
 * Whether this claim did.
 */
export async function claimExportLinkRow(prisma: PrismaClient, athleteId: string, id: string, now: Date): Promise<boolean> {
  const { count } = await prisma.dataExportLink.updateMany({
    where: { id, athleteId, claimedAt: null, expiresAt: { gt: now } },
    data: { claimedAt: now },
  });
  return count === 1;
}
