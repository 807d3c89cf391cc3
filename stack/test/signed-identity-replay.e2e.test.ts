import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, type RunningGateway } from '@pacegraph/gateway';
import { IDENTITY_HEADER } from '@pacegraph/service-kit';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

/** What one request from the gateway to a subgraph carried, as someone on the wire between them would see it. */
interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP proxy in front of `target` that records every request it passes on. */
async function wiretap(target: string): Promise<{ url: string; captured: Captured[]; close(): Promise<void> }> {
  const captured: Captured[] = [];
  const { host, port: targetPort } = new URL(target);
  const server: Server = createServer(
    (request, response) =>
      void (async () => {
        let body = '';
        for await (const chunk of request) body += chunk;
        captured.push({ headers: request.headers, body });
        const forwarded = httpRequest(
          { host: host.split(':')[0], port: targetPort, path: request.url, method: request.method, headers: request.headers },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        forwarded.end(body);
      })(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    captured,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const recordTrackPoints =
  'mutation ($activityId: ID!, $points: [TrackPointInput!]!) { recordTrackPoints(activityId: $activityId, points: $points) { accepted } }';

describe('a captured identity header', () => {
  const harness = useStack();
  let tap: Awaited<ReturnType<typeof wiretap>>;
  let tappedGateway: RunningGateway;
  beforeAll(async () => {
    const { social, activity, telemetry } = harness.stack.subgraphs;
    // A second gateway whose requests to telemetry pass a wiretap; the tests replay what it saw
    // straight to telemetry, as to another instance of it.
    tap = await wiretap(telemetry.url);
    tappedGateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      jwtSecret: harness.secrets.jwtSecret,
      internalSecret: harness.secrets.internalSecret,
      subgraphUrls: { social: [social.url], activity: [activity.url], telemetry: [tap.url] },
      production: false,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await tappedGateway?.close();
    await tap?.close();
  });

  async function replay(captured: Captured, body: string) {
    const response = await fetch(harness.stack.subgraphs.telemetry.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: captured.headers[IDENTITY_HEADER] as string },
      body,
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  }

  it('opens no other request: telemetry answers 401 to it with another body, and the original request still passes', async () => {
    const athlete = await signUpAthlete(harness.url, 'Wiretapped');
    const created = await graphql(harness.url, 'mutation { createActivity(input: { sport: RUN }) { id } }', {}, bearer(athlete.token));
    const activityId = created.data!.createActivity.id as string;
    await graphql(harness.url, 'mutation ($id: ID!) { startActivity(id: $id) { id } }', { id: activityId }, bearer(athlete.token));

    // The athlete's own request, through the tapped gateway: telemetry serves it as the athlete.
    const through = await graphql(
      tappedGateway.url,
      'query ($id: ID!) { activity(id: $id) { id trackPointCount } }',
      { id: activityId },
      bearer(athlete.token),
    );
    expect(through.data).toEqual({ activity: { id: activityId, trackPointCount: 0 } });
    const captured = tap.captured.find((request) => request.headers[IDENTITY_HEADER]);
    expect(captured).toBeDefined();

    // The same header on another request, as the athlete: points recorded into their activity.
    const forged = await replay(
      captured!,
      JSON.stringify({
        query: recordTrackPoints,
        variables: { activityId, points: [{ seq: 0, time: new Date().toISOString(), lat: 52.37, lon: 4.89 }] },
      }),
    );
    expect([forged.status, forged.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);

    // The request it was made for is still answered (instances are alike; any of them may take it).
    const original = await replay(captured!, captured!.body);
    expect(original.status).toBe(200);
    expect(original.body.errors).toBeUndefined();

    const after = await graphql(
      harness.url,
      'query ($id: ID!) { activity(id: $id) { trackPointCount } }',
      { id: activityId },
      bearer(athlete.token),
    );
    expect(after.data).toEqual({ activity: { trackPointCount: 0 } });
  });
});
