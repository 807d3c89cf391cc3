import type { IncomingHttpHeaders } from 'node:http';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { currentRequest, parseTraceparent, REQUEST_ID_HEADER, type RequestContext } from './request-context.js';

/** The samplers of OTEL_TRACES_SAMPLER that PaceGraph understands. */
export const traceSamplers = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type TraceSampler = (typeof traceSamplers)[number];

/** Where and how a service sends its spans (OTLP over HTTP, JSON encoding). Absent: tracing is off. */
export interface TracingConfig {
  /** The resource's `service.name`. @default `pacegraph-<service>` */
  serviceName?: string;
  /** The full URL spans are POSTed to, e.g. `http://collector:4318/v1/traces`. */
  tracesUrl: string;
  /** Headers sent with each export (a collector's API key, say). */
  headers?: Record<string, string>;
  /** @default parentbased_always_on */
  sampler?: TraceSampler;
  /** For the `traceidratio` samplers. @default 1 */
  samplerRatio?: number;
  /** More resource attributes (OTEL_RESOURCE_ATTRIBUTES), e.g. `deployment.environment.name`. */
  resourceAttributes?: Record<string, string>;
  /** How long spans wait in the batch before they are sent (OTEL_BSP_SCHEDULE_DELAY). @default 5,000 ms */
  exportDelayMs?: number;
}

/** A span of PaceGraph's own (a request served, a subgraph fetch). */
export type TraceSpan = Span;

/** A service's tracer, or none when tracing is off (then no span is ever made). */
export interface Tracing {
  readonly tracer?: Tracer;
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Tracing off: no tracer, nothing to send. */
export const tracingOff: Tracing = { shutdown: async () => undefined };

function samplerOf(config: TracingConfig): Sampler {
  const ratio = new TraceIdRatioBasedSampler(config.samplerRatio ?? 1);
  switch (config.sampler ?? 'parentbased_always_on') {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * The service's own tracer provider, exporting in batches over OTLP/HTTP.
 * Not registered globally: the one-process stack runs four services, each
 * with its own `service.name`, and nothing else in the process (Apollo
 * Gateway's built-in spans among them) starts making spans behind our back.
 */
export function startTracing(config: TracingConfig | undefined, service: string): Tracing {
  if (!config) return tracingOff;
  const exporter = new OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers ?? {} });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ ...config.resourceAttributes, [ATTR_SERVICE_NAME]: config.serviceName ?? `pacegraph-${service}` }),
    sampler: samplerOf(config),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: config.exportDelayMs ?? 5000 })],
  });
  return { tracer: provider.getTracer('pacegraph'), shutdown: () => provider.shutdown() };
}

const propagator = new W3CTraceContextPropagator();

/**
 * Starts the server span of an incoming request, a child of the caller's
 * `traceparent` when there is one, and records it (or, with tracing off, the
 * caller's trace id alone, for log lines) on the request's context.
 */
export function startServerSpan(
  tracing: Tracing,
  request: RequestContext,
  name: string,
  headers: IncomingHttpHeaders,
  attributes: Attributes,
): void {
  const traceparent = headerOf(headers.traceparent);
  if (!tracing.tracer) {
    const parent = parseTraceparent(traceparent);
    if (!parent) return;
    request.traceId = parent.traceId;
    request.incomingTraceparent = traceparent;
    request.incomingTracestate = headerOf(headers.tracestate);
    return;
  }
  const parent = traceparent ? propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter) : ROOT_CONTEXT;
  const span = tracing.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  request.span = span;
  request.traceContext = trace.setSpan(parent, span);
  const { traceId, spanId } = span.spanContext();
  request.traceId = traceId;
  request.spanId = spanId;
}

/** Ends a request's server span, an error when the answer was one. */
export function endServerSpan(request: RequestContext, statusCode: number): void {
  const { span } = request;
  if (!span) return;
  span.setAttribute('http.response.status_code', statusCode);
  if (request.errorCode) span.setAttribute('graphql.error.code', request.errorCode);
  if (statusCode >= 500 || request.errorCode)
    span.setStatus({ code: SpanStatusCode.ERROR, ...(request.errorCode ? { message: request.errorCode } : {}) });
  span.end();
}

/**
 * Starts the client span of a request this service sends for the request it
 * is serving (the gateway's fetch from a subgraph); undefined with tracing off.
 */
export function startClientSpan(tracing: Tracing, name: string, attributes: Attributes): Span | undefined {
  if (!tracing.tracer) return undefined;
  const parent = currentRequest()?.traceContext ?? ROOT_CONTEXT;
  return tracing.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
}

/**
 * Adds what a request sent on behalf of the current one carries along: its
 * request id, and the W3C trace context (the client span's, or, with tracing
 * off, the caller's as it came).
 */
export function addPropagationHeaders(headers: Record<string, string>, clientSpan: Span | undefined): void {
  const request = currentRequest();
  if (request) headers[REQUEST_ID_HEADER] = request.requestId;
  if (clientSpan) {
    propagator.inject(trace.setSpan(ROOT_CONTEXT, clientSpan), headers, defaultTextMapSetter);
  } else if (request?.incomingTraceparent) {
    headers.traceparent = request.incomingTraceparent;
    if (request.incomingTracestate) headers.tracestate = request.incomingTracestate;
  }
}

/** Ends a client span, an error when the request failed. */
export function endClientSpan(span: Span | undefined, failure?: unknown, statusCode?: number): void {
  if (!span) return;
  if (statusCode !== undefined) span.setAttribute('http.response.status_code', statusCode);
  if (failure !== undefined || (statusCode !== undefined && statusCode >= 400)) {
    span.setStatus({ code: SpanStatusCode.ERROR, ...(failure instanceof Error ? { message: failure.message } : {}) });
  }
  span.end();
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
