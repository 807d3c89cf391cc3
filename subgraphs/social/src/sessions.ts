import { randomUUID } from 'node:crypto';
import type { PrismaClient, User } from '@pacegraph/db';
import {
  UnauthenticatedError,
  issueAccessToken,
  publishTokenRevocation,
  requireViewer,
  type EventBus,
  type Logger,
} from '@pacegraph/service-kit';
import { SocialReason } from './domain/reasons.js';
import { hashRefreshToken, isWellFormedRefreshToken, newRefreshToken, refreshRefusal, refreshTokenExpiry } from './domain/sessions.js';
import { refreshTokenByHash, revokeRefreshFamily, rotateRefreshToken, saveFirstRefreshToken } from './store/sessions.js';
import { endSessionsOf, userById } from './store/users.js';

/** A signed-in device: a short-lived access token and the refresh token that renews it. */
export interface Session {
  /** The access token, for `Authorization: Bearer`; it names its session (claim `sid`). */
  token: string;
  /** When `token` expires. */
  expiresAt: Date;
  /** Exchanged once, by refreshSession, for the next session of this device. */
  refreshToken: string;
  user: User;
}

/** What signing a session's access tokens takes. */
export interface TokenSigning {
  jwtSecret: string;
  /** @default accessTokenLifetimeSeconds (15 minutes) */
  accessTokenLifetimeSeconds: number;
}

/** An access token of the session `familyId`, of the account's current token version, and the refresh token stored for it. */
async function issueSession({ jwtSecret, accessTokenLifetimeSeconds }: TokenSigning, user: User, familyId: string, now: Date) {
  const refreshToken = newRefreshToken();
  const stored = {
    id: randomUUID(),
    familyId,
    userId: user.id,
    tokenHash: hashRefreshToken(refreshToken),
    expiresAt: refreshTokenExpiry(now),
  };
  const token = await issueAccessToken(jwtSecret, user.id, accessTokenLifetimeSeconds, 'api', user.tokenVersion, familyId);
  const session = { token, expiresAt: new Date(now.getTime() + accessTokenLifetimeSeconds * 1000), refreshToken, user };
  return { session, stored };
}

/** Signs a device in: a new session (refresh-token family) for the account. */
export async function startSession(prisma: PrismaClient, signing: TokenSigning, user: User): Promise<Session> {
  const now = new Date();
  const { session, stored } = await issueSession(signing, user, randomUUID(), now);
  await saveFirstRefreshToken(prisma, stored, now);
  return session;
}

/**
 * Exchanges a refresh token for a new access token and the next refresh
 * token of its session. A token is exchanged once: of two refreshes racing
 * with it, one wins the conditional update, and the other is a reuse. A reuse
 * (a stolen copy, or a client that lost the answer) ends the whole session:
 * the token it rotated to stops working too, and so do its access tokens.
 */
export async function refreshSession(
  prisma: PrismaClient,
  bus: EventBus,
  log: Logger,
  signing: TokenSigning,
  refreshToken: string,
): Promise<Session> {
  const bad = () => new UnauthenticatedError(SocialReason.BadRefreshToken, 'The refresh token is not valid; log in again', 'refreshToken');
  if (!isWellFormedRefreshToken(refreshToken)) throw bad();
  const tokenHash = hashRefreshToken(refreshToken);
  const now = new Date();
  const presented = await refreshTokenByHash(prisma, tokenHash);
  const user = presented && (await userById(prisma, presented.userId));
  if (!presented || !user) throw bad();
  const { session, stored } = await issueSession(signing, user, presented.familyId, now);
  if (await rotateRefreshToken(prisma, tokenHash, now, stored)) return session;
  // Not exchanged: read it again, as a concurrent refresh or logOut may be why.
  switch (refreshRefusal(await refreshTokenByHash(prisma, tokenHash), now)) {
    case 'reused':
      await endSession(prisma, bus, log, user.id, presented.familyId, now);
      log.warn({ userId: user.id, sessionId: presented.familyId }, 'a used refresh token was presented again; its session is ended');
      throw new UnauthenticatedError(
        SocialReason.RefreshTokenReused,
        'The refresh token was used before; this session is ended, log in again',
        'refreshToken',
      );
    case 'revoked':
      throw new UnauthenticatedError(SocialReason.SessionEnded, 'This session was ended; log in again', 'refreshToken');
    case 'expired':
      throw new UnauthenticatedError(SocialReason.RefreshTokenExpired, 'The refresh token has expired; log in again', 'refreshToken');
    case 'unknown':
      throw bad();
  }
}

/** Revokes the session's refresh tokens and tells every gateway to refuse its access tokens. */
async function endSession(prisma: PrismaClient, bus: EventBus, log: Logger, userId: string, sessionId: string, now: Date): Promise<void> {
  await revokeRefreshFamily(prisma, userId, sessionId, now);
  const user = await userById(prisma, userId);
  if (user) await announceRevocation(bus, log, userId, user.tokenVersion, sessionId);
}

/**
 * Logs this device out: ends the session its access token was issued to.
 * Its refresh token stops working, and so does the access token (every
 * gateway is told on the bus; one that missed it admits the token until it
 * expires, 15 minutes at most). A token of no session ends nothing.
 */
export async function logOut(
  prisma: PrismaClient,
  bus: EventBus,
  log: Logger,
  viewerId: string | null,
  sessionId: string | undefined,
): Promise<boolean> {
  const userId = requireViewer(viewerId, 'log out');
  if (sessionId) await endSession(prisma, bus, log, userId, sessionId, new Date());
  return true;
}

/**
 * Logs every device out: raises the account's token version (every access
 * token issued before is refused), revokes every refresh token, as a password
 * change does, and tells every gateway at once.
 */
export async function logOutEverywhere(prisma: PrismaClient, bus: EventBus, log: Logger, viewerId: string | null): Promise<boolean> {
  const userId = requireViewer(viewerId, 'log out');
  const changed = await endSessionsOf(prisma, userId, new Date());
  if (changed) await announceRevocation(bus, log, userId, changed.tokenVersion);
  log.info({ userId }, 'logged out everywhere');
  return true;
}

/**
 * Tells every gateway that the athlete's tokens older than `tokenVersion`
 * (all, for null) are revoked; with `sessionId`, that the tokens of that one
 * session are. A gateway that misses it still refuses them
 * once its cached version expires (see the gateway's token versions).
 */
export async function announceRevocation(
  bus: EventBus,
  log: Logger,
  userId: string,
  tokenVersion: number | null,
  sessionId?: string,
): Promise<void> {
  await publishTokenRevocation(bus, { userId, tokenVersion, ...(sessionId ? { sessionId } : {}) }).catch((error: unknown) =>
    log.warn({ err: error, userId }, 'could not announce revoked access tokens; gateways learn it within their cache time'),
  );
}
