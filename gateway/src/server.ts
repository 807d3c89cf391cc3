import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { ExecutionResult } from 'graphql';
import {
  AccessTokenVerifier,
  apolloSettings,
  createEventBus,
  createLogger,
  isTokenRevocationEvent,
  ServiceMetrics,
  startGraphQLHttpServer,
  startTracing,
  tokenRevocationTopic,
  type EventBus,
  type DestinationStream,
  type ObservabilityConfig,
  type RunningServer,
} from '@pacegraph/service-kit';
import { AccountTokens } from './account-tokens.js';
import { gatewayContext, type GatewayContext } from './context.js';
import { serveGatewaySubscriptions } from './gateway-websocket.js';
import { introspectionPlugin } from './introspection.js';
import { liveDashboardRoutes } from './live-dashboard.js';
import type { LiveMapConfig } from './live-map.js';
import { costLimitPlugin } from './query-cost.js';
import { aliasLimitRule, depthLimitRule, maxQueryTokens } from './query-limits.js';
import { retryAfterPlugin } from './retry-after.js';
import { SubgraphInstances } from './instance-health.js';
import { SignedDataSource } from './signed-data-source.js';
import { SubgraphSubscriber } from './subgraph-subscriber.js';
import { ActivityAdmission } from './activity-admission.js';
import { dataExportRoutes, type RunAsViewer } from './data-export.js';
import { exportLinkClaims } from './export-claims.js';
import { inputLiteralRule, nulVariablePlugin } from './input-guard.js';
import { SubscriptionExecutor } from './subscription-executor.js';
import { SubscriptionPlanner } from './subscription-plans.js';
import { gatewayReadiness } from './readiness.js';
import { readSupergraph, subgraphs, type SubgraphName } from './supergraph.js';

export interface GatewayConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Each subgraph's instances; requests are spread over them. */
  subgraphUrls: Record<SubgraphName, string[]>;
  jwtSecret: string;
  internalSecret: string;
  production: boolean;
  logLevel: string;
  /** Where log lines go. @default standard output */
  logDestination?: DestinationStream;
  /** The supergraph SDL. @default the committed gateway/supergraph.graphql */
  supergraphSdl?: string;
  /** Redis, where social announces revoked tokens; without it (and without `bus`), only what the gateway asks social. */
  redisUrl?: string;
  /** Prefix of this deployment's Redis channels; required with `redisUrl`. */
  channelPrefix?: string;
  /** A bus shared with the subgraphs in this process (the one-process stack); the gateway does not close it. */
  bus?: EventBus;
  /** Traces (off when absent) and who may read /metrics. */
  observability?: ObservabilityConfig;
  /** The live page's map tiles. @default OpenStreetMap's */
  liveMap?: LiveMapConfig;
}

/** The running gateway. */
export interface RunningGateway extends RunningServer {
  /** Subscription events resolved through federation, and results delivered to subscribers. */
  subscriptionWork: { readonly resolved: number; readonly delivered: number };
}

/**
 * Starts the public endpoint: verifies tokens, plans queries over the
 * subgraphs, and executes subscriptions (over graphql-ws) through federation.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const log = createLogger('gateway', config.logLevel, config.logDestination);
  const metrics = new ServiceMetrics('gateway');
  const tracing = startTracing(config.observability?.tracing, 'gateway');
  const supergraphSdl = config.supergraphSdl ?? (await readSupergraph());
  const urlsOf = (name: string) => {
    const urls = config.subgraphUrls[name as SubgraphName];
    if (!urls?.length) throw new Error(`No URL configured for subgraph ${name}`);
    return urls;
  };
  // Which instances of each subgraph take traffic: one view for HTTP and WebSocket alike.
  const instances = Object.fromEntries(subgraphs.map(({ name }) => [name, new SubgraphInstances(name, urlsOf(name), log)]));
  // One data source per subgraph, for queries and for the rest of each subscription event alike.
  const dataSources = Object.fromEntries(
    subgraphs.map(({ name }) => [name, new SignedDataSource(instances[name]!, config.internalSecret, tracing)]),
  );
  const tokens = new AccountTokens(new AccessTokenVerifier(config.jwtSecret), dataSources.social!, log);
  const ownBus = config.bus ? undefined : createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.channelPrefix, log });
  const bus = config.bus ?? ownBus!;
  const stopHearingRevocations = await bus.subscribe(tokenRevocationTopic, (message) => {
    if (isTokenRevocationEvent(message)) tokens.revoked(message);
  });
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: log,
    buildService: ({ name }) => {
      const source = dataSources[name];
      if (!source) throw new Error(`The supergraph names a subgraph PaceGraph does not have: ${name}`);
      return source;
    },
  });
  const planner = new SubscriptionPlanner(supergraphSdl);
  const settings = apolloSettings({ production: config.production, log });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...settings,
    plugins: [
      ...settings.plugins,
      nulVariablePlugin(),
      costLimitPlugin(),
      retryAfterPlugin(),
      // The API schema the subscription planner built from the same supergraph: built once.
      introspectionPlugin(planner.clientSchema),
    ],
    // Limits on what one request may ask, and input nothing behind the gateway can take, before any planning or subgraph work.
    validationRules: [depthLimitRule(), aliasLimitRule(), inputLiteralRule()],
    parseOptions: { maxTokens: maxQueryTokens },
  });
  // An export is gathered through the graph as its athlete, exactly as their own requests would be.
  const runAsViewer: RunAsViewer = async (query, variables, viewerId) => {
    const { body } = await apollo.executeOperation({ query, variables }, { contextValue: { viewerId } });
    if (body.kind !== 'single') throw new Error('an export query answered incrementally');
    return body.singleResult as ExecutionResult;
  };
  const server = await startGraphQLHttpServer({
    apollo,
    host: config.host,
    port: config.port,
    log,
    context: (request) => gatewayContext(request, tokens),
    metrics: { service: metrics, access: { token: config.observability?.metricsToken, production: config.production } },
    tracing,
    // Browser tools (Apollo Sandbox and Studio, GraphiQL) and web apps call from their own origins.
    crossOrigin: true,
    routes: firstRouteOf(
      liveDashboardRoutes(config.liveMap),
      dataExportRoutes(config.jwtSecret, runAsViewer, exportLinkClaims(dataSources.social!), log),
    ),
    // Not ready while a subgraph has no instance the gateway can reach; the 503 names it.
    ready: gatewayReadiness(() => gateway.schema !== undefined, Object.values(instances)),
  });
  const subscribers = Object.fromEntries(
    subgraphs.map(({ name }) => [name, new SubgraphSubscriber(instances[name]!, config.internalSecret)]),
  );
  const admission = new ActivityAdmission(dataSources.social!, log);
  const executor = new SubscriptionExecutor(planner, dataSources, subscribers, admission, log);
  const subscriptions = serveGatewaySubscriptions({
    httpServer: server.httpServer,
    planner,
    executor,
    tokens,
    production: config.production,
    log,
    metrics,
  });
  log.info({ url: server.url }, 'gateway listening');
  return {
    ...server,
    subscriptionWork: executor.counts,
    close: async () => {
      await subscriptions.close();
      tokens.close();
      await stopHearingRevocations().catch((error: unknown) => log.warn({ err: error }, 'could not stop hearing revocations'));
      await ownBus?.close();
      await Promise.all(Object.values(subscribers).map((subscriber) => subscriber.close()));
      try {
        await server.close();
      } finally {
        await Promise.all(Object.values(dataSources).map((source) => source.close()));
        for (const subgraph of Object.values(instances)) subgraph.close();
        await tracing.shutdown().catch((error: unknown) => log.warn({ err: error }, 'could not send the last spans'));
      }
    },
  };
}

type Route = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

/** Routes tried in order; the first that answers a request ends it. */
function firstRouteOf(...routes: Route[]): Route {
  return async (request, response) => {
    for (const route of routes) if (await route(request, response)) return true;
    return false;
  };
}
