import { createHash, randomBytes } from 'node:crypto';

/** How long an access token works: the SDK refreshes it before, with its refresh token. @default 15 minutes */
export const accessTokenLifetimeSeconds = 15 * 60;
/** How long a refresh token works unused: a device not opened for this long signs in again. @default 30 days */
export const refreshTokenLifetimeDays = 30;

/** A fresh refresh token: 32 random bytes, base64url (43 characters). */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The stored form of a refresh token: its SHA-256 (a token is 256 random
 * bits, so no key or slow hash is needed to keep the table from giving it away).
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token.trim()).digest('base64url');
}

/** Whether `token` has the shape of a refresh token (checked before any lookup). */
export function isWellFormedRefreshToken(token: string): boolean {
  return /^[\w-]{43}$/.test(token.trim());
}

/** When a refresh token issued at `now` stops working. */
export function refreshTokenExpiry(now: Date): Date {
  return new Date(now.getTime() + refreshTokenLifetimeDays * 24 * 3600 * 1000);
}

/** A refresh token as stored, as far as refreshing it is concerned. */
export interface StoredRefreshToken {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/**
 * Why a refresh token that could not be exchanged was refused: `reused` (it
 * was exchanged before: its family is to be revoked), `revoked` (its session
 * ended), `expired`, or `unknown` (no such token).
 */
export type RefreshRefusal = 'reused' | 'revoked' | 'expired' | 'unknown';

/** Why `stored` (null: no such token) was not exchanged at `now`. */
export function refreshRefusal(stored: StoredRefreshToken | null, now: Date): RefreshRefusal {
  if (!stored) return 'unknown';
  if (stored.revokedAt) return 'revoked';
  if (stored.usedAt) return 'reused';
  return stored.expiresAt <= now ? 'expired' : 'unknown';
}
