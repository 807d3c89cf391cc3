import { isUniqueViolation, type PrismaClient, type User } from '@pacegraph/db';
import { ConflictError, UnauthenticatedError, issueAccessToken } from '@pacegraph/service-kit';
import { normalizeEmail, validateSignUp, type SignUpFields } from './account-rules.js';
import { hashPassword, unknownAccountHash, verifyPassword } from './password.js';

export interface Session {
  token: string;
  user: User;
}


/** Creates an account and signs it in. CONFLICT when the email is taken. */
export async function signUp(prisma: PrismaClient, jwtSecret: string, input: SignUpFields): Promise<Session> {
  const { name, email, password } = validateSignUp(input);
  let user: User;
  try {
    user = await prisma.user.create({ data: { name, email, passwordHash: await hashPassword(password) } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('ACCOUNT.EMAIL_TAKEN', 'An account with this email already exists', 'email');
    }
    throw error;
  }
  return { token: await issueAccessToken(jwtSecret, user.id), user };
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
  return { token: await issueAccessToken(jwtSecret, user.id), user };
}
