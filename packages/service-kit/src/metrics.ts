import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ErrorCode } from './errors.js';
import { sdkOperationNames } from './operation-names.js';

/** The label of an operation that is not one of the SDK's (or has no name): labels stay a bounded set. */
export const otherOperation = 'other';

const knownOperations = new Set<string>(sdkOperationNames);
// The gateway names the operation it sends a subgraph `<client operation>__<subgraph>__<n>`.
const subgraphFetchSuffix = /__[A-Za-z0-9]+__\d+$/;

/**
 * An operation's name as a metric label: one of the SDK's operations (a
 * subgraph's share of it counts as that operation), else `other`. Clients
 * name operations as they like, and each new label value is a new series.
 */
export function operationLabel(operationName: string | undefined): string {
  if (!operationName) return otherOperation;
  const name = operationName.replace(subgraphFetchSuffix, '');
  return knownOperations.has(name) ? name : otherOperation;
}

const knownErrorCodes = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** An error code as a metric label: PaceGraph's and Apollo's codes, else `OTHER`. */
export function errorCodeLabel(code: string | undefined): string {
  return code !== undefined && knownErrorCodes.has(code) ? code : 'OTHER';
}

let processRegistry: Registry | undefined;
let busDeliveryDelay: Histogram | undefined;

/** What the process as a whole reports (CPU, memory, event loop, the event bus), whichever services it runs. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
    busDeliveryDelay = new Histogram({
      name: 'pacegraph_event_bus_delivery_delay_seconds',
      help: 'Time from a message being published on the event bus to its delivery in this process (needs clocks in sync across hosts)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [processRegistry],
    });
  }
  return processRegistry;
}

/** Records one event bus message's delay from publish to delivery here. */
export function observeBusDeliveryDelay(seconds: number): void {
  processMetrics();
  // Clocks of two hosts can disagree by a little: a negative delay is no delay.
  busDeliveryDelay!.observe(Math.max(0, seconds));
}

/**
 * One service's Prometheus metrics: its GraphQL requests (rate, errors,
 * latency per operation) and whatever the service registers on `registry`
 * (live subscriptions, fixes ingested). Served, with the process's own, at
 * the service's `/metrics`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly errors: Counter<'operation' | 'code'>;
  private readonly duration: Histogram<'operation'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    processMetrics();
    this.requests = new Counter({
      name: 'pacegraph_graphql_requests_total',
      help: 'GraphQL requests answered over HTTP, by operation and outcome (ok, or error when the answer carried errors)',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'pacegraph_graphql_errors_total',
      help: 'GraphQL requests answered with errors, by operation and the first error code',
      labelNames: ['operation', 'code'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'pacegraph_graphql_request_duration_seconds',
      help: 'Time to answer a GraphQL request over HTTP, by operation',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** Records one answered GraphQL request. */
  observeRequest(operationName: string | undefined, errorCode: string | undefined, seconds: number): void {
    const operation = operationLabel(operationName);
    this.requests.inc({ operation, outcome: errorCode ? 'error' : 'ok' });
    if (errorCode) this.errors.inc({ operation, code: errorCodeLabel(errorCode) });
    this.duration.observe({ operation }, seconds);
  }

  /** A counter of the service's own, without labels (fixes ingested, say). */
  counter(name: string, help: string): { inc(by?: number): void } {
    return new Counter({ name, help, registers: [this.registry] });
  }

  /** A gauge of the service's own, without labels (live subscriptions open, say). */
  gauge(name: string, help: string): { inc(by?: number): void; dec(by?: number): void } {
    return new Gauge({ name, help, registers: [this.registry] });
  }

  /** The service's metrics and the process's, in Prometheus's text format. */
  async text(): Promise<string> {
    return `${await processMetrics().metrics()}\n${await this.registry.metrics()}`;
  }
}

/** Who may read `/metrics`. */
export interface MetricsAccess {
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  token?: string;
  /** Without a token, production answers `/metrics` with 404: it must not be public. */
  production: boolean;
}

/** Answers `GET /metrics` (Prometheus text format) for whoever `access` lets in: 401 without the token, 404 where it is off. */
export async function serveMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  metrics: ServiceMetrics,
  access: MetricsAccess,
): Promise<void> {
  if (!access.token && access.production) {
    response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'Not found' }));
    return;
  }
  if (access.token && !sameSecret(request.headers.authorization, `Bearer ${access.token}`)) {
    response
      .writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' })
      .end(JSON.stringify({ error: 'Unauthorized' }));
    return;
  }
  const body = await metrics.text();
  response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
