import { readFileSync } from 'node:fs';
import type { PrismaClient } from '@pacegraph/db';
import type { EventBus, Identity, Logger, ServiceMetrics, SubgraphConfig } from '@pacegraph/service-kit';
import { parse, type DocumentNode } from 'graphql';

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

/**
 * Everything that makes one subgraph what it is, as a value: `startSubgraph(definition, config)`
 * boots it. `TConfig` is the configuration it is started with (a `SubgraphConfig` plus its own fields).
 */
export interface SubgraphDefinition<
  TContext,
  TWorker extends BackgroundWorker | undefined = undefined,
  TConfig extends SubgraphConfig = SubgraphConfig,
> {
  /** The subgraph's name in the supergraph: its logs and metrics, and the audience of the gateway's signatures. */
  name: string;
  typeDefs: DocumentNode;
  /** The subgraph's generated, typed `Resolvers`. */
  resolvers: object;
  /** Starts the subgraph's background worker, if it has one, once the database and the bus are open. */
  startWorker?: (services: SubgraphServices, config: TConfig) => Promise<TWorker>;
  /** The context of one request, for a caller the gateway vouched for. */
  context: (identity: Identity, services: SubgraphServices, worker: TWorker, config: TConfig) => TContext;
}

/** Reads a subgraph's schema.graphql (pass `new URL('../schema.graphql', import.meta.url)`). */
export function loadTypeDefs(schemaUrl: URL): DocumentNode {
  return parse(readFileSync(schemaUrl, 'utf8'));
}
