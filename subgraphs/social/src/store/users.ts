import type { AudioCueSettings } from '@pacegraph/activity-rules';
import { Prisma, type PrismaClient, type User } from '@pacegraph/db';

/** The accounts `ids` (lower-case UUIDs) that exist. */
export function usersByIds(prisma: PrismaClient, ids: string[]): Promise<User[]> {
  return prisma.user.findMany({ where: { id: { in: ids } } });
}

/** The account `id`, or null. */
export function userById(prisma: PrismaClient, id: string): Promise<User | null> {
  return prisma.user.findUnique({ where: { id } });
}

/** The account of `email` (stored form: trimmed, lower-cased), or null. */
export function userByEmail(prisma: PrismaClient, email: string): Promise<User | null> {
  return prisma.user.findUnique({ where: { email } });
}

/** The id of the account holding `email`, or null. */
export async function userIdByEmail(prisma: PrismaClient, email: string): Promise<string | null> {
  const holder = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  return holder?.id ?? null;
}

/** The token version of each account of `ids` (lower-case UUIDs) that exists. */
export function tokenVersionsByIds(prisma: PrismaClient, ids: string[]): Promise<{ id: string; tokenVersion: number }[]> {
  return prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, tokenVersion: true } });
}

/**
 * Sets an account's password hash and raises its token version, and in the
 * same transaction deletes its export links not yet claimed. Returns the
 * account as changed.
 */
export async function replacePassword(prisma: PrismaClient, userId: string, passwordHash: string): Promise<User> {
  const [changed] = await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash, tokenVersion: { increment: 1 } } }),
    prisma.dataExportLink.deleteMany({ where: { athleteId: userId, claimedAt: null } }),
  ]);
  return changed;
}

/** Writes `changes` to the account's profile or preferences columns; returns the account as changed, or null when it is gone. */
export async function updateUser(
  prisma: PrismaClient,
  userId: string,
  changes: Pick<Prisma.UserUpdateInput, 'name' | 'bio' | 'city' | 'avatarUrl' | 'units' | 'maxHeartRateBpm'> & {
    /** Null: back to the defaults (no settings stored). */
    audioCues?: AudioCueSettings | null;
  },
): Promise<User | null> {
  const { audioCues, ...columns } = changes;
  const data: Prisma.UserUpdateManyMutationInput = {
    ...columns,
    ...(audioCues === undefined ? {} : { audioCues: audioCues === null ? Prisma.DbNull : { ...audioCues } }),
  };
  const { count } = await prisma.user.updateMany({ where: { id: userId }, data });
  return count ? userById(prisma, userId) : null;
}

/** Locks the account's row until the transaction ends: a row that refers to it, made meanwhile, waits. */
export async function lockUser(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
}

/** Deletes the account; the database cascades to everything that refers to it. */
export async function deleteUser(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.user.delete({ where: { id: userId } });
}
