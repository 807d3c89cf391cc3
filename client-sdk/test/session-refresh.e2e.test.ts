import { bootTestStack, type StackUnderTest } from '@pacegraph/stack/testing';
import WebSocket from 'ws';
import { createClient, type PaceGraphClient, type SessionTokens } from '../src/index.js';
import { finishRun, recordRun, runToReplay } from './support/run-to-replay.mjs';
import { signUpThrough } from './support/sign-up.js';

/** How long the stack's access tokens live here: short, so they expire while a test runs. */
const accessTokenSeconds = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The SDK against the whole stack, whose access tokens last seconds instead of 15 minutes.
describe('the SDK keeps its session', () => {
  let harness: StackUnderTest;
  const clients: PaceGraphClient[] = [];
  const newClient = (options: Partial<Parameters<typeof createClient>[0]> = {}) => {
    const client = createClient({ url: harness.stack.gatewayUrl, ...options });
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    harness = await bootTestStack({ accessTokenLifetimeSeconds: accessTokenSeconds });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await harness?.close();
  });

  it('refreshes an expired token when the API refuses it, and its recorder keeps syncing across the refresh', async () => {
    // No refreshing ahead (a margin below zero): every refresh here follows an AUTH.TOKEN_EXPIRED.
    const sessions: (SessionTokens | null)[] = [];
    const client = newClient({ refreshAheadMs: -60_000, onSession: (session) => sessions.push(session) });
    const { id } = await signUpThrough(client, harness.databaseUrl, 'Long Runner');
    const firstToken = client.token;
    expect(client.session?.refreshToken).toEqual(expect.any(String));

    const run = runToReplay(5, Date.now() - 45 * 60_000);
    const recording = (await client.recorder.start({ sport: 'RUN', at: run.startedAt })).data!;
    const third = Math.ceil(run.points.length / 3);
    // A third of the fixes, then the token expires with the recording under way, twice over.
    await recordRun(recording, run, third);
    await sleep(accessTokenSeconds * 1000 + 500);
    await recordRun(recording, run, 2 * third);
    await sleep(accessTokenSeconds * 1000 + 500);
    await recordRun(recording, run, Infinity);
    expect(await finishRun(recording, run)).toEqual({ data: undefined });

    expect(recording.syncState).toMatchObject({ done: true, pendingPoints: 0, failure: null });
    expect(client.token).not.toBe(firstToken);
    // Signed up, then refreshed at least once per expiry.
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    expect(sessions).not.toContain(null);
    const saved = (await client.activity({ id: recording.activityId! })).data!.activity!;
    const kept = recording.recordedPoints().filter((point) => point.state === 'synced').length;
    expect(kept).toBeGreaterThan(run.points.length * 0.9);
    expect(saved).toMatchObject({ status: 'COMPLETED', trackPointCount: kept, athlete: { id } });
    expect(saved.stats?.distanceMeters).toBeCloseTo(recording.stats().distanceMeters, 6);
  }, 60_000);

  it('refreshes ahead of expiry, one refresh for many calls at once, and tells the app each new session', async () => {
    const sessions: (SessionTokens | null)[] = [];
    const client = newClient({ onSession: (session) => sessions.push(session) });
    const { id } = await signUpThrough(client, harness.databaseUrl, 'Busy Runner');
    expect(sessions).toHaveLength(1);
    await sleep(accessTokenSeconds * 1000 + 200);
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.me()));
    expect(answers.map((answer) => answer.data?.me?.id)).toEqual(Array(5).fill(id));
    // Refreshing twice with one refresh token would have ended the session.
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.refreshToken).not.toBe(sessions[0]!.refreshToken);

    // A new client restores the session kept, and its refresh token works.
    const restored = newClient({ session: sessions[1]!, refreshAheadMs: 0 });
    await sleep(accessTokenSeconds * 1000 + 200);
    expect((await restored.me()).data?.me?.id).toBe(id);
  }, 30_000);

  it('signs out on logOut, and when its session has ended on the server', async () => {
    const client = newClient({ refreshAheadMs: 0 });
    const { id, email } = await signUpThrough(client, harness.databaseUrl, 'Leaving Runner');
    const otherSessions: (SessionTokens | null)[] = [];
    const otherDevice = newClient({ onSession: (session) => otherSessions.push(session), refreshAheadMs: 0 });
    expect((await otherDevice.logIn({ input: { email, password: 'correct horse battery' } })).error).toBeUndefined();

    expect((await client.logOutEverywhere()).data).toEqual({ logOutEverywhere: true });
    expect(client.token).toBeNull();
    expect((await client.me()).data).toEqual({ me: null });

    // The other device finds out once its token expires: the refresh is refused, and it signs out.
    await sleep(accessTokenSeconds * 1000 + 200);
    expect((await otherDevice.me()).error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT.SESSION_ENDED' });
    expect(otherDevice.token).toBeNull();
    expect(otherSessions.at(-1)).toBeNull();
    expect((await otherDevice.user({ id })).data?.user?.id).toBe(id);
  }, 30_000);

  it('keeps a live subscription going when the gateway closes its socket as the token expires', async () => {
    const watcher = newClient({ webSocketImpl: WebSocket, refreshAheadMs: 0 });
    await signUpThrough(watcher, harness.databaseUrl, 'Watching Friend');
    const runner = newClient();
    const { id: runnerId } = await signUpThrough(runner, harness.databaseUrl, 'Watched Runner');
    expect((await watcher.follow({ userId: runnerId })).error).toBeUndefined();
    const events = watcher.subscribe.followingLive();
    const received: { kind: string; activityId: string | null }[] = [];
    const failures: string[] = [];
    const receiving = (async () => {
      for await (const event of events) {
        if (event.data) received.push({ kind: event.data.followingLive.kind, activityId: event.data.followingLive.activity?.id ?? null });
        if (event.error) failures.push(event.error.code);
      }
    })();
    /** Starts and discards walks until one reaches the watcher: the subscription is then in place. */
    const walkUntilSeen = async () => {
      for (let tries = 0; tries < 100; tries++) {
        const walk = (await runner.recorder.start({ sport: 'WALK' })).data!;
        const activityId = (await walk.created()).data!;
        await sleep(200);
        await walk.discard();
        await walk.synced();
        if (received.some((event) => event.activityId === activityId)) return;
      }
      throw new Error('no event reached the watcher');
    };
    await walkUntilSeen();
    // The socket's token expires (the gateway closes it with 4403) twice over; the client opens it again with a fresh one.
    await sleep(2 * accessTokenSeconds * 1000 + 500);
    await walkUntilSeen();
    expect(failures).toEqual([]);
    await events.return?.();
    await receiving;
  }, 60_000);
});
