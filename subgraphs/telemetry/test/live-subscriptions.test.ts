import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '@pacegraph/db';
import { provisionTestDatabase, type TestDatabase } from '@pacegraph/db/testing';
import {
  identityExtension,
  signIdentity,
  subgraphConnectionSignedBody,
  subscriptionSignedBody,
  type Identity,
  type RunningServer,
} from '@pacegraph/service-kit';
import { startSubgraph } from '@pacegraph/subgraph-host';
import { CloseCode, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { telemetrySubgraph } from '../src/server.js';
import { activityWithPoints } from './activities.js';

const live = 'subscription ($id: ID!) { liveActivity(activityId: $id) { activityId status distanceMeters lastPoint { time } } }';

// The telemetry subgraph's side of live updates, straight over graphql-ws as the gateway speaks it.
describe('liveActivity served by the telemetry subgraph', () => {
  const internalSecret = randomBytes(32).toString('hex');
  let testDatabase: TestDatabase;
  let database: Database;
  let server: RunningServer;
  beforeAll(async () => {
    testDatabase = await provisionTestDatabase();
    database = openDatabase(testDatabase.url);
    server = await startSubgraph(telemetrySubgraph, {
      host: '127.0.0.1',
      port: 0,
      databaseUrl: testDatabase.url,
      internalSecret,
      production: false,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
    await testDatabase?.drop();
  });

  /**
   * The first result (or error) of a subscription signed for `identity`; the
   * signature made for the subscription to `signedFor` (by default, this one).
   */
  async function firstResult(activityId: string, identity: Identity | null, signedFor = activityId) {
    const client = createClient({
      url: server.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: {
        [identityExtension]: signIdentity(internalSecret, { viewerId: null }, 'telemetry', subgraphConnectionSignedBody),
      },
      retryAttempts: 0,
    });
    const signedBody = subscriptionSignedBody({ query: live, variables: { id: signedFor } });
    try {
      return await new Promise<{ data?: any; errors?: any[]; extensions?: any }>((resolve) =>
        client.subscribe(
          {
            query: live,
            variables: { id: activityId },
            extensions: identity ? { [identityExtension]: signIdentity(internalSecret, identity, 'telemetry', signedBody) } : {},
          },
          {
            next: (result) => resolve(result as never),
            error: (errors) => resolve({ errors: errors as any[] }),
            complete: () => undefined,
          },
        ),
      );
    } finally {
      await client.dispose();
    }
  }

  it('closes a connection the gateway did not sign with 4403', async () => {
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { [identityExtension]: 'v1.forged.sig' } })));
      socket.on('close', (closeCode) => resolve(closeCode));
    });
    expect(code).toBe(CloseCode.Forbidden);
  });

  it('refuses a subscribe whose signature was made for another subscription (another activity)', async () => {
    const own = await activityWithPoints(database.prisma, 3);
    const other = await activityWithPoints(database.prisma, 3);
    await database.prisma.activity.update({ where: { id: other.id }, data: { visibility: 'ONLY_ME' } });
    // The gateway's signature of the athlete's subscription to their own activity, put on one to another's.
    const replayed = await firstResult(other.id, { viewerId: own.athleteId }, own.id);
    expect(replayed.data ?? null).toBeNull();
    expect(replayed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const fanOutReplayed = await firstResult(other.id, { viewerId: null, fanOut: true }, own.id);
    expect(fanOutReplayed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('checks one viewer itself, and gives the gateway watching for many the audience of each event', async () => {
    const activity = await activityWithPoints(database.prisma, 12);
    await database.prisma.activity.update({ where: { id: activity.id }, data: { visibility: 'ONLY_ME' } });

    const athlete = await firstResult(activity.id, { viewerId: activity.athleteId });
    expect(athlete.data.liveActivity).toMatchObject({ activityId: activity.id, status: 'ACTIVE' });
    expect(athlete.data.liveActivity.distanceMeters).toBeGreaterThan(50);

    const stranger = await firstResult(activity.id, { viewerId: randomBytes(16).toString('hex') });
    expect(stranger.data ?? null).toBeNull();
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const unsigned = await firstResult(activity.id, null);
    expect(unsigned.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const gateway = await firstResult(activity.id, { viewerId: null, fanOut: true });
    expect(gateway.data.liveActivity.activityId).toBe(activity.id);
    expect(gateway.extensions).toEqual({
      audience: { athleteId: activity.athleteId, visibility: 'ONLY_ME', status: 'ACTIVE' },
    });
  });
});
