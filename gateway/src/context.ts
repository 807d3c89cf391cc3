import type { IncomingMessage } from 'node:http';
import { bearerTokenOf, type AccessTokenVerifier } from '@pacegraph/service-kit';

export interface GatewayContext {
  /** The signed-in athlete, or null for an anonymous request. */
  viewerId: string | null;
  /** The gateway resolving a subscription event for every viewer it admitted: see `Identity.fanOut`. */
  fanOut?: boolean;
}

/**
 * Who is calling, from `Authorization: Bearer <jwt>`. No header is an
 * anonymous caller; a bad or expired token is UNAUTHENTICATED (401).
 */
export async function gatewayContext(request: IncomingMessage, tokens: AccessTokenVerifier): Promise<GatewayContext> {
  const token = bearerTokenOf(request.headers.authorization);
  return { viewerId: token ? await tokens.verify(token) : null };
}
