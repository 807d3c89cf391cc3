import { BadUserInputError, ForbiddenError, isUuid } from '@pacegraph/service-kit';

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
