import type { Server } from 'node:http';
import {
  bearerTokenOf,
  CostLimitExceededError,
  createErrorFormatter,
  ErrorCode,
  withErrorCode,
  OperationDocuments,
  ServiceUnavailableError,
  type Logger,
  type ServiceMetrics,
} from '@pacegraph/service-kit';
import { getOperationAST, GraphQLError, specifiedRules, type ExecutionResult } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccountTokens } from './account-tokens.js';
import { inputLiteralRule, nulVariableRefusal } from './input-guard.js';
import { checkOperationCost } from './query-cost.js';
import { aliasLimitRule, depthLimitRule, maxQueryTokens } from './query-limits.js';
import type { SubscriptionExecutor } from './subscription-executor.js';
import type { SubscriptionPlanner } from './subscription-plans.js';

/** A client message larger than this closes the socket (1009). @default 64 KiB */
export const maxClientMessageBytes = 64 * 1024;
/** Subscriptions one socket may hold at once. @default 25 */
export const maxSubscriptionsPerSocket = 25;
/** A socket that sends no connection_init within this long is closed with `CloseCode.ConnectionInitialisationTimeout` (4408). @default 3 s */
export const connectionInitTimeoutMs = 3000;
/**
 * The WebSocket close code "Try Again Later" (RFC 6455 registry), sent when
 * a token cannot be checked just now; graphql-ws has no `CloseCode` for it.
 */
export const tryAgainLaterCloseCode = 1013;

export interface GatewaySubscriptionOptions {
  httpServer: Server;
  planner: SubscriptionPlanner;
  executor: SubscriptionExecutor;
  /** Checks the access token a socket's connection_init carries, and ends the socket with it. */
  tokens: AccountTokens;
  production: boolean;
  log: Logger;
  /** Where the number of subscriptions open is reported. */
  metrics?: ServiceMetrics;
}

/** What the gateway keeps per socket. */
interface SocketState {
  viewerId: string | null;
  /** Subscriptions running on the socket. */
  active: Set<string>;
  /** Lets go of the socket's token (its expiry timer, its place among the account's sockets). */
  release(): void;
}

interface SubscriptionContext {
  viewerId: string | null;
  query: string;
}

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput } });

/**
 * Serves subscriptions at the gateway's /graphql over graphql-ws
 * (`graphql-transport-ws`). The token travels in the connection params
 * (`authorization: "Bearer <jwt>"`; none is an anonymous viewer, a bad one
 * closes the socket with `CloseCode.Forbidden` (4403), and so does the token expiring or being
 * revoked while the socket is open). Each operation meets the same limits as over
 * HTTP (tokens, depth, aliases, cost) and is then executed through federation.
 * Queries and mutations go over HTTP.
 */
export function serveGatewaySubscriptions(options: GatewaySubscriptionOptions): { close(): Promise<void> } {
  const { planner, executor, log } = options;
  const open = options.metrics?.gauge('pacegraph_subscriptions_open', 'Live subscriptions (graphql-ws) open at this gateway');
  const ended = (socket: SocketState | undefined, id: string) => {
    if (socket?.active.delete(id)) open?.dec();
  };
  const webSockets = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: maxClientMessageBytes });
  const sockets = new WeakMap<object, SocketState>();
  const formatError = createErrorFormatter({
    production: options.production,
    onUnexpected: (error) => log.error({ err: error }, 'unexpected error in a subscription'),
  });
  const documents = new OperationDocuments(
    planner.clientSchema,
    [...specifiedRules, depthLimitRule(), aliasLimitRule(), inputLiteralRule()],
    maxQueryTokens,
  );
  const formatted = (result: ExecutionResult) =>
    result.errors ? { ...result, errors: result.errors.map((error) => formatError(toFormatted(error), error)) } : result;

  const server = useServer<Record<string, unknown> | undefined>(
    {
      schema: planner.clientSchema,
      connectionInitWaitTimeout: connectionInitTimeoutMs,
      onConnect: async (context) => {
        const authorization = context.connectionParams?.authorization;
        const token = bearerTokenOf(typeof authorization === 'string' ? authorization : undefined);
        try {
          const claims = token ? await options.tokens.authenticate(token) : null;
          const socket = (context.extra as { socket: WebSocket }).socket;
          const release = claims
            ? options.tokens.holdSocket(claims, () => socket.close(CloseCode.Forbidden, 'Forbidden'))
            : () => undefined;
          sockets.set(context, { viewerId: claims?.userId ?? null, active: new Set(), release });
          return true;
        } catch (error) {
          // The token could not be checked just now (social down): "try again later", not "forbidden",
          // so the app reconnects rather than signing out.
          if (error instanceof ServiceUnavailableError)
            (context.extra as { socket: WebSocket }).socket.close(tryAgainLaterCloseCode, 'Try again later');
          return false;
        }
      },
      onClose: (context) => {
        const socket = sockets.get(context);
        if (!socket) return;
        open?.dec(socket.active.size);
        socket.active.clear();
        socket.release();
      },
      onSubscribe: (context, id, payload) => {
        const socket = sockets.get(context)!;
        if (socket.active.size >= maxSubscriptionsPerSocket) {
          return [badRequest(`A socket may hold at most ${maxSubscriptionsPerSocket} subscriptions`)];
        }
        const { document, errors } = documents.check(payload.query);
        if (errors) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [badRequest('No operation to run')];
        if (operation.operation !== 'subscription') {
          return [badRequest('Queries and mutations are sent over HTTP; this socket carries subscriptions')];
        }
        const variables = getVariableValues(planner.clientSchema, operation.variableDefinitions ?? [], payload.variables ?? {});
        if (variables.errors) return variables.errors.map((error) => withErrorCode(error, ErrorCode.BadUserInput));
        const nul = nulVariableRefusal(payload.variables);
        if (nul) return [new GraphQLError(nul.message, { originalError: nul })];
        try {
          checkOperationCost(planner.clientSchema, document, payload.operationName, payload.variables);
        } catch (error) {
          if (!(error instanceof CostLimitExceededError)) throw error;
          return [new GraphQLError(error.message, { originalError: error })];
        }
        socket.active.add(id);
        open?.inc();
        const contextValue: SubscriptionContext = { viewerId: socket.viewerId, query: payload.query };
        return {
          schema: planner.clientSchema,
          document,
          operationName: payload.operationName ?? undefined,
          variableValues: variables.coerced,
          contextValue,
        };
      },
      subscribe: (args) => {
        const { viewerId, query } = args.contextValue as SubscriptionContext;
        return executor.subscribe({
          document: args.document,
          query,
          operationName: args.operationName ?? undefined,
          variables: args.variableValues ?? {},
          viewerId,
        });
      },
      onNext: (_context, _id, _payload, _args, result) => formatted(result),
      onError: (context, id, _payload, errors) => {
        ended(sockets.get(context), id);
        return errors.map((error) => formatError(toFormatted(error), error));
      },
      onComplete: (context, id) => ended(sockets.get(context), id),
    },
    webSockets,
  );
  return {
    close: async () => {
      await server.dispose();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
    },
  };
}

/** A subgraph's errors arrive as plain objects; graphql-js's as GraphQLError. */
function toFormatted(error: unknown) {
  return error instanceof GraphQLError ? error.toJSON() : (error as ReturnType<GraphQLError['toJSON']>);
}
