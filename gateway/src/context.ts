import type { IncomingMessage } from 'node:http';
import { bearerTokenOf } from '@pacegraph/service-kit';
import type { AccountTokens } from './account-tokens.js';
import { clientOf } from './client-address.js';

export interface GatewayContext {
  /** The signed-in athlete, or null for an anonymous request. */
  viewerId: string | null;
  /** The gateway resolving a subscription event for every viewer it admitted: see `Identity.fanOut`. */
  fanOut?: boolean;
  /** The address the request came from (see {@link clientAddressOf}); the subgraphs limit some mutations per address. */
  clientAddress?: string;
  /** The session the viewer's token was issued to, if any (what logOut ends). */
  sessionId?: string;
}

/**
 * The client a request came from, for per-address limits: the connection's
 * address (an IPv6 one as its /64, see {@link clientOf}). Headers such as
 * X-Forwarded-For are not read: anyone can write them, and the gateway is the
 * edge (no proxy in front of it).
 */
export function clientAddressOf(request: IncomingMessage): string | undefined {
  return clientOf(request.socket.remoteAddress);
}

/**
 * Who is calling, from `Authorization: Bearer <jwt>`. No header is an
 * anonymous caller; a bad, expired or revoked token is UNAUTHENTICATED (401).
 */
export async function gatewayContext(request: IncomingMessage, tokens: AccountTokens): Promise<GatewayContext> {
  const token = bearerTokenOf(request.headers.authorization);
  const clientAddress = clientAddressOf(request);
  const claims = token ? await tokens.authenticate(token) : null;
  return {
    viewerId: claims?.userId ?? null,
    ...(clientAddress ? { clientAddress } : {}),
    ...(claims?.sessionId ? { sessionId: claims.sessionId } : {}),
  };
}
