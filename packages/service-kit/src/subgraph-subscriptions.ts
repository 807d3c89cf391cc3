import type { Server } from 'node:http';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createErrorFormatter, ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { verifyIdentity, type Identity } from './signed-identity.js';

/** Where the gateway's signature travels on a subgraph's WebSocket: connection params and each subscribe's extensions. */
export const identityExtension = 'identity';
/** A subscribe message or event larger than this closes the gateway's connection. @default 1 MiB */
export const subgraphMaxPayloadBytes = 1024 * 1024;

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
 * connection params (a bad one closes it with 4403); each subscription
 * carries its viewer's, signed for this subgraph, in its extensions, so one
 * connection serves every viewer the gateway forwards.
 */
export function serveSubgraphSubscriptions<TContext extends object>(
  options: SubgraphSubscriptionOptions<TContext>,
): { close(): Promise<void> } {
  const webSockets = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: subgraphMaxPayloadBytes });
  const signed = (value: unknown) =>
    verifyIdentity(options.internalSecret, typeof value === 'string' ? value : undefined, options.name);
  const formatError = createErrorFormatter({
    production: options.production,
    onUnexpected: (error) => options.log.error({ err: error }, 'unexpected error in a subscription'),
  });
  const server = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      onConnect: (context) => signed(context.connectionParams?.[identityExtension]) !== null,
      onSubscribe: (_context, _id, payload) => {
        if (signed(payload.extensions?.[identityExtension]) !== null) return undefined;
        return [new GraphQLError('Subscriptions come only from the gateway', { extensions: { code: ErrorCode.Unauthenticated } })];
      },
      context: (_context, _id, payload) => options.context(signed(payload.extensions?.[identityExtension])!),
      onNext: (_context, _id, _payload, _args, result: ExecutionResult) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined,
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
