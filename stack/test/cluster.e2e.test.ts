import { useTestCluster } from '../src/testing.js';
import { processLogs } from './support/process-logs.js';
import { bearer, graphql, signUpAthlete } from './support/stack.js';

// Each service as its own process, configured by env alone, two instances of
// each subgraph behind one gateway: the scale-out topology.
describe('the stack as separate processes', () => {
  const logs = processLogs();
  const cluster = useTestCluster({ instances: 2, logLevel: 'info', stdio: 'pipe' }, ({ processes }) => processes.forEach(logs.listen));

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
      for (const url of urls) expect([url, logs.graphqlRequestsServedBy(url) > 0]).toEqual([url, true]);
    }
  });
});
