import type { IncomingMessage } from 'node:http';
import { bearerTokenOf } from '@pacegraph/service-kit';
import type { AccountTokens } from './account-tokens.js';

export interface GatewayContext {
  /** The signed-in athlete, or null for an anonymous request. */
  viewerId: string | null;
  /** The gateway resolving a subscription event for every viewer it admitted: see `Identity.fanOut`. */
  fanOut?: boolean;
  /** The address the request came from (see {@link clientAddressOf}); the subgraphs limit some mutations per address. */
  clientAddress?: string;
}

/**
 * The address of the connection a request came on, IPv4 addresses mapped into
 * IPv6 written as IPv4. Headers such as X-Forwarded-For are not read: anyone
 * can write them, and the gateway is the edge (no proxy in front of it).
 */
export function clientAddressOf(request: IncomingMessage): string | undefined {
  const address = request.socket.remoteAddress;
  return address?.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/**
 * Who is calling, from `Authorization: Bearer <jwt>`. No header is an
 * anonymous caller; a bad, expired or revoked token is UNAUTHENTICATED (401).
 */
export async function gatewayContext(request: IncomingMessage, tokens: AccountTokens): Promise<GatewayContext> {
  const token = bearerTokenOf(request.headers.authorization);
  const clientAddress = clientAddressOf(request);
  return { viewerId: token ? (await tokens.authenticate(token)).userId : null, ...(clientAddress ? { clientAddress } : {}) };
}
