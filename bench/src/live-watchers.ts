/**
 * The watchers of `bench:live`, in a worker thread of their own so that their
 * work does not share the event loop of the stack they measure. Opens one
 * socket per watcher, either graphql-ws subscriptions through the gateway or
 * plain WebSockets of the bare broadcast, and notes when each update arrives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface WatchersSetup {
  mode: 'graphql' | 'bare';
  /** ws:// URL of the gateway's /graphql, or of the bare server. */
  url: string;
  /** Per watcher: the activity watched and, for graphql, the viewer's token. */
  watchers: { activityId: string; token?: string }[];
  query: string;
}

/** Messages the worker sends to the bench. */
export type WatchersReport = { kind: 'ready' } | { kind: 'arrivals'; arrivals: [string, number][]; malformed: number };

/** The key of an update: its activity and the time of its latest fix. */
export const updateKey = (update: { activityId: string; lastPoint: { time: string } | null }) =>
  `${update.activityId} ${update.lastPoint?.time ?? '-'}`;

/** The clock shared by the bench and its worker: milliseconds since the epoch, sub-millisecond. */
export const now = () => performance.timeOrigin + performance.now();

async function run(setup: WatchersSetup): Promise<void> {
  const arrivals: [string, number][] = [];
  let malformed = 0;
  let measuring = false;
  const note = (update: unknown) => {
    const live = update as { activityId?: string; lastPoint?: { time: string } | null } | undefined;
    if (!live?.activityId) return void malformed++;
    if (measuring) arrivals.push([updateKey(live as never), now()]);
  };
  const clients: Client[] = [];
  const sockets: WebSocket[] = [];
  const ready: Promise<void>[] = [];
  for (const watcher of setup.watchers) {
    if (setup.mode === 'graphql') {
      const client = createClient({
        url: setup.url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${watcher.token}` },
        retryAttempts: 0,
      });
      clients.push(client);
      ready.push(
        new Promise((resolve, reject) => {
          let first = true;
          client.subscribe(
            { query: setup.query, variables: { id: watcher.activityId } },
            {
              next: (result) => {
                if (first) return void ((first = false), resolve());
                note((result.data as { liveActivity?: unknown } | null)?.liveActivity);
              },
              error: reject,
              complete: () => undefined,
            },
          );
        }),
      );
    } else {
      const socket = new WebSocket(`${setup.url}?activity=${watcher.activityId}`);
      sockets.push(socket);
      socket.on('message', (data: Buffer) =>
        note((JSON.parse(data.toString()) as { payload: { data: { liveActivity: unknown } } }).payload.data.liveActivity),
      );
      ready.push(new Promise((resolve, reject) => (socket.once('open', () => resolve()), socket.once('error', reject))));
    }
    // Not all at once: a real crowd connects over time, and the accept backlog is finite.
    if (ready.length % 200 === 0) await Promise.all(ready.slice(-200));
  }
  await Promise.all(ready);
  parentPort!.postMessage({ kind: 'ready' } satisfies WatchersReport);
  const finish = async () => {
    parentPort!.postMessage({ kind: 'arrivals', arrivals, malformed } satisfies WatchersReport);
    await Promise.all(clients.map(async (client) => client.dispose()));
    for (const socket of sockets) socket.close();
    parentPort!.close();
  };
  parentPort!.on('message', (message: 'measure' | 'finish') => {
    if (message === 'measure') measuring = true;
    else void finish();
  });
}

if (parentPort && workerData) await run(workerData as WatchersSetup);
