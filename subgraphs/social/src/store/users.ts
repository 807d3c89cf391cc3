import type { AudioCueSettings } from '@pacegraph/activity-rules';
import { Prisma, type PrismaClient, type User } from '@pacegraph/db';
import { revokeRefreshTokensOf } from './sessions.js';

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
 * Ends every session of the account, in a caller's transaction: raises its
 * token version (older access tokens are refused), revokes its refresh
 * tokens, and deletes its export links not yet claimed (whoever held a
 * session may hold one). Returns the account as changed.
 */
async function endEverySession(
  tx: Prisma.TransactionClient,
  userId: string,
  now: Date,
  changes: Prisma.UserUpdateInput = {},
): Promise<User> {
  const changed = await tx.user.update({ where: { id: userId }, data: { ...changes, tokenVersion: { increment: 1 } } });
  await tx.dataExportLink.deleteMany({ where: { athleteId: userId, claimedAt: null } });
  await revokeRefreshTokensOf(tx, userId, now);
  return changed;
}

/**
 * Sets an account's password hash and ends every session of it
 * (`endEverySession`), and drops a password reset waiting, in one
 * transaction. With `resetId`, only if that reset is still there (it is
 * consumed: of two resets racing with one code, one sets the password).
 * Returns the account as changed, or null when the reset was gone.
 */
export function replacePassword(
  prisma: PrismaClient,
  userId: string,
  passwordHash: string,
  now: Date,
  resetId?: string,
): Promise<User | null> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.deleteMany({ where: { userId, ...(resetId ? { id: resetId } : {}) } });
    if (resetId && count === 0) return null;
    return endEverySession(tx, userId, now, { passwordHash });
  });
}

/** Ends every session of the account (`endEverySession`); the account as changed, or null when it is gone. */
export function endSessionsOf(prisma: PrismaClient, userId: string, now: Date): Promise<User | null> {
  return prisma.$transaction(async (tx) => ((await tx.user.count({ where: { id: userId } })) ? endEverySession(tx, userId, now) : null));
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
