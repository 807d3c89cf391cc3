/**
 * Why a request is refused whatever it asks for: its token, its input as a
 * whole, a page, its cost, a service it needs. The `extensions.reason`
 * clients may branch on, each under the broader `extensions.code` its error
 * class gives. The one catalogue of these strings, for the gateway and every
 * subgraph; a subgraph's refusals of its own domain are in its own catalogue.
 */
export const ServiceReason = {
  /** The request needs a signed-in athlete and has no token. Code UNAUTHENTICATED. */
  AuthRequired: 'AUTH.REQUIRED',
  /** The Authorization header is not `Bearer <token>`. Code UNAUTHENTICATED. */
  MalformedAuthorization: 'AUTH.MALFORMED_HEADER',
  /** The token is not one PaceGraph issued, or not for this use (an export link's for the API). Code UNAUTHENTICATED. */
  InvalidToken: 'AUTH.INVALID_TOKEN',
  /** The token is past its expiry: log in again. Code UNAUTHENTICATED. */
  TokenExpired: 'AUTH.TOKEN_EXPIRED',
  /** The token was issued before the account's password changed. Code UNAUTHENTICATED. */
  TokenRevoked: 'AUTH.TOKEN_REVOKED',
  /** The token's session was ended (logOut on its device): sign in again. Code UNAUTHENTICATED. */
  SessionEnded: 'AUTH.SESSION_ENDED',
  /** The token's athlete has deleted their account since. Code UNAUTHENTICATED. */
  AccountDeleted: 'AUTH.ACCOUNT_DELETED',
  /** Whether the token is still valid cannot be checked just now; a retry may pass. Code SERVICE_UNAVAILABLE. */
  TokenCheckUnavailable: 'AUTH.CHECK_UNAVAILABLE',
  /** A subgraph was asked without the gateway's signature. Code UNAUTHENTICATED. */
  UnsignedRequest: 'AUTH.UNSIGNED_REQUEST',
  /** A Float literal beyond a double's range (`1e400` reads as Infinity). Code BAD_USER_INPUT. */
  NotFinite: 'INPUT.NOT_FINITE',
  /** A DateTime literal in the query text that is not a real ISO-8601 instant. Code BAD_USER_INPUT. */
  BadDateTime: 'INPUT.BAD_DATE_TIME',
  /** A NUL character in a string: PostgreSQL's text cannot hold one, and no name or comment needs one. Code BAD_USER_INPUT. */
  NulCharacter: 'INPUT.NUL_CHARACTER',
  /** A value the database cannot store or compare, which no rule before it refused. Code BAD_USER_INPUT. */
  NotStorable: 'INPUT.NOT_STORABLE',
  /** Something the request refers to was deleted meanwhile. Code NOT_FOUND. */
  ReferenceGone: 'DATA.REFERENCE_GONE',
  /** What the request creates exists already. Code CONFLICT. */
  AlreadyExists: 'DATA.ALREADY_EXISTS',
  /** A page's `first` is not a whole number of at least 1. Code BAD_USER_INPUT. */
  BadPageSize: 'PAGE.BAD_FIRST',
  /** A page's `after` is not a cursor of this list. Code BAD_USER_INPUT. */
  BadCursor: 'PAGE.BAD_CURSOR',
  /** The operation's estimated cost is over the gateway's budget. Code COST_LIMIT_EXCEEDED. */
  TooCostly: 'QUERY.TOO_COSTLY',
  /** No instance of a service took the request: nothing was done there, a retry is safe. Code SERVICE_UNAVAILABLE. */
  ServiceUnavailable: 'SERVICE.UNAVAILABLE',
  /** A service took the request but its answer was lost: it may have done the work. Code SERVICE_UNAVAILABLE. */
  NoAnswer: 'SERVICE.NO_ANSWER',
  /** A live subscription lost its source; subscribing again resumes it. Code INTERNAL_SERVER_ERROR. */
  LiveUnavailable: 'LIVE.UNAVAILABLE',
} as const;
export type ServiceReason = (typeof ServiceReason)[keyof typeof ServiceReason];
