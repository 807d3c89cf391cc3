import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a mailed sign-up code works. @default 30 minutes */
export const signUpCodeLifetimeMinutes = 30;
/** Codes one pending sign-up may be tried with, right or wrong, before it is void. @default 5 */
export const maxSignUpCodeAttempts = 5;
/** Digits in a sign-up code. @default 6 */
export const signUpCodeDigits = 6;
/** How long an expired pending sign-up is kept before signUp clears it away. @default 1 day */
export const expiredSignUpRetentionMs = 24 * 60 * 60 * 1000;

/** A fresh code of `signUpCodeDigits` random digits, leading zeros kept. */
export function newSignUpCode(): string {
  return randomInt(0, 10 ** signUpCodeDigits)
    .toString()
    .padStart(signUpCodeDigits, '0');
}

/** Whether `code`, trimmed, has the shape of a sign-up code (checked before any lookup). */
export function isWellFormedSignUpCode(code: string): boolean {
  return new RegExp(`^\\d{${signUpCodeDigits}}$`).test(code.trim());
}

/**
 * The stored form of a code: an HMAC keyed by the service's secret and bound
 * to its pending sign-up, so the table alone cannot be searched for the six
 * digits, and a code of a replaced sign-up does not confirm the new one.
 */
export function hashSignUpCode(secret: string, pendingSignUpId: string, code: string): string {
  const key = createHmac('sha256', secret).update('pacegraph sign-up code').digest();
  return createHmac('sha256', key).update(`${pendingSignUpId}:${code.trim()}`).digest('base64url');
}

/** Whether `code` is the one `codeHash` was made from, in constant time. */
export function signUpCodeMatches(secret: string, pendingSignUpId: string, code: string, codeHash: string): boolean {
  const expected = Buffer.from(codeHash, 'base64url');
  const actual = Buffer.from(hashSignUpCode(secret, pendingSignUpId, code), 'base64url');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** When a code mailed at `now` stops working. */
export function signUpCodeExpiry(now: Date): Date {
  return new Date(now.getTime() + signUpCodeLifetimeMinutes * 60_000);
}
