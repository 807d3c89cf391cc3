import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memoryLogDestination } from '@pacegraph/service-kit';
import { bootTestStack, type StackUnderTest } from '../src/testing.js';
import { liveActivityQuery, liveClient, recordTrackPointsMutation, runningFixes, startRun, subscribe } from './support/live-client.js';
import { bearer, graphql, signUpAthlete } from './support/stack.js';

/** A span as an OTLP/HTTP JSON export carries it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

const SERVER = 2;
const CLIENT = 3;

/** A collector's OTLP/HTTP traces endpoint, in miniature: keeps every span POSTed to /v1/traces. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer(
    (request, response) =>
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = resourceSpans.resource.attributes.find((attribute: any) => attribute.key === 'service.name')?.value.stringValue;
          for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
            for (const span of scopeSpans.spans ?? []) {
              const attributes = Object.fromEntries(
                (span.attributes ?? []).map((attribute: any) => [attribute.key, Object.values(attribute.value)[0]]),
              );
              spans.push({
                service,
                name: span.name,
                kind: span.kind,
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId || undefined,
                attributes,
              });
            }
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      })(),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, spans, server };
}

/** Waits (polling) until `check` returns something; fails after a while with `what`. */
async function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One sample's value from a Prometheus text exposition, by metric name and labels (all given must match). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

const metricsOf = async (graphqlUrl: string) => (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();

describe('observability: traces, request ids in log lines, /metrics', () => {
  let harness: StackUnderTest;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  const log = memoryLogDestination();

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    harness = await bootTestStack({
      observability: { tracing: { tracesUrl: receiver.url, exportDelayMs: 20 } },
      logDestination: log.destination,
    });
  });
  afterAll(async () => {
    await harness?.close();
    receiver?.server.close();
  });

  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';
  let requestId: string;

  it("traces one request from the gateway into the subgraph it asks, under the caller's trace", async () => {
    const athlete = await signUpAthlete(harness.stack.gatewayUrl);
    requestId = `test-request-${Date.now()}`;
    const response = await fetch(harness.stack.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...bearer(athlete.token),
        'x-request-id': requestId,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ query: 'query Me { me { id name } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);

    const [gatewayServer, gatewayFetch, socialSpan] = await eventually('the spans of the gateway and of social', () => {
      const inTrace = receiver.spans.filter((span) => span.traceId === traceId);
      const found = [
        inTrace.find((span) => span.service === 'pacegraph-gateway' && span.kind === SERVER),
        // The fetch of Me's share from social (the gateway also asks social about the token, in the same trace).
        inTrace.find(
          (span) =>
            span.service === 'pacegraph-gateway' && span.kind === CLIENT && span.attributes['graphql.operation.name'] === 'Me__social__0',
        ),
        inTrace.find((span) => span.service === 'pacegraph-social' && span.name === 'query Me__social__0'),
      ];
      return found.every(Boolean) ? found : undefined;
    });
    expect(gatewayServer).toMatchObject({ name: 'query Me', parentSpanId: callerSpanId, attributes: { 'graphql.operation.name': 'Me' } });
    expect(gatewayFetch).toMatchObject({ parentSpanId: gatewayServer!.spanId, attributes: { 'pacegraph.subgraph': 'social' } });
    expect(socialSpan).toMatchObject({ kind: SERVER, parentSpanId: gatewayFetch!.spanId });
  });

  it('puts the request id, the trace id and the operation name in the log lines of that request, in the gateway and the subgraph', async () => {
    const lines = await eventually('log lines of the request in both services', () => {
      const found = (log.records() as Record<string, any>[]).filter((line) => line.requestId === requestId);
      return found.some((line) => line.service === 'social') && found.some((line) => line.service === 'gateway') ? found : undefined;
    });
    for (const line of lines) expect(line).toMatchObject({ requestId, trace_id: traceId });
    expect(lines.filter((line) => line.service === 'gateway')).toContainEqual(
      expect.objectContaining({ operation: 'Me', msg: 'graphql request' }),
    );
    expect(lines.filter((line) => line.service === 'social')).toContainEqual(
      expect.objectContaining({ operation: 'Me__social__0', msg: 'graphql request' }),
    );
  });

  it('counts requests and their latency per operation at /metrics, with unknown operation names as "other"', async () => {
    await graphql(harness.stack.gatewayUrl, 'query MadeUpName { __typename }');
    const text = await metricsOf(harness.stack.gatewayUrl);
    expect(sample(text, 'pacegraph_graphql_requests_total', { service: 'gateway', operation: 'Me', outcome: 'ok' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(text, 'pacegraph_graphql_request_duration_seconds_count', { operation: 'Me' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pacegraph_graphql_requests_total', { operation: 'other', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('MadeUpName');
    const social = await metricsOf(harness.stack.subgraphs.social.url);
    expect(
      sample(social, 'pacegraph_graphql_requests_total', { service: 'social', operation: 'Me', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts fixes ingested, and the live subscriptions open while one is', async () => {
    const run = await startRun(harness.stack.gatewayUrl);
    const client = liveClient(harness.stack.gatewayUrl);
    const live = subscribe(client, liveActivityQuery, { id: run.id });
    try {
      const open = await eventually('the subscription to count as open', async () =>
        sample(await metricsOf(harness.stack.gatewayUrl), 'pacegraph_subscriptions_open', { service: 'gateway' }) === 1 ? true : undefined,
      );
      expect(open).toBe(true);
      const recorded = await run.call(recordTrackPointsMutation, { activityId: run.id, points: runningFixes(0, 7) });
      expect(recorded.data!.recordTrackPoints.accepted).toBe(7);
      await live.update();
      const telemetry = await metricsOf(harness.stack.subgraphs.telemetry.url);
      expect(sample(telemetry, 'pacegraph_track_points_ingested_total', { service: 'telemetry' })).toBe(7);
    } finally {
      live.unsubscribe();
    }
    await eventually('the subscription to count as closed', async () =>
      sample(await metricsOf(harness.stack.gatewayUrl), 'pacegraph_subscriptions_open', { service: 'gateway' }) === 0 ? true : undefined,
    );
    await client.dispose();
  });
});
