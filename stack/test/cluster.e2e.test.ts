import { startTestCluster, type ClusterUnderTest } from '../src/testing.js';
import { bearer, graphql, signUpAthlete } from './support/stack.js';

// Each service as its own process, configured by env alone, two instances of
// each subgraph behind one gateway: the scale-out topology.
describe('the stack as separate processes', () => {
  let cluster: ClusterUnderTest;
  /** Each process's log, by its URL. */
  const output = new Map<string, string>();
  const graphqlRequestsServedBy = (url: string) => (output.get(url)!.match(/"msg":"graphql request"/g) ?? []).length;
  beforeAll(async () => {
    cluster = await startTestCluster({
      instances: 2,
      logLevel: 'info',
      stdio: 'pipe',
    });
    for (const { url, child } of cluster.processes) {
      output.set(url, '');
      child.stdout!.on('data', (chunk: Buffer) => output.set(url, output.get(url) + chunk.toString()));
      child.stderr!.resume();
    }
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it('runs two instances of each subgraph, all ready', async () => {
    for (const urls of Object.values(cluster.subgraphUrls)) {
      expect(urls).toHaveLength(2);
      for (const url of urls) expect((await fetch(url.replace('/graphql', '/readyz'))).status).toBe(200);
    }
  });

  it('serves sign-up, me and a cross-subgraph activity across the instances', async () => {
    const athletes = await Promise.all([1, 2, 3, 4].map((n) => signUpAthlete(cluster.gatewayUrl, `Runner ${n}`)));
    for (const athlete of athletes) {
      const me = await graphql(cluster.gatewayUrl, '{ me { name } }', {}, bearer(athlete.token));
      expect(me.data).toEqual({ me: { name: athlete.user.name } });
      const created = await graphql(
        cluster.gatewayUrl,
        'mutation { createActivity(input: { sport: HIKE }) { id athlete { name } trackPointCount } }',
        {},
        bearer(athlete.token),
      );
      expect(created.data!.createActivity).toMatchObject({ athlete: { name: athlete.user.name }, trackPointCount: 0 });
    }
    // The gateway spread the work: every instance of every subgraph served some of it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const urls of Object.values(cluster.subgraphUrls)) {
      for (const url of urls) expect([url, graphqlRequestsServedBy(url) > 0]).toEqual([url, true]);
    }
  });
});
