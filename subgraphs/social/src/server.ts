import type { SubgraphConfig, RunningServer } from '@pacegraph/service-kit';
import { loadTypeDefs, startPaceGraphSubgraph, type SubgraphDependencies } from '@pacegraph/subgraph-host';
import type { SocialContext } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

/** The social subgraph's schema, as composed into the supergraph. */
export const socialTypeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));

export interface SocialConfig extends SubgraphConfig {
  /** Signs the access tokens signUp and logIn issue (the gateway verifies them). */
  jwtSecret: string;
}

/** Starts the social subgraph: accounts, follows, feed and comments. */
export function startSocialServer(config: SocialConfig, dependencies?: SubgraphDependencies): Promise<RunningServer> {
  return startPaceGraphSubgraph<SocialContext>(
    {
      name: 'social',
      typeDefs: socialTypeDefs,
      resolvers,
      context: ({ viewerId, fanOut }, { prisma, bus, log }) => ({
        viewerId,
        fanOut: fanOut === true,
        prisma,
        bus,
        log,
        jwtSecret: config.jwtSecret,
        loaders: createLoaders(prisma, viewerId),
      }),
    },
    config,
    dependencies,
  );
}
