import type { IncomingMessage } from 'node:http';
import { bearerTokenOf } from '@pacegraph/service-kit';
import type { AccountTokens } from './account-tokens.js';

export interface GatewayContext {
  /** The signed-in athlete, or null for an anonymous request. */
  viewerId: string | null;
  /** The gateway resolving a subscription event for every viewer it admitted: see `Identity.fanOut`. */
  fanOut?: boolean;
}

/**
 * Who is calling, from `Authorization: Bearer <jwt>`. No header is an
 * anonymous caller; a bad, expired or revoked token is UNAUTHENTICATED (401).
 */
export async function gatewayContext(request: IncomingMessage, tokens: AccountTokens): Promise<GatewayContext> {
  const token = bearerTokenOf(request.headers.authorization);
  return { viewerId: token ? (await tokens.authenticate(token)).userId : null };
}
