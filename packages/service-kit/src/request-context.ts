import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Context, Span } from '@opentelemetry/api';

/** The header a request id travels in: honoured from the caller, echoed in the answer, passed to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What is known of the request being served, wherever its work runs (log lines, subgraph fetches, metrics). */
export interface RequestContext {
  requestId: string;
  /** The GraphQL operation's name once known (the first operation of an anonymous document has none). */
  operationName?: string;
  /** `query`, `mutation` or `subscription`, once known. */
  operationType?: string;
  /** The request's server span, when tracing is on. */
  span?: Span;
  /** The trace context the request's own work runs in (its span's), for child spans. */
  traceContext?: Context;
  /** The trace the request belongs to, for log lines: its span's, or the caller's `traceparent` with tracing off. */
  traceId?: string;
  spanId?: string;
  /** The caller's `traceparent`/`tracestate`, passed on to subgraphs as they came when this process does not trace. */
  incomingTraceparent?: string;
  incomingTracestate?: string;
  /** Whether the answer carried GraphQL errors, and the first one's code. */
  errorCode?: string;
}

const store = new AsyncLocalStorage<RequestContext>();

/** The request whose work is running now, if any. */
export function currentRequest(): RequestContext | undefined {
  return store.getStore();
}

/** Runs `work` as part of `request`: everything it awaits sees it through {@link currentRequest}. */
export function runInRequest<T>(request: RequestContext, work: () => T): T {
  return store.run(request, work);
}

// Letters, digits and a few separators, as load balancers and tracing proxies make them (UUIDs, ULIDs, hex).
const wellFormedRequestId = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The request id a request goes by: the caller's `x-request-id` when it is
 * well formed (a proxy in front, or the gateway for a subgraph), else a fresh
 * UUID. Anything else a caller sends is not trusted into log lines.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && wellFormedRequestId.test(value) ? value : randomUUID();
}

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The trace and parent span ids of a W3C `traceparent` header, or undefined if it is not a valid one. */
export function parseTraceparent(header: string | undefined): { traceId: string; spanId: string } | undefined {
  const match = header === undefined ? null : traceparentPattern.exec(header.trim());
  if (!match || /^0+$/.test(match[1]!) || /^0+$/.test(match[2]!)) return undefined;
  return { traceId: match[1]!, spanId: match[2]! };
}
