import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@pacegraph/service-kit';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { SubgraphInstances } from './instance-health.js';
import { SubgraphSubscriber } from './subgraph-subscriber.js';

const schema = buildSchema('type Query { ok: Boolean } type Subscription { tick: Int }');
const roots = {
  async *tick() {
    yield { tick: 1 };
  },
};

/** A graphql-ws server on a free port, counting the subscriptions it received. */
async function subscriptionServer() {
  const state = { subscriptions: 0 };
  const httpServer = createServer();
  const webSockets = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const server = useServer({ schema, roots: { subscription: roots }, onSubscribe: () => void state.subscriptions++ }, webSockets);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    state,
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      await server.dispose();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

describe('SubgraphSubscriber with an instance that is down', () => {
  it('subscribes on the instance left, ejecting the one that refused the connection', async () => {
    const live = await subscriptionServer();
    const health = new SubgraphInstances('telemetry', [await closedPortUrl(), live.url], createLogger('test', 'silent'));
    const subscriber = new SubgraphSubscriber(health, 'a secret the gateway and the subgraphs share');
    try {
      const results = [];
      for (let n = 0; n < 4; n++) {
        const stream = subscriber.subscribe({ query: 'subscription { tick }', variables: {}, identity: { viewerId: null } });
        results.push((await stream.next()).value);
        await stream.return?.();
      }
      expect(results).toEqual(Array(4).fill({ data: { tick: 1 } }));
      expect(live.state.subscriptions).toBe(4);
      expect(health.isEjected(0)).toBe(true);
    } finally {
      await subscriber.close();
      health.close();
      await live.close();
    }
  });
});
