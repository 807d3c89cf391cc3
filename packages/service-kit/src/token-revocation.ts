import type { EventBus } from './event-bus.js';

/**
 * What social announces on the event bus when an athlete's access tokens stop
 * being valid, so every gateway instance refuses them at once instead of when
 * its cache of token versions next asks.
 */
export const tokenRevocationTopic = 'account.tokens.revoked';

export interface TokenRevocationEvent {
  userId: string;
  /**
   * The account's token version from now on: tokens of an older one are refused.
   * Null when the account is deleted: all its tokens are refused.
   */
  tokenVersion: number | null;
  /**
   * Set when one session ended (logOut): only the tokens of that session are
   * refused, and `tokenVersion` is the account's unchanged one.
   */
  sessionId?: string;
}

/** Announces that an athlete's tokens older than `tokenVersion` (all, for null) are revoked. */
export async function publishTokenRevocation(bus: EventBus, event: TokenRevocationEvent): Promise<void> {
  await bus.publish(tokenRevocationTopic, event);
}

/** Whether a bus message is a {@link TokenRevocationEvent} (messages cross processes, so they are checked). */
export function isTokenRevocationEvent(message: unknown): message is TokenRevocationEvent {
  if (typeof message !== 'object' || message === null) return false;
  const event = message as Record<string, unknown>;
  return (
    typeof event.userId === 'string' &&
    (event.sessionId === undefined || typeof event.sessionId === 'string') &&
    (event.tokenVersion === null || (typeof event.tokenVersion === 'number' && Number.isSafeInteger(event.tokenVersion)))
  );
}
