import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { apolloSettings, createLogger, startGraphQLHttpServer, type RunningServer } from '@pacegraph/service-kit';
import { gatewayContext, type GatewayContext } from './context.js';
import { aliasLimitRule, depthLimitRule, maxQueryTokens } from './query-limits.js';
import { SignedDataSource } from './signed-data-source.js';
import { readSupergraph, type SubgraphName } from './supergraph.js';

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
  /** The supergraph SDL. @default the committed gateway/supergraph.graphql */
  supergraphSdl?: string;
}

/** Starts the public endpoint: verifies tokens, plans queries over the subgraphs. */
export async function startGateway(config: GatewayConfig): Promise<RunningServer> {
  const log = createLogger('gateway', config.logLevel);
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl ?? (await readSupergraph()),
    logger: log,
    buildService: ({ name }) => {
      const urls = config.subgraphUrls[name as SubgraphName];
      if (!urls?.length) throw new Error(`No URL configured for subgraph ${name}`);
      return new SignedDataSource(name, urls, config.internalSecret);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...apolloSettings({ production: config.production, log }),
    // Limits on what one request may ask, before any planning or subgraph work.
    validationRules: [depthLimitRule(), aliasLimitRule()],
    parseOptions: { maxTokens: maxQueryTokens },
  });
  const server = await startGraphQLHttpServer({
    apollo,
    host: config.host,
    port: config.port,
    log,
    context: (request) => gatewayContext(request, config.jwtSecret),
    // The gateway holds no connections of its own; a subgraph that is down shows in its own /readyz.
    ready: async () => true,
  });
  log.info({ url: server.url }, 'gateway listening');
  return server;
}
