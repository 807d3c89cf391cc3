import { randomUUID } from 'node:crypto';
import { isUniqueViolation, type PrismaClient, type User } from '@pacegraph/db';
import {
  BadUserInputError,
  UnauthenticatedError,
  issueAccessToken,
  publishTokenRevocation,
  requireViewer,
  type EventBus,
  type Logger,
} from '@pacegraph/service-kit';
import { normalizeEmail, validateNewPassword, validateSignUp, type SignUpFields } from './domain/account-rules.js';
import { gatewayLookupIds, gatewayLookups } from './domain/gateway-lookups.js';
import { hashPassword, unknownAccountHash, verifyPassword } from './domain/password.js';
import { SocialReason } from './domain/reasons.js';
import {
  expiredSignUpRetentionMs,
  hashSignUpCode,
  isWellFormedSignUpCode,
  maxSignUpCodeAttempts,
  newSignUpCode,
  signUpCodeExpiry,
  signUpCodeMatches,
} from './domain/sign-up-codes.js';
import { logQueuedMail, newQueuedMail } from './mail-outbox.js';
import {
  countSignUpCodeTry,
  createAccountFromSignUp,
  dropPendingSignUp,
  hasPendingSignUp,
  savePendingSignUp,
} from './store/pending-sign-ups.js';
import { replacePassword, tokenVersionsByIds, userByEmail, userById, userIdByEmail } from './store/users.js';

export interface Session {
  token: string;
  user: User;
}

/** An API token for the account, of its current token version. */
const sessionToken = (jwtSecret: string, user: User) => issueAccessToken(jwtSecret, user.id, undefined, 'api', user.tokenVersion);

/** What signUp answers: the same whether or not the email has an account. */
export interface SignUpStarted {
  /** The address (trimmed, lower-cased) that was mailed. */
  email: string;
}

/**
 * Starts a sign-up: mails a code that `confirmSignUp` takes, and answers
 * alike whether or not the email already has an account, so signUp never
 * tells. A new email gets a pending sign-up (replacing one waiting for it,
 * whose code stops working) and the code; a taken one gets a mail telling
 * its holder someone tried. Both hash the password and write twice, so both
 * take as long.
 */
export async function signUp(
  prisma: PrismaClient,
  log: Logger,
  config: { codeSecret: string; production: boolean },
  input: SignUpFields,
): Promise<SignUpStarted> {
  const { name, email, password } = validateSignUp(input);
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const expiredBefore = new Date(now.getTime() - expiredSignUpRetentionMs);
  const holderId = await userIdByEmail(prisma, email);
  if (holderId) {
    const mail = newQueuedMail({ recipient: email, kind: 'ACCOUNT_EXISTS' });
    await dropPendingSignUp(prisma, email, expiredBefore, mail);
    logQueuedMail(log, config.production, mail, { userId: holderId });
    return { email };
  }
  const id = randomUUID();
  const code = newSignUpCode();
  const pending = {
    id,
    name,
    passwordHash,
    codeHash: hashSignUpCode(config.codeSecret, id, code),
    attempts: 0,
    expiresAt: signUpCodeExpiry(now),
  };
  const mail = newQueuedMail({ recipient: email, kind: 'SIGN_UP_CODE', code });
  await savePendingSignUp(prisma, email, pending, now, expiredBefore, mail);
  logQueuedMail(log, config.production, mail, { pendingSignUpId: id });
  return { email };
}

/**
 * Finishes a sign-up with the code mailed for it: creates the account and
 * signs it in. A wrong code and an email with no sign-up waiting are refused
 * alike (ACCOUNT.BAD_CODE); a code past its lifetime, or a sign-up tried
 * `maxSignUpCodeAttempts` times, is ACCOUNT.CODE_EXPIRED. Every try counts,
 * in one conditional update, so concurrent guesses get no more.
 */
export async function confirmSignUp(
  prisma: PrismaClient,
  log: Logger,
  config: { codeSecret: string; jwtSecret: string },
  input: { email: string; code: string },
): Promise<Session> {
  const badCode = () => new BadUserInputError(SocialReason.BadSignUpCode, 'The code is not right for this email', 'code');
  const expired = () =>
    new BadUserInputError(
      SocialReason.SignUpCodeExpired,
      'The code has expired or was tried too often; sign up again for a new one',
      'code',
    );
  const email = normalizeEmail(input.email);
  if (!isWellFormedSignUpCode(input.code)) throw badCode();
  const tried = await countSignUpCodeTry(prisma, email, maxSignUpCodeAttempts, new Date());
  if (!tried) throw (await hasPendingSignUp(prisma, email)) ? expired() : badCode();
  if (!signUpCodeMatches(config.codeSecret, tried.id, input.code, tried.codeHash)) {
    throw tried.attempts >= maxSignUpCodeAttempts ? expired() : badCode();
  }
  let user: User | null;
  try {
    user = await createAccountFromSignUp(prisma, { ...tried, email });
  } catch (error) {
    // An account made for the email meanwhile: refused as any code without a sign-up waiting.
    if (isUniqueViolation(error)) throw badCode();
    throw error;
  }
  // Replaced by a newer signUp, or confirmed by a concurrent call, since the code was checked.
  if (!user) throw badCode();
  log.info({ userId: user.id }, 'account created');
  return { token: await sessionToken(config.jwtSecret, user), user };
}

/**
 * Signs an athlete in. A wrong password and an unknown email fail alike, in
 * message and in time, so logIn never tells whether an email has an account.
 */
export async function logIn(prisma: PrismaClient, jwtSecret: string, input: { email: string; password: string }): Promise<Session> {
  const user = await userByEmail(prisma, normalizeEmail(input.email));
  const matches = await verifyPassword(input.password, user?.passwordHash ?? unknownAccountHash);
  if (!user || !matches) {
    throw new UnauthenticatedError(SocialReason.BadCredentials, 'Email or password is incorrect');
  }
  return { token: await sessionToken(jwtSecret, user), user };
}

/**
 * Changes the viewer's password, confirmed with the current one, and signs
 * them in afresh: the account's token version is raised in the same update,
 * so every token issued before (on any device) is refused from now on, and
 * every gateway is told at once on the bus. Returns the new session.
 */
export async function changePassword(
  prisma: PrismaClient,
  bus: EventBus,
  log: Logger,
  jwtSecret: string,
  viewerId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<Session> {
  const userId = requireViewer(viewerId, 'change your password');
  const user = await userById(prisma, userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new UnauthenticatedError(SocialReason.BadCredentials, 'The current password is incorrect', 'currentPassword');
  }
  validateNewPassword(input.newPassword, user, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  // Download links issued before die with the tokens: whoever held the old password may hold one.
  const changed = await replacePassword(prisma, userId, passwordHash);
  await announceRevocation(bus, log, userId, changed.tokenVersion);
  log.info({ userId }, 'password changed; earlier access tokens revoked');
  return { token: await sessionToken(jwtSecret, changed), user: changed };
}

/**
 * Tells every gateway that the athlete's tokens older than `tokenVersion`
 * (all, for null) are revoked. A gateway that misses it still refuses them
 * once its cached version expires (see the gateway's token versions).
 */
export async function announceRevocation(bus: EventBus, log: Logger, userId: string, tokenVersion: number | null): Promise<void> {
  await publishTokenRevocation(bus, { userId, tokenVersion }).catch((error: unknown) =>
    log.warn({ err: error, userId }, 'could not announce revoked access tokens; gateways learn it within their cache time'),
  );
}

/**
 * The current token version of each account in `userIds`, in order; null
 * for an id with no account (deleted, or never was). Only the gateway asks
 * (`fanOut`), to check tokens whose version it does not know.
 */
export async function tokenVersions(prisma: PrismaClient, fanOut: boolean, userIds: readonly string[]): Promise<(number | null)[]> {
  const ids = gatewayLookupIds(gatewayLookups.tokenVersions, fanOut, userIds);
  const users = ids.length ? await tokenVersionsByIds(prisma, ids) : [];
  const versions = new Map(users.map((user) => [user.id, user.tokenVersion]));
  return userIds.map((id) => versions.get(id.toLowerCase()) ?? null);
}
