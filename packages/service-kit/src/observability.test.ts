import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, memoryLogDestination } from './logger.js';
import { operationLabel, serveMetrics, ServiceMetrics, type MetricsAccess } from './metrics.js';
import { observabilityFromEnv } from './observability-env.js';
import { sdkOperationNames } from './operation-names.js';
import { parseTraceparent, requestIdOf, runInRequest } from './request-context.js';
import { RedisEventBus } from './redis-event-bus.js';
import { addPropagationHeaders, startServerSpan, tracingOff } from './tracing.js';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('request ids', () => {
  it("honours a caller's well-formed x-request-id and replaces anything else with a UUID", () => {
    expect(requestIdOf('3f2a9c1e-lb-7')).toBe('3f2a9c1e-lb-7');
    for (const bad of [undefined, '', 'has space', 'line\nbreak', 'x'.repeat(129), '"quoted"']) {
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('trace context with tracing off', () => {
  it("makes no span, logs the caller's trace id and passes its traceparent on to subgraphs as it came", () => {
    const request = { requestId: 'r-1' };
    startServerSpan(tracingOff, request, 'POST /graphql', { traceparent, tracestate: 'vendor=1' }, {});
    expect(request).toEqual({
      requestId: 'r-1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      incomingTraceparent: traceparent,
      incomingTracestate: 'vendor=1',
    });
    const headers: Record<string, string> = {};
    runInRequest(request, () => addPropagationHeaders(headers, undefined));
    expect(headers).toEqual({ 'x-request-id': 'r-1', traceparent, tracestate: 'vendor=1' });
  });

  it('ignores a malformed traceparent', () => {
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
    const request = { requestId: 'r-2' };
    startServerSpan(tracingOff, request, 'POST /graphql', { traceparent: '00-nothex-01' }, {});
    expect(request).toEqual({ requestId: 'r-2' });
  });
});

describe('log lines of a request', () => {
  it('carry its request id, operation name and trace id; lines outside a request carry none', () => {
    const { destination, records } = memoryLogDestination();
    const log = createLogger('test', 'info', destination);
    runInRequest({ requestId: 'r-3', operationName: 'Feed', traceId: 'abc', spanId: 'def' }, () => log.info('inside'));
    log.info('outside');
    const lines = records();
    expect(lines[0]).toMatchObject({ requestId: 'r-3', operation: 'Feed', trace_id: 'abc', span_id: 'def', msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });
});

describe('operation labels', () => {
  it("are the SDK's operation names, a subgraph's share named as its operation, and 'other' for anything else", () => {
    expect(operationLabel('Feed')).toBe('Feed');
    expect(operationLabel('Feed__social__0')).toBe('Feed');
    expect(operationLabel('Whatever')).toBe('other');
    expect(operationLabel(undefined)).toBe('other');
  });

  it("list exactly the SDK's operations", () => {
    const directory = new URL('../../../client-sdk/operations/', import.meta.url);
    const names = readdirSync(directory)
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) =>
        [...readFileSync(new URL(file, directory), 'utf8').matchAll(/^(?:query|mutation|subscription)\s+(\w+)/gm)].map((match) => match[1]),
      );
    expect([...sdkOperationNames].sort()).toEqual(names.sort());
  });
});

describe('observability from the environment', () => {
  it('traces nothing by default', () => {
    expect(observabilityFromEnv({})).toEqual({});
    expect(observabilityFromEnv({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({});
    expect(observabilityFromEnv({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({});
  });

  it('sends spans to the OTLP endpoint when one is set, with the standard variables', () => {
    expect(
      observabilityFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=a%20b,tenant=7',
        OTEL_SERVICE_NAME: 'pacegraph-gateway-eu',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: 0.1,
        METRICS_TOKEN: 'a-long-enough-token',
      }),
    ).toEqual({
      tracing: {
        tracesUrl: 'http://collector:4318/v1/traces',
        serviceName: 'pacegraph-gateway-eu',
        headers: { 'x-api-key': 'a b', tenant: '7' },
        sampler: 'parentbased_traceidratio',
        samplerRatio: 0.1,
      },
      metricsToken: 'a-long-enough-token',
    });
    expect(observabilityFromEnv({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing?.tracesUrl).toBe('http://localhost:4318/v1/traces');
  });
});

describe('/metrics', () => {
  async function metricsServer(access: MetricsAccess) {
    const metrics = new ServiceMetrics('test');
    metrics.observeRequest('Feed', undefined, 0.02);
    const server = createServer((request, response) => void serveMetrics(request, response, metrics, access));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, close: () => server.close() };
  }

  it('is open in development, with the Prometheus text format', async () => {
    const server = await metricsServer({ production: false });
    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).toContain('pacegraph_graphql_requests_total{operation="Feed",outcome="ok",service="test"} 1');
    } finally {
      server.close();
    }
  });

  it('asks for the bearer token when METRICS_TOKEN is set, and is not served in production without one', async () => {
    const guarded = await metricsServer({ production: true, token: 'scrape-token-123456' });
    const closed = await metricsServer({ production: true });
    try {
      expect((await fetch(guarded.url)).status).toBe(401);
      expect((await fetch(guarded.url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await fetch(guarded.url, { headers: { authorization: 'Bearer scrape-token-123456' } })).status).toBe(200);
      expect((await fetch(closed.url)).status).toBe(404);
    } finally {
      guarded.close();
      closed.close();
    }
  });
});

// Against a real Redis when REDIS_URL is set (CI's services mode), as the event bus suite.
const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('the event bus delivery delay', () => {
  it('is measured for each message that comes through Redis, from the time its envelope says it was published', async () => {
    const log = createLogger('test', 'silent');
    const channelPrefix = `test-lag-${process.pid}-${Date.now()}`;
    const publisher = new RedisEventBus({ url: redisUrl!, channelPrefix, log });
    const subscriber = new RedisEventBus({ url: redisUrl!, channelPrefix, log });
    const count = async () => {
      const text = await new ServiceMetrics('lag').text();
      return Number(/^pacegraph_event_bus_delivery_delay_seconds_count (\d+)$/m.exec(text)?.[1] ?? 0);
    };
    try {
      const before = await count();
      const received: unknown[] = [];
      let arrived!: () => void;
      const delivered = new Promise<void>((resolve) => (arrived = resolve));
      await subscriber.subscribe('topic', (message) => {
        received.push(message);
        arrived();
      });
      await publisher.publish('topic', { at: 'now' });
      await delivered;
      expect(received).toEqual([{ at: 'now' }]);
      expect(await count()).toBe(before + 1);
    } finally {
      await Promise.all([publisher.close(), subscriber.close()]);
    }
  });
});
