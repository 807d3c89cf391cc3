import { useTestCluster } from '../src/testing.js';
import { liveActivityQuery, liveClient, recordTrackPointsMutation, runningFixes, startRun, subscribe } from './support/live-client.js';

// Separate processes share live events only through Redis: without REDIS_URL
// (the embedded default) there is nothing between them to test.
const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;

describeWithRedis('live updates across processes (two gateways, two of each subgraph, Redis)', () => {
  const cluster = useTestCluster({
    instances: 2,
    gateways: 2,
    logLevel: 'warn',
    // Warnings and errors of every process reach the test's output, to tell why a run failed.
    stdio: 'inherit',
  });

  it('delivers to a subscriber on gateway B what was recorded through gateway A, cross-subgraph fields filled', async () => {
    const [gatewayA, gatewayB] = cluster.gatewayUrls as [string, string];
    const { athlete, call, id } = await startRun(gatewayA);
    const client = liveClient(gatewayB, athlete.token);
    try {
      const stream = subscribe(client, liveActivityQuery, { id });
      expect(await stream.update(10_000)).toMatchObject({ status: 'ACTIVE', distanceMeters: 0 });
      let previous = 0;
      // Four batches: the gateway spreads them over both telemetry instances, each catching up on the other's.
      for (let batch = 0; batch < 4; batch++) {
        const recorded = await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(20 * batch, 20) });
        expect(recorded.data!.recordTrackPoints.accepted).toBe(20);
        const update = await stream.update(10_000);
        expect(update.activity).toEqual({ title: 'Evening tempo', sport: 'RUN', athlete: { name: 'Live Runner' } });
        expect(update.lastPoint.time).toBe(runningFixes(20 * batch + 19, 1)[0]!.time);
        expect(update.distanceMeters).toBeGreaterThan(previous + 100);
        previous = update.distanceMeters;
      }
      // 80 fixes 9 m apart: whichever instance took each batch, the live track saw every fix.
      expect(previous).toBeGreaterThan(0.9 * 79 * 9);
      expect(previous).toBeLessThan(79 * 9 + 1);
      for (const [mutation, status] of [
        ['pauseActivity', 'PAUSED'],
        ['resumeActivity', 'ACTIVE'],
        ['stopActivity', 'STOPPED'],
        ['completeActivity', 'COMPLETED'],
      ] as const) {
        await call(`mutation ($id: ID!) { ${mutation}(id: $id) { status } }`, { id });
        expect((await stream.update(10_000)).status).toBe(status);
      }
      await stream.completed;
    } finally {
      await client.dispose();
    }
  });

  it('carries on when the telemetry instance serving a subscription dies: the gateway subscribes again to another', async () => {
    const [gatewayA] = cluster.gatewayUrls as [string, string];
    const { athlete, call, id } = await startRun(gatewayA);
    const client = liveClient(gatewayA, athlete.token);
    try {
      // Gateway A's first subscription goes to the first telemetry instance.
      const stream = subscribe(client, liveActivityQuery, { id });
      await stream.next(10_000);
      const serving = cluster.processes.find(({ url }) => url === cluster.subgraphUrls.telemetry[0])!;
      serving.child.kill('SIGKILL');
      await new Promise((resolve) => serving.child.once('exit', resolve));
      // Calls the gateway sends to the dead instance fail; a phone retries, and so does this test.
      let accepted = false;
      for (let attempt = 0; attempt < 6 && !accepted; attempt++) {
        const recorded = await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(20 * attempt, 20) });
        accepted = recorded.data?.recordTrackPoints?.accepted === 20;
      }
      expect(accepted).toBe(true);
      // Past the current figures the new upstream starts with, the batch arrives.
      let update: Record<string, any> | undefined;
      do update = (await stream.next(10_000)).data?.liveActivity;
      while (!update?.lastPoint);
      expect(update?.lastPoint).toBeTruthy();
      expect(update?.activity).toEqual({ title: 'Evening tempo', sport: 'RUN', athlete: { name: 'Live Runner' } });
    } finally {
      await client.dispose();
    }
  });
});
