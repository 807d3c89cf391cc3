import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestCluster } from '@pacegraph/stack/testing';
import { readGpx } from '@pacegraph/track-files';
import WebSocket from 'ws';
import { createClient, type ActivityStats, type PaceGraphClient, type StoredPoint } from '../src/index.js';
import { sqliteRecordingStore } from '../src/storage/sqlite-node.js';
import { startDroppingProxy } from './support/dropping-proxy.js';
import { startRecordingApp, type RecordingApp } from './support/recording-app-process.js';
import { finishRun, recordRun, runToReplay } from './support/run-to-replay.mjs';
import { signUpThrough } from './support/sign-up.js';

// The stack as processes, so its gateway can go down and come back; the app
// as a process, so it can be killed. Nothing between them is simulated.
describe('an offline-first recording through a gateway outage and a killed app', () => {
  const cluster = useTestCluster({ instances: 1, logLevel: 'warn', stdio: 'inherit' });
  /** A fresh athlete's token, signed up through `client`. */
  const signUpAs = async (client: PaceGraphClient, name: string) => (await signUpThrough(client, cluster.databaseUrl, name)).token;

  it('saves exactly the fixes recorded, once each, with the stats the app showed', async () => {
    const client = createClient({ url: cluster.gatewayUrl });
    const token = await signUpAs(client, 'Forest Runner');
    const config = {
      url: cluster.gatewayUrl,
      token,
      store: join(mkdtempSync(join(tmpdir(), 'pacegraph-recorder-')), 'recordings.db'),
      seed: 11,
      startMs: Date.now() - 45 * 60_000,
    };
    const gateway = cluster.processes.find((process) => process.service === 'gateway')!;
    const apps: RecordingApp[] = [];
    const launch = () => {
      const app = startRecordingApp(config);
      apps.push(app);
      return app;
    };
    try {
      // Online: the first fixes go out as they come; the app is killed while its sync is under way.
      let app = launch();
      expect(await app.send({ cmd: 'open' })).toMatchObject({ resumed: false, nextFix: 0 });
      await app.send({ cmd: 'record', until: 120 });
      await app.kill();

      // Restarted: it finds its recording, and the signal goes (the gateway stops) for the middle of the run.
      app = launch();
      const reopened = await app.send({ cmd: 'open' });
      expect(reopened).toMatchObject({ resumed: true, nextFix: 120 });
      await app.send({ cmd: 'record', until: 150 });
      await cluster.stop(gateway);
      const offline = await app.send({ cmd: 'record', until: 300 });
      expect(offline.state.pendingPoints).toBeGreaterThan(0);
      await eventually(async () => (await app.send({ cmd: 'state' })).state.online === false);
      await app.kill();

      // Killed again while offline, restarted, the run goes on; the signal comes back before the end.
      app = launch();
      expect(await app.send({ cmd: 'open' })).toMatchObject({ resumed: true, nextFix: 300 });
      await app.send({ cmd: 'record', until: 400 });
      await cluster.start(gateway);
      await app.send({ cmd: 'record', until: Infinity });
      const finished = await app.send<{ synced: unknown; activityId: string; stats: ActivityStats; points: StoredPoint[] }>(
        { cmd: 'finish' },
        120_000,
      );
      expect(finished.synced).toEqual({});

      // What the server kept is what the app recorded: every fix once, nothing else, and the same stats.
      client.setToken(token);
      await expectSavedAsRecorded(client, finished);
    } finally {
      for (const app of apps) await app.kill();
      await client.close();
    }
  }, 240_000);

  it('stores a fix once when answers are lost after the server committed, and the client sends it again', async () => {
    // Every other call of each operation, the first included, reaches the server, which commits, and its answer is lost.
    const proxy = await startDroppingProxy(cluster.gatewayUrl, (_operation, attempt) => attempt % 2 === 1);
    const reader = createClient({ url: cluster.gatewayUrl });
    const token = await signUpAs(reader, 'Lossy Link');
    const client = createClient({
      url: proxy.url,
      token,
      storage: sqliteRecordingStore({ path: join(mkdtempSync(join(tmpdir(), 'pacegraph-recorder-')), 'recordings.db') }),
      backoff: { initialMs: 20, maxMs: 200 },
      sync: { minBatch: 25 },
    });
    try {
      const run = runToReplay(12, Date.now() - 45 * 60_000);
      const recording = (await client.recorder.start({ sport: 'RUN', title: 'Lossy link', at: run.startedAt })).data!;
      await recordRun(recording, run, Infinity);
      expect(await finishRun(recording, run)).toEqual({ data: undefined });

      const operations = [
        'CreateActivity',
        'StartActivity',
        'PauseActivity',
        'ResumeActivity',
        'StopActivity',
        'CompleteActivity',
        'RecordTrackPoints',
      ];
      expect(operations.filter((operation) => !proxy.log.dropped.get(operation))).toEqual([]);
      // The batches sent again were recognised as already stored.
      expect(proxy.log.duplicatesReported).toBeGreaterThan(0);
      reader.setToken(token);
      await expectSavedAsRecorded(reader, {
        activityId: recording.activityId!,
        stats: recording.stats(),
        points: recording.recordedPoints(),
      });
      // One activity for the client id, however often it was created.
      const me = (await reader.me()).data!.me!;
      const history = (await reader.history({ userId: me.id, first: 10 })).data!.user!.activities.edges;
      expect(history.map(({ node }) => node.title)).toEqual(['Forest loop, saved']);
    } finally {
      await client.close();
      await proxy.close();
    }
  }, 120_000);

  it('keeps a live subscription going through a gateway restart, without the app noticing', async () => {
    const client = createClient({ url: cluster.gatewayUrl, webSocketImpl: WebSocket, backoff: { initialMs: 100, maxMs: 500 } });
    const token = await signUpAs(client, 'Live Wire');
    client.setToken(token);
    const gateway = cluster.processes.find((process) => process.service === 'gateway')!;
    const run = runToReplay(13, Date.now() - 45 * 60_000);
    const recording = (await client.recorder.start({ sport: 'RUN', title: 'Watched', at: run.startedAt })).data!;
    try {
      await recordRun(recording, run, 10);
      await eventually(async () => recording.syncState.pendingPoints === 0 && recording.activityId !== null);
      const updates = client.subscribe.liveActivity(recording.activityId!);
      const next = async () => {
        const { value, done } = await updates.next();
        expect(done).toBe(false);
        expect(value!.error).toBeUndefined();
        return value!.data!.liveActivity;
      };
      expect((await next()).distanceMeters).toBeGreaterThan(0);

      await cluster.stop(gateway);
      await recordRun(recording, run, 40);
      await cluster.start(gateway);
      // The same iterator goes on: subscribed again, it gets the figures with every fix taken in.
      let update = await next();
      while (update.lastPoint?.time !== run.points[39]!.time.toISOString()) update = await next();
      expect(update.distanceMeters).toBeCloseTo(recording.liveFigures().distanceMeters, 6);
      await updates.return?.();
    } finally {
      await client.close();
    }
  }, 120_000);
});

/** The saved activity holds exactly the fixes recorded (each once, nothing else) and the stats the app showed. */
async function expectSavedAsRecorded(
  client: PaceGraphClient,
  recorded: { activityId: string; stats: ActivityStats; points: readonly StoredPoint[] },
): Promise<void> {
  const activity = (await client.activity({ id: recorded.activityId })).data!.activity!;
  expect(activity.status).toBe('COMPLETED');
  expect(recorded.points.filter((point) => point.state === 'pending')).toEqual([]);
  expect(recorded.points.map((point) => point.seq)).toEqual(recorded.points.map((_, index) => index));
  const kept = recorded.points.filter((point) => point.state !== 'rejected');
  expect(activity.trackPointCount).toBe(kept.length);
  const gpx = (await client.activityGpx({ id: recorded.activityId })).data!.activity!.gpx!;
  // Saved activities are kept in the cold form: positions to 1e-7 degrees (1 cm), elevation to 1 cm.
  const asArchived = (point: { lat: number; lon: number; elevation?: number | null }) => [
    Math.round(point.lat * 1e7),
    Math.round(point.lon * 1e7),
    Math.round((point.elevation ?? NaN) * 100),
  ];
  const onServer = readGpx(gpx).points.map((point) => [point.time.getTime(), ...asArchived(point)]);
  expect(onServer).toEqual(kept.map((point) => [point.timeMs, ...asArchived(point)]));
  expect(activity.stats).toEqual(recorded.stats);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
