import type { GatewayLookup } from './gateway-lookups.js';

/** The most viewers one followersAmong call checks. @default 10,000 */
export const maxFollowerChecks = 10_000;

/** followersAmong: only the gateway acting for many viewers asks, for at most {@link maxFollowerChecks}. */
export const followerCheck: GatewayLookup = {
  gatewayOnly: 'FOLLOWS.GATEWAY_ONLY',
  tooMany: 'FOLLOWS.TOO_MANY_CHECKS',
  max: maxFollowerChecks,
  counted: 'viewers',
};
