import type { GraphQLDataSource } from '@apollo/gateway';
// Not re-exported by the package's index.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  accountDeletedError,
  ServiceReason,
  ServiceUnavailableError,
  UnauthenticatedError,
  type AccessTokenClaims,
  type AccessTokenVerifier,
  type Logger,
  type TokenRevocationEvent,
} from '@pacegraph/service-kit';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from './context.js';

/**
 * How long a gateway trusts an account's token version it asked social for.
 * Revocations are announced on the bus and take effect at once; this bounds
 * how long one a gateway missed (Redis down, a message lost) goes unseen.
 * @default 30 s
 */
export const tokenVersionTtlMs = 30_000;
/** Accounts asked about in one call to social (its limit is 1,000). @default 1,000 */
const lookupsPerCall = 1_000;
/** A lookup slower than this fails the requests waiting on it. @default 2 s */
const lookupTimeoutMs = 2_000;

/**
 * How long an ended session (logOut) is remembered: longer than any access
 * token of it lives (social issues them for 15 minutes).
 * @default 1 hour
 */
const endedSessionTtlMs = 3600_000;

const tokenVersionsQuery = 'query ($userIds: [ID!]!) { tokenVersions(userIds: $userIds) }';

/** An open socket's hold on its token: closed when the token expires or is revoked. */
interface HeldSocket {
  tokenVersion: number;
  sessionId: string | null;
  close(): void;
  timer: NodeJS.Timeout;
}

interface KnownVersion {
  /** Null: the account is gone. */
  version: number | null;
  knownAtMs: number;
  /** Learnt from an announcement rather than by asking. */
  announced: boolean;
}

/**
 * Decides whether an access token is still good: its signature and claims
 * (remembered by the {@link AccessTokenVerifier}), and its account's token
 * version, which a password change raises and a deletion ends. Versions come
 * from social, asked in one call for all the accounts requests are waiting
 * on, and are kept {@link tokenVersionTtlMs}; a revocation announced on the
 * bus replaces the kept version at once and closes the account's sockets.
 * A gateway that starts with nothing kept asks social before it admits any
 * token, so a restart does not forget a revocation.
 */
export class AccountTokens {
  private readonly known: LRUCache<string, KnownVersion>;
  /** Sessions ended by logOut, as announced: their tokens are refused until they expire. */
  private readonly endedSessions = new LRUCache<string, true>({ max: 100_000, ttl: endedSessionTtlMs });
  private pending = new Map<string, { resolve(version: number | null): void; reject(error: unknown): void }[]>();
  private flushScheduled = false;
  private readonly sockets = new Map<string, Set<HeldSocket>>();
  private readonly refreshing = new Set<string>();
  private readonly recheck: NodeJS.Timeout;

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly social: GraphQLDataSource<GatewayContext>,
    private readonly log: Logger,
    private readonly ttlMs = tokenVersionTtlMs,
    /** Accounts whose version is kept. @default 100,000 */
    maxKept = 100_000,
  ) {
    this.known = new LRUCache({ max: maxKept });
    // Sockets outlive kept versions: their accounts are asked about again every TTL, so a
    // revocation whose announcement was lost (the bus down) still closes them.
    this.recheck = setInterval(() => {
      for (const userId of this.sockets.keys()) this.refreshInBackground(userId);
    }, ttlMs);
    this.recheck.unref();
  }

  /** Stops asking about held sockets' accounts. */
  close(): void {
    clearInterval(this.recheck);
  }

  /**
   * The claims of a token that is good now; UnauthenticatedError otherwise
   * (AUTH.ACCOUNT_DELETED for a deleted account, AUTH.TOKEN_REVOKED for one issued before a password change,
   * AUTH.SESSION_ENDED for one of a session logged out). A session's end is learnt from its announcement
   * alone: a gateway that missed it admits the session's tokens until they expire (15 minutes at most).
   */
  async authenticate(token: string, now = Date.now()): Promise<AccessTokenClaims> {
    const claims = await this.verifier.claimsOf(token, now);
    if (claims.sessionId !== null && this.endedSessions.has(claims.sessionId)) {
      throw new UnauthenticatedError(ServiceReason.SessionEnded, 'This session was logged out; log in again');
    }
    let current = await this.versionOf(claims.userId, now);
    // A token newer than the version kept: the password changed through another gateway and the
    // announcement has not arrived (or was missed); the kept version is stale.
    if (current !== null && claims.tokenVersion > current) current = await this.versionOf(claims.userId, now, true);
    if (current === null) throw accountDeletedError();
    if (claims.tokenVersion < current) {
      throw new UnauthenticatedError(ServiceReason.TokenRevoked, 'The access token was revoked (the password changed); log in again');
    }
    return claims;
  }

  /**
   * Holds an open socket to its token: `close` is called when the token
   * expires or is revoked. Returns the release, for when the socket closes.
   */
  holdSocket(claims: AccessTokenClaims, close: () => void, now = Date.now()): () => void {
    const held: HeldSocket = {
      tokenVersion: claims.tokenVersion,
      sessionId: claims.sessionId,
      close,
      // Node's timers hold at most ~24.8 days; tokens live at most 7.
      timer: setTimeout(() => this.closeHeld(claims.userId, held), Math.max(0, claims.expiresAtMs - now)),
    };
    held.timer.unref();
    let forUser = this.sockets.get(claims.userId);
    if (!forUser) this.sockets.set(claims.userId, (forUser = new Set()));
    forUser.add(held);
    return () => {
      clearTimeout(held.timer);
      forUser.delete(held);
      if (forUser.size === 0 && this.sockets.get(claims.userId) === forUser) this.sockets.delete(claims.userId);
    };
  }

  /** Takes in a revocation announced on the bus: tokens older than its version (all, for null) are refused from now on. */
  revoked(event: TokenRevocationEvent, now = Date.now()): void {
    if (event.sessionId !== undefined) {
      this.endedSessions.set(event.sessionId, true);
      for (const held of [...(this.sockets.get(event.userId) ?? [])]) {
        if (held.sessionId === event.sessionId) this.closeHeld(event.userId, held);
      }
      this.log.info({ userId: event.userId, sessionId: event.sessionId }, 'session ended');
      return;
    }
    const kept = this.known.get(event.userId);
    // Announcements may overtake one another; a version never goes down, except to "gone".
    if (event.tokenVersion !== null && kept && (kept.version === null || kept.version > event.tokenVersion)) return;
    this.known.set(event.userId, { version: event.tokenVersion, knownAtMs: now, announced: true });
    this.closeRevokedSockets(event.userId, event.tokenVersion);
    this.log.info({ userId: event.userId, tokenVersion: event.tokenVersion }, 'access tokens revoked');
  }

  /** Closes the account's sockets whose tokens are older than `version` (all, for a deleted account). */
  private closeRevokedSockets(userId: string, version: number | null): void {
    for (const held of [...(this.sockets.get(userId) ?? [])]) {
      if (version === null || held.tokenVersion < version) this.closeHeld(userId, held);
    }
  }

  private closeHeld(userId: string, held: HeldSocket): void {
    clearTimeout(held.timer);
    this.sockets.get(userId)?.delete(held);
    try {
      held.close();
    } catch (error) {
      this.log.warn({ err: error, userId }, 'could not close a socket whose token ended');
    }
  }

  private async versionOf(userId: string, now: number, refresh = false): Promise<number | null> {
    const kept = this.known.get(userId);
    if (!refresh && kept) {
      // Past its TTL, the version kept still answers this request while social is asked again, so a
      // request waits on social only for an account this gateway has not seen (revocations come on the
      // bus at once; the TTL bounds how long a missed one goes unseen).
      if (now - kept.knownAtMs >= this.ttlMs) this.refreshInBackground(userId);
      return kept.version;
    }
    try {
      return await this.lookUp(userId);
    } catch (error) {
      // Social cannot say just now: a version known before still counts; never an account not seen.
      if (kept) {
        this.log.warn({ err: error, userId }, 'token version lookup failed; using the one last known');
        return kept.version;
      }
      this.log.warn({ err: error, userId }, 'token version lookup failed; the request is refused for now');
      throw new ServiceUnavailableError(
        ServiceReason.TokenCheckUnavailable,
        'Signed-in requests cannot be checked just now; try again shortly',
      );
    }
  }

  private refreshInBackground(userId: string): void {
    if (this.refreshing.has(userId)) return;
    this.refreshing.add(userId);
    this.lookUp(userId)
      .catch((error: unknown) => this.log.warn({ err: error, userId }, 'token version refresh failed; keeping the one last known'))
      .finally(() => this.refreshing.delete(userId));
  }

  /** Asks social, together with every other account asked about in the same tick. */
  private lookUp(userId: string): Promise<number | null> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(userId) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(userId, waiters);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.flushScheduled = false;
    const userIds = [...batch.keys()];
    for (let start = 0; start < userIds.length; start += lookupsPerCall) {
      const slice = userIds.slice(start, start + lookupsPerCall);
      const askedAtMs = Date.now();
      try {
        const versions = await this.askSocial(slice);
        const knownAtMs = Date.now();
        slice.forEach((userId, index) => {
          const kept = this.known.get(userId);
          // An announcement heard while social was being asked may be newer than its answer.
          if (!(kept?.announced && kept.knownAtMs >= askedAtMs)) {
            this.known.set(userId, { version: versions[index] ?? null, knownAtMs, announced: false });
            this.closeRevokedSockets(userId, versions[index] ?? null);
          }
          for (const waiter of batch.get(userId)!) waiter.resolve(this.known.get(userId)!.version);
        });
      } catch (error) {
        for (const userId of slice) for (const waiter of batch.get(userId)!) waiter.reject(error);
      }
    }
  }

  private async askSocial(userIds: string[]): Promise<(number | null)[]> {
    const context: GatewayContext = { viewerId: null, fanOut: true };
    const request = { query: tokenVersionsQuery, variables: { userIds } };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`social gave no token versions within ${lookupTimeoutMs} ms`)), lookupTimeoutMs);
    });
    const response = await Promise.race([
      this.social.process({
        kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
        request,
        context,
        incomingRequestContext: { request, context } as unknown as GatewayGraphQLRequestContext<GatewayContext>,
      }),
      timeout,
    ]).finally(() => clearTimeout(timer));
    const versions = (response.data as { tokenVersions?: unknown } | null | undefined)?.tokenVersions;
    if (!Array.isArray(versions) || versions.length !== userIds.length) {
      throw new Error(`social gave no token versions: ${response.errors?.[0]?.message ?? 'no answer'}`);
    }
    return versions as (number | null)[];
  }
}
