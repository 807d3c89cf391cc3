import type { PrismaClient, PrivacyZone } from '@pacegraph/db';

/** How many privacy zones the athlete has. */
export function privacyZoneCount(prisma: PrismaClient, athleteId: string): Promise<number> {
  return prisma.privacyZone.count({ where: { athleteId } });
}

/** A zone as stored: the place the athlete gave, and the hidden shape drawn around it. */
export type NewPrivacyZone = Omit<PrivacyZone, 'id' | 'createdAt'>;

/** Stores a privacy zone. */
export function createPrivacyZone(prisma: PrismaClient, zone: NewPrivacyZone): Promise<PrivacyZone> {
  return prisma.privacyZone.create({ data: zone });
}

/** Deletes the athlete's zone `id` (a lower-case UUID); whether there was one. */
export async function deletePrivacyZone(prisma: PrismaClient, athleteId: string, id: string): Promise<boolean> {
  const { count } = await prisma.privacyZone.deleteMany({ where: { id, athleteId } });
  return count > 0;
}

/** The athlete's zones, oldest first. */
export function privacyZonesOfAthlete(prisma: PrismaClient, athleteId: string): Promise<PrivacyZone[]> {
  return prisma.privacyZone.findMany({ where: { athleteId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}
