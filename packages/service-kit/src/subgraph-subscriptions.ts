import type { Server } from 'node:http';
import { getOperationAST, GraphQLError, specifiedRules, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createErrorFormatter, ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { OperationDocuments } from './operation-documents.js';
import { verifyIdentity, type Identity } from './signed-identity.js';

/** Where the gateway's signature travels on a subgraph's WebSocket: connection params and each subscribe's extensions. */
export const identityExtension = 'identity';

/**
 * What the signature in a subgraph connection's params is made for: opening
 * the connection, and nothing else (it runs no operation; each subscribe
 * carries a signature of its own).
 */
export const subgraphConnectionSignedBody = 'graphql-ws connection_init';

/**
 * What a subscribe's signature is made for: its operation and variables, in
 * one text the gateway and the subgraph both derive (JSON keeps key order
 * through a round trip). Not JSON itself, so no such signature passes for an
 * HTTP request's.
 */
export function subscriptionSignedBody(payload: {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}): string {
  return `subscribe ${JSON.stringify([payload.query, payload.operationName ?? null, payload.variables ?? null])}`;
}
/** A subscribe message or event larger than this closes the gateway's connection. @default 1 MiB */
export const subgraphMaxPayloadBytes = 1024 * 1024;

/**
 * A subscription resolver may set `eventExtensions` on its context while
 * resolving an event: they go out as that event's `extensions` (the audience
 * the gateway checks viewers against).
 */
export interface SubscriptionEventContext {
  eventExtensions?: Record<string, unknown>;
}

export interface SubgraphSubscriptionOptions<TContext> {
  httpServer: Server;
  schema: GraphQLSchema;
  /** The subgraph's name: the audience of the gateway's signatures. */
  name: string;
  internalSecret: string;
  production: boolean;
  log: Logger;
  context: (identity: Identity) => TContext;
}

/**
 * Serves a subgraph's subscriptions over graphql-ws at /graphql, to the
 * gateway only. The connection carries the gateway's signature in its
 * connection params (a bad one closes it with `CloseCode.Forbidden`, 4403); each subscription
 * carries its viewer's, signed for this subgraph and this subscription's
 * operation and variables, in its extensions, so one connection serves every
 * viewer the gateway forwards.
 */
export function serveSubgraphSubscriptions<TContext extends object>(
  options: SubgraphSubscriptionOptions<TContext>,
): { close(): Promise<void> } {
  const webSockets = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: subgraphMaxPayloadBytes });
  const signed = (value: unknown, body: string) =>
    verifyIdentity(options.internalSecret, typeof value === 'string' ? value : undefined, options.name, body);
  const documents = new OperationDocuments(options.schema, specifiedRules);
  const formatError = createErrorFormatter({
    production: options.production,
    onUnexpected: (error) => options.log.error({ err: error }, 'unexpected error in a subscription'),
  });
  const server = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      onConnect: (context) => signed(context.connectionParams?.[identityExtension], subgraphConnectionSignedBody) !== null,
      onSubscribe: (_context, _id, payload) => {
        const identity = signed(payload.extensions?.[identityExtension], subscriptionSignedBody(payload));
        if (!identity) {
          return [new GraphQLError('Subscriptions come only from the gateway', { extensions: { code: ErrorCode.Unauthenticated } })];
        }
        const { document, errors } = documents.check(payload.query);
        if (errors) return errors;
        if (!getOperationAST(document, payload.operationName)) {
          return [new GraphQLError('No operation to run', { extensions: { code: ErrorCode.BadUserInput } })];
        }
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: options.context(identity),
        };
      },
      onNext: (_context, _id, _payload, args, result: ExecutionResult) => {
        const { eventExtensions } = args.contextValue as SubscriptionEventContext;
        if (!result.errors && !eventExtensions) return undefined;
        return {
          ...result,
          ...(result.errors ? { errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : {}),
          ...(eventExtensions ? { extensions: { ...result.extensions, ...eventExtensions } } : {}),
        };
      },
      onError: (_context, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
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
