import { CloseCode } from 'graphql-ws';
import WebSocket from 'ws';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';
import {
  liveActivityQuery as live,
  liveClient,
  recordTrackPointsMutation as record,
  runningFixes as fixes,
  runTime as at,
  startRun,
  subscribe,
} from './support/live-client.js';

describe('live activity over graphql-ws through the gateway', () => {
  const harness = useStack();

  const startedRun = (visibility?: 'EVERYONE' | 'FOLLOWERS' | 'ONLY_ME') => startRun(harness.url, visibility);

  it('pushes figures per batch and per status change, with fields of other subgraphs, and completes', async () => {
    const { athlete, call, id } = await startedRun();
    const client = liveClient(harness.url, athlete.token);
    try {
      const stream = subscribe(client, live, { id });
      const first = await stream.next();
      expect(first.errors).toBeUndefined();
      expect(first.data!.liveActivity).toMatchObject({
        activityId: id,
        status: 'ACTIVE',
        distanceMeters: 0,
        lastPoint: null,
        activity: { title: 'Evening tempo', sport: 'RUN', athlete: { name: 'Live Runner' } },
      });

      expect((await call(record, { activityId: id, points: fixes(0, 40) })).data!.recordTrackPoints.accepted).toBe(40);
      const afterFirst = await stream.update();
      expect(afterFirst.distanceMeters).toBeGreaterThan(300);
      expect(afterFirst.lastPoint.time).toBe(at(3 * 39 + 1));
      // 3 m/s is 333 s/km.
      expect(afterFirst.currentPaceSecondsPerKm).toBeGreaterThan(300);
      expect(afterFirst.currentPaceSecondsPerKm).toBeLessThan(367);
      expect(afterFirst.activity.athlete.name).toBe('Live Runner');

      await call(record, { activityId: id, points: fixes(40, 40) });
      const afterSecond = await stream.update();
      expect(afterSecond.distanceMeters).toBeGreaterThan(afterFirst.distanceMeters + 300);
      expect(afterSecond.elapsedTimeSeconds).toBeGreaterThan(afterFirst.elapsedTimeSeconds);

      for (const [mutation, status, second] of [
        ['pauseActivity', 'PAUSED', 3 * 79 + 2],
        ['resumeActivity', 'ACTIVE', 3 * 79 + 3],
      ] as const) {
        await call(`mutation ($id: ID!, $at: DateTime) { ${mutation}(id: $id, at: $at) { status } }`, { id, at: at(second) });
        const update = await stream.update();
        // Elapsed time to the device's time of the change.
        expect([update.status, update.distanceMeters, update.elapsedTimeSeconds]).toEqual([status, afterSecond.distanceMeters, second]);
      }
      // Stopped at the device's time: the elapsed time ends there, however late the server hears of it.
      await call('mutation ($id: ID!, $at: DateTime) { stopActivity(id: $id, at: $at) { status } }', { id, at: at(3 * 79 + 5) });
      const stopped = await stream.update();
      expect([stopped.status, stopped.distanceMeters, stopped.elapsedTimeSeconds]).toEqual([
        'STOPPED',
        afterSecond.distanceMeters,
        3 * 79 + 5,
      ]);
      await call('mutation ($id: ID!) { completeActivity(id: $id) { status } }', { id });
      expect(await stream.update()).toMatchObject({ status: 'COMPLETED', elapsedTimeSeconds: 3 * 79 + 5 });
      await stream.completed;
    } finally {
      await client.dispose();
    }
  });

  it('resolves an event once for every viewer watching with the same selection', async () => {
    const run = await startedRun('EVERYONE');
    const viewers = [run.athlete, ...(await Promise.all([1, 2, 3].map((n) => signUpAthlete(harness.url, `Fan ${n}`))))];
    const clients = viewers.map((viewer) => liveClient(harness.url, viewer.token));
    try {
      const streams = clients.map((client) => subscribe(client, live, { id: run.id }));
      for (const stream of streams) await stream.next();
      const before = { ...harness.stack.gateway.subscriptionWork };
      await run.call(record, { activityId: run.id, points: fixes(0, 20) });
      const updates = await Promise.all(streams.map((stream) => stream.next()));
      for (const update of updates) expect(update).toEqual(updates[0]);
      const work = harness.stack.gateway.subscriptionWork;
      // Four viewers, one upstream stream: one federated resolution of the batch's update, four deliveries.
      expect([work.resolved - before.resolved, work.delivered - before.delivered]).toEqual([1, 4]);
    } finally {
      await Promise.all(clients.map(async (client) => client.dispose()));
    }
  });

  it('gives each of several activities updated at once its own fields from the other subgraphs', async () => {
    const runs = await Promise.all(
      ['Ada', 'Bo', 'Cy'].map((name) => startRun(harness.url, 'EVERYONE', { name, title: `${name}'s tempo` })),
    );
    const fan = await signUpAthlete(harness.url, 'Fan');
    const client = liveClient(harness.url, fan.token);
    try {
      const streams = runs.map((run) => subscribe(client, live, { id: run.id }));
      for (const stream of streams) await stream.next();
      // Recorded together, their updates are resolved together (one entity fetch per subgraph when they meet).
      await Promise.all(runs.map((run) => run.call(record, { activityId: run.id, points: fixes(0, 10) })));
      const updates = await Promise.all(streams.map((stream) => stream.update()));
      expect(updates.map((update) => [update.activityId, update.activity.title, update.activity.athlete.name])).toEqual(
        runs.map((run, index) => [run.id, `${['Ada', 'Bo', 'Cy'][index]}'s tempo`, ['Ada', 'Bo', 'Cy'][index]]),
      );
    } finally {
      await client.dispose();
    }
  });

  it('lets others watch as visibility allows: EVERYONE yes, ONLY_ME not found', async () => {
    const stranger = await signUpAthlete(harness.url, 'Stranger');
    const client = liveClient(harness.url, stranger.token);
    try {
      const open = await startedRun('EVERYONE');
      const watched = subscribe(client, live, { id: open.id });
      expect((await watched.update()).activity.athlete.name).toBe('Live Runner');
      watched.unsubscribe();

      const secret = await startedRun('ONLY_ME');
      const refused = subscribe(client, live, { id: secret.id });
      const result = await refused.next();
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(result.data ?? null).toBeNull();
    } finally {
      await client.dispose();
    }
  });

  it('ends a watcher’s stream when the activity stops being visible to them', async () => {
    const run = await startedRun('EVERYONE');
    const stranger = await signUpAthlete(harness.url, 'Stranger');
    const client = liveClient(harness.url, stranger.token);
    try {
      const watched = subscribe(client, live, { id: run.id });
      await watched.next();
      await run.call('mutation ($id: ID!) { stopActivity(id: $id) { status } }', { id: run.id });
      expect((await watched.update()).status).toBe('STOPPED');
      await run.call('mutation ($id: ID!, $input: CompleteActivityInput) { completeActivity(id: $id, input: $input) { status } }', {
        id: run.id,
        input: { visibility: 'ONLY_ME' },
      });
      const last = await watched.next();
      expect(last.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await watched.completed;
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ['one stream shared by every viewer', live],
    ['a stream per viewer (a viewer-dependent field)', live.replace('athlete { name } }', 'athlete { name } hasMyKudos }')],
  ])('lets followers watch a FOLLOWERS run, not strangers, and ends a follower’s stream when they unfollow: %s', async (_, query) => {
    const run = await startedRun('FOLLOWERS');
    const [fan, stranger] = await Promise.all([signUpAthlete(harness.url, 'Fan'), signUpAthlete(harness.url, 'Stranger')]);
    const followAs = (token: string, mutation: 'follow' | 'unfollow') =>
      graphql(harness.url, `mutation ($id: ID!) { ${mutation}(userId: $id) { id } }`, { id: run.athlete.user.id }, bearer(token));
    await followAs(fan.token, 'follow');
    const fanClient = liveClient(harness.url, fan.token);
    const strangerClient = liveClient(harness.url, stranger.token);
    try {
      const watched = subscribe(fanClient, query, { id: run.id });
      expect((await watched.update()).activity.athlete.name).toBe('Live Runner');
      const refused = await subscribe(strangerClient, query, { id: run.id }).next();
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await run.call(record, { activityId: run.id, points: fixes(0, 10) });
      expect((await watched.update()).distanceMeters).toBeGreaterThan(50);
      await followAs(fan.token, 'unfollow');
      await run.call(record, { activityId: run.id, points: fixes(10, 10) });
      const last = await watched.next();
      expect(last.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(last.data ?? null).toBeNull();
      await watched.completed;
    } finally {
      await Promise.all([fanClient.dispose(), strangerClient.dispose()]);
    }
  });

  it('tells a follower when someone they follow starts, saves or discards a run they may see, following follows as they change', async () => {
    const fan = await signUpAthlete(harness.url, 'Fan');
    const asFan = (query: string, variables: Record<string, unknown>) => graphql(harness.url, query, variables, bearer(fan.token));
    const followAs = (mutation: 'follow' | 'unfollow', id: string) =>
      asFan(`mutation ($id: ID!) { ${mutation}(userId: $id) { id } }`, { id });
    const runner = await signUpAthlete(harness.url, 'Runner');
    const other = await signUpAthlete(harness.url, 'Other');
    await followAs('follow', runner.user.id);
    const client = liveClient(harness.url, fan.token);
    try {
      const stream = subscribe(client, 'subscription { followingLive { kind athlete { name } activity { title } } }');
      const startedBy = async (who: typeof runner, title: string, visibility = 'EVERYONE') => {
        const call = (query: string, variables: Record<string, unknown>) => graphql(harness.url, query, variables, bearer(who.token));
        const created = await call('mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', {
          input: { sport: 'RUN', title, visibility },
        });
        const id = created.data!.createActivity.id as string;
        await call('mutation ($id: ID!) { startActivity(id: $id) { id } }', { id });
        const step = (mutation: string) => call(`mutation ($id: ID!) { ${mutation}(id: $id) { id } }`, { id });
        return { step };
      };
      const next = async () => (await stream.next()).data!.followingLive;
      // Until the first event arrives the subscription may not be listening yet: start runs until one is heard.
      let first;
      for (let attempt = 1; !first; attempt++) {
        await startedBy(runner, `Warm-up ${attempt}`);
        first = await stream.next(500).catch(() => undefined);
      }
      expect(first.data!.followingLive).toMatchObject({ kind: 'STARTED', athlete: { name: 'Runner' } });
      // Late warm-ups may still be on their way: read up to a marker.
      await startedBy(runner, 'Marker');
      while ((await next()).activity.title !== 'Marker');
      const hidden = await startedBy(runner, 'Private jog', 'ONLY_ME');
      const morning = await startedBy(runner, 'Morning run');
      expect(await next()).toEqual({ kind: 'STARTED', athlete: { name: 'Runner' }, activity: { title: 'Morning run' } });
      await morning.step('pauseActivity');
      await morning.step('resumeActivity');
      await morning.step('stopActivity');
      await morning.step('completeActivity');
      await hidden.step('discardActivity');
      expect(await next()).toEqual({ kind: 'SAVED', athlete: { name: 'Runner' }, activity: { title: 'Morning run' } });
      // Not followed yet, then followed while subscribed; the runner unfollowed.
      await startedBy(other, 'Unseen ride');
      await followAs('follow', other.user.id);
      await followAs('unfollow', runner.user.id);
      // The subgraph re-reads the follows when told of the change, over the bus: give it time.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await startedBy(runner, 'After unfollow');
      const lunch = await startedBy(other, 'Lunch run');
      expect(await next()).toEqual({ kind: 'STARTED', athlete: { name: 'Other' }, activity: { title: 'Lunch run' } });
      await lunch.step('discardActivity');
      expect(await next()).toEqual({ kind: 'DISCARDED', athlete: { name: 'Other' }, activity: null });
      expect(stream.pending()).toBe(0);
    } finally {
      await client.dispose();
    }
  });

  it('applies the query limits and a cap on subscriptions to socket operations, and sends queries to HTTP', async () => {
    const client = liveClient(harness.url);
    try {
      const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: activityId`).join(' ');
      const tooMany = await subscribe(client, `subscription { liveActivity(activityId: "x") { ${aliases} } }`).next();
      expect(tooMany.errors?.[0]?.message).toMatch(/alias/i);
      const query = await subscribe(client, '{ __typename }').next();
      expect(query.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const invalid = await subscribe(client, 'subscription { liveActivity(activityId: 5) { nope } }').next();
      expect(invalid.errors?.length).toBeGreaterThan(0);
      // At most 25 subscriptions at once on one socket.
      const run = await startedRun();
      const held = Array.from({ length: 25 }, () => subscribe(client, live, { id: run.id }));
      for (const stream of held) expect((await stream.update()).activityId).toBe(run.id);
      const oneTooMany = await subscribe(client, live, { id: run.id }).next();
      expect(oneTooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      held[0]!.unsubscribe();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await subscribe(client, live, { id: run.id }).update()).activityId).toBe(run.id);
    } finally {
      await client.dispose();
    }
  });

  it('closes a socket with a bad token with 4403 and a silent one with 4408', async () => {
    const url = harness.url.replace(/^http/, 'ws');
    const closeCode = (send: (socket: WebSocket) => void) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        socket.on('open', () => send(socket));
        socket.on('close', (code) => resolve(code));
        socket.on('error', reject);
      });
    const badToken = await closeCode((socket) =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } })),
    );
    expect(badToken).toBe(CloseCode.Forbidden);
    const started = Date.now();
    expect(await closeCode(() => undefined)).toBe(CloseCode.ConnectionInitialisationTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });
});

describe('live activity while a subgraph is down', () => {
  const harness = useStack();

  it('sends the event with null and an error where the subgraph that is down would answer, and goes on', async () => {
    const { athlete, call, id } = await startRun(harness.url);
    const client = liveClient(harness.url, athlete.token);
    try {
      const stream = subscribe(client, live, { id });
      expect((await stream.update()).activity.athlete.name).toBe('Live Runner');
      await harness.stack.subgraphs.social.close();
      await call(record, { activityId: id, points: fixes(0, 20) });
      const update = await stream.next();
      expect(update.data!.liveActivity.distanceMeters).toBeGreaterThan(100);
      expect(update.data!.liveActivity.activity).toBeNull();
      expect(update.errors?.length).toBeGreaterThan(0);
      await call(record, { activityId: id, points: fixes(20, 20) });
      const next = await stream.next();
      expect(next.data!.liveActivity.distanceMeters).toBeGreaterThan(update.data!.liveActivity.distanceMeters);
    } finally {
      await client.dispose();
    }
  });
});
