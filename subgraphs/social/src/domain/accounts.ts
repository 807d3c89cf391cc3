import { isUniqueViolation, type PrismaClient, type User } from '@pacegraph/db';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  isUuid,
  UnauthenticatedError,
  issueAccessToken,
  publishTokenRevocation,
  requireViewer,
  type EventBus,
  type Logger,
} from '@pacegraph/service-kit';
import { normalizeEmail, validateNewPassword, validateSignUp, type SignUpFields } from './account-rules.js';
import { hashPassword, unknownAccountHash, verifyPassword } from './password.js';

export interface Session {
  token: string;
  user: User;
}

/** An API token for the account, of its current token version. */
const sessionToken = (jwtSecret: string, user: User) =>
  issueAccessToken(jwtSecret, user.id, undefined, 'api', user.tokenVersion);


/**
 * Creates an account and signs it in. CONFLICT when the email is taken; the
 * password is hashed first either way, so both answers take as long, and
 * the account's holder is told (a log line stands in for the email).
 */
export async function signUp(prisma: PrismaClient, log: Logger, jwtSecret: string, input: SignUpFields): Promise<Session> {
  const { name, email, password } = validateSignUp(input);
  const passwordHash = await hashPassword(password);
  let user: User;
  try {
    user = await prisma.user.create({ data: { name, email, passwordHash } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const holder = await prisma.user.findUnique({ where: { email }, select: { id: true } });
      log.info(
        { userId: holder?.id, mail: 'account-exists' },
        'mail to the account holder: someone tried to sign up with your email; if it was you, log in instead',
      );
      throw new ConflictError('ACCOUNT.EMAIL_TAKEN', 'An account with this email already exists', 'email');
    }
    throw error;
  }
  return { token: await sessionToken(jwtSecret, user), user };
}

/**
 * Signs an athlete in. A wrong password and an unknown email fail alike, in
 * message and in time, so logIn never tells whether an email has an account.
 */
export async function logIn(
  prisma: PrismaClient,
  jwtSecret: string,
  input: { email: string; password: string },
): Promise<Session> {
  const user = await prisma.user.findUnique({ where: { email: normalizeEmail(input.email) } });
  const matches = await verifyPassword(input.password, user?.passwordHash ?? unknownAccountHash);
  if (!user || !matches) {
    throw new UnauthenticatedError('ACCOUNT.BAD_CREDENTIALS', 'Email or password is incorrect');
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
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new UnauthenticatedError('ACCOUNT.BAD_CREDENTIALS', 'The current password is incorrect', 'currentPassword');
  }
  validateNewPassword(input.newPassword, user, 'newPassword');
  const changed = await prisma.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword), tokenVersion: { increment: 1 } },
  });
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

/** Most accounts one call looks up. @default 1,000 */
export const maxTokenVersionLookups = 1_000;

/**
 * The current token version of each account in `userIds`, in order; null
 * for an id with no account (deleted, or never was). Only the gateway asks
 * (`fanOut`), to check tokens whose version it does not know.
 */
export async function tokenVersions(prisma: PrismaClient, fanOut: boolean, userIds: readonly string[]): Promise<(number | null)[]> {
  if (!fanOut) throw new ForbiddenError('ACCOUNT.GATEWAY_ONLY', 'Only the gateway asks this');
  if (userIds.length > maxTokenVersionLookups) {
    throw new BadUserInputError('ACCOUNT.TOO_MANY_LOOKUPS', `At most ${maxTokenVersionLookups} accounts a call`, 'userIds');
  }
  const ids = [...new Set(userIds.map((id) => id.toLowerCase()).filter(isUuid))];
  const users = ids.length
    ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, tokenVersion: true } })
    : [];
  const versions = new Map(users.map((user) => [user.id, user.tokenVersion]));
  return userIds.map((id) => versions.get(id.toLowerCase()) ?? null);
}
