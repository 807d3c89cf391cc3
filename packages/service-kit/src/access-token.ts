import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from './errors.js';
import { ServiceReason } from './reasons.js';

export const issuer = 'pacegraph';
/** What a token opens: the API, or one download of the athlete's data export (never the other). */
export type TokenPurpose = 'api' | 'export';
export const audienceOf = (purpose: TokenPurpose) => `pacegraph-${purpose}`;
const encoder = new TextEncoder();

/** Where the gateway serves an athlete's data export: `/export/<export token>`, the link `exportMyData` gives. */
const exportLinkPrefix = '/export/';
const compactJwt = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** The path of the data export an export token opens. */
export function exportLinkPath(token: string): string {
  return `${exportLinkPrefix}${token}`;
}

/** The token of a data-export path, or null when the path is not one. */
export function exportTokenOf(pathname: string): string | null {
  const token = pathname.startsWith(exportLinkPrefix) ? pathname.slice(exportLinkPrefix.length) : '';
  return compactJwt.test(token) ? token : null;
}

/** How long an access token stays valid. @default 7 days */
export const defaultAccessTokenTtlSeconds = 7 * 24 * 3600;

/** How far ahead of the verifier's clock a token's `iat` may be (clocks disagree a little). @default 60 s */
export const tokenClockSkewSeconds = 60;

/** What a valid token says. */
export interface AccessTokenClaims {
  userId: string;
  /**
   * The account's token version when the token was issued (claim `ver`; 0 for tokens
   * issued before it existed). A password change raises the account's version, and
   * tokens of an older one are refused.
   */
  tokenVersion: number;
  /**
   * The session (refresh-token family) the token was issued to (claim `sid`),
   * or null for a token of no session: logOut ends a session, and its tokens
   * are refused from then on.
   */
  sessionId: string | null;
  /** When the token expires, ms since the epoch. */
  expiresAtMs: number;
}

/** Issues the JWT an athlete's app sends as `Authorization: Bearer <jwt>`. */
export async function issueAccessToken(
  jwtSecret: string,
  userId: string,
  ttlSeconds = defaultAccessTokenTtlSeconds,
  purpose: TokenPurpose = 'api',
  tokenVersion = 0,
  sessionId?: string,
): Promise<string> {
  return new SignJWT({ ver: tokenVersion, ...(sessionId ? { sid: sessionId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(issuer)
    .setAudience(audienceOf(purpose))
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(encoder.encode(jwtSecret));
}

/** Returns the user id a valid token names; UnauthenticatedError otherwise. */
export async function verifyAccessToken(jwtSecret: string, token: string, purpose: TokenPurpose = 'api'): Promise<string> {
  return (await verifiedClaims(jwtSecret, token, purpose)).userId;
}

/**
 * What a valid token says. Beyond its signature, issuer, audience and expiry, a
 * token issued in the future (past {@link tokenClockSkewSeconds}) or living
 * longer than PaceGraph issues any ({@link defaultAccessTokenTtlSeconds}) is
 * refused: neither comes from PaceGraph, so the secret would have leaked.
 */
export async function verifiedClaims(
  jwtSecret: string,
  token: string,
  purpose: TokenPurpose,
  now = Date.now(),
): Promise<AccessTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(jwtSecret), {
      currentDate: new Date(now),
      issuer,
      audience: audienceOf(purpose),
      algorithms: ['HS256'],
      // jose accepts a token without exp unless told to: such a token would never expire.
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    const invalid = (message: string) => new UnauthenticatedError(ServiceReason.InvalidToken, message);
    if (!payload.sub) throw invalid('The access token names no user');
    if (payload.iat! > now / 1000 + tokenClockSkewSeconds) throw invalid('The access token is issued in the future');
    if (payload.exp! - payload.iat! > defaultAccessTokenTtlSeconds)
      throw invalid('The access token lives longer than any PaceGraph issues');
    const version = payload.ver ?? 0;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) throw invalid('The access token is not valid');
    const sessionId = payload.sid ?? null;
    if (sessionId !== null && typeof sessionId !== 'string') throw invalid('The access token is not valid');
    return { userId: payload.sub, tokenVersion: version, sessionId, expiresAtMs: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JWTExpired) {
      throw new UnauthenticatedError(ServiceReason.TokenExpired, 'The access token has expired; log in again');
    }
    throw new UnauthenticatedError(ServiceReason.InvalidToken, 'The access token is not valid');
  }
}

/**
 * Verifies API access tokens as {@link verifyAccessToken} does, and
 * remembers each valid one until it expires. An app sends the same token with
 * every request for days; checking its signature every time (WebCrypto, a job
 * per check) was a measurable part of a gateway request. Only tokens that
 * passed are remembered, so a forged one costs a full check every time.
 */
export class AccessTokenVerifier {
  /** At most 100,000 tokens (about 40 MB). */
  private readonly verified = new LRUCache<string, AccessTokenClaims>({ max: 100_000 });

  constructor(private readonly jwtSecret: string) {}

  /** How many tokens are remembered. */
  get remembered(): number {
    return this.verified.size;
  }

  /** The user id the token names; UnauthenticatedError when it is not valid (or no longer). */
  async verify(token: string, now = Date.now()): Promise<string> {
    return (await this.claimsOf(token, now)).userId;
  }

  /** What the token says; UnauthenticatedError when it is not valid (or no longer). */
  async claimsOf(token: string, now = Date.now()): Promise<AccessTokenClaims> {
    const known = this.verified.get(token);
    if (known && now < known.expiresAtMs) return known;
    const claims = await verifiedClaims(this.jwtSecret, token, 'api', now);
    this.verified.set(token, claims);
    return claims;
  }
}

/** The token in an `Authorization: Bearer <jwt>` header, if there is one. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError(ServiceReason.MalformedAuthorization, 'Authorization must be "Bearer <token>"');
  return match[1];
}

/** UNAUTHENTICATED for a valid token whose athlete has deleted their account since it was issued. */
export function accountDeletedError(): UnauthenticatedError {
  return new UnauthenticatedError(ServiceReason.AccountDeleted, 'The account this token was issued for no longer exists');
}

/** The signed-in viewer's id, or UNAUTHENTICATED for a request that needs an athlete. */
export function requireViewer(viewerId: string | null, action = 'do this'): string {
  if (!viewerId) throw new UnauthenticatedError(ServiceReason.AuthRequired, `Sign in to ${action}`);
  return viewerId;
}
