import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { errorFromGraphQL, networkError, type GraphQLErrorPayload, type Result } from './errors.js';

/** Where and how the SDK sends operations over HTTP. */
export interface HttpTransportOptions {
  /** The gateway's GraphQL URL, e.g. `https://api.example.com/graphql`. */
  url: string;
  /** The bearer token to send, read at each request; none when signed out. */
  token: () => string | null | undefined;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** A request with no answer after this long fails with NETWORK_ERROR. @default 30,000 ms */
  timeoutMs?: number;
  /** Aborts every request in flight, and every later one at once (the client is closing). */
  signal?: AbortSignal;
}

/** Runs one operation over HTTP. */
export type Execute = <TResult, TVariables>(
  document: DocumentTypeDecoration<TResult, TVariables>,
  variables?: TVariables,
) => Promise<Result<TResult>>;

/** A GraphQL-over-HTTP client that answers with data or a typed error, never a rejection. */
export function httpTransport(options: HttpTransportOptions): Execute {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (document, variables) => {
    const token = options.token();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const abort = () => timeout.abort();
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort);
    let response: Response;
    let body: { data?: unknown; errors?: GraphQLErrorPayload[] } | null;
    try {
      response = await fetchImpl(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: queryText(document), variables: variables ?? {} }),
        signal: timeout.signal,
      });
      body = (await response.json().catch(() => null)) as typeof body;
    } catch (error) {
      if (options.signal?.aborted) return { error: { code: 'CLOSED', message: 'The client was closed' } };
      return { error: networkError(timeout.signal.aborted ? `no answer within ${timeoutMs} ms` : describe(error)) };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    }
    if (body?.errors?.length) {
      const error = errorFromGraphQL(body.errors);
      return body.data != null ? { data: body.data as never, error } : { error };
    }
    if (body?.data != null && response.ok) return { data: body.data as never };
    if (response.status === 401) return { error: { code: 'UNAUTHENTICATED', message: 'The token was refused' } };
    return { error: networkError(`HTTP ${response.status} without a GraphQL answer`) };
  };
}

/** The text of a document: the generated ones are strings; a parsed one (TypedDocumentNode) keeps its source. */
function queryText(document: unknown): string {
  const source = (document as { loc?: { source?: { body?: unknown } } }).loc?.source?.body;
  return typeof source === 'string' ? source : String(document);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
