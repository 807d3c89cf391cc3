import type { Sport, Visibility } from '@pacegraph/activity-rules';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { bearer, graphql, signUpAthlete } from './stack.js';

/** Every field of a live update, with fields the activity and social subgraphs own. */
export const liveActivityQuery = `subscription ($id: ID!) { liveActivity(activityId: $id) {
  activityId status at distanceMeters elapsedTimeSeconds movingTimeSeconds
  currentSpeedMps currentPaceSecondsPerKm averagePaceSecondsPerKm
  lastPoint { lat lon elevation time }
  activity { title sport athlete { name } }
} }`;

export const recordTrackPointsMutation = `mutation ($activityId: ID!, $points: [TrackPointInput!]!) {
  recordTrackPoints(activityId: $activityId, points: $points) { accepted rejected { seq reason } }
}`;

const runStart = new Date(Date.now() - 3_600_000);
/** The time `seconds` into the test runs, ISO-8601. */
export const runTime = (seconds: number) => new Date(runStart.getTime() + seconds * 1000).toISOString();

/** `count` fixes from seq `from`, one every 3 s, running north at 3 m/s. */
export const runningFixes = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const seq = from + index;
    return { seq, time: runTime(3 * seq + 1), lat: 52 + (9 * seq) / 111_250, lon: 5, accuracy: 4, elevation: 10 };
  });

/** Signs up an athlete ("Live Runner") and starts a run ("Evening tempo"; another `sport` if given) through `gatewayUrl`. */
export async function startRun(
  gatewayUrl: string,
  visibility: Visibility = 'EVERYONE',
  { name = 'Live Runner', title = 'Evening tempo', sport = 'RUN' }: { name?: string; title?: string; sport?: Sport } = {},
) {
  const athlete = await signUpAthlete(gatewayUrl, name);
  const call = (query: string, variables: Record<string, unknown> = {}) => graphql(gatewayUrl, query, variables, bearer(athlete.token));
  const created = await call('mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', {
    input: { sport, title, visibility },
  });
  const id = created.data!.createActivity.id as string;
  await call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { status } }', { id, at: runTime(0) });
  return { athlete, call, id };
}

export interface LiveResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** What one subscription has received so far, awaited one result at a time. */
export interface LiveStream {
  /** The next result; fails after `timeoutMs` without one. */
  next(timeoutMs?: number): Promise<LiveResult>;
  /** The next result's `liveActivity`; fails, naming what came instead, when it has none. */
  update(timeoutMs?: number): Promise<Record<string, any>>;
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
  const next = (timeoutMs = 5000): Promise<LiveResult> => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const waiter = (result: LiveResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      // A wait that times out gives up its place: the next result goes to the next wait, not to nobody.
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new Error(`no live result within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.push(waiter);
    });
  };
  return {
    next,
    update: async (timeoutMs) => {
      const result = await next(timeoutMs);
      const update = result.data?.liveActivity;
      if (!update) throw new Error(`expected a live update, got ${JSON.stringify(result)}`);
      return update as Record<string, any>;
    },
    completed,
    pending: () => queue.length,
    unsubscribe,
  };
}
