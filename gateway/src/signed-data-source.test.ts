import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER, verifyIdentity } from '@pacegraph/service-kit';
import { incomingOperation, quiet } from '../test/support/subgraph-stand-ins.js';
import { SubgraphInstances } from './instance-health.js';
import { SignedDataSource } from './signed-data-source.js';

const secret = 'a secret the gateway and the subgraphs share';

/** A subgraph stand-in on a free port: records what reached it and answers as `answer` says. */
async function fakeSubgraph(answer: (request: IncomingMessage, body: string) => { status: number; body: string; contentType?: string }) {
  const received: { instance: number; identity: string | undefined; trace: string | undefined; body: unknown; raw: string }[] = [];
  const servers: Server[] = [];
  const urls: string[] = [];
  for (const instance of [0, 1]) {
    const server = createServer(
      (request, response) =>
        void (async () => {
          let body = '';
          for await (const chunk of request) body += chunk;
          received.push({
            instance,
            identity: request.headers[IDENTITY_HEADER] as string | undefined,
            trace: request.headers['apollo-federation-include-trace'] as string | undefined,
            body: JSON.parse(body),
            raw: body,
          });
          const { status, body: text, contentType = 'application/json' } = answer(request, body);
          response.writeHead(status, { 'content-type': contentType }).end(text);
        })(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  }
  return { urls, received, close: () => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))) };
}

const operation = (viewerId: string | null) =>
  incomingOperation(
    { query: 'query Feed($first: Int) { feed(first: $first) { edges { cursor } } }', variables: { first: 5 }, operationName: 'Feed' },
    viewerId,
  );

describe('SignedDataSource', () => {
  it('sends the operation signed for its subgraph, spreads requests over the instances, and returns the answer', async () => {
    const subgraph = await fakeSubgraph(() => ({ status: 200, body: JSON.stringify({ data: { feed: { edges: [] } } }) }));
    const source = new SignedDataSource(new SubgraphInstances('social', subgraph.urls, quiet), secret);
    try {
      const answers = [
        await source.process(operation('athlete-1')),
        await source.process(operation(null)),
        await source.process(operation('athlete-2')),
      ];
      expect(answers).toEqual(Array(3).fill({ data: { feed: { edges: [] } } }));
      expect(subgraph.received.map(({ instance }) => instance)).toEqual([0, 1, 0]);
      expect(subgraph.received[0]!.body).toEqual(operation('athlete-1').request);
      expect(subgraph.received.map(({ identity, raw }) => verifyIdentity(secret, identity, 'social', raw)?.viewerId)).toEqual([
        'athlete-1',
        null,
        'athlete-2',
      ]);
      // Made for social and for that request, so no key to any other subgraph or request.
      expect(verifyIdentity(secret, subgraph.received[0]!.identity, 'telemetry', subgraph.received[0]!.raw)).toBeNull();
      expect(verifyIdentity(secret, subgraph.received[0]!.identity, 'social', subgraph.received[0]!.raw.replace('5', '50'))).toBeNull();
    } finally {
      await source.close();
      await subgraph.close();
    }
  });

  it('turns a refusal into an error coded as Apollo codes it, with the status and body', async () => {
    const refusal = { errors: [{ message: 'Unsigned request', extensions: { code: 'UNAUTHENTICATED' } }] };
    const subgraph = await fakeSubgraph(() => ({ status: 401, body: JSON.stringify(refusal) }));
    const source = new SignedDataSource(new SubgraphInstances('telemetry', subgraph.urls, quiet), secret);
    try {
      const failure = await source.process(operation('athlete-1')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(GraphQLError);
      expect((failure as GraphQLError).message).toBe('401: Unauthorized');
      expect((failure as GraphQLError).extensions).toMatchObject({ code: 'UNAUTHENTICATED', response: { status: 401, body: refusal } });
    } finally {
      await source.close();
      await subgraph.close();
    }
  });

  it('passes on what the gateway itself asks of the subgraph, but never in place of the signature', async () => {
    const subgraph = await fakeSubgraph(() => ({ status: 200, body: JSON.stringify({ data: { feed: null } }) }));
    const source = new SignedDataSource(new SubgraphInstances('social', subgraph.urls, quiet), secret);
    try {
      const options = operation('athlete-1');
      const headers = new Headers({ 'apollo-federation-include-trace': 'ftv1', [IDENTITY_HEADER]: 'v1.forged.signature' });
      (options.request as { http?: unknown }).http = { method: 'POST', url: subgraph.urls[0], headers };
      await source.process(options);
      expect(subgraph.received[0]!.trace).toBe('ftv1');
      expect(verifyIdentity(secret, subgraph.received[0]!.identity, 'social', subgraph.received[0]!.raw)?.viewerId).toBe('athlete-1');
    } finally {
      await source.close();
      await subgraph.close();
    }
  });

  it('rejects, without bringing anything down, when the subgraph is not there or answers an error page', async () => {
    const subgraph = await fakeSubgraph(() => ({ status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' }));
    const source = new SignedDataSource(new SubgraphInstances('social', subgraph.urls, quiet), secret);
    try {
      const failure = await source.process(operation(null)).catch((error: unknown) => error);
      expect((failure as GraphQLError).message).toBe('502: Bad Gateway');
      expect((failure as GraphQLError).extensions).toMatchObject({ response: { status: 502, body: '<html>Bad Gateway</html>' } });
      expect((failure as GraphQLError).extensions.code).toBeUndefined();
    } finally {
      await source.close();
      await subgraph.close();
    }
    // Closed now: nothing listens on its ports.
    const gone = new SignedDataSource(new SubgraphInstances('social', subgraph.urls, quiet), secret);
    try {
      await expect(gone.process(operation(null))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'SERVICE.UNAVAILABLE' });
    } finally {
      await gone.close();
    }
  });

  it('refuses an answer that is not a JSON object', async () => {
    const subgraph = await fakeSubgraph(() => ({ status: 200, body: '"just a string"' }));
    const source = new SignedDataSource(new SubgraphInstances('activity', subgraph.urls, quiet), secret);
    try {
      await expect(source.process(operation(null))).rejects.toThrow('Expected JSON response body');
    } finally {
      await source.close();
      await subgraph.close();
    }
  });

  it('asks a query again when the connection broke after it went out, and answers a mutation so SERVICE_UNAVAILABLE', async () => {
    let resets = 0;
    const server = createServer(
      (request, response) =>
        void (async () => {
          for await (const _chunk of request);
          // Every other request: the connection drops once the request is in, before any answer.
          if (resets++ % 2 === 0) return request.socket.destroy();
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { ok: true } }));
        })(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const source = new SignedDataSource(new SubgraphInstances('activity', [url], quiet), secret);
    try {
      await expect(source.process(operation(null))).resolves.toEqual({ data: { ok: true } });
      const mutation = operation(null);
      mutation.request.query = 'mutation Discard($id: ID!) { discardActivity(id: $id) { id } }';
      await expect(source.process(mutation)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'SERVICE.NO_ANSWER' });
      expect(resets).toBe(3);
    } finally {
      await source.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
