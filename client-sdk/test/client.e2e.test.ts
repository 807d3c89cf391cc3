import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { bootTestStack, type StackUnderTest } from '@pacegraph/stack/testing';
import { advanceLiveTrack, analyzeActivity, emptyLiveTrack } from '@pacegraph/track-math';
import WebSocket from 'ws';
import { createClient, type AudioCue, type PaceGraphClient } from '../src/index.js';
import { memoryRecordingStore } from '../src/storage/memory.js';
import { finishRun, recordRun, runToReplay } from './support/run-to-replay.mjs';
import { signUpThrough } from './support/sign-up.js';

// The SDK against the whole stack in one process, through the gateway over real HTTP and WebSocket.
describe('the SDK client', () => {
  let harness: StackUnderTest;
  const clients: PaceGraphClient[] = [];
  const newClient = (token?: string) => {
    const client = createClient({ url: harness.stack.gatewayUrl, token: token ?? null, webSocketImpl: WebSocket });
    clients.push(client);
    return client;
  };
  const athlete = async (name: string) => {
    const client = newClient();
    const { id, email, token } = await signUpThrough(client, harness.databaseUrl, name);
    client.setToken(token);
    return { client, id, email };
  };
  beforeAll(async () => {
    harness = await bootTestStack();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await harness?.close();
  });

  it('answers every call with typed data or a typed error, never a rejection', async () => {
    const runner = await athlete('Typed Runner');
    const me = await runner.client.me();
    expect(me.data!.me).toMatchObject({ id: runner.id, name: 'Typed Runner', email: runner.email });

    expect((await runner.client.logIn({ input: { email: runner.email, password: 'wrong password' } })).error).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect((await runner.client.follow({ userId: runner.id })).error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await runner.client.activity({ id: 'not-an-id' })).data?.activity ?? null).toBeNull();
    expect((await runner.client.addComment({ activityId: randomUUIDLike(), text: '' })).error?.code).toMatch(/BAD_USER_INPUT|NOT_FOUND/);

    const unreachable = createClient({ url: 'http://127.0.0.1:9/graphql', timeoutMs: 2_000 });
    expect((await unreachable.me()).error).toMatchObject({ code: 'NETWORK_ERROR' });
    await unreachable.close();
  });

  it('records, saves and shows a run in the feed, with kudos, comments and a privacy zone', async () => {
    const runner = await athlete('Feed Runner');
    const friend = await athlete('Feed Friend');
    expect((await friend.client.follow({ userId: runner.id })).data!.follow).toMatchObject({ id: runner.id, isFollowedByMe: true });

    const run = runToReplay(21, Date.now() - 45 * 60_000);
    const recording = (await runner.client.recorder.start({ sport: 'RUN', title: 'Feed run', visibility: 'FOLLOWERS', at: run.startedAt }))
      .data!;
    await recordRun(recording, run, Infinity);
    expect(await finishRun(recording, run)).toEqual({ data: undefined });
    const activityId = recording.activityId!;

    const feed = (await friend.client.feed({ first: 5 })).data!.feed;
    expect(feed.edges.map(({ node }) => [node.id, node.title, node.athlete?.name])).toEqual([
      [activityId, 'Forest loop, saved', 'Feed Runner'],
    ]);
    expect(feed.edges[0]!.node.stats?.distanceMeters).toBeCloseTo(recording.stats().distanceMeters, 6);

    expect((await friend.client.giveKudos({ activityId })).data!.giveKudos).toEqual({ id: activityId, kudosCount: 1, hasMyKudos: true });
    const comment = (await friend.client.addComment({ activityId, text: 'Strong finish!' })).data!.addComment;
    const comments = (await runner.client.comments({ activityId })).data!.activity!;
    expect(comments.commentCount).toBe(1);
    expect(comments.comments?.edges.map(({ node }) => [node.id, node.text, node.author.name])).toEqual([
      [comment.id, 'Strong finish!', 'Feed Friend'],
    ]);

    const history = (await friend.client.history({ userId: runner.id, sport: 'RUN' })).data!.user!.activities.edges;
    expect(history.map(({ node }) => node.id)).toEqual([activityId]);
    const totals = (await runner.client.totals({ userId: runner.id })).data!.user!.totals.allTime;
    expect(totals).toEqual([expect.objectContaining({ sport: 'RUN', count: 1 })]);

    const zone = (await runner.client.addPrivacyZone({ input: { lat: 52.1, lon: 5.1, radiusMeters: 400 } })).data!.addPrivacyZone;
    expect((await runner.client.privacyZones()).data!.me!.privacyZones.map(({ id }) => id)).toEqual([zone.id]);
    expect((await runner.client.removePrivacyZone({ id: zone.id })).data!.removePrivacyZone).toBe(zone.id);
  }, 60_000);

  it('refuses on the device what the server would refuse, typed, and keeps the seq for the next fix', async () => {
    const runner = await athlete('Careful Runner');
    const startedAt = new Date(Date.now() - 60_000);
    const recording = (await runner.client.recorder.start({ sport: 'RUN', at: startedAt })).data!;
    expect(await recording.addPoint({ time: startedAt.getTime() + 1000, lat: 0, lon: 0 })).toMatchObject({
      error: { code: 'BAD_USER_INPUT', reason: 'TRACK_POINT.NULL_ISLAND' },
    });
    expect(await recording.addPoint({ time: startedAt.getTime() - 1000, lat: 52.1, lon: 5.1 })).toMatchObject({
      error: { code: 'BAD_USER_INPUT', reason: 'TRACK_POINT.TIME_BEFORE_START' },
    });
    expect(await recording.addPoint({ time: 'not a time', lat: 52.1, lon: 5.1 })).toMatchObject({
      error: { code: 'BAD_USER_INPUT', reason: 'TRACK_POINT.INVALID_VALUE' },
    });
    // A sensor's fractional cadence is kept, as the API's whole steps per minute.
    expect(await recording.addPoint({ time: startedAt.getTime() + 2000, lat: 52.1, lon: 5.1, cadence: 171.6 })).toEqual({
      data: { seq: 0 },
    });
    expect(recording.recordedPoints()[0]).toMatchObject({ seq: 0, cadence: 172 });
    // Two pauses at once: the app's calls go one at a time, so the second finds the recording paused.
    const pauses = await Promise.all([
      recording.pause(new Date(startedAt.getTime() + 3000)),
      recording.pause(new Date(startedAt.getTime() + 4000)),
    ]);
    expect(pauses.map((result) => result.error?.code ?? 'ok')).toEqual(['ok', 'CONFLICT']);
    expect(await recording.resume(new Date(startedAt.getTime() + 5000))).toEqual({ data: undefined });
    expect(await recording.save()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await recording.save({ title: 'x'.repeat(121) })).toMatchObject({
      error: { code: 'BAD_USER_INPUT', reason: 'ACTIVITY.TITLE_TOO_LONG' },
    });
    expect(await recording.stop()).toEqual({ data: undefined });
    expect(await recording.addPoint({ time: startedAt.getTime() + 3000, lat: 52.1, lon: 5.1 })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(await recording.discard()).toEqual({ data: undefined });
    expect(await recording.synced()).toEqual({ data: undefined });
    expect((await runner.client.activity({ id: recording.activityId! })).data!.activity!.status).toBe('DISCARDED');
    expect(await runner.client.recorder.start({ sport: 'RUN', title: 'x'.repeat(121) })).toMatchObject({
      error: { code: 'BAD_USER_INPUT', reason: 'ACTIVITY.TITLE_TOO_LONG' },
    });
  });

  it('keeps a fix whose heart rate is 0 (no sensor) or cannot be, without that reading, as the server does', async () => {
    const runner = await athlete('Sensorless Runner');
    const startedAt = new Date(Date.now() - 60_000);
    const recording = (await runner.client.recorder.start({ sport: 'RUN', at: startedAt })).data!;
    const at = (seconds: number) => startedAt.getTime() + seconds * 1000;
    expect(await recording.addPoint({ time: at(1), lat: 52.1, lon: 5.1, heartRate: 0, cadence: 0 })).toEqual({ data: { seq: 0 } });
    expect(await recording.addPoint({ time: at(2), lat: 52.10003, lon: 5.1, heartRate: 400, cadence: 170 })).toEqual({ data: { seq: 1 } });
    expect(recording.recordedPoints().map(({ heartRate, cadence }) => [heartRate, cadence])).toEqual([
      [null, null],
      [null, 170],
    ]);
    expect(await recording.stop(new Date(at(3)))).toEqual({ data: undefined });
    expect(await recording.save({ title: 'No strap today' })).toEqual({ data: undefined });
    expect(await recording.synced()).toEqual({ data: undefined });
    expect((await runner.client.activity({ id: recording.activityId! })).data!.activity!.trackPointCount).toBe(2);
  });

  it("syncs a recording only while its athlete is signed in, never into another athlete's account", async () => {
    const first = await athlete('First Owner');
    const second = await athlete('Second Owner');
    let online = false;
    const phone = createClient({
      url: harness.stack.gatewayUrl,
      token: first.client.token,
      fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed: offline'))),
      backoff: { initialMs: 20, maxMs: 100 },
    });
    clients.push(phone);
    const startedAt = new Date(Date.now() - 60_000);
    const recording = (await phone.recorder.start({ sport: 'RUN', title: 'Shared phone', at: startedAt })).data!;
    await recording.addPoint({ time: startedAt.getTime() + 1000, lat: 52.1, lon: 5.1 });
    await recording.stop(new Date(startedAt.getTime() + 2000));
    await recording.save();

    phone.setToken(second.client.token);
    online = true;
    await eventually(() => recording.syncState.lastError?.reason === 'RECORDING.OTHER_ATHLETE');
    expect(recording.activityId).toBeNull();

    phone.setToken(first.client.token);
    expect(await recording.synced()).toEqual({ data: undefined });
    const history = async (owner: { client: PaceGraphClient; id: string }) =>
      (await owner.client.history({ userId: owner.id })).data!.user!.activities.edges.map(({ node }) => node.title);
    expect(await history(first)).toEqual(['Shared phone']);
    expect(await history(second)).toEqual([]);
  });

  it('stops syncing a recording the server refuses for good, and lets the app retry or forget it', async () => {
    const runner = await athlete('Two Devices');
    const startedAt = new Date(Date.now() - 60_000);
    const recording = (await runner.client.recorder.start({ sport: 'RIDE', at: startedAt })).data!;
    const activityId = (await recording.created()).data!;
    // Thrown away from another device while this one still records.
    expect((await newClient(runner.client.token!).discardActivity({ id: activityId })).error).toBeUndefined();
    await recording.addPoint({ time: startedAt.getTime() + 1000, lat: 52.1, lon: 5.1 });
    expect(await recording.synced()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(recording.syncState.failure).toMatchObject({ code: 'CONFLICT' });

    await recording.retrySync();
    expect(await recording.synced()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await runner.client.recorder.unfinished()).map(({ id }) => id)).toEqual([recording.id]);
    await runner.client.recorder.forget(recording);
    expect(await runner.client.recorder.unfinished()).toEqual([]);
  });

  it('edits and deletes a saved activity', async () => {
    const runner = await athlete('Editing Runner');
    const { client } = runner;
    const id = (await client.createActivity({ input: { sport: 'RUN', title: 'Lunch run' } })).data!.createActivity.id;
    await client.startActivity({ id, at: new Date(Date.now() - 60_000).toISOString() });
    await client.stopActivity({ id });
    await client.completeActivity({ id });
    const edited = await client.updateActivity({ id, input: { title: 'Tempo', visibility: 'ONLY_ME' } });
    expect(edited.data!.updateActivity).toMatchObject({ id, title: 'Tempo', visibility: 'ONLY_ME', status: 'COMPLETED' });
    expect((await client.updateActivity({ id, input: {} })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ACTIVITY.NOTHING_TO_UPDATE',
    });
    expect((await client.deleteActivity({ id })).data).toEqual({ deleteActivity: id });
    expect((await client.activity({ id })).data?.activity).toBeNull();
    expect((await client.deleteActivity({ id })).error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("speaks cues at a replayed run's distance crossings, by the settings every device of the athlete reads", async () => {
    const runner = await athlete('Cue Runner');
    const settings = {
      enabled: true,
      everyDistance: 0.5,
      everyMinutes: 5,
      onStatusChange: true,
      fields: ['DISTANCE', 'SPLIT_PACE'] as const,
    };
    const refused = await runner.client.updatePreferences({
      input: { audioCues: { ...settings, fields: [...settings.fields], everyDistance: 0.1 } },
    });
    expect(refused.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PREFERENCES.BAD_AUDIO_CUES', field: 'audioCues.everyDistance' });
    await runner.client.updatePreferences({ input: { units: 'IMPERIAL', audioCues: { ...settings, fields: [...settings.fields] } } });
    // The athlete's other device reads the same settings.
    const preferences = (await newClient(runner.client.token!).me()).data!.me!.preferences!;
    expect(preferences.audioCues).toEqual({ ...settings, fields: [...settings.fields] });

    const run = runToReplay(33, Date.now() - 45 * 60_000);
    const recording = (await runner.client.recorder.start({ sport: 'RUN', at: run.startedAt })).data!;
    const cues: AudioCue[] = [];
    recording.cues({ settings: preferences.audioCues, units: preferences.units, onCue: (cue) => cues.push(cue) });
    await recordRun(recording, run, Infinity);
    expect(await finishRun(recording, run)).toEqual({ data: undefined });

    const halfMile = 1609.344 / 2;
    const distanceCues = cues.filter((cue) => cue.kind === 'DISTANCE');
    const marks = Math.floor(recording.liveFigures().distanceMeters / halfMile);
    expect(distanceCues.map((cue) => cue.mark)).toEqual(Array.from({ length: marks }, (_, index) => (index + 1) / 2));
    // Each at the first fix whose live distance (the figures the athlete sees) is past its mark: the fixes replayed
    // through the live track, pausing where the run pauses.
    let live = emptyLiveTrack('RUN');
    const crossings: number[] = [];
    for (const fix of recording.recordedPoints()) {
      const before = live.distanceMeters;
      live = advanceLiveTrack(live, [{ ...fix, time: new Date(fix.timeMs) }]);
      const mark = Math.floor(live.distanceMeters / halfMile);
      if (mark > Math.floor(before / halfMile)) crossings.push(fix.timeMs);
    }
    expect(distanceCues.map((cue) => cue.at.getTime())).toEqual(crossings);
    // Against where the server's analysis of the same fixes (what is saved) crosses each mark, for the record.
    const { profile } = analyzeActivity({
      sport: 'RUN',
      startedAt: run.startedAt,
      endedAt: run.endedAt,
      points: run.points,
      pauses: run.pauses,
    });
    const apart = distanceCues.map((cue) => {
      const crossing = profile.find((point) => point.distanceMeters >= cue.mark! * 1609.344)!;
      return (cue.at.getTime() / 1000 - crossing.time).toFixed(0);
    });
    console.log(`cues against the saved analysis' crossings of the same marks: ${apart.join(', ')} s`);
    expect(distanceCues[0]!.text).toMatch(/^Distance 0\.5\d? miles\. Split pace \d+ minutes? \d+ seconds? per mile\.$/);

    // The run's two pauses, resumes and its stop; a cue every 5 minutes of the timer that falls on no mile.
    expect(cues.filter((cue) => cue.kind !== 'DISTANCE' && cue.kind !== 'TIME').map((cue) => cue.kind)).toEqual([
      'PAUSED',
      'RESUMED',
      'PAUSED',
      'RESUMED',
      'STOPPED',
    ]);
    const timeMarks = cues.filter((cue) => cue.kind === 'TIME').map((cue) => Math.floor(cue.figures.timerSeconds / 300));
    expect(timeMarks.length).toBeGreaterThan(0);
    expect(timeMarks).toEqual([...new Set(timeMarks)].sort((a, b) => a - b));
  });

  it('finds an athlete by a name typed with a typo, pages on, and types a refusal', async () => {
    const searcher = await athlete('Finding Friends');
    const found = await athlete('Grete Waitz');
    const first = await searcher.client.searchAthletes({ query: 'Grete Wiatz', first: 1 });
    expect(first.data!.searchAthletes.edges[0]).toMatchObject({ mutualCount: 0, node: { id: found.id, name: 'Grete Waitz' } });
    const next = await searcher.client.searchAthletes({ query: 'Grete Wiatz', after: first.data!.searchAthletes.pageInfo.endCursor });
    expect(next.data!.searchAthletes.edges.map(({ node }) => node.id)).not.toContain(found.id);
    expect((await searcher.client.searchAthletes({ query: 'G' })).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SEARCH.QUERY_TOO_SHORT',
    });
  });

  it('tells a follower when a friend starts and saves a run', async () => {
    const runner = await athlete('Out Now');
    const friend = await athlete('Watching Friend');
    await friend.client.follow({ userId: runner.id });
    const events = friend.client.subscribe.followingLive();
    const received: { kind: string; activity: { id: string; status: string } | null }[] = [];
    const receiving = (async () => {
      for await (const event of events) if (event.data) received.push(event.data.followingLive);
    })();
    // Events before the server has the subscription are not for it: warm-up walks until one arrives.
    while (received.length === 0) {
      const warmUp = (await runner.client.recorder.start({ sport: 'WALK', title: 'Warm-up' })).data!;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await warmUp.discard();
      await warmUp.synced();
    }
    const run = runToReplay(22, Date.now() - 45 * 60_000);
    const recording = (await runner.client.recorder.start({ sport: 'RUN', title: 'Out now', at: run.startedAt })).data!;
    await recordRun(recording, run, 20);
    await finishRun(recording, run);
    const about = () => received.filter((event) => event.activity?.id === recording.activityId).map((event) => event.kind);
    await eventually(() => about().length === 2);
    expect(about()).toEqual(['STARTED', 'SAVED']);
    // Cancelled from outside while the loop waits for the next event, as a closing screen would.
    await events.return?.();
    await receiving;
  }, 60_000);
});

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function randomUUIDLike(): string {
  return '00000000-0000-4000-8000-000000000000';
}

describe('closing the SDK client', () => {
  it('ends a request that gets no answer at once, and leaves the recording to sync next time', async () => {
    // A server that takes connections and never answers: the request would wait for the 30 s timeout.
    const connections = new Set<Socket>();
    const silent = createServer((socket) => connections.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const store = memoryRecordingStore();
    const client = createClient({
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`,
      token: 'header.eyJzdWIiOiJhdGhsZXRlLTEifQ.signature',
      storage: { ...store, close: async () => undefined },
    });
    try {
      const recording = (await client.recorder.start({ sport: 'RUN' })).data!;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const closedAt = Date.now();
      await client.close();
      expect(Date.now() - closedAt).toBeLessThan(5_000);
      expect(await recording.synced()).toMatchObject({ error: { code: 'CLOSED' } });
      // Nothing was decided: the recording is stored as before, with no failure.
      expect((await store.recordings()).map(({ id, failure }) => [id, failure])).toEqual([[recording.id, null]]);
    } finally {
      for (const socket of connections) socket.destroy();
      silent.close();
    }
  });
});
