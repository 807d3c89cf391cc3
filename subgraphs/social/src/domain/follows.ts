import { BadUserInputError, ForbiddenError, isUuid } from '@pacegraph/service-kit';

/** The most viewers one followersAmong call checks. @default 10,000 */
export const maxFollowerChecks = 10_000;

/**
 * The distinct viewers (lower-cased, UUIDs only) a followersAmong call
 * checks. Only the gateway acting for many viewers (`fanOut`) may ask:
 * FORBIDDEN otherwise; more than {@link maxFollowerChecks} is BAD_USER_INPUT.
 */
export function followerCheckIds(fanOut: boolean, userIds: readonly string[]): string[] {
  if (!fanOut) throw new ForbiddenError('FOLLOWS.GATEWAY_ONLY', 'Only the gateway asks this');
  if (userIds.length > maxFollowerChecks) {
    throw new BadUserInputError('FOLLOWS.TOO_MANY_CHECKS', `At most ${maxFollowerChecks} viewers a call`, 'userIds');
  }
  return [...new Set(userIds.map((id) => id.toLowerCase()).filter(isUuid))];
}
