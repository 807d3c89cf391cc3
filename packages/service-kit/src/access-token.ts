import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from './errors.js';

const issuer = 'pacegraph';
/** What a token opens: the API, or one download of the athlete's data export (never the other). */
export type TokenPurpose = 'api' | 'export';
const audienceOf = (purpose: TokenPurpose) => `pacegraph-${purpose}`;
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

/** Issues the JWT an athlete's app sends as `Authorization: Bearer <jwt>`. */
export async function issueAccessToken(
  jwtSecret: string,
  userId: string,
  ttlSeconds = defaultAccessTokenTtlSeconds,
  purpose: TokenPurpose = 'api',
): Promise<string> {
  return new SignJWT({})
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

/** The user a valid token names, and when it expires (ms since the epoch). */
async function verifiedClaims(jwtSecret: string, token: string, purpose: TokenPurpose, now = Date.now()) {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(jwtSecret), {
      currentDate: new Date(now),
      issuer,
      audience: audienceOf(purpose),
      algorithms: ['HS256'],
      // jose accepts a token without exp unless told to: such a token would never expire.
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    if (!payload.sub) throw new UnauthenticatedError('AUTH.INVALID_TOKEN', 'The access token names no user');
    return { userId: payload.sub, expiresAtMs: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JWTExpired) {
      throw new UnauthenticatedError('AUTH.TOKEN_EXPIRED', 'The access token has expired; log in again');
    }
    throw new UnauthenticatedError('AUTH.INVALID_TOKEN', 'The access token is not valid');
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
  private readonly verified: LRUCache<string, { userId: string; expiresAtMs: number }>;

  /** @param max tokens remembered @default 100,000 (about 40 MB) */
  constructor(
    private readonly jwtSecret: string,
    max = 100_000,
  ) {
    this.verified = new LRUCache({ max });
  }

  /** How many tokens are remembered. */
  get remembered(): number {
    return this.verified.size;
  }

  /** The user id the token names; UnauthenticatedError when it is not valid (or no longer). */
  async verify(token: string, now = Date.now()): Promise<string> {
    const known = this.verified.get(token);
    if (known && now < known.expiresAtMs) return known.userId;
    const claims = await verifiedClaims(this.jwtSecret, token, 'api', now);
    this.verified.set(token, claims);
    return claims.userId;
  }
}

/** The token in an `Authorization: Bearer <jwt>` header, if there is one. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError('AUTH.MALFORMED_HEADER', 'Authorization must be "Bearer <token>"');
  return match[1];
}

/** The signed-in viewer's id, or UNAUTHENTICATED for a request that needs an athlete. */
export function requireViewer(viewerId: string | null, action = 'do this'): string {
  if (!viewerId) throw new UnauthenticatedError('AUTH.REQUIRED', `Sign in to ${action}`);
  return viewerId;
}
