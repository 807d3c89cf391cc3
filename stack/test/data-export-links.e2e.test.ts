import { createServer } from 'node:net';
import { memoryLogDestination } from '@pacegraph/service-kit';
import { startGateway, type RunningGateway } from '@pacegraph/gateway';
import { athletes, ok, savedActivity, type Athlete } from './support/social.js';
import { useStack } from './support/stack.js';

/** A port nothing listens on: a subgraph that is down. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

describe('data-export links through the gateway', () => {
  const harness = useStack();
  const gateways: RunningGateway[] = [];
  let exporter: Athlete;

  /** Another gateway instance over the same subgraphs, logging at info into `lines`. */
  async function anotherGateway(options: { telemetryUrl?: string } = {}) {
    const { lines, destination } = memoryLogDestination();
    const { social, activity, telemetry } = harness.stack.subgraphs;
    const gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      jwtSecret: harness.secrets.jwtSecret,
      internalSecret: harness.secrets.internalSecret,
      subgraphUrls: { social: [social.url], activity: [activity.url], telemetry: [options.telemetryUrl ?? telemetry.url] },
      production: false,
      logLevel: 'info',
      logDestination: destination,
      bus: harness.stack.bus,
    });
    gateways.push(gateway);
    return { origin: new URL(gateway.url).origin, lines };
  }

  const newLink = async () => (await ok(exporter.call('mutation { exportMyData { url } }'))).exportMyData.url as string;

  beforeAll(async () => {
    [exporter] = await athletes(harness.url, ['Link exporter'] as const);
    await savedActivity(exporter, { startedAt: new Date(Date.now() - 2 * 3600_000), fixes: 5, title: 'Export me' });
  });
  afterAll(() => Promise.all(gateways.map((gateway) => gateway.close())));

  it('downloads a link once: the second fetch is 410 Gone', async () => {
    const origin = new URL(harness.url).origin;
    const url = await newLink();
    const first = await fetch(`${origin}${url}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/zip');
    await first.arrayBuffer();
    const again = await fetch(`${origin}${url}`);
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({ error: expect.stringMatching(/already been used/) });
  });

  it('gives the zip to exactly one of two fetches at once, even on two gateway instances', async () => {
    const origin = new URL(harness.url).origin;
    const other = await anotherGateway();
    for (const origins of [
      [origin, origin],
      [origin, other.origin],
    ]) {
      const url = await newLink();
      const statuses = await Promise.all(
        origins.map(async (at) => {
          const response = await fetch(`${at}${url}`);
          await response.arrayBuffer();
          return response.status;
        }),
      );
      expect(statuses.sort()).toEqual([200, 410]);
    }
  });

  it('never logs the link or its token, whether the export fails or succeeds', async () => {
    const broken = await anotherGateway({ telemetryUrl: await deadUrl() });
    const failingUrl = await newLink();
    const failed = await fetch(`${broken.origin}${failingUrl}`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: expect.stringMatching(/failed/) });
    expect(broken.lines.some((line) => /data export failed/.test(line))).toBe(true);

    const working = await anotherGateway();
    const url = await newLink();
    expect((await fetch(`${working.origin}${url}`)).status).toBe(200);
    // A token in a query string of any route, too.
    await fetch(`${working.origin}/graphql?token=${url.split('/').pop()}`, { headers: { authorization: `Bearer ${exporter.token}` } });

    for (const [lines, link] of [
      [broken.lines, failingUrl],
      [working.lines, url],
    ] as const) {
      const token = link.split('/').pop()!;
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain(token);
      expect(lines.join('\n')).not.toContain(token.split('.')[2]);
      expect(lines.join('\n')).not.toContain(exporter.token);
    }
  });
});
