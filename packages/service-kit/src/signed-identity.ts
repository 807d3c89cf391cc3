import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The header in which the gateway tells a subgraph who is calling. Its value
 * is `v1.<base64url JSON {viewerId, fanOut?, clientAddress?, audience, issuedAt, bodySha256}>.<base64url HMAC-SHA256>`,
 * signed with the secret the gateway and the subgraphs share, so a subgraph
 * reached directly (not through the gateway) can tell and refuse. `audience`
 * names the subgraph it was made for: a header seen by one subgraph is no
 * key to another. `bodySha256` is the hash of the one request it was made
 * for: a header captured on the wire opens no other request.
 */
export const IDENTITY_HEADER = 'x-pacegraph-identity';

/** Who is calling: a signed-in athlete, or nobody (viewerId null). */
export interface Identity {
  viewerId: string | null;
  /**
   * The gateway itself, subscribing once on behalf of many viewers: the
   * subgraph sends each event with the facts the gateway checks every viewer
   * against (`extensions.audience`), instead of checking one viewer itself.
   */
  fanOut?: boolean;
  /** The network address the request came from, as the gateway saw it (limits per client); none on the gateway's own requests. */
  clientAddress?: string;
  /** The session (refresh-token family) the viewer's access token was issued to, if any: what logOut ends. */
  sessionId?: string;
}

/** How far a signature's time may be from ours (clock skew between hosts). @default 60 s */
export const identityMaxAgeSeconds = 60;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`v1.${payload}`).digest('base64url');
}

/** The bytes a signature is bound to: a request's raw body (HTTP), or a subscription's canonical text (WebSocket). */
export type SignedBody = string | Uint8Array;

function sha256(body: SignedBody): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * Signs the caller's identity for one request from the gateway to the
 * subgraph `audience`: the request whose body is `body`, exactly as sent.
 */
export function signIdentity(secret: string, identity: Identity, audience: string, body: SignedBody, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({
      viewerId: identity.viewerId,
      ...(identity.fanOut ? { fanOut: true } : {}),
      ...(identity.clientAddress ? { clientAddress: identity.clientAddress } : {}),
      ...(identity.sessionId ? { sessionId: identity.sessionId } : {}),
      audience,
      issuedAt: Math.floor(now / 1000),
      bodySha256: sha256(body),
    }),
  ).toString('base64url');
  return `v1.${payload}.${mac(secret, payload)}`;
}

/**
 * The identity in a header value, or null when it is missing, forged, stale,
 * made for another subgraph, or made for another request than the one whose
 * body is `body` (the raw bytes received).
 */
export function verifyIdentity(
  secret: string,
  header: string | undefined,
  audience: string,
  body: SignedBody,
  now = Date.now(),
): Identity | null {
  const parts = header?.split('.') ?? [];
  if (parts.length !== 3) return null;
  const [version, payload, signature] = parts as [string, string, string];
  if (version !== 'v1' || !payload || !signature) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims.audience !== audience) return null;
    if (claims.bodySha256 !== sha256(body)) return null;
    const issuedAt = claims.issuedAt;
    if (typeof issuedAt !== 'number' || Math.abs(now / 1000 - issuedAt) > identityMaxAgeSeconds) return null;
    const viewerId = claims.viewerId;
    if (viewerId !== null && typeof viewerId !== 'string') return null;
    const clientAddress = typeof claims.clientAddress === 'string' ? { clientAddress: claims.clientAddress } : {};
    const sessionId = typeof claims.sessionId === 'string' ? { sessionId: claims.sessionId } : {};
    return claims.fanOut === true
      ? { viewerId, fanOut: true, ...clientAddress, ...sessionId }
      : { viewerId, ...clientAddress, ...sessionId };
  } catch {
    return null;
  }
}
