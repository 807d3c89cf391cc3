import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { applyMigrations, openDatabase } from '@pacegraph/db';
import {
  apolloSettings,
  createEventBus,
  createLogger,
  IDENTITY_HEADER,
  serveSubgraphSubscriptions,
  ServiceMetrics,
  ServiceReason,
  startGraphQLHttpServer,
  startTracing,
  UnauthenticatedError,
  verifyIdentity,
  type Identity,
  type RunningServer,
  type SubgraphConfig,
} from '@pacegraph/service-kit';
import type { BackgroundWorker, SubgraphDefinition, SubgraphDependencies, SubgraphServices } from './definition.js';

/**
 * Starts a PaceGraph subgraph: applies pending migrations (safe with many
 * instances starting at once), opens the database and the event bus, starts
 * the background worker, and serves the schema behind the gateway's signature
 * check: every request, `_service` and `_entities` included, must carry the
 * gateway's signature, made for this request's body. `close()` drains
 * requests and subscriptions, stops the worker, then closes the database and the bus.
 */
export async function startSubgraph<
  TContext extends object,
  TWorker extends BackgroundWorker | undefined = undefined,
  TConfig extends SubgraphConfig = SubgraphConfig,
>(
  definition: SubgraphDefinition<TContext, TWorker, TConfig>,
  config: TConfig,
  dependencies: SubgraphDependencies = {},
): Promise<RunningServer> {
  const { name } = definition;
  const log = createLogger(name, config.logLevel, config.logDestination);
  const metrics = new ServiceMetrics(name);
  const tracing = startTracing(config.observability?.tracing, name);
  const report = await applyMigrations(config.databaseUrl);
  if (report.applied.length) log.info({ migrations: report.applied }, 'applied migrations');
  const { onQuery } = dependencies;
  const database = openDatabase(config.databaseUrl, {
    onError: (error) => log.warn({ err: error }, 'database error'),
    ...(onQuery ? { onQuery: (sql: string) => onQuery(name, sql) } : {}),
  });
  const bus = dependencies.bus ?? createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.channelPrefix, log });
  let worker: TWorker | undefined;
  const release = async () => {
    await worker?.close().catch((error: unknown) => log.error({ err: error }, 'background worker failed to stop'));
    await Promise.allSettled([database.close(), dependencies.bus ? undefined : bus.close(), tracing.shutdown()]);
  };
  const services: SubgraphServices = { prisma: database.prisma, bus, log, metrics };
  try {
    worker = definition.startWorker ? await definition.startWorker(services, config) : undefined;
    const context = (identity: Identity) => definition.context(identity, services, worker as TWorker, config);
    // Codegen's typed Resolvers and @apollo/subgraph's resolver map describe the same object.
    const schema = buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> });
    const apollo = new ApolloServer<TContext>({
      schema,
      ...apolloSettings({ production: config.production, log }),
      // The gateway reads a 400 as a failed subgraph (INTERNAL_SERVER_ERROR); with 200 it
      // passes the client's BAD_USER_INPUT for a bad variable (a malformed DateTime) through.
      status400ForVariableCoercionErrors: false,
    });
    const server = await startGraphQLHttpServer({
      apollo,
      host: config.host,
      port: config.port,
      log,
      ready: async () => (await database.isReady()) && (await bus.isReady()),
      metrics: { service: metrics, access: { token: config.observability?.metricsToken, production: config.production } },
      tracing,
      context: async (request, rawBody) => {
        const header = request.headers[IDENTITY_HEADER];
        const identity = verifyIdentity(config.internalSecret, Array.isArray(header) ? header[0] : header, name, rawBody);
        if (!identity) {
          throw new UnauthenticatedError(ServiceReason.UnsignedRequest, 'Subgraphs answer only requests signed by the gateway');
        }
        return context(identity);
      },
    });
    // Subscriptions, where the schema has any, over graphql-ws on the same port and path.
    const subscriptions = schema.getSubscriptionType()
      ? serveSubgraphSubscriptions({
          httpServer: server.httpServer,
          schema,
          name,
          internalSecret: config.internalSecret,
          production: config.production,
          log,
          context,
        })
      : null;
    log.info({ url: server.url }, 'subgraph listening');
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
            await release();
          }
        })()),
    };
  } catch (error) {
    await release();
    throw error;
  }
}
