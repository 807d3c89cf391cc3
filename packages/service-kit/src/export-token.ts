import { decodeJwt, SignJWT } from 'jose';
import { audienceOf, issuer, verifiedClaims } from './access-token.js';
import { UnauthenticatedError } from './errors.js';
import { isUuid } from './ids.js';
import { ServiceReason } from './reasons.js';

const encoder = new TextEncoder();

/** What a valid export-link token names: the athlete, and the link (its `jti`) the gateway claims once. */
export interface ExportTokenClaims {
  athleteId: string;
  linkId: string;
}

/**
 * Issues the token of a data-export link: like an access token, but for the
 * export audience only, and naming the link (`jti`) so one fetch can claim it.
 */
export async function issueExportToken(jwtSecret: string, athleteId: string, linkId: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(athleteId)
    .setIssuer(issuer)
    .setAudience(audienceOf('export'))
    .setJti(linkId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(encoder.encode(jwtSecret));
}

/** The athlete and link a valid export-link token names; UnauthenticatedError otherwise (an API token, a link without an id). */
export async function verifyExportToken(jwtSecret: string, token: string, now = Date.now()): Promise<ExportTokenClaims> {
  const { userId } = await verifiedClaims(jwtSecret, token, 'export', now);
  // Signature, audience and expiry are checked above; this only reads the claim.
  const { jti } = decodeJwt(token);
  if (typeof jti !== 'string' || !isUuid(jti))
    throw new UnauthenticatedError(ServiceReason.InvalidToken, 'This export link names no download');
  return { athleteId: userId, linkId: jti };
}
