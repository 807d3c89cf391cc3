import { useTestCluster } from '../src/testing.js';
import { processLogs } from './support/process-logs.js';
import { bearer, graphql, signUpAthlete } from './support/stack.js';

const recordTrackPoints =
  'mutation ($activityId: ID!, $points: [TrackPointInput!]!) { recordTrackPoints(activityId: $activityId, points: $points) { accepted rejected { reason } } }';
const trackPointCount = 'query ($id: ID!) { activity(id: $id) { trackPointCount } }';

// Two instances of each subgraph as processes; one telemetry instance dies (kill -9) mid-run.
describe('a subgraph instance killed while the gateway sends it traffic', () => {
  const logs = processLogs();
  const cluster = useTestCluster({ instances: 2, logLevel: 'info', stdio: 'pipe' }, ({ processes }) => processes.forEach(logs.listen));

  it('loses no call: requests go to the instance left, and the restarted one is readmitted and served again', async () => {
    const athlete = await signUpAthlete(cluster.gatewayUrl, 'Steady Runner');
    const auth = bearer(athlete.token);
    const startedAt = Date.now() - 3600_000;
    const created = await graphql(cluster.gatewayUrl, 'mutation { createActivity(input: { sport: RUN }) { id } }', {}, auth);
    if (!created.data) throw new Error(JSON.stringify(created));
    const activityId = created.data.createActivity.id as string;
    await graphql(
      cluster.gatewayUrl,
      'mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }',
      {
        id: activityId,
        at: new Date(startedAt).toISOString(),
      },
      auth,
    );

    const victim = cluster.processes.find(({ url }) => url === cluster.subgraphUrls.telemetry[0])!;
    const gateway = cluster.processes.find(({ service }) => service === 'gateway')!;
    let recorded = 0;
    const failures: unknown[] = [];
    /** One call through the gateway: a point recorded, or the count read back. */
    const call = async (n: number) => {
      const answer =
        n % 2 === 0
          ? await graphql(
              cluster.gatewayUrl,
              recordTrackPoints,
              {
                activityId,
                points: [
                  {
                    seq: recorded,
                    time: new Date(startedAt + (recorded + 1) * 1000).toISOString(),
                    lat: 52.37 + recorded * 1e-5,
                    lon: 4.89,
                  },
                ],
              },
              auth,
            )
          : await graphql(cluster.gatewayUrl, trackPointCount, { id: activityId }, auth);
      if (answer.errors || answer.status !== 200) failures.push({ n, status: answer.status, errors: answer.errors });
      else if (n % 2 === 0) recorded += answer.data!.recordTrackPoints.accepted as number;
    };

    for (let n = 0; n < 50; n++) await call(n);
    victim.child.kill('SIGKILL');
    await new Promise((resolve) => victim.child.once('exit', resolve));
    for (let n = 50; n < 150; n++) await call(n);
    expect(failures).toEqual([]);
    expect(recorded).toBe(75);
    expect(logs.of(gateway.url)).toMatch(/subgraph instance unreachable: ejected/);

    // Back on its port: once its /readyz answers, the gateway sends it traffic again.
    await cluster.start(victim);
    logs.listen(victim);
    const deadline = Date.now() + 45_000;
    let n = 150;
    while (logs.graphqlRequestsServedBy(victim.url) === 0 && Date.now() < deadline) {
      await call(n++);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logs.graphqlRequestsServedBy(victim.url)).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    expect(logs.of(gateway.url)).toMatch(/subgraph instance ready again: readmitted/);
    const count = await graphql(cluster.gatewayUrl, trackPointCount, { id: activityId }, auth);
    expect(count.data).toEqual({ activity: { trackPointCount: recorded } });
  }, 120_000);
});
