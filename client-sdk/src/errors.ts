/** The codes the API puts in `extensions.code`, and the SDK's own for a request that got no answer. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** Too many attempts (sign-ins, sign-ups, follows); `retryAfterSeconds` says when to try again. */
  | 'RATE_LIMITED'
  /** The operation asks for too much at once (pages too large, or lists nested in lists); ask for smaller pages. */
  | 'COST_LIMIT_EXCEEDED'
  /** A service behind the gateway was down: what it adds is null in a partial `data`; nothing was done there, so retrying is safe. */
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'GRAPHQL_PARSE_FAILED'
  /** No answer: the network is down, the server unreachable, or the answer was not GraphQL. */
  | 'NETWORK_ERROR'
  /** The recorder's store failed to write (the sync tries again). */
  | 'STORE_ERROR'
  /** The client was closed before the operation finished. */
  | 'CLOSED';

/** A failed operation, as data: apps branch on `code` (and `reason`, where the API gives one). */
export interface PaceGraphError {
  code: ErrorCode | (string & {});
  message: string;
  /** A stable, specific cause the API adds to some codes, e.g. `ACCOUNT.EMAIL_TAKEN`. */
  reason?: string;
  /** The input field at fault, where there is one. */
  field?: string;
  /** With RATE_LIMITED: seconds until the same request may succeed. */
  retryAfterSeconds?: number;
  /** Where in the result the error happened. */
  path?: readonly (string | number)[];
  /** Every error of the answer, when there was more than one. */
  all?: PaceGraphError[];
}

/**
 * What every SDK call resolves to: the data, or the error. Never rejects.
 * Beside an error, `data` is there when the answer was partial: a mutation
 * done, with the fields of a service that was down null (SERVICE_UNAVAILABLE).
 */
export type Result<T> = { data: T; error?: undefined } | { data?: T; error: PaceGraphError };

/** A GraphQL error as it arrives in a response. */
export interface GraphQLErrorPayload {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: unknown; reason?: unknown; field?: unknown; retryAfterSeconds?: unknown };
}

/** The SDK's error for GraphQL errors of a response (the first names the code; all are kept). */
export function errorFromGraphQL(errors: readonly GraphQLErrorPayload[]): PaceGraphError {
  const [first, ...rest] = errors.map(toPaceGraphError);
  return rest.length > 0 ? { ...first!, all: [first!, ...rest] } : first!;
}

function toPaceGraphError(error: GraphQLErrorPayload): PaceGraphError {
  const { code, reason, field, retryAfterSeconds } = error.extensions ?? {};
  return {
    code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR',
    message: error.message,
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(typeof field === 'string' ? { field } : {}),
    ...(typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {}),
    ...(error.path ? { path: error.path } : {}),
  };
}

/**
 * `pick` of a result's data, whole or partial, else its error: for calls whose
 * own part of the answer is all that matters (a partial answer still did it).
 */
export function dataOf<T, U>(result: Result<T>, pick: (data: T) => U): Result<U> {
  if (result.data !== undefined) return { data: pick(result.data) };
  return { error: result.error ?? { code: 'INTERNAL_SERVER_ERROR', message: 'An answer with neither data nor errors' } };
}

/** The error for a request that got no GraphQL answer. */
export function networkError(message: string): PaceGraphError {
  return { code: 'NETWORK_ERROR', message };
}

/**
 * Whether trying the same request again later may succeed: no answer, or a
 * server fault. Input, permission and state errors will not change by waiting.
 */
export function isTransient(error: PaceGraphError): boolean {
  return error.code === 'NETWORK_ERROR' || error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE';
}
