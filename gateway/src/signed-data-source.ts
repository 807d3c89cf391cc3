import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { STATUS_CODES } from 'node:http';
import { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import {
  addPropagationHeaders,
  endClientSpan,
  IDENTITY_HEADER,
  ServiceReason,
  ServiceUnavailableError,
  signIdentity,
  startClientSpan,
  tracingOff,
  type TraceSpan,
  type Tracing,
} from '@pacegraph/service-kit';
import type { GatewayContext } from './context.js';
import { answerTimedOut, connectionLostAfterSending, neverReachedInstance, type SubgraphInstances } from './instance-health.js';

/**
 * How long a subgraph may take to start answering, and between parts of its
 * answer, before the request fails (undici's default is 5 minutes): an
 * instance that accepts connections but hangs holds a request this long at
 * most. Not retried elsewhere, since the instance may have done the work.
 * @default 30 s
 */
export const subgraphTimeoutMs = 30_000;

/** One instance of a subgraph: its kept-alive connections and the path it serves GraphQL at. */
interface Instance {
  url: string;
  path: string;
  connections: Pool;
}

/**
 * Sends the gateway's requests to one subgraph: signs the caller's identity
 * into each request, and spreads requests over the subgraph's instances in
 * service (round robin; instances are stateless). A request that could not
 * reach its instance (connection refused) ejects that instance and goes
 * once to another: nothing was received, so a mutation is safe to send again.
 *
 * A request is one POST on an undici pool of kept-alive connections per
 * instance. Apollo's RemoteGraphQLDataSource goes through the WHATWG fetch
 * API (a Request, Headers and body streams per call) for features PaceGraph
 * does not use (APQ, cache-control hints), and that machinery was a large
 * part of a feed page's cost in the gateway. undici also reuses a connection
 * only while the subgraph's keep-alive hint says it is open, so it never
 * sends on one the subgraph was just closing (ECONNRESET).
 */
export class SignedDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly subgraphName: string;
  private readonly instances: Instance[];

  constructor(
    /** The subgraph's instances, and which of them are in service. */
    private readonly health: SubgraphInstances,
    private readonly internalSecret: string,
    /** Each request gets a client span, its context passed on in `traceparent`. @default off */
    private readonly tracing: Tracing = tracingOff,
  ) {
    /** The audience its signatures are made for. */
    this.subgraphName = health.subgraphName;
    this.instances = health.urls.map((url) => {
      const { origin, pathname, search } = new URL(url);
      return {
        url,
        path: `${pathname}${search}`,
        connections: new Pool(origin, { headersTimeout: subgraphTimeoutMs, bodyTimeout: subgraphTimeoutMs }),
      };
    });
  }

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!request.query) throw new Error('Missing query');
    // Apollo types the context of its own requests (health checks) loosely; every request of ours carries a GatewayContext.
    const { viewerId, fanOut, clientAddress, sessionId } = context as Partial<GatewayContext>;
    const identity = {
      viewerId: viewerId ?? null,
      ...(fanOut ? { fanOut: true } : {}),
      ...(clientAddress ? { clientAddress } : {}),
      ...(sessionId ? { sessionId } : {}),
    };
    const headers: Record<string, string> = {};
    // What the gateway itself asks of the subgraph (a trace, say), then ours, which nothing overrides.
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    const { query, variables, operationName, extensions } = request;
    const requestBody = JSON.stringify({ query, variables, operationName, extensions });
    headers[IDENTITY_HEADER] = signIdentity(this.internalSecret, identity, this.subgraphName, requestBody);
    // The signature covers the body alone: the request id and trace context travel beside it.
    const span = startClientSpan(this.tracing, `POST ${this.subgraphName}`, {
      'http.request.method': 'POST',
      'pacegraph.subgraph': this.subgraphName,
      ...(operationName ? { 'graphql.operation.name': operationName } : {}),
    });
    addPropagationHeaders(headers, span);
    try {
      const response = await this.sendToAnInstance(headers, requestBody, span, isQuery(query));
      endClientSpan(span);
      return response;
    } catch (error) {
      endClientSpan(span, error);
      throw error;
    }
  }

  /**
   * Sends to the next instance in service. One that could not be reached is
   * ejected and the request goes once to another (nothing was received); a
   * query whose connection broke after it went out is asked once more.
   */
  private async sendToAnInstance(
    headers: Record<string, string>,
    requestBody: string,
    span: TraceSpan | undefined,
    readOnly: boolean,
  ): Promise<GatewayGraphQLResponse> {
    const first = this.health.pick();
    try {
      return await this.send(first, headers, requestBody, span);
    } catch (error) {
      const refused = neverReachedInstance(error);
      if (!refused && !(readOnly && connectionLostAfterSending(error))) throw coded(error);
      if (refused) this.health.eject(first, error);
      const second = this.health.pick(first);
      if (refused && second === first) throw unavailable();
      try {
        return await this.send(second, headers, requestBody, span);
      } catch (again) {
        if (!neverReachedInstance(again)) throw coded(again);
        this.health.eject(second, again);
        throw unavailable();
      }
    }
  }

  private async send(
    index: number,
    headers: Record<string, string>,
    requestBody: string,
    span: TraceSpan | undefined,
  ): Promise<GatewayGraphQLResponse> {
    const instance = this.instances[index]!;
    span?.setAttribute('url.full', instance.url);
    const {
      statusCode,
      headers: responseHeaders,
      body,
    } = await instance.connections.request({
      method: 'POST',
      path: instance.path,
      headers,
      body: requestBody,
    });
    this.health.reached(index);
    span?.setAttribute('http.response.status_code', statusCode);
    const text = await body.text();
    const parsed = isJson(responseHeaders['content-type']) ? parseJson(text) : text;
    if (statusCode < 200 || statusCode >= 300) throw errorFromResponse(instance.url, statusCode, parsed);
    if (typeof parsed !== 'object' || parsed === null) {
      throw new Error(`Expected JSON response body, but received: ${text.slice(0, 200)}`);
    }
    return parsed;
  }

  /** Closes the kept-alive connections. */
  async close(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.connections.close()));
  }
}

function isJson(contentType: string | string[] | undefined): boolean {
  const type = String(contentType ?? '');
  return type.startsWith('application/json') || type.startsWith('application/graphql-response+json');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * No instance took the request (each ejection is logged with the subgraph
 * and its cause; clients are not told the topology): a coded refusal the app
 * may retry, since nothing was done. The fields the subgraph adds come back
 * null beside it, and the rest of the answer stands.
 */
function unavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError(ServiceReason.ServiceUnavailable, 'A service this request needs is unavailable; try again shortly');
}

/** A query (or the shorthand `{ … }`), which asking twice cannot change anything by. */
function isQuery(query: string): boolean {
  return /^\s*(query\b|\{)/.test(query);
}

/**
 * An answer lost to a broken connection or a timeout: SERVICE_UNAVAILABLE
 * (`SERVICE.NO_ANSWER`), saying the work may have been done; anything else
 * as it is.
 */
function coded(error: unknown): unknown {
  if (!connectionLostAfterSending(error) && !answerTimedOut(error)) return error;
  return new ServiceUnavailableError(
    ServiceReason.NoAnswer,
    'A service this request needs did not answer; it may have done the work: try again (PaceGraph mutations are safe to repeat)',
  );
}

/** A subgraph's refusal as the gateway reports it: worded and coded as Apollo's own data source does. */
function errorFromResponse(url: string, status: number, body: unknown): GraphQLError {
  const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${status}: ${STATUS_CODES[status] ?? 'Unknown'}`, {
    extensions: { ...(code ? { code } : {}), response: { url, status, statusText: STATUS_CODES[status], body } },
  });
}
