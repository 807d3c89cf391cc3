import type { PasswordReset, Prisma, PrismaClient, RefreshToken } from '@pacegraph/db';
import { mailQueueing, type QueuedMail } from './outbound-mail.js';

/** A refresh token to store: only its hash. */
export interface NewRefreshToken {
  id: string;
  familyId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** Stores a refresh token (the first of a family, or the one a refresh rotated to). */
export async function saveRefreshToken(db: Db, token: NewRefreshToken): Promise<void> {
  await db.refreshToken.create({ data: token });
}

/**
 * Stores the first refresh token of a new session, and deletes the
 * account's tokens expired before `now` (no one can use them), in one
 * transaction: signing in keeps the table to the sessions that may live.
 */
export async function saveFirstRefreshToken(prisma: PrismaClient, token: NewRefreshToken, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.refreshToken.deleteMany({ where: { userId: token.userId, expiresAt: { lt: now } } }),
    prisma.refreshToken.create({ data: token }),
  ]);
}

/**
 * In one transaction: marks the token of `tokenHash` used, if it is unused,
 * unrevoked and unexpired at `now` (one conditional update, so of two
 * refreshes racing with the same token exactly one wins), and stores `next`,
 * the token it rotates to. Whether it was exchanged.
 */
export function rotateRefreshToken(prisma: PrismaClient, tokenHash: string, now: Date, next: NewRefreshToken): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.refreshToken.updateMany({
      where: { tokenHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) return false;
    await saveRefreshToken(tx, next);
    return true;
  });
}

/** The refresh token of `tokenHash`, or null. */
export function refreshTokenByHash(prisma: PrismaClient, tokenHash: string): Promise<RefreshToken | null> {
  return prisma.refreshToken.findUnique({ where: { tokenHash } });
}

/** Revokes every token of the family not revoked yet; how many it revoked. */
export async function revokeRefreshFamily(db: Db, userId: string, familyId: string, now: Date): Promise<number> {
  const { count } = await db.refreshToken.updateMany({ where: { userId, familyId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/**
 * Revokes every refresh token of the account but those of `keepFamilyId`,
 * and deletes those expired before `expiredBefore` (no one can use them).
 */
export async function revokeRefreshTokensOf(db: Db, userId: string, now: Date, keepFamilyId?: string): Promise<void> {
  await db.refreshToken.updateMany({
    where: { userId, revokedAt: null, ...(keepFamilyId ? { familyId: { not: keepFamilyId } } : {}) },
    data: { revokedAt: now },
  });
  await db.refreshToken.deleteMany({ where: { userId, expiresAt: { lt: now } } });
}

/** A password reset waiting for its code, as requestPasswordReset stores it. */
export interface PasswordResetFields {
  id: string;
  codeHash: string;
  expiresAt: Date;
}

/** In one transaction: stores the account's reset (replacing one waiting: its code stops working) and queues `mail`. */
export async function savePasswordReset(prisma: PrismaClient, userId: string, reset: PasswordResetFields, mail: QueuedMail): Promise<void> {
  await prisma.$transaction([
    prisma.passwordReset.upsert({
      where: { userId },
      create: { userId, ...reset },
      update: { ...reset, attempts: 0, createdAt: new Date() },
    }),
    mailQueueing(prisma, mail),
  ]);
}

/**
 * Counts a try of the code of the account's reset, if it has had fewer than
 * `maxAttempts` and has not expired at `now`: one conditional update, so
 * concurrent guesses get no more. The reset as counted, or null.
 */
export async function countPasswordResetTry(
  prisma: PrismaClient,
  userId: string,
  maxAttempts: number,
  now: Date,
): Promise<PasswordReset | null> {
  const [tried] = await prisma.passwordReset.updateManyAndReturn({
    where: { userId, attempts: { lt: maxAttempts }, expiresAt: { gt: now } },
    data: { attempts: { increment: 1 } },
  });
  return tried ?? null;
}

/** Whether a reset (expired or not) waits for the account. */
export async function hasPasswordReset(prisma: PrismaClient, userId: string): Promise<boolean> {
  return (await prisma.passwordReset.findUnique({ where: { userId }, select: { id: true } })) !== null;
}
