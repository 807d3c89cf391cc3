/**
 * `npm run bench:live`: live updates over graphql-ws through the gateway to
 * 1,000 and 5,000 watchers of 100 athletes who each send a batch every 5 s;
 * and, as the baseline, the same updates broadcast over bare `ws` sockets on
 * the same machine. Prints latency from `recordTrackPoints` returning (or the
 * broadcast call) to the update arriving, updates delivered per second and
 * memory per idle subscription. The stack runs in this process (production
 * mode; DATABASE_URL's server when set, else embedded; REDIS_URL's Redis when
 * set); the watchers run in a worker thread.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Worker } from 'node:worker_threads';
import { WebSocketServer, type WebSocket } from 'ws';
import { openDatabase } from '@pacegraph/db';
import { issueAccessToken } from '@pacegraph/service-kit';
import { readSignUpCode } from '@pacegraph/stack';
import { liveActivityTopic, type LiveTrackUpdate } from '@pacegraph/telemetry';
import { benchAccountLimits, startBenchStack } from './bench-stack.js';
import { formatNumber, markdownTable, percentile } from './measure.js';
import { now, type WatchersReport, type WatchersSetup } from './live-watchers.js';
import { runningFixes } from './running-fixes.js';

const athletes = 100;
const batchEverySeconds = 5;
const watcherCounts = (process.env.BENCH_WATCHERS ?? '1000,5000').split(',').map(Number);
const measureSeconds = Number(process.env.BENCH_SECONDS ?? 30);
/** Updates per athlete published back to back to find how many per second can be delivered. */
const burstRounds = Number(process.env.BENCH_BURST_ROUNDS ?? 10);

const liveQuery = `subscription ($id: ID!) { liveActivity(activityId: $id) {
  activityId status at distanceMeters elapsedTimeSeconds movingTimeSeconds currentSpeedMps
  currentPaceSecondsPerKm averagePaceSecondsPerKm lastPoint { lat lon elevation time }
  activity { title sport athlete { name } }
} }`;
const record = `mutation ($activityId: ID!, $points: [TrackPointInput!]!) { recordTrackPoints(activityId: $activityId, points: $points) { accepted } }`;

interface Delivery {
  latenciesMs: number[];
  delivered: number;
  expected: number;
  seconds: number;
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
const heapUsed = () => {
  collectGarbage();
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

/**
 * `count` accounts made straight in the database (signing thousands up
 * through the API would hash a password each): the gateway admits only
 * tokens of accounts that exist.
 */
async function watcherAccounts(databaseUrl: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const { prisma, close } = openDatabase(databaseUrl);
  try {
    await prisma.user.createMany({
      data: ids.map((id) => ({ id, name: 'Watcher', email: `watcher-${id}@example.com`, passwordHash: 'x' })),
    });
  } finally {
    await close();
  }
  return ids;
}

async function main() {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('Run with node --expose-gc (npm run bench:live does)');
  const { database, secrets, stack } = await startBenchStack({
    redisUrl: process.env.REDIS_URL || undefined,
    accountLimits: benchAccountLimits,
  });
  const gateway = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  try {
    const startedAt = new Date(Date.now() - 6 * 3600_000);
    const runners: { token: string; activityId: string; nextSeq: number }[] = [];
    for (let index = 0; index < athletes; index++) {
      const email = `live-${index}@example.com`;
      await gateway('mutation ($input: SignUpInput!) { signUp(input: $input) { email } }', {
        input: { name: `Runner ${index}`, email, password: 'correct horse battery' },
      });
      const { confirmSignUp: signUp } = await gateway(
        'mutation ($email: String!, $code: String!) { confirmSignUp(email: $email, code: $code) { token } }',
        { email, code: await readSignUpCode(database.url, email) },
      );
      const { createActivity } = await gateway(
        'mutation { createActivity(input: { sport: RUN, title: "Bench run", visibility: EVERYONE }) { id } }',
        {},
        signUp.token,
      );
      await gateway(
        'mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }',
        { id: createActivity.id, at: startedAt.toISOString() },
        signUp.token,
      );
      runners.push({ token: signUp.token, activityId: createActivity.id, nextSeq: 0 });
    }
    /** One batch (a fix a second since the last) of runner `index`; resolves with its key when the call returns. */
    const sendBatch = async (index: number): Promise<[string, number]> => {
      const runner = runners[index]!;
      const points = runningFixes(index, runner.nextSeq, batchEverySeconds, startedAt);
      runner.nextSeq += batchEverySeconds;
      await gateway(record, { activityId: runner.activityId, points }, runner.token);
      return [`${runner.activityId} ${new Date(points[points.length - 1]!.time).toISOString()}`, now()];
    };
    /** The next update of runner `index` without a batch: its key's activity and fix time. */
    const nextUpdateOf = (index: number) => {
      const runner = runners[index]!;
      runner.nextSeq += batchEverySeconds;
      return { activityId: runner.activityId, time: new Date(startedAt.getTime() + (runner.nextSeq - 1) * 1000).toISOString() };
    };
    // Every activity has fixes, so every update has a latest fix to key it by.
    for (let index = 0; index < athletes; index++) await sendBatch(index);

    const rows: (string | number)[][] = [];
    for (const watchers of watcherCounts) {
      // Viewers with accounts and tokens of their own: distinct people, none of them the athlete.
      const tokens = await Promise.all(
        (await watcherAccounts(database.url, watchers)).map((id) => issueAccessToken(secrets.jwtSecret, id)),
      );
      const assignment = (watcher: number) => runners[watcher % athletes]!.activityId;

      const before = heapUsed();
      const ours = await watch(
        {
          mode: 'graphql',
          url: stack.gatewayUrl.replace(/^http/, 'ws'),
          watchers: tokens.map((token, watcher) => ({ token, activityId: assignment(watcher) })),
          query: liveQuery,
        },
        async (measure) => {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const idleBytes = heapUsed() - before;
          const sent = await measure(
            (index) => sendBatch(index),
            // The delivery alone: an update published as the telemetry instance that took a batch would.
            async (index) => {
              const { activityId, time } = nextUpdateOf(index);
              const sentAt = now();
              await stack.bus.publish(liveActivityTopic(activityId), liveUpdate(activityId, time));
              await new Promise((resolve) => setImmediate(resolve));
              return [`${activityId} ${time}`, sentAt];
            },
          );
          return { idleBytes, sent };
        },
      );

      // The baseline: the same payload, as graphql-ws frames it, to the same number of plain sockets.
      const bare = await bareServer();
      const bareBefore = heapUsed();
      const baseline = await watch(
        { mode: 'bare', url: bare.url, watchers: tokens.map((_, watcher) => ({ activityId: assignment(watcher) })), query: '' },
        async (measure) => {
          const idleBytes = heapUsed() - bareBefore;
          const broadcast = async (index: number): Promise<[string, number]> => {
            const { activityId: id, time } = nextUpdateOf(index);
            const runner = { activityId: id };
            const frame = JSON.stringify({
              id: '1',
              type: 'next',
              payload: {
                data: { liveActivity: { ...ours.sample, activityId: runner.activityId, lastPoint: { ...ours.sample.lastPoint, time } } },
              },
            });
            const key = `${runner.activityId} ${time}`;
            const sentAt = now();
            bare.broadcast(runner.activityId, frame);
            await new Promise((resolve) => setImmediate(resolve));
            return [key, sentAt];
          };
          const sent = await measure(broadcast, broadcast);
          return { idleBytes, sent };
        },
      );
      await bare.close();

      const rate = (result: typeof ours) => result.delivery.delivered / result.delivery.seconds;
      for (const [name, result] of [
        ['PaceGraph (graphql-ws via gateway)', ours],
        ['bare ws broadcast', baseline],
      ] as const) {
        const p99 = (of: typeof ours) => percentile(of.delivery.latenciesMs, 0.99);
        rows.push([
          `${name}, ${formatNumber(watchers)} watchers`,
          `${formatNumber(percentile(result.delivery.latenciesMs, 0.5), 1)} / ${formatNumber(p99(result), 1)}`,
          formatNumber(rate(result)),
          `${formatNumber(result.delivery.delivered)} / ${formatNumber(result.delivery.expected)}`,
          formatNumber(result.capacityPerSecond),
          formatNumber(result.idleBytes / watchers / 1024, 1),
          formatNumber(result.capacityPerSecond / baseline.capacityPerSecond, 2),
          formatNumber(p99(baseline) / p99(result), 2),
        ]);
      }
      console.error(`${watchers} watchers done`);
    }
    console.log(
      `Live updates: ${athletes} athletes each sending a batch every ${batchEverySeconds} s for ${measureSeconds} s; ` +
        `${database.onServer ? 'PostgreSQL server' : 'embedded PostgreSQL'}, ${process.env.REDIS_URL ? 'Redis' : 'in-process'} bus; ` +
        'latency from recordTrackPoints returning (bare: from the broadcast call) to the update arriving; ' +
        `capacity: updates/s delivered when ${burstRounds} updates per athlete are published back to back ` +
        '(PaceGraph: on the event bus, as telemetry does after a batch; bare: broadcast); ' +
        'memory: heap of the serving process per idle subscription, each on its own socket\n',
    );
    console.log(
      markdownTable(
        [
          'delivery',
          'latency p50 / p99 ms',
          'updates/s',
          'delivered / expected',
          'capacity updates/s',
          'KB per idle subscription',
          'capacity ratio to bare',
          'p99 ratio bare / ours',
        ],
        rows,
      ),
    );
  } finally {
    await stack.close();
    await database.drop();
  }
}

/** A live track update as telemetry publishes it, with the figures of a steady run. */
function liveUpdate(activityId: string, time: string): LiveTrackUpdate {
  return {
    activityId,
    at: time,
    distanceMeters: 5012.4,
    elapsedTimeSeconds: 1745,
    movingTimeSeconds: 1702,
    currentSpeedMps: 3.1,
    currentPaceSecondsPerKm: 322.6,
    averagePaceSecondsPerKm: 339.6,
    lastPoint: { lat: 45.0123456, lon: 5.0123456, elevation: 204.2, heartRate: 152, time },
  };
}

/** What `measure` sent, and when: the paced phase, then the burst. */
interface Sent {
  paced: Map<string, number>;
  burst: Map<string, number>;
  burstStartedAt: number;
}

/**
 * Opens the watchers in a worker, then runs `drive`. Its `measure` calls
 * `send` for each athlete every 5 s (staggered) for the measured time, then,
 * to find the capacity of the delivery alone, `deliver` `burstRounds` times
 * per athlete back to back; the arrivals are matched to what was sent.
 */
async function watch(
  setup: WatchersSetup,
  drive: (
    measure: (
      send: (athlete: number) => Promise<[string, number]>,
      deliver: (athlete: number) => Promise<[string, number]>,
    ) => Promise<Sent>,
  ) => Promise<{ idleBytes: number; sent: Sent }>,
): Promise<{ delivery: Delivery; capacityPerSecond: number; idleBytes: number; sample: any }> {
  const worker = new Worker(new URL('./live-watchers.js', import.meta.url), { workerData: setup });
  const reports: WatchersReport[] = [];
  const waiters: ((report: WatchersReport) => void)[] = [];
  worker.on('message', (report: WatchersReport) => (waiters.shift() ?? ((r) => reports.push(r)))(report));
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  const nextReport = () =>
    Promise.race([failed, new Promise<WatchersReport>((resolve) => (reports.length ? resolve(reports.shift()!) : waiters.push(resolve)))]);
  await nextReport(); // ready
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));
  const { idleBytes, sent } = await drive(async (send, deliver) => {
    worker.postMessage('measure');
    const paced = new Map<string, number>();
    const started = now();
    const rounds = Math.floor(measureSeconds / batchEverySeconds);
    await Promise.all(
      Array.from({ length: athletes }, async (_, athlete) => {
        for (let round = 0; round < rounds; round++) {
          const due = started + (round * batchEverySeconds + (athlete / athletes) * batchEverySeconds) * 1000;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - now())));
          const [key, at] = await send(athlete);
          paced.set(key, at);
        }
      }),
    );
    await settle();
    const burst = new Map<string, number>();
    const burstStartedAt = now();
    await Promise.all(
      Array.from({ length: athletes }, async (_, athlete) => {
        for (let round = 0; round < burstRounds; round++) {
          const [key, at] = await deliver(athlete);
          burst.set(key, at);
        }
      }),
    );
    await settle();
    return { paced, burst, burstStartedAt };
  });
  worker.postMessage('finish');
  const report = await nextReport();
  if (report.kind !== 'arrivals') throw new Error('Expected the arrivals');
  await new Promise((resolve) => worker.once('exit', resolve));
  const latenciesMs: number[] = [];
  let burstDelivered = 0;
  let lastBurstArrival = sent.burstStartedAt;
  for (const [key, at] of report.arrivals) {
    const pacedAt = sent.paced.get(key);
    if (pacedAt !== undefined) latenciesMs.push(at - pacedAt);
    else if (sent.burst.has(key)) {
      burstDelivered++;
      lastBurstArrival = Math.max(lastBurstArrival, at);
    }
  }
  const sample = setup.mode === 'graphql' ? await sampleUpdate(setup) : null;
  const watchersPerAthlete = setup.watchers.length / athletes;
  return {
    delivery: { latenciesMs, delivered: latenciesMs.length, expected: sent.paced.size * watchersPerAthlete, seconds: measureSeconds },
    capacityPerSecond: burstDelivered / ((lastBurstArrival - sent.burstStartedAt) / 1000),
    idleBytes,
    sample,
  };
}

/** One real update, whose shape and size the bare broadcast sends. */
async function sampleUpdate(setup: WatchersSetup): Promise<any> {
  const { createClient } = await import('graphql-ws');
  const WebSocketImpl = (await import('ws')).default;
  const client = createClient({
    url: setup.url,
    webSocketImpl: WebSocketImpl,
    connectionParams: { authorization: `Bearer ${setup.watchers[0]!.token}` },
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve, reject) =>
      client.subscribe(
        { query: setup.query, variables: { id: setup.watchers[0]!.activityId } },
        { next: (result) => resolve((result.data as any).liveActivity), error: reject, complete: () => undefined },
      ),
    );
  } finally {
    await client.dispose();
  }
}

/** A bare ws server: sockets grouped by the activity they asked for; a broadcast sends a frame to one group. */
async function bareServer() {
  const groups = new Map<string, Set<WebSocket>>();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const activity = new URL(request.url ?? '/', 'http://localhost').searchParams.get('activity') ?? '';
    const group = groups.get(activity) ?? new Set();
    groups.set(activity, group.add(socket));
    socket.on('close', () => group.delete(socket));
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/`,
    broadcast: (activity: string, frame: string) => {
      for (const socket of groups.get(activity) ?? []) socket.send(frame);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

await main();
