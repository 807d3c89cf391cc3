import type { PendingSignUp, PrismaClient, User } from '@pacegraph/db';
import { mailQueueing, type QueuedMail } from './outbound-mail.js';

/** A sign-up waiting for its code, as signUp stores it. */
export interface PendingSignUpFields {
  id: string;
  name: string;
  passwordHash: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
}

/** Deletes the pending sign-ups that expired before `before` (a statement for a transaction). */
const expiredSignUpsDeletion = (prisma: PrismaClient, before: Date) =>
  prisma.pendingSignUp.deleteMany({ where: { expiresAt: { lt: before } } });

/**
 * In one transaction: clears away sign-ups expired before `expiredBefore`,
 * stores `pending` for `email` (replacing one waiting for it) and queues
 * `mail`.
 */
export async function savePendingSignUp(
  prisma: PrismaClient,
  email: string,
  pending: PendingSignUpFields,
  now: Date,
  expiredBefore: Date,
  mail: QueuedMail,
): Promise<void> {
  await prisma.$transaction([
    expiredSignUpsDeletion(prisma, expiredBefore),
    prisma.pendingSignUp.upsert({ where: { email }, create: { email, ...pending }, update: { ...pending, createdAt: now } }),
    mailQueueing(prisma, mail),
  ]);
}

/**
 * In one transaction: clears away sign-ups expired before `expiredBefore`,
 * drops any sign-up waiting for `email` and queues `mail`.
 */
export async function dropPendingSignUp(prisma: PrismaClient, email: string, expiredBefore: Date, mail: QueuedMail): Promise<void> {
  await prisma.$transaction([
    expiredSignUpsDeletion(prisma, expiredBefore),
    prisma.pendingSignUp.deleteMany({ where: { email } }),
    mailQueueing(prisma, mail),
  ]);
}

/**
 * Counts a try of the code of the sign-up waiting for `email`, if it has had
 * fewer than `maxAttempts` and has not expired at `now`: one conditional
 * update, so concurrent guesses get no more. The sign-up as counted, or null.
 */
export async function countSignUpCodeTry(
  prisma: PrismaClient,
  email: string,
  maxAttempts: number,
  now: Date,
): Promise<PendingSignUp | null> {
  const [tried] = await prisma.pendingSignUp.updateManyAndReturn({
    where: { email, attempts: { lt: maxAttempts }, expiresAt: { gt: now } },
    data: { attempts: { increment: 1 } },
  });
  return tried ?? null;
}

/** Whether a sign-up (expired or not) waits for `email`. */
export async function hasPendingSignUp(prisma: PrismaClient, email: string): Promise<boolean> {
  return (await prisma.pendingSignUp.findUnique({ where: { email }, select: { id: true } })) !== null;
}

/**
 * In one transaction: deletes the pending sign-up and creates its account.
 * Null when the sign-up was gone (replaced by a newer one, or confirmed
 * concurrently); a unique violation when an account took the email meanwhile.
 */
export function createAccountFromSignUp(
  prisma: PrismaClient,
  pending: Pick<PendingSignUp, 'id' | 'name' | 'email' | 'passwordHash'>,
): Promise<User | null> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.pendingSignUp.deleteMany({ where: { id: pending.id } });
    if (count === 0) return null;
    return tx.user.create({ data: { name: pending.name, email: pending.email, passwordHash: pending.passwordHash } });
  });
}
