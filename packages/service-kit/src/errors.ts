import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The codes clients see in `extensions.code`. Each domain error maps onto one.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * A failure the domain knows about. `reason` is a stable, specific string
 * (`ACCOUNT.EMAIL_TAKEN`) that clients may branch on; `code` is its class.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    readonly reason: string,
    message: string,
    /** The input field at fault, where there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  readonly code = ErrorCode.BadUserInput;
}
export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.Unauthenticated;
}
export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.Forbidden;
}
export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NotFound;
}
export class ConflictError extends DomainError {
  readonly code = ErrorCode.Conflict;
}

/** The HTTP status a domain error answers with when it refuses a whole request. @default 400 */
export function httpStatusOf(error: DomainError): number {
  return error.code === ErrorCode.Unauthenticated ? 401 : 400;
}

/** What clients see of a domain error in `extensions`. */
export function extensionsOf(error: DomainError): Record<string, string> {
  return { code: error.code, reason: error.reason, ...(error.field ? { field: error.field } : {}) };
}

/** The DomainError behind an error, however deep GraphQL wrapped it. */
function domainErrorBehind(error: unknown): DomainError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as GraphQLError).originalError ?? undefined;
  }
  return undefined;
}

export interface ErrorFormatterOptions {
  /** Hide internals: unexpected errors become a bare INTERNAL_SERVER_ERROR. */
  production: boolean;
  /** Called for errors that are not the client's fault, so they are logged. */
  onUnexpected?: (error: unknown) => void;
}

/**
 * The one place errors are shaped for clients: domain errors get their code,
 * unexpected ones are logged and (in production) masked, and no stack trace
 * leaves in production.
 */
export function createErrorFormatter(options: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = domainErrorBehind(error);
    if (original) return { ...formatted, message: original.message, extensions: extensionsOf(original) };
    const code = formatted.extensions?.code;
    if (code === undefined || code === ErrorCode.Internal) {
      options.onUnexpected?.((error as GraphQLError).originalError ?? error);
      if (options.production) {
        return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.Internal } };
      }
    }
    if (!options.production) return formatted;
    // graphql-js suggests names in input errors too ("Did you mean the enum value RUN?"),
    // which hideSchemaDetailsFromClientErrors does not cover.
    const message = formatted.message.replace(/\s*Did you mean [^?]*\?/g, '');
    if (!formatted.extensions) return { ...formatted, message };
    // serviceName (which subgraph failed) and response (a subgraph's refusal: its address, status and body)
    // are the gateway's notes on its internal topology.
    const { stacktrace: _stacktrace, exception: _exception, serviceName: _serviceName, response: _response, ...rest } = formatted.extensions;
    return { ...formatted, message, extensions: rest };
  };
}
