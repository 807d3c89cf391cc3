import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ServiceReason } from './reasons.js';

/**
 * The codes clients see in `extensions.code`. Each domain error maps onto one.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  /** Too many attempts from one client or at one account; `extensions.retryAfterSeconds` says when to try again. */
  RateLimited: 'RATE_LIMITED',
  /** The operation's estimated cost is over the gateway's budget; refused before any of it runs. */
  CostLimitExceeded: 'COST_LIMIT_EXCEEDED',
  /** A service behind the gateway could not be reached: what it adds is missing (null); nothing was done there, so a retry is safe. */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
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

/**
 * The base of a DomainError class with one code: `class NotFoundError extends
 * codedError(ErrorCode.NotFound) {}` has `code` typed as that code, and keeps
 * its own name and `instanceof`.
 */
function codedError<Code extends ErrorCode>(
  code: Code,
): abstract new (...args: ConstructorParameters<typeof DomainError>) => DomainError & { readonly code: Code } {
  abstract class CodedError extends DomainError {
    readonly code: Code = code;
  }
  return CodedError;
}

export class BadUserInputError extends codedError(ErrorCode.BadUserInput) {}
export class UnauthenticatedError extends codedError(ErrorCode.Unauthenticated) {}
export class ForbiddenError extends codedError(ErrorCode.Forbidden) {}
export class NotFoundError extends codedError(ErrorCode.NotFound) {}
export class ConflictError extends codedError(ErrorCode.Conflict) {}
export class CostLimitExceededError extends codedError(ErrorCode.CostLimitExceeded) {}
/** A service could not be reached: the request never arrived there. */
export class ServiceUnavailableError extends codedError(ErrorCode.ServiceUnavailable) {}
/** Refused for now: the same request may succeed after `retryAfterSeconds`. */
export class RateLimitedError extends codedError(ErrorCode.RateLimited) {
  constructor(
    reason: string,
    message: string,
    /** Whole seconds until the limit lets this client try again (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(reason, message);
  }
}

/** The HTTP status a domain error answers with when it refuses a whole request. @default 400 */
export function httpStatusOf(error: DomainError): number {
  if (error.code === ErrorCode.Unauthenticated) return 401;
  if (error.code === ErrorCode.ServiceUnavailable) return 503;
  return error.code === ErrorCode.RateLimited ? 429 : 400;
}

/** What clients see of a domain error in `extensions`. */
export function extensionsOf(error: DomainError): Record<string, string | number> {
  return {
    code: error.code,
    reason: error.reason,
    ...(error.field ? { field: error.field } : {}),
    ...(error instanceof RateLimitedError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
}

/** The DomainError behind an error, however deep GraphQL wrapped it. */
function domainErrorBehind(error: unknown): DomainError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as GraphQLError).originalError ?? undefined;
  }
  return undefined;
}

/**
 * What a database refusal that reached the edge means for the client, by the
 * SQLSTATE behind Prisma's error: a value PostgreSQL cannot store or compare
 * (class 22: a NUL character in text, a date out of range) is the client's,
 * a missing referenced row (23503) means something was deleted meanwhile, a
 * unique violation (23505) is a conflict. A net under the rules that should
 * have refused first, so a path nobody checked is still not a 500.
 */
export function databaseRefusalOf(error: unknown): DomainError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const cause = (current as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } }).meta?.driverAdapterError?.cause;
    const sqlState = typeof cause?.originalCode === 'string' ? cause.originalCode : undefined;
    const prismaCode = (current as { code?: unknown }).code;
    if (sqlState?.startsWith('22')) {
      return new BadUserInputError(
        ServiceReason.NotStorable,
        'A value in this request cannot be stored (a NUL character, or a date or number out of range)',
      );
    }
    if (sqlState === '23503' || prismaCode === 'P2003') {
      return new NotFoundError(ServiceReason.ReferenceGone, 'Something this request refers to no longer exists');
    }
    if (sqlState === '23505' || prismaCode === 'P2002') return new ConflictError(ServiceReason.AlreadyExists, 'This already exists');
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
    const refusal = databaseRefusalOf(error);
    if (refusal) {
      // Logged all the same: a rule before the database should have refused it.
      options.onUnexpected?.((error as GraphQLError).originalError ?? error);
      return { message: refusal.message, path: formatted.path, extensions: extensionsOf(refusal) };
    }
    const code = formatted.extensions?.code;
    if (code === undefined || code === ErrorCode.Internal) {
      options.onUnexpected?.((error as GraphQLError).originalError ?? error);
      if (options.production) {
        return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.Internal } };
      }
    }
    if (!options.production) {
      if (code === undefined || code === ErrorCode.Internal || !formatted.extensions?.stacktrace) return formatted;
      // A client's mistake (a subgraph's BAD_USER_INPUT the gateway passes on, a validation error) has nothing to debug in a stack.
      const { stacktrace: _stacktrace, ...clientExtensions } = formatted.extensions;
      return { ...formatted, extensions: clientExtensions };
    }
    // graphql-js suggests names in input errors too ("Did you mean the enum value RUN?"),
    // which hideSchemaDetailsFromClientErrors does not cover.
    const message = formatted.message.replace(/\s*Did you mean [^?]*\?/g, '');
    if (!formatted.extensions) return { ...formatted, message };
    // serviceName (which subgraph failed) and response (a subgraph's refusal: its address, status and body)
    // are the gateway's notes on its internal topology.
    const {
      stacktrace: _stacktrace,
      exception: _exception,
      serviceName: _serviceName,
      response: _response,
      ...rest
    } = formatted.extensions;
    return { ...formatted, message, extensions: rest };
  };
}
