import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * What a mailed one-time code is for. Its hash is keyed by the purpose, so a
 * code of one kind never passes for the other.
 */
export type OneTimeCodePurpose = 'sign-up' | 'password-reset';

/** How long a mailed code (sign-up or password reset) works. @default 30 minutes */
export const codeLifetimeMinutes = 30;
/** Tries, right or wrong, one mailed code takes before it is void. @default 5 */
export const maxCodeAttempts = 5;
/** Digits in a mailed code. @default 6 */
export const codeDigits = 6;
/** How long an expired pending sign-up is kept before signUp clears it away. @default 1 day */
export const expiredSignUpRetentionMs = 24 * 60 * 60 * 1000;

/** A fresh code of `codeDigits` random digits, leading zeros kept. */
export function newOneTimeCode(): string {
  return randomInt(0, 10 ** codeDigits)
    .toString()
    .padStart(codeDigits, '0');
}

/** Whether `code`, trimmed, has the shape of a mailed code (checked before any lookup). */
export function isWellFormedCode(code: string): boolean {
  return new RegExp(`^\\d{${codeDigits}}$`).test(code.trim());
}

/**
 * The stored form of a code: an HMAC keyed by the service's secret and the
 * code's purpose, bound to the row it was mailed for (a pending sign-up, a
 * password reset), so the table alone cannot be searched for the six digits,
 * and a code of a replaced row does not pass for the new one.
 */
export function hashOneTimeCode(secret: string, purpose: OneTimeCodePurpose, rowId: string, code: string): string {
  const key = createHmac('sha256', secret).update(`pacegraph ${purpose} code`).digest();
  return createHmac('sha256', key).update(`${rowId}:${code.trim()}`).digest('base64url');
}

/** Whether `code` is the one `codeHash` was made from, in constant time. */
export function oneTimeCodeMatches(secret: string, purpose: OneTimeCodePurpose, rowId: string, code: string, codeHash: string): boolean {
  const expected = Buffer.from(codeHash, 'base64url');
  const actual = Buffer.from(hashOneTimeCode(secret, purpose, rowId, code), 'base64url');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** When a code mailed at `now` stops working. */
export function codeExpiry(now: Date): Date {
  return new Date(now.getTime() + codeLifetimeMinutes * 60_000);
}

/**
 * How a code tried against its row (already counted as a try) turns out:
 * `ok`, `bad` (a wrong code, or no row: alike, so no one learns which) or
 * `expired` (past its lifetime, or this was its last try).
 */
export type CodeVerdict = 'ok' | 'bad' | 'expired';

/**
 * The verdict on `code` for `tried`, the row as counted (null when no row
 * could be counted: `rowExists` tells an expired or spent one from none).
 */
export function judgeCode(
  secret: string,
  purpose: OneTimeCodePurpose,
  tried: { id: string; codeHash: string; attempts: number } | null,
  rowExists: boolean,
  code: string,
): CodeVerdict {
  if (!tried) return rowExists ? 'expired' : 'bad';
  if (oneTimeCodeMatches(secret, purpose, tried.id, code, tried.codeHash)) return 'ok';
  return tried.attempts >= maxCodeAttempts ? 'expired' : 'bad';
}
