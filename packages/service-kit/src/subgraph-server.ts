import { ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { apolloSettings } from './apollo-settings.js';
import { UnauthenticatedError } from './errors.js';
import { startGraphQLHttpServer, type RunningServer } from './graphql-http-server.js';
import type { Logger } from './logger.js';
import type { MetricsAccess, ServiceMetrics } from './metrics.js';
import { ServiceReason } from './reasons.js';
import { IDENTITY_HEADER, verifyIdentity, type Identity } from './signed-identity.js';
import { serveSubgraphSubscriptions } from './subgraph-subscriptions.js';
import type { Tracing } from './tracing.js';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** The subgraph's name in the supergraph: the audience of the gateway's signatures. */
  name: string;
  schema: GraphQLSchema;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Shared with the gateway; requests without its signature are refused with 401. */
  internalSecret: string;
  production: boolean;
  log: Logger;
  /** The per-request context, for a caller the gateway vouched for. */
  context: (identity: Identity) => TContext;
  /** Whether dependencies (database, bus) answer, for /readyz. */
  ready: () => Promise<boolean>;
  /** Releases dependencies, after in-flight requests have finished. */
  onClose: () => Promise<void>;
  /** Served at /metrics; each request is counted. */
  metrics?: { service: ServiceMetrics; access: MetricsAccess };
  /** A server span per request, a child of the gateway's fetch. @default off */
  tracing?: Tracing;
}

/**
 * Starts a subgraph behind the signed-identity check: every request,
 * `_service` and `_entities` included, must carry the gateway's signature,
 * made for this request's body.
 */
export async function startSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>): Promise<RunningServer> {
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    ...apolloSettings({ production: options.production, log: options.log }),
    // The gateway reads a 400 as a failed subgraph (INTERNAL_SERVER_ERROR); with 200 it
    // passes the client's BAD_USER_INPUT for a bad variable (a malformed DateTime) through.
    status400ForVariableCoercionErrors: false,
  });
  const server = await startGraphQLHttpServer({
    apollo,
    host: options.host,
    port: options.port,
    log: options.log,
    ready: options.ready,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.tracing ? { tracing: options.tracing } : {}),
    context: async (request, rawBody) => {
      const header = request.headers[IDENTITY_HEADER];
      const identity = verifyIdentity(options.internalSecret, Array.isArray(header) ? header[0] : header, options.name, rawBody);
      if (!identity) {
        throw new UnauthenticatedError(ServiceReason.UnsignedRequest, 'Subgraphs answer only requests signed by the gateway');
      }
      return options.context(identity);
    },
  });
  // Subscriptions, where the schema has any, over graphql-ws on the same port and path.
  const subscriptions = options.schema.getSubscriptionType()
    ? serveSubgraphSubscriptions({ ...options, httpServer: server.httpServer })
    : null;
  options.log.info({ url: server.url }, 'subgraph listening');
  let closing: Promise<void> | undefined;
  return {
    ...server,
    // Once, however often asked (a test stops a subgraph, then the whole stack).
    close: () =>
      (closing ??= (async () => {
        try {
          await subscriptions?.close();
          await server.close();
        } finally {
          await options.onClose();
        }
      })()),
  };
}
