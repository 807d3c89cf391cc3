import { GraphQLError } from 'graphql';
import { ConflictError, createErrorFormatter, DomainError, NotFoundError, RateLimitedError } from './errors.js';

describe('a domain error', () => {
  it('is one of its own class, named after it, with its code', () => {
    const error = new NotFoundError('ACTIVITY.NOT_FOUND', 'No such activity', 'id');
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND', reason: 'ACTIVITY.NOT_FOUND', field: 'id' });
    const limited = new RateLimitedError('ACCOUNT.TOO_MANY_LOG_INS', 'Too many', 30);
    expect(limited).toMatchObject({ name: 'RateLimitedError', code: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });
});

describe('the error formatter', () => {
  it('gives a domain error its code, reason and field', () => {
    const format = createErrorFormatter({ production: true });
    const error = new ConflictError('ACCOUNT.EMAIL_TAKEN', 'An account with this email already exists', 'email');
    const formatted = format({ message: 'x', path: ['signUp'] }, new GraphQLError('x', { originalError: error }));
    expect(formatted).toEqual({
      message: 'An account with this email already exists',
      path: ['signUp'],
      extensions: { code: 'CONFLICT', reason: 'ACCOUNT.EMAIL_TAKEN', field: 'email' },
    });
    const notFound = format({ message: 'x' }, new NotFoundError('ACTIVITY.NOT_FOUND', 'No such activity'));
    expect(notFound.extensions).toEqual({ code: 'NOT_FOUND', reason: 'ACTIVITY.NOT_FOUND' });
  });

  it('masks unexpected errors in production and reports them', () => {
    const reported: unknown[] = [];
    const format = createErrorFormatter({ production: true, onUnexpected: (error) => reported.push(error) });
    const boom = new Error('connection to 10.0.0.5 refused');
    const formatted = format(
      { message: boom.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at secret.ts:1'] } },
      new GraphQLError(boom.message, { originalError: boom }),
    );
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(reported).toEqual([boom]);
  });

  it('removes name suggestions from input errors in production', () => {
    const format = createErrorFormatter({ production: true });
    const formatted = format(
      {
        message: 'Variable "$input" got invalid value; Field "pasword" is not defined by type "LogInInput". Did you mean "password"?',
        extensions: { code: 'BAD_USER_INPUT' },
      },
      new GraphQLError('x'),
    );
    expect(formatted.message).toBe('Variable "$input" got invalid value; Field "pasword" is not defined by type "LogInInput".');
    const development = createErrorFormatter({ production: false });
    expect(development({ message: 'Did you mean "RUN"?', extensions: { code: 'BAD_USER_INPUT' } }, null).message).toBe(
      'Did you mean "RUN"?',
    );
  });

  it('keeps client errors but strips stack traces in production', () => {
    const format = createErrorFormatter({ production: true });
    const formatted = format(
      { message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] } },
      new GraphQLError('Cannot query field'),
    );
    expect(formatted).toEqual({ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it("keeps a subgraph's refusal coded, without the gateway's notes on which subgraph at what address, in production", () => {
    const refusal = {
      message: '401: Unauthorized',
      extensions: { code: 'UNAUTHENTICATED', serviceName: 'telemetry', response: { url: 'http://10.0.0.7:4003/graphql', status: 401 } },
    };
    expect(createErrorFormatter({ production: true })(refusal, new GraphQLError(refusal.message))).toEqual({
      message: '401: Unauthorized',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(createErrorFormatter({ production: false })(refusal, new GraphQLError(refusal.message))).toEqual(refusal);
  });

  it('answers a database refusal behind an error with a client code, never its SQL text', () => {
    const databaseError = (sqlState: string, code = 'P2039') =>
      Object.assign(new Error('Invalid `prisma.user.create()` invocation: violates constraint'), {
        code,
        meta: { driverAdapterError: { cause: { originalCode: sqlState } } },
      });
    const reported: unknown[] = [];
    const format = createErrorFormatter({ production: false, onUnexpected: (error) => reported.push(error) });
    const formattedFor = (error: Error) =>
      format(
        { message: error.message, path: ['signUp'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x.ts:1'] } },
        new GraphQLError(error.message, { originalError: error }),
      );
    expect(formattedFor(databaseError('22021'))).toEqual({
      message: expect.not.stringMatching(/prisma|constraint/),
      path: ['signUp'],
      extensions: { code: 'BAD_USER_INPUT', reason: 'INPUT.NOT_STORABLE' },
    });
    expect(formattedFor(databaseError('22008')).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INPUT.NOT_STORABLE' });
    expect(formattedFor(databaseError('23503', 'P2003')).extensions).toEqual({ code: 'NOT_FOUND', reason: 'DATA.REFERENCE_GONE' });
    expect(formattedFor(databaseError('23505', 'P2002')).extensions).toEqual({ code: 'CONFLICT', reason: 'DATA.ALREADY_EXISTS' });
    expect(reported).toHaveLength(4);
  });

  it("drops the stack of a client's error in development, and keeps it for an unexpected one", () => {
    const format = createErrorFormatter({ production: false });
    const client = {
      message: 'This cursor does not come from this list',
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'social', stacktrace: ['at y.ts:2'] },
    };
    expect(format(client, new GraphQLError(client.message))).toEqual({
      message: client.message,
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'social' },
    });
    const unexpected = { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at z.ts:3'] } };
    expect(format(unexpected, new GraphQLError('boom'))).toEqual(unexpected);
  });
});
