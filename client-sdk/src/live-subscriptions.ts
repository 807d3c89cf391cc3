import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { CloseCode, createClient as createWsClient, type Client as WsClient } from 'graphql-ws/client';
import { errorFromGraphQL, networkError, type GraphQLErrorPayload, type PaceGraphError, type Result } from './errors.js';
import { backoffDelayMs, type Backoff } from './backoff.js';

/** How the SDK keeps its one WebSocket to the gateway. */
export interface LiveConnectionOptions {
  /** The gateway's WebSocket URL (graphql-ws), e.g. `wss://api.example.com/graphql`. */
  url: string;
  token: () => string | null | undefined | Promise<string | null | undefined>;
  /**
   * Whether a connection closed for its token (4403: it expired or was
   * revoked) may be opened again: the client holds a session whose refresh
   * gives a new token (`token` then refreshes it). @default never
   */
  renewsToken?: () => boolean;
  /** A WebSocket class, where the platform has none built in (Node before 22: the `ws` package). */
  webSocketImpl?: unknown;
  /** Waits between reconnection attempts. @default 0.5 s doubling to 15 s, with jitter */
  backoff?: Backoff;
  /** A ping is sent this often; no pong within `pongTimeoutMs` counts as a dead connection. @default 10,000 ms */
  keepAliveMs?: number;
  /** @default 5,000 ms */
  pongTimeoutMs?: number;
}

/** Live operations as async iterables over one graphql-ws connection that reconnects by itself. */
export interface LiveConnection {
  subscribe<TResult, TVariables>(
    document: DocumentTypeDecoration<TResult, TVariables>,
    variables: TVariables,
  ): AsyncIterableIterator<Result<TResult>>;
  close(): Promise<void>;
}

/** Close codes after which trying again cannot help (`Forbidden` is a refused token). */
const refusedCloseCodes = new Set<number>([
  CloseCode.BadRequest,
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.SubprotocolNotAcceptable,
  CloseCode.SubscriberAlreadyExists,
  CloseCode.TooManyInitialisationRequests,
  CloseCode.InternalServerError,
]);

/**
 * The SDK closes a socket whose ping went unanswered with this code, as
 * graphql-ws's keep-alive recipe does; it is not refused, so the connection
 * is opened again. graphql-ws has no `CloseCode` for it.
 */
const pongTimeoutCloseCode = 4408;

/**
 * One socket shared by every subscription, opened on the first and closed
 * after the last. A dropped connection is opened again after a backoff, as
 * many times as it takes, and each subscription still running is sent again:
 * the app's loop just goes on receiving (events sent while it was away are
 * not replayed; live figures are totals, so the next one is whole).
 */
export function liveConnection(options: LiveConnectionOptions): LiveConnection {
  let client: WsClient | null = null;
  let socket: { close(code: number, reason: string): void } | null = null;
  const connect = (): WsClient => {
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    return createWsClient({
      url: options.url,
      ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
      lazy: true,
      connectionParams: async () => {
        const token = await options.token();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      retryAttempts: Infinity,
      shouldRetry: (closeEventOrError) => {
        const code = (closeEventOrError as { code?: number })?.code ?? 0;
        // The gateway closes a socket when its token expires: with a session, the next one carries a fresh token.
        if (code === CloseCode.Forbidden && options.renewsToken?.()) return true;
        return !refusedCloseCodes.has(code);
      },
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelayMs(retries, options.backoff))),
      keepAlive: options.keepAliveMs ?? 10_000,
      on: {
        // A connection can die without closing (a phone leaves the network): a ping unanswered closes it.
        ping: (received) => {
          if (received) return;
          pongTimer = setTimeout(() => socket?.close(pongTimeoutCloseCode, 'Pong timeout'), options.pongTimeoutMs ?? 5_000);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        connected: (opened) => {
          socket = opened as { close(code: number, reason: string): void };
        },
        closed: () => {
          clearTimeout(pongTimer);
          socket = null;
        },
      },
    });
  };

  return {
    subscribe(document, variables) {
      client ??= connect();
      // Generated documents are strings (TypedDocumentString); their type says only what they decorate.
      const events = client.iterate({ query: String(document as unknown as string), variables: variables as Record<string, unknown> });
      return resultsOf(events);
    },
    async close() {
      const closing = client;
      client = null;
      await closing?.dispose();
    },
  };
}

/**
 * Each event as a Result. A plain iterator rather than an async generator:
 * an app cancels with `return()` while a `next()` is still waiting (a screen
 * closes), which a generator would queue behind that wait forever.
 */
function resultsOf<TResult>(
  events: AsyncIterableIterator<{ data?: unknown; errors?: readonly GraphQLErrorPayload[] }>,
): AsyncIterableIterator<Result<TResult>> {
  let finished = false;
  let cancel!: () => void;
  // graphql-ws keeps a subscription waiting while it reconnects; the app's return() must not wait with it.
  const cancelled = new Promise<IteratorReturnResult<undefined>>((resolve) => (cancel = () => resolve({ done: true, value: undefined })));
  const end = async (): Promise<IteratorReturnResult<undefined>> => {
    finished = true;
    cancel();
    await events.return?.();
    return { done: true, value: undefined };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (finished) return { done: true, value: undefined };
      try {
        const event = await Promise.race([events.next(), cancelled]);
        if (event.done) return await end();
        const { data, errors } = event.value;
        return { done: false, value: errors?.length ? { error: errorFromGraphQL(errors) } : { data: data as TResult } };
      } catch (failure) {
        // The failure is the last thing the app receives; the iteration ends after it.
        finished = true;
        return { done: false, value: { error: subscriptionFailure(failure) } };
      }
    },
    return: end,
  };
}

function subscriptionFailure(failure: unknown): PaceGraphError {
  if (Array.isArray(failure)) return errorFromGraphQL(failure as GraphQLErrorPayload[]);
  const code = (failure as { code?: unknown })?.code;
  if (code === CloseCode.Forbidden) return { code: 'UNAUTHENTICATED', message: 'The live connection refused the token' };
  if (typeof code === 'number') return networkError(`live connection closed (${code} ${(failure as { reason?: string }).reason ?? ''})`);
  return networkError(failure instanceof Error ? failure.message : String(failure));
}
