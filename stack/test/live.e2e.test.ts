import WebSocket from 'ws';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';
import { liveClient, subscribe } from './support/live-client.js';

const live = `subscription ($id: ID!) { liveActivity(activityId: $id) {
  activityId status at distanceMeters elapsedTimeSeconds movingTimeSeconds
  currentSpeedMps currentPaceSecondsPerKm averagePaceSecondsPerKm
  lastPoint { lat lon elevation time }
  activity { title sport athlete { name } }
} }`;
const record = `mutation ($activityId: ID!, $points: [TrackPointInput!]!) {
  recordTrackPoints(activityId: $activityId, points: $points) { accepted rejected { seq reason } }
}`;

const start = new Date(Date.now() - 3_600_000);
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000).toISOString();
/** A fix every 3 s, running north at 3 m/s. */
const fixes = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const seq = from + index;
    return { seq, time: at(3 * seq + 1), lat: 52 + (9 * seq) / 111_250, lon: 5, accuracy: 4, elevation: 10 };
  });

describe('live activity over graphql-ws through the gateway', () => {
  const harness = useStack();

  async function startedRun(visibility: 'EVERYONE' | 'FOLLOWERS' | 'ONLY_ME' = 'EVERYONE') {
    const athlete = await signUpAthlete(harness.url, 'Live Runner');
    const call = (query: string, variables: Record<string, unknown> = {}) => graphql(harness.url, query, variables, bearer(athlete.token));
    const created = await call('mutation ($input: CreateActivityInput!) { createActivity(input: $input) { id } }', {
      input: { sport: 'RUN', title: 'Evening tempo', visibility },
    });
    const id = created.data!.createActivity.id as string;
    await call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { status } }', { id, at: at(0) });
    return { athlete, call, id };
  }

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
      const afterFirst = (await stream.next()).data!.liveActivity;
      expect(afterFirst.distanceMeters).toBeGreaterThan(300);
      expect(afterFirst.lastPoint.time).toBe(at(3 * 39 + 1));
      expect(afterFirst.currentPaceSecondsPerKm).toBeGreaterThan(250);
      expect(afterFirst.currentPaceSecondsPerKm).toBeLessThan(420);
      expect(afterFirst.activity.athlete.name).toBe('Live Runner');

      await call(record, { activityId: id, points: fixes(40, 40) });
      const afterSecond = (await stream.next()).data!.liveActivity;
      expect(afterSecond.distanceMeters).toBeGreaterThan(afterFirst.distanceMeters + 300);
      expect(afterSecond.elapsedTimeSeconds).toBeGreaterThan(afterFirst.elapsedTimeSeconds);

      for (const [mutation, status] of [
        ['pauseActivity', 'PAUSED'],
        ['resumeActivity', 'ACTIVE'],
        ['stopActivity', 'STOPPED'],
      ] as const) {
        await call(`mutation ($id: ID!) { ${mutation}(id: $id) { status } }`, { id });
        const update = (await stream.next()).data!.liveActivity;
        expect([update.status, update.distanceMeters]).toEqual([status, afterSecond.distanceMeters]);
      }
      await call('mutation ($id: ID!) { completeActivity(id: $id) { status } }', { id });
      expect((await stream.next()).data!.liveActivity.status).toBe('COMPLETED');
      await stream.completed;
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
      expect((await watched.next()).data!.liveActivity.activity.athlete.name).toBe('Live Runner');
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
      expect((await watched.next()).data!.liveActivity.status).toBe('STOPPED');
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

  it('applies the query limits to socket operations and sends queries to HTTP', async () => {
    const client = liveClient(harness.url);
    try {
      const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: activityId`).join(' ');
      const tooMany = await subscribe(client, `subscription { liveActivity(activityId: "x") { ${aliases} } }`).next();
      expect(tooMany.errors?.[0]?.message).toMatch(/alias/i);
      const query = await subscribe(client, '{ __typename }').next();
      expect(query.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const invalid = await subscribe(client, 'subscription { liveActivity(activityId: 5) { nope } }').next();
      expect(invalid.errors?.length).toBeGreaterThan(0);
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
    expect(badToken).toBe(4403);
    const started = Date.now();
    expect(await closeCode(() => undefined)).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });
});
