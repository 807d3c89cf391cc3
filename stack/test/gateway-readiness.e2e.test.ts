import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

describe("the gateway's /readyz", () => {
  const harness = useStack();
  const at = (path: string) => fetch(harness.url.replace(/\/graphql$/, path));

  it('answers 200 while every subgraph is reachable, and names the one a call could not reach while the others still answer; /healthz stays 200', async () => {
    const ready = await at('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', pid: process.pid });

    const athlete = await signUpAthlete(harness.url, 'Runner');
    await harness.stack.subgraphs.telemetry.close();
    // The gateway learns that telemetry is gone from the first call that cannot reach it.
    const created = await graphql(
      harness.url,
      'mutation { createActivity(input: { sport: RUN }) { id trackPointCount } }',
      {},
      bearer(athlete.token),
    );
    expect(created.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);

    // Still ready: every gateway is as cut off from telemetry as this one, and the other subgraphs' fields still come.
    const degraded = await at('/readyz');
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toEqual({ status: 'ready', pid: process.pid, unreachableSubgraphs: ['telemetry'] });
    expect((await at('/healthz')).status).toBe(200);
  });
});
