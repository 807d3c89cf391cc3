import type { PaceGraphError, Result } from './errors.js';
import { RefreshSessionDocument } from './generated/graphql.js';
import type { Execute } from './http-transport.js';

/** A signed-in device, as the API's AuthPayload gives it: what an app keeps to stay signed in across restarts. */
export interface SessionTokens {
  /** The access token (15 minutes). */
  token: string;
  /** When `token` expires (ISO-8601). */
  expiresAt: string;
  /** Exchanged once for the next pair; keep it secret (the device's keychain). */
  refreshToken: string;
}

/** The answers that sign the client in (they carry a session) and those that sign it out. */
export const signingInOperations = ['logIn', 'confirmSignUp', 'changePassword', 'resetPassword', 'refreshSession'] as const;
export const signingOutOperations = ['logOut', 'logOutEverywhere'] as const;

/** The reasons an access token is refused for that a refresh cures. */
const curedByRefresh = new Set(['AUTH.TOKEN_EXPIRED']);

export interface SessionKeeperOptions {
  /** Refreshes a token this long before it expires. @default 60,000 ms */
  refreshAheadMs?: number;
  /** Told of every new session (store its refresh token) and of signing out (null). */
  onSession?: (session: SessionTokens | null) => void;
}

/**
 * Keeps the client's access token good: refreshes it before it expires, and
 * when the API refuses it as expired, then runs the request again. One
 * refresh at a time: a refresh token works once, and two refreshes with it
 * would end the session.
 */
export class SessionKeeper {
  private session: SessionTokens | null = null;
  private plainToken: string | null = null;
  private refreshing: Promise<PaceGraphError | null> | null = null;
  private readonly refreshAheadMs: number;

  constructor(
    /** Sends a request with the token this keeper gives. */
    private readonly send: Execute,
    /** Sends a request with no token: a refresh (the expired token would be refused before it is read). */
    private readonly sendSignedOut: Execute,
    private readonly options: SessionKeeperOptions = {},
  ) {
    this.refreshAheadMs = options.refreshAheadMs ?? 60_000;
  }

  /** The access token to send now. */
  get token(): string | null {
    return this.session?.token ?? this.plainToken;
  }

  /** The session kept (null when signed out, or signed in with a token alone). */
  get current(): SessionTokens | null {
    return this.session;
  }

  /** The access token to send now, refreshed first when it is about to expire (for a live connection's opening). */
  async freshToken(): Promise<string | null> {
    if (this.session && Date.parse(this.session.expiresAt) - Date.now() <= Math.max(this.refreshAheadMs, 0)) {
      await this.refresh(this.session);
    }
    return this.token;
  }

  /** Signs in with a session (it is refreshed as needed), or out with null. */
  setSession(session: SessionTokens | null): void {
    this.session = session ? { token: session.token, expiresAt: session.expiresAt, refreshToken: session.refreshToken } : null;
    this.plainToken = null;
    this.options.onSession?.(this.session);
  }

  /**
   * Signs in with an access token alone (no refresh: it works until it
   * expires), or out with null. The token of the session kept keeps the
   * session (an app that calls setToken after logIn still gets refreshes).
   */
  setToken(token: string | null): void {
    if (token !== null && token === this.session?.token) return;
    this.session = null;
    this.plainToken = token;
  }

  /**
   * Runs an operation with a good token: refreshed first when it is about to
   * expire, and again when refused as expired. A refresh refused (the session
   * ended) signs out and answers the refusal: the operation is not sent
   * signed out in the athlete's stead.
   */
  execute: Execute = async (document, variables) => {
    if (this.session && Date.parse(this.session.expiresAt) - Date.now() <= this.refreshAheadMs) {
      const refused = await this.refresh(this.session);
      if (refused) return { error: refused };
    }
    const sentWith = this.session;
    const result = await this.send(document, variables);
    if (!sentWith || result.error?.code !== 'UNAUTHENTICATED' || !curedByRefresh.has(result.error.reason ?? '')) return result;
    await this.refresh(sentWith);
    return this.session && this.session !== sentWith ? this.send(document, variables) : result;
  };

  /**
   * Exchanges the refresh token of `stale` for a new session, unless one
   * newer than `stale` is kept already (a concurrent request refreshed it).
   * A refusal (the session ended, the token expired) signs out, and is
   * returned; no answer (offline) keeps the session for the next try.
   */
  private refresh(stale: SessionTokens): Promise<PaceGraphError | null> {
    if (this.session !== stale) return Promise.resolve(null);
    this.refreshing ??= (async () => {
      try {
        const refreshed = await this.sendSignedOut(RefreshSessionDocument, {
          refreshToken: stale.refreshToken,
        });
        if (this.session !== stale) return null;
        const session = (refreshed as Result<{ refreshSession: SessionTokens }>).data?.refreshSession;
        if (session) this.setSession(session);
        else if (refreshed.error?.code === 'UNAUTHENTICATED') {
          this.setSession(null);
          return refreshed.error;
        }
        return null;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}
