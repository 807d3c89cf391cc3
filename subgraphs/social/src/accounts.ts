import { randomUUID } from 'node:crypto';
import { isUniqueViolation, type PrismaClient, type User } from '@pacegraph/db';
import { BadUserInputError, UnauthenticatedError, requireViewer, type EventBus, type Logger } from '@pacegraph/service-kit';
import { normalizeEmail, validateNewPassword, validateSignUp, type SignUpFields } from './domain/account-rules.js';
import { gatewayLookupIds, gatewayLookups } from './domain/gateway-lookups.js';
import { hashPassword, unknownAccountHash, verifyPassword } from './domain/password.js';
import { SocialReason } from './domain/reasons.js';
import {
  codeExpiry,
  expiredSignUpRetentionMs,
  hashOneTimeCode,
  isWellFormedCode,
  judgeCode,
  maxCodeAttempts,
  newOneTimeCode,
  type CodeVerdict,
} from './domain/one-time-codes.js';
import { newQueuedMail } from './mail-outbox.js';
import { deliverInBackground, type MailSender } from './mail-sender.js';
import { announceRevocation, startSession, type Session, type TokenSigning } from './sessions.js';
import {
  countSignUpCodeTry,
  createAccountFromSignUp,
  dropPendingSignUp,
  hasPendingSignUp,
  savePendingSignUp,
} from './store/pending-sign-ups.js';
import { countPasswordResetTry, hasPasswordReset, savePasswordReset } from './store/sessions.js';
import { replacePassword, tokenVersionsByIds, userByEmail, userById, userIdByEmail } from './store/users.js';

/** What mailing a code takes: the secret its hash is keyed by, and the sender. */
export interface MailingConfig {
  codeSecret: string;
  mailer: MailSender;
}

/** The refusal of a mailed code that is not right (ACCOUNT.BAD_CODE) or no longer works (ACCOUNT.CODE_EXPIRED). */
function codeRefusal(verdict: Exclude<CodeVerdict, 'ok'>, askAgain: string): BadUserInputError {
  return verdict === 'bad'
    ? new BadUserInputError(SocialReason.BadSignUpCode, 'The code is not right for this email', 'code')
    : new BadUserInputError(
        SocialReason.SignUpCodeExpired,
        `The code has expired or was tried too often; ${askAgain} for a new one`,
        'code',
      );
}

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
export async function signUp(prisma: PrismaClient, log: Logger, config: MailingConfig, input: SignUpFields): Promise<SignUpStarted> {
  const { name, email, password } = validateSignUp(input);
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const expiredBefore = new Date(now.getTime() - expiredSignUpRetentionMs);
  const holderId = await userIdByEmail(prisma, email);
  if (holderId) {
    const mail = newQueuedMail({ recipient: email, kind: 'ACCOUNT_EXISTS' });
    await dropPendingSignUp(prisma, email, expiredBefore, mail);
    deliverInBackground(config.mailer, log, mail, { userId: holderId });
    return { email };
  }
  const id = randomUUID();
  const code = newOneTimeCode();
  const pending = {
    id,
    name,
    passwordHash,
    codeHash: hashOneTimeCode(config.codeSecret, 'sign-up', id, code),
    attempts: 0,
    expiresAt: codeExpiry(now),
  };
  const mail = newQueuedMail({ recipient: email, kind: 'SIGN_UP_CODE', code });
  await savePendingSignUp(prisma, email, pending, now, expiredBefore, mail);
  deliverInBackground(config.mailer, log, mail, { pendingSignUpId: id });
  return { email };
}

/**
 * Finishes a sign-up with the code mailed for it: creates the account and
 * signs it in. A wrong code and an email with no sign-up waiting are refused
 * alike (ACCOUNT.BAD_CODE); a code past its lifetime, or a sign-up tried
 * `maxCodeAttempts` times, is ACCOUNT.CODE_EXPIRED. Every try counts,
 * in one conditional update, so concurrent guesses get no more.
 */
export async function confirmSignUp(
  prisma: PrismaClient,
  log: Logger,
  config: { codeSecret: string; signing: TokenSigning },
  input: { email: string; code: string },
): Promise<Session> {
  const email = normalizeEmail(input.email);
  if (!isWellFormedCode(input.code)) throw codeRefusal('bad', 'sign up again');
  const tried = await countSignUpCodeTry(prisma, email, maxCodeAttempts, new Date());
  const verdict = judgeCode(config.codeSecret, 'sign-up', tried, !tried && (await hasPendingSignUp(prisma, email)), input.code);
  if (verdict !== 'ok') throw codeRefusal(verdict, 'sign up again');
  const badCode = () => codeRefusal('bad', 'sign up again');
  let user: User | null;
  try {
    user = await createAccountFromSignUp(prisma, { ...tried!, email });
  } catch (error) {
    // An account made for the email meanwhile: refused as any code without a sign-up waiting.
    if (isUniqueViolation(error)) throw badCode();
    throw error;
  }
  // Replaced by a newer signUp, or confirmed by a concurrent call, since the code was checked.
  if (!user) throw badCode();
  log.info({ userId: user.id }, 'account created');
  return startSession(prisma, config.signing, user);
}

/**
 * Signs an athlete in. A wrong password and an unknown email fail alike, in
 * message and in time, so logIn never tells whether an email has an account.
 */
export async function logIn(prisma: PrismaClient, signing: TokenSigning, input: { email: string; password: string }): Promise<Session> {
  const user = await userByEmail(prisma, normalizeEmail(input.email));
  const matches = await verifyPassword(input.password, user?.passwordHash ?? unknownAccountHash);
  if (!user || !matches) {
    throw new UnauthenticatedError(SocialReason.BadCredentials, 'Email or password is incorrect');
  }
  return startSession(prisma, signing, user);
}

/**
 * Changes the viewer's password, confirmed with the current one, and signs
 * this device in afresh: in the same transaction the account's token version
 * is raised (every access token issued before, on any device, is refused from
 * now on; every gateway is told at once on the bus) and every refresh token
 * revoked. Returns the new session.
 */
export async function changePassword(
  prisma: PrismaClient,
  bus: EventBus,
  log: Logger,
  signing: TokenSigning,
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
  const changed = await replacePassword(prisma, userId, passwordHash, new Date());
  if (!changed) throw new UnauthenticatedError(SocialReason.BadCredentials, 'The current password is incorrect', 'currentPassword');
  await announceRevocation(bus, log, userId, changed.tokenVersion);
  log.info({ userId }, 'password changed; every earlier session ended');
  return startSession(prisma, signing, changed);
}

/**
 * Starts a password reset: mails the account of `email` a one-time code for
 * `resetPassword` (replacing a reset waiting, whose code stops working). An
 * email with no account gets nothing, and the answer is the same (the mail is
 * sent after the answer, so its time tells nothing either).
 */
export async function requestPasswordReset(
  prisma: PrismaClient,
  log: Logger,
  config: MailingConfig,
  input: { email: string },
): Promise<string> {
  const email = normalizeEmail(input.email);
  const userId = await userIdByEmail(prisma, email);
  if (!userId) return email;
  const id = randomUUID();
  const code = newOneTimeCode();
  const mail = newQueuedMail({ recipient: email, kind: 'PASSWORD_RESET_CODE', code });
  const reset = { id, codeHash: hashOneTimeCode(config.codeSecret, 'password-reset', id, code), expiresAt: codeExpiry(new Date()) };
  await savePasswordReset(prisma, userId, reset, mail);
  deliverInBackground(config.mailer, log, mail, { passwordResetId: id });
  return email;
}

/**
 * Sets a new password with the code `requestPasswordReset` mailed, ends every
 * session of the account (as `logOutEverywhere`), and signs this device in.
 * The code's rules are a sign-up code's: a wrong code, or an email with no
 * reset waiting, is ACCOUNT.BAD_CODE; one past its lifetime or tried 5 times
 * is ACCOUNT.CODE_EXPIRED.
 */
export async function resetPassword(
  prisma: PrismaClient,
  bus: EventBus,
  log: Logger,
  config: { codeSecret: string; signing: TokenSigning },
  input: { email: string; code: string; newPassword: string },
): Promise<Session> {
  const askAgain = 'ask for a password reset again';
  if (!isWellFormedCode(input.code)) throw codeRefusal('bad', askAgain);
  const user = await userByEmail(prisma, normalizeEmail(input.email));
  if (!user) throw codeRefusal('bad', askAgain);
  // Before the code is tried: a weak password costs no try.
  validateNewPassword(input.newPassword, user, 'newPassword');
  const tried = await countPasswordResetTry(prisma, user.id, maxCodeAttempts, new Date());
  const verdict = judgeCode(config.codeSecret, 'password-reset', tried, !tried && (await hasPasswordReset(prisma, user.id)), input.code);
  if (verdict !== 'ok') throw codeRefusal(verdict, askAgain);
  const changed = await replacePassword(prisma, user.id, await hashPassword(input.newPassword), new Date(), tried!.id);
  // Used by a concurrent reset with the same code, or replaced by a newer one, since it was checked.
  if (!changed) throw codeRefusal('bad', askAgain);
  await announceRevocation(bus, log, user.id, changed.tokenVersion);
  log.info({ userId: user.id }, 'password reset; every earlier session ended');
  return startSession(prisma, config.signing, changed);
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
