import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** What one subscription has received so far, awaited one result at a time. */
export interface LiveStream {
  /** The next result; fails after `timeoutMs` without one. */
  next(timeoutMs?: number): Promise<LiveResult>;
  /** Resolves when the server completes the subscription. */
  completed: Promise<void>;
  /** Results received and not yet taken. */
  pending(): number;
  unsubscribe(): void;
}

/** A graphql-ws client of the gateway (`ws://…/graphql`), signed in with `token` when given. */
export function liveClient(gatewayUrl: string, token?: string): Client {
  return createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}

/** Subscribes and queues what arrives. */
export function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}): LiveStream {
  const queue: LiveResult[] = [];
  const waiting: ((result: LiveResult) => void)[] = [];
  let finish!: () => void;
  const completed = new Promise<void>((resolve) => (finish = resolve));
  const take = (result: LiveResult) => {
    const waiter = waiting.shift();
    if (waiter) waiter(result);
    else queue.push(result);
  };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (result) => take(result as LiveResult),
      error: (error) => {
        take({ errors: Array.isArray(error) ? error : [{ message: String((error as Error).message ?? error) }] });
        finish();
      },
      complete: () => finish(),
    },
  );
  return {
    next: (timeoutMs = 5000) => {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no live result within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((result) => {
          clearTimeout(timer);
          resolve(result);
        });
      });
    },
    completed,
    pending: () => queue.length,
    unsubscribe,
  };
}
