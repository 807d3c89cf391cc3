import { createServer, type Server } from 'node:http';
import { fastProbes, incomingOperation, listening, quiet, until } from '../test/support/subgraph-stand-ins.js';
import { neverReachedInstance, SubgraphInstances } from './instance-health.js';
import { SignedDataSource } from './signed-data-source.js';

const secret = 'a secret the gateway and the subgraphs share';

/** What a test started, closed after it, the latest first. */
const started: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of started.splice(0).reverse()) await close();
});

/**
 * An instance stand-in on `port` (0: a free one): counts the GraphQL
 * requests it received, answers /readyz as `ready` says, and answers
 * GraphQL as `answer` does (by default, a mutation's result).
 */
async function instance(port = 0, answer: 'ok' | 'reset' = 'ok') {
  const state = { graphqlRequests: 0, ready: true };
  const server: Server = createServer(
    (request, response) =>
      void (async () => {
        for await (const _chunk of request);
        if (request.url === '/readyz') return void response.writeHead(state.ready ? 200 : 503).end();
        state.graphqlRequests++;
        // The request reached this instance; it dies before answering.
        if (answer === 'reset') return void request.socket.destroy();
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { recordTrackPoints: { accepted: 1 } } }));
      })(),
  );
  const standIn = { state, ...(await listening(server, port)) };
  started.push(standIn.close);
  return standIn;
}

/** Telemetry's instances at `urls`, and a data source sending to them in turn. */
function telemetryInstances(urls: string[], probeDelays?: typeof fastProbes) {
  const health = new SubgraphInstances('telemetry', urls, quiet, probeDelays);
  const source = new SignedDataSource(health, secret);
  started.push(
    () => health.close(),
    () => source.close(),
  );
  return { health, source };
}

/** A port nothing listens on: one taken from the OS and given back. */
async function closedPort(): Promise<number> {
  const probe = await listening(createServer());
  await probe.close();
  return probe.port;
}

const mutation = () =>
  incomingOperation({ query: 'mutation { recordTrackPoints(activityId: "a", points: []) { accepted } }', variables: {} }, 'athlete-1');

describe('a subgraph instance that is down', () => {
  it('costs no request: the refused one goes to the live instance, and the dead one is skipped after', async () => {
    const live = await instance();
    const dead = `http://127.0.0.1:${await closedPort()}/graphql`;
    const { health, source } = telemetryInstances([dead, live.url]);
    const answers = await Promise.allSettled(Array.from({ length: 6 }, () => source.process(mutation())));
    expect(answers.map(({ status }) => status)).toEqual(Array(6).fill('fulfilled'));
    expect(live.state.graphqlRequests).toBe(6);
    expect(health.isEjected(0)).toBe(true);
    for (let call = 0; call < 6; call++) await source.process(mutation());
    expect(live.state.graphqlRequests).toBe(12);
  });

  it('is readmitted once its /readyz answers ready, and takes its share again', async () => {
    const live = await instance();
    const port = await closedPort();
    const { health, source } = telemetryInstances([`http://127.0.0.1:${port}/graphql`, live.url], fastProbes);
    await source.process(mutation());
    await source.process(mutation());
    expect(health.isEjected(0)).toBe(true);
    // Back on its port, but not ready yet: still out.
    const revived = await instance(port);
    revived.state.ready = false;
    await new Promise((resolve) => setTimeout(resolve, 4 * fastProbes.maxMs));
    expect(health.isEjected(0)).toBe(true);
    revived.state.ready = true;
    await until(() => !health.isEjected(0), 'readmitted');
    for (let call = 0; call < 4; call++) await source.process(mutation());
    expect(revived.state.graphqlRequests).toBe(2);
  });

  it('does not send again a request the instance may have received (a reset after sending)', async () => {
    const resetting = await instance(0, 'reset');
    const live = await instance();
    const { health, source } = telemetryInstances([resetting.url, live.url]);
    const failure = await source.process(mutation()).catch((error: unknown) => error);
    expect(neverReachedInstance(failure)).toBe(false);
    expect([resetting.state.graphqlRequests, live.state.graphqlRequests]).toEqual([1, 0]);
    expect(health.isEjected(0)).toBe(false);
  });

  it('is tried all the same when every instance is out, and readmitted when it answers', async () => {
    const port = await closedPort();
    const { health, source } = telemetryInstances([`http://127.0.0.1:${port}/graphql`]);
    await expect(source.process(mutation())).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(health.isEjected(0)).toBe(true);
    const revived = await instance(port);
    revived.state.ready = false;
    await expect(source.process(mutation())).resolves.toEqual({ data: { recordTrackPoints: { accepted: 1 } } });
    expect(health.isEjected(0)).toBe(false);
  });
});
