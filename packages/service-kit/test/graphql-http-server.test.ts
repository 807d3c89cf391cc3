import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { createLogger } from '../src/logger.js';
import { startGraphQLHttpServer, type ReadinessReport, type RunningServer } from '../src/graphql-http-server.js';
import { UnauthenticatedError } from '../src/errors.js';

const schema = buildSchema('type Query { hello: String, slow: String }');

async function start(options: { ready?: boolean | ReadinessReport; release?: Promise<void> } = {}): Promise<RunningServer> {
  const apollo = new ApolloServer({
    schema,
    rootValue: { hello: 'world', slow: async () => (await options.release, 'done') },
    stopOnTerminationSignals: false,
  });
  return startGraphQLHttpServer({
    apollo,
    host: '127.0.0.1',
    port: 0,
    log: createLogger('test', 'silent'),
    ready: async () => options.ready ?? true,
    maxBodyBytes: 1024,
    context: async (request) => {
      if (request.headers['x-deny']) throw new UnauthenticatedError('AUTH.DENIED', 'denied');
      return {};
    },
  });
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the GraphQL HTTP server', () => {
  it('answers queries, health and readiness', async () => {
    const server = await start();
    try {
      const response = await post(server.url, JSON.stringify({ query: '{ hello }' }));
      expect(await response.json()).toEqual({ data: { hello: 'world' } });
      expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
      expect((await fetch(server.url.replace('/graphql', '/readyz'))).status).toBe(200);
      expect((await fetch(server.url.replace('/graphql', '/nowhere'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('reports not ready while a dependency is down', async () => {
    const server = await start({ ready: false });
    try {
      expect((await fetch(server.url.replace('/graphql', '/readyz'))).status).toBe(503);
    } finally {
      await server.close();
    }
  });

  it('shows what is missing beside a readiness report', async () => {
    const server = await start({ ready: { ready: false, details: { unreachableSubgraphs: ['telemetry'] } } });
    try {
      const answer = await fetch(server.url.replace('/graphql', '/readyz'));
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ status: 'not ready', pid: process.pid, unreachableSubgraphs: ['telemetry'] });
    } finally {
      await server.close();
    }
  });

  it('refuses a body over the limit with 413, bad JSON with 400, and a denied context with 401', async () => {
    const server = await start();
    try {
      const large = await post(server.url, JSON.stringify({ query: `{ hello } # ${'x'.repeat(2000)}` }));
      expect(large.status).toBe(413);
      const badJson = await post(server.url, '{ "query": ');
      expect(badJson.status).toBe(400);
      expect(((await badJson.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const denied = await post(server.url, JSON.stringify({ query: '{ hello }' }), { 'x-deny': '1' });
      expect(denied.status).toBe(401);
      expect(((await denied.json()) as any).errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'AUTH.DENIED' });
    } finally {
      await server.close();
    }
  });

  it('drains on close: the request in flight finishes, new connections are refused', async () => {
    let release!: () => void;
    const server = await start({ release: new Promise<void>((resolve) => (release = resolve)) });
    const inFlight = post(server.url, JSON.stringify({ query: '{ slow }' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(server.url.replace('/graphql', '/healthz'))).rejects.toThrow();
    release();
    const response = await inFlight;
    expect(await response.json()).toEqual({ data: { slow: 'done' } });
    await closed;
  });
});
