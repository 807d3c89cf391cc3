import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { applyMigrations, openDatabase, type PrismaClient } from '@pacegraph/db';
import {
  createEventBus,
  createLogger,
  ServiceMetrics,
  startSubgraphServer,
  startTracing,
  type EventBus,
  type Identity,
  type Logger,
  type RunningServer,
  type SubgraphConfig,
} from '@pacegraph/service-kit';
import { parse, type DocumentNode } from 'graphql';

export { visibleActivity, visibleActivityReference, type ActivityAccess, type AudienceRow } from './activity-access.js';
export { athleteRelationLoader, audienceLoader, rowsByIdLoader } from './loaders.js';

/** What a subgraph's per-request context is built from. */
export interface SubgraphServices {
  prisma: PrismaClient;
  bus: EventBus;
  log: Logger;
  /** The service's metrics: a subgraph registers its own on `metrics.registry` (fixes ingested, say). */
  metrics: ServiceMetrics;
}

/** Shared resources handed in by a host running several services in one process. */
export interface SubgraphDependencies {
  /** One bus for every service in the process; the subgraph then leaves closing it to the host. */
  bus?: EventBus;
  /** Called with each SQL statement the subgraph sends, with its name: tests pin statement counts with it. */
  onQuery?: (subgraph: string, sql: string) => void;
}

/** Work a subgraph does beside answering requests (bus listeners, archiving). */
export interface BackgroundWorker {
  /** Stops taking work and waits for what is under way; called before the database closes. */
  close(): Promise<void>;
}

export interface SubgraphDefinition<TContext, TWorker extends BackgroundWorker | undefined = undefined> {
  name: string;
  typeDefs: DocumentNode;
  /** The subgraph's generated, typed `Resolvers`. */
  resolvers: object;
  /** Starts the subgraph's background worker, if it has one, once the database and the bus are open. */
  startWorker?: (services: SubgraphServices) => Promise<TWorker>;
  context: (identity: Identity, services: SubgraphServices, worker: TWorker) => TContext;
}

/** Reads a subgraph's schema.graphql (pass `new URL('../schema.graphql', import.meta.url)`). */
export function loadTypeDefs(schemaUrl: URL): DocumentNode {
  return parse(readFileSync(schemaUrl, 'utf8'));
}

/**
 * Starts a PaceGraph subgraph: applies pending migrations (safe with many
 * instances starting at once), opens the database and the event bus, and
 * serves the schema behind the gateway's signature check. `close()` drains
 * requests, then closes the database and the bus.
 */
export async function startPaceGraphSubgraph<TContext extends object, TWorker extends BackgroundWorker | undefined = undefined>(
  definition: SubgraphDefinition<TContext, TWorker>,
  config: SubgraphConfig,
  dependencies: SubgraphDependencies = {},
): Promise<RunningServer> {
  const log = createLogger(definition.name, config.logLevel, config.logDestination);
  const metrics = new ServiceMetrics(definition.name);
  const tracing = startTracing(config.observability?.tracing, definition.name);
  const report = await applyMigrations(config.databaseUrl);
  if (report.applied.length) log.info({ migrations: report.applied }, 'applied migrations');
  const { onQuery } = dependencies;
  const database = openDatabase(config.databaseUrl, {
    onError: (error) => log.warn({ err: error }, 'database error'),
    ...(onQuery ? { onQuery: (sql: string) => onQuery(definition.name, sql) } : {}),
  });
  const bus = dependencies.bus ?? createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.channelPrefix, log });
  let worker: TWorker | undefined;
  const release = async () => {
    await worker?.close().catch((error: unknown) => log.error({ err: error }, 'background worker failed to stop'));
    await Promise.allSettled([database.close(), dependencies.bus ? undefined : bus.close(), tracing.shutdown()]);
  };
  const services: SubgraphServices = { prisma: database.prisma, bus, log, metrics };
  try {
    worker = definition.startWorker ? await definition.startWorker(services) : undefined;
    return await startSubgraphServer<TContext>({
      name: definition.name,
      // Codegen's typed Resolvers and @apollo/subgraph's resolver map describe the same object.
      schema: buildSubgraphSchema({
        typeDefs: definition.typeDefs,
        resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
      }),
      host: config.host,
      port: config.port,
      internalSecret: config.internalSecret,
      production: config.production,
      log,
      context: (identity) => definition.context(identity, services, worker as TWorker),
      ready: async () => (await database.isReady()) && (await bus.isReady()),
      onClose: release,
      metrics: { service: metrics, access: { token: config.observability?.metricsToken, production: config.production } },
      tracing,
    });
  } catch (error) {
    await release();
    throw error;
  }
}
