import { BadUserInputError, ForbiddenError, isUuid } from '@pacegraph/service-kit';
import { SocialReason } from './reasons.js';

/** A lookup only the gateway makes (`fanOut`), for many athletes at once: its refusals and its size. */
export interface GatewayLookup {
  /** FORBIDDEN's reason when anyone but the gateway asks. */
  gatewayOnly: string;
  /** BAD_USER_INPUT's reason when a call names more than `max` ids. */
  tooMany: string;
  max: number;
  /** What the ids are, as the message counts them ("accounts"). */
  counted: string;
}

/** The lookups only the gateway makes, by the query that makes them. */
export const gatewayLookups = {
  /** The token versions of accounts whose tokens it does not know, at most 1,000 a call. */
  tokenVersions: {
    gatewayOnly: SocialReason.AccountLookupGatewayOnly,
    tooMany: SocialReason.TooManyAccountLookups,
    max: 1_000,
    counted: 'accounts',
  },
  /** Which of the viewers of a live activity only followers may see follow its athlete, at most 10,000 a call. */
  followersAmong: {
    gatewayOnly: SocialReason.FollowerCheckGatewayOnly,
    tooMany: SocialReason.TooManyFollowerChecks,
    max: 10_000,
    counted: 'viewers',
  },
} as const satisfies Record<string, GatewayLookup>;

/**
 * The distinct ids (lower-cased, UUIDs only) a gateway lookup reads:
 * FORBIDDEN unless the gateway asks, BAD_USER_INPUT over its most ids a call.
 */
export function gatewayLookupIds(lookup: GatewayLookup, fanOut: boolean, userIds: readonly string[]): string[] {
  if (!fanOut) throw new ForbiddenError(lookup.gatewayOnly, 'Only the gateway asks this');
  if (userIds.length > lookup.max) {
    throw new BadUserInputError(lookup.tooMany, `At most ${lookup.max} ${lookup.counted} a call`, 'userIds');
  }
  return [...new Set(userIds.map((id) => id.toLowerCase()).filter(isUuid))];
}
