import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { Result } from './errors.js';
import type { FollowingLiveSubscription, LiveActivitySubscription } from './generated/graphql.js';
import { mutations, queries, subscriptions } from './generated/operations.js';
import { httpTransport, type Execute } from './http-transport.js';
import { liveConnection, type LiveConnectionOptions } from './live-subscriptions.js';
import { Recorder } from './recorder/recorder.js';
import type { SyncOptions } from './recorder/recording.js';
import type { RecordingStore } from './recorder/recording-store.js';
import { syncRequests } from './recorder/sync-requests.js';
import { SessionKeeper, signingInOperations, signingOutOperations, type SessionKeeperOptions, type SessionTokens } from './session.js';
import { memoryRecordingStore } from './storage/memory.js';
import type { Backoff } from './backoff.js';

export interface ClientOptions {
  /** The gateway's GraphQL URL, e.g. `https://api.example.com/graphql`. */
  url: string;
  /** The signed-in athlete's token alone (no refresh); change it later with `setToken`. */
  token?: string | null;
  /**
   * A session kept from before (`onSession` gave it): the client signs in
   * with it and refreshes it by itself. Answers of LogIn, ConfirmSignUp,
   * ChangePassword, ResetPassword and RefreshSession sign the client in with
   * their session; LogOut and LogOutEverywhere sign it out.
   */
  session?: SessionTokens | null;
  /** Told of every new session (to keep its refresh token, e.g. in the keychain) and of signing out (null). */
  onSession?: SessionKeeperOptions['onSession'];
  /** Refreshes the access token this long before it expires (below zero: only once the API refuses it as expired). @default 60,000 ms */
  refreshAheadMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** A WebSocket class for subscriptions where the platform has none (Node before 22: `ws`). */
  webSocketImpl?: unknown;
  /** The subscriptions' URL. @default `url` with http(s) turned into ws(s) */
  wsUrl?: string;
  /** Where the recorder keeps recordings until the server has them. @default in memory (lost with the process) */
  storage?: RecordingStore;
  /** Waits between retries, for the recorder's sync and the live connection. @default 0.5 s doubling to 15 s */
  backoff?: Backoff;
  /** Batch sizes of the recorder's sync. */
  sync?: Omit<SyncOptions, 'backoff'>;
  /** A request with no answer after this long counts as failed. @default 30,000 ms */
  timeoutMs?: number;
  /** Keep-alive of the live connection. */
  live?: Pick<LiveConnectionOptions, 'keepAliveMs' | 'pongTimeoutMs'>;
}

type Operations = typeof queries & typeof mutations;

/** A typed method for an operation: variables in, data or error out. */
export type OperationMethod<D> =
  D extends DocumentTypeDecoration<infer TResult, infer TVariables>
    ? Record<string, never> extends TVariables
      ? (variables?: TVariables) => Promise<Result<TResult>>
      : (variables: TVariables) => Promise<Result<TResult>>
    : never;

export type OperationMethods = { [Name in keyof Operations]: OperationMethod<Operations[Name]> };

export interface LiveSubscriptions {
  /** Live figures of an activity while it records; ends when it is saved or discarded. */
  liveActivity(activityId: string): AsyncIterableIterator<Result<LiveActivitySubscription>>;
  /** Starts and finishes of the activities of athletes the viewer follows. */
  followingLive(): AsyncIterableIterator<Result<FollowingLiveSubscription>>;
}

export type PaceGraphClient = OperationMethods & {
  /** Signs in with an access token alone, not refreshed (or out, with null), for every later request and live connection. */
  setToken(token: string | null): void;
  /** Signs in with a session, refreshed by the client as needed (or out, with null). */
  setSession(session: SessionTokens | null): void;
  /** The access token sent now. */
  readonly token: string | null;
  /** The session kept, with its current refresh token; null when signed out or signed in with a token alone. */
  readonly session: SessionTokens | null;
  /** Runs any typed document (e.g. one the app made with the generated types). */
  request: Execute;
  /** Live operations as async iterables; the connection comes back by itself after a drop. */
  subscribe: LiveSubscriptions;
  /** The offline-first recorder. */
  recorder: Recorder;
  /** Closes the live connection and the recorder's store. */
  close(): Promise<void>;
};

/**
 * The PaceGraph client: a typed method for every operation of the API, live
 * subscriptions that survive reconnects, and an offline-first recorder.
 */
export function createClient(options: ClientOptions): PaceGraphClient {
  const closing = new AbortController();
  const transport = (token: () => string | null) =>
    httpTransport({
      url: options.url,
      token,
      signal: closing.signal,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  const sessions: SessionKeeper = new SessionKeeper(
    transport(() => sessions.token),
    transport(() => null),
    {
      ...(options.refreshAheadMs !== undefined ? { refreshAheadMs: options.refreshAheadMs } : {}),
      ...(options.onSession ? { onSession: options.onSession } : {}),
    },
  );
  if (options.session) sessions.setSession(options.session);
  else sessions.setToken(options.token ?? null);
  const token = () => sessions.token;
  const execute = sessions.execute;
  const live = liveConnection({
    url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
    token: () => sessions.freshToken(),
    renewsToken: () => sessions.current !== null,
    webSocketImpl: options.webSocketImpl,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...options.live,
  });
  const recorder = new Recorder(options.storage ?? memoryRecordingStore(), syncRequests(execute, token), {
    ...options.sync,
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const signsIn = new Set<string>(signingInOperations);
  const signsOut = new Set<string>(signingOutOperations);
  const methods = Object.fromEntries(
    Object.entries({ ...queries, ...mutations }).map(([name, document]) => [
      name,
      async (variables?: Record<string, unknown>) => {
        const result = await execute(document as DocumentTypeDecoration<unknown, unknown>, variables);
        const data = result.data as Record<string, unknown> | undefined;
        if (signsIn.has(name) && data?.[name]) {
          sessions.setSession(data[name] as SessionTokens);
          recorder.signedIn();
        }
        if (signsOut.has(name) && data?.[name]) sessions.setSession(null);
        return result;
      },
    ]),
  ) as unknown as OperationMethods;
  return {
    ...methods,
    setToken(next) {
      sessions.setToken(next);
      recorder.signedIn();
    },
    setSession(next) {
      sessions.setSession(next);
      recorder.signedIn();
    },
    get token() {
      return sessions.token;
    },
    get session() {
      return sessions.current;
    },
    request: execute,
    subscribe: {
      liveActivity: (activityId) => live.subscribe(subscriptions.liveActivity, { activityId }),
      followingLive: () => live.subscribe(subscriptions.followingLive, {}),
    },
    recorder,
    async close() {
      // Requests in flight end at once; the recorder's store keeps what they carried for the next start.
      closing.abort();
      await Promise.all([live.close(), recorder.close()]);
    },
  };
}
