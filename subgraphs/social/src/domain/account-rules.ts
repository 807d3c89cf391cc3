import { BadUserInputError } from '@pacegraph/service-kit';
import { checkPasswordStrength } from './password-strength.js';
import { SocialReason } from './reasons.js';

export const nameMaxLength = 80;
export const emailMaxLength = 254;
export const passwordMinLength = 8;
/** Longer passwords only cost hashing time; 256 is far beyond any passphrase. */
export const passwordMaxLength = 256;

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is
// proven by mail, not by a regular expression.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email as stored and compared: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface SignUpFields {
  name: string;
  email: string;
  password: string;
}

/** An athlete's name as stored (trimmed): BAD_USER_INPUT naming `field` when empty or over {@link nameMaxLength}. */
export function checkName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new BadUserInputError(SocialReason.NameEmpty, 'Name must not be empty', field);
  if (trimmed.length > nameMaxLength) {
    throw new BadUserInputError(SocialReason.NameTooLong, `Name must be at most ${nameMaxLength} characters`, field);
  }
  return trimmed;
}

/** Checks sign-up input, naming the field at fault; returns it normalized. */
export function validateSignUp(input: SignUpFields): SignUpFields {
  const name = checkName(input.name);
  const email = normalizeEmail(input.email);
  if (email.length > emailMaxLength || !emailPattern.test(email)) {
    throw new BadUserInputError(SocialReason.EmailMalformed, 'Email is not a valid address', 'email');
  }
  validateNewPassword(input.password, { name, email });
  return { name, email, password: input.password };
}

/**
 * Checks a password an athlete chooses (at sign-up or when changing it):
 * 8 to 256 characters, not counting surrounding spaces toward the minimum,
 * and not common, trivial or made of their name or email. BAD_USER_INPUT naming `field`.
 */
export function validateNewPassword(password: string, owner: { name: string; email: string }, field = 'password'): void {
  if (password.trim().length < passwordMinLength) {
    throw new BadUserInputError(SocialReason.PasswordTooShort, `Password must be at least ${passwordMinLength} characters`, field);
  }
  if (password.length > passwordMaxLength) {
    throw new BadUserInputError(SocialReason.PasswordTooLong, `Password must be at most ${passwordMaxLength} characters`, field);
  }
  checkPasswordStrength(password, owner, field);
}
