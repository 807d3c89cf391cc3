import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { DomainError, ErrorCode, extensionsOf, httpStatusOf } from './errors.js';
import type { Logger } from './logger.js';
import { serveMetrics, type MetricsAccess, type ServiceMetrics } from './metrics.js';
import { currentRequest, REQUEST_ID_HEADER, requestIdOf, runInRequest, type RequestContext } from './request-context.js';
import { endServerSpan, startServerSpan, tracingOff, type Tracing } from './tracing.js';

/** How long an idle kept-alive connection stays open. @default 65 s */
export const keepAliveTimeoutMs = 65_000;

/** A request body larger than this is refused with 413. @default 2 MiB */
export const defaultMaxBodyBytes = 2 * 1024 * 1024;
/** How long shutdown waits for in-flight requests before cutting them. @default 10 s */
export const defaultDrainTimeoutMs = 10_000;

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /**
   * Builds a request's context from its headers and its raw body (the bytes
   * received, for a signature bound to them). A DomainError thrown here
   * answers the request with that error (401 for UNAUTHENTICATED) before any
   * GraphQL runs.
   */
  context: (request: IncomingMessage, rawBody: Buffer) => Promise<TContext>;
  /** Whether the service can take traffic (database reachable, …), for /readyz. */
  ready: () => Promise<boolean | ReadinessReport>;
  log: Logger;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Routes served besides /graphql, /healthz and /readyz; return true when handled. */
  routes?: (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;
  maxBodyBytes?: number;
  drainTimeoutMs?: number;
  /** The service's metrics, served at /metrics to whom `access` lets in; each GraphQL request is counted. */
  metrics?: { service: ServiceMetrics; access: MetricsAccess };
  /** Each GraphQL request gets a server span, a child of the caller's `traceparent`. @default off */
  tracing?: Tracing;
  /**
   * Lets web pages of any origin call /graphql (CORS): Apollo Sandbox and
   * Studio, GraphiQL, web apps. Safe because nothing here reads cookies: a
   * caller is who its Authorization header says, which a page must send itself.
   * @default false
   */
  crossOrigin?: boolean;
}

/** Whether a service can take traffic, with what /readyz shows beside its status (what is missing). */
export interface ReadinessReport {
  ready: boolean;
  /** Fields added to /readyz's JSON body, e.g. `{ unreachableSubgraphs: ['telemetry'] }`. */
  details?: Record<string, unknown>;
}

/** A started server. `close()` drains it: no new requests, in-flight ones finish. */
export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  close(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** How long a browser may keep a preflight's answer (Chromium keeps at most 2 h). */
const preflightMaxAgeSeconds = 7200;

/**
 * Answers a CORS preflight: any origin, the methods /graphql takes, and the
 * headers the page asked for (Sandbox sends `apollographql-client-name`,
 * apps `authorization`). No credentials: cookies are never sent along.
 */
function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(204, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? 'content-type, authorization',
    'access-control-max-age': String(preflightMaxAgeSeconds),
    vary: 'Access-Control-Request-Headers',
  });
  response.end();
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function sendGraphQLErrors(response: ServerResponse, status: number, code: string, message: string, extra = {}) {
  sendJson(response, status, { errors: [{ message, extensions: { code, ...extra } }] });
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpFailure(413, ErrorCode.BadUserInput, `Request body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseBody(request: IncomingMessage, text: string): unknown {
  if (request.method !== 'POST') return undefined;
  if (!(request.headers['content-type'] ?? '').includes('application/json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpFailure(400, ErrorCode.BadUserInput, 'Request body is not valid JSON');
  }
}

/**
 * Serves an Apollo Server over node:http at /graphql, with /healthz and
 * /readyz beside it and a graceful close. One adapter for the gateway and
 * every subgraph, so all of them behave alike at the edge.
 */
export async function startGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): Promise<RunningServer> {
  const { apollo, log } = options;
  await apollo.start();
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const tracing = options.tracing ?? tracingOff;
  let draining = false;

  async function serveGraphQL(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const rawBody = await readBody(request, maxBodyBytes);
    let context: TContext;
    try {
      context = await options.context(request, rawBody);
    } catch (error) {
      if (error instanceof DomainError) {
        const served = currentRequest();
        if (served) served.errorCode = error.code;
        sendJson(response, httpStatusOf(error), { errors: [{ message: error.message, extensions: extensionsOf(error) }] });
        return;
      }
      throw error;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = parseBody(request, rawBody.toString('utf8'));
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: async () => context,
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Every answer is its viewer's own (or a moment's state): no cache may keep it. A route may say otherwise.
    response.setHeader('cache-control', 'no-store');
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const answer = draining ? false : await options.ready().catch(() => false);
      const { ready, details } = typeof answer === 'boolean' ? { ready: answer, details: undefined } : answer;
      // The process id tells a launcher that the server answering is the process it started.
      return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', pid: process.pid, ...details });
    }
    if (url.pathname === '/metrics' && options.metrics) {
      return serveMetrics(request, response, options.metrics.service, options.metrics.access);
    }
    if (url.pathname === '/graphql') {
      if (options.crossOrigin) {
        if (request.method === 'OPTIONS') return answerPreflight(request, response);
        response.setHeader('access-control-allow-origin', '*');
        // So that a page's script may read the id to quote in a support request.
        response.setHeader('access-control-expose-headers', REQUEST_ID_HEADER);
      }
      const started = performance.now();
      const served = beginRequest(request, response);
      // 'close', not 'finish': a request whose caller went away is counted, and its span ended, too.
      response.once('close', () =>
        runInRequest(served, () => {
          const seconds = (performance.now() - started) / 1000;
          const status = response.statusCode;
          served.errorCode ??= status >= 500 ? ErrorCode.Internal : status >= 400 ? 'BAD_REQUEST' : undefined;
          options.metrics?.service.observeRequest(served.operationName, served.errorCode, seconds);
          endServerSpan(served, status);
          log.info({ method: request.method, status, durationMs: Math.round(seconds * 1000) }, 'graphql request');
        }),
      );
      return runInRequest(served, () => serveGraphQL(request, response, url));
    }
    if (options.routes && (await options.routes(request, response))) return;
    sendJson(response, 404, { error: 'Not found' });
  }

  /** A GraphQL request's context: its request id (echoed to the caller), and its server span. */
  function beginRequest(request: IncomingMessage, response: ServerResponse): RequestContext {
    const served: RequestContext = { requestId: requestIdOf(request.headers[REQUEST_ID_HEADER]) };
    response.setHeader(REQUEST_ID_HEADER, served.requestId);
    startServerSpan(tracing, served, `${request.method ?? 'GET'} /graphql`, request.headers, {
      'http.request.method': request.method ?? 'GET',
      'url.path': '/graphql',
    });
    return served;
  }

  const httpServer = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpFailure) {
        return sendGraphQLErrors(response, error.status, error.code, error.message);
      }
      log.error({ err: error, url: request.url }, 'request failed');
      if (!response.headersSent) sendGraphQLErrors(response, 500, ErrorCode.Internal, 'Internal server error');
      else response.end();
    });
  });
  // Node closes an idle kept-alive connection after 5 s; a client that sends on it just then (the
  // gateway, with its event loop late under load) gets ECONNRESET. Idle connections live longer
  // here than any client keeps them, as load balancers advise.
  httpServer.keepAliveTimeout = keepAliveTimeoutMs;
  httpServer.headersTimeout = keepAliveTimeoutMs + 1_000;

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    // The port is taken, say: nothing was served, so Apollo simply stops.
    await apollo.stop();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host}:${port}/graphql`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // Keep-alive connections go idle as their last response ends; close them as they do.
      const sweeper = setInterval(() => httpServer.closeIdleConnections(), 50);
      const deadline = setTimeout(() => httpServer.closeAllConnections(), options.drainTimeoutMs ?? defaultDrainTimeoutMs);
      httpServer.closeIdleConnections();
      await closed;
      clearInterval(sweeper);
      clearTimeout(deadline);
      await apollo.stop();
    })());

  return { url, port, httpServer, close };
}
