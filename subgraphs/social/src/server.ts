import { createRateLimitStore, type SubgraphConfig, type RunningServer } from '@pacegraph/service-kit';
import { loadTypeDefs, startPaceGraphSubgraph, type SubgraphDependencies } from '@pacegraph/subgraph-host';
import { AccountThrottles, defaultAccountLimits, type AccountLimits } from './account-limits.js';
import { createSocialContext, type SocialContext } from './context.js';
import { resolvers } from './resolvers/index.js';

/** The social subgraph's schema, as composed into the supergraph. */
export const socialTypeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));

export interface SocialConfig extends SubgraphConfig {
  /** Signs the access tokens signUp and logIn issue (the gateway verifies them). */
  jwtSecret: string;
  /** Limits on signing up, logging in and following, each over the defaults. @default defaultAccountLimits */
  accountLimits?: Partial<AccountLimits>;
}

/** Starts the social subgraph: accounts, follows, feed and comments. */
export function startSocialServer(config: SocialConfig, dependencies?: SubgraphDependencies): Promise<RunningServer> {
  return startPaceGraphSubgraph<SocialContext, AccountThrottles>(
    {
      name: 'social',
      typeDefs: socialTypeDefs,
      resolvers,
      // The limits' counters (and their Redis connection) live as long as the server, as a worker would.
      startWorker: async ({ log }) =>
        new AccountThrottles(createRateLimitStore({ redisUrl: config.redisUrl, keyPrefix: config.channelPrefix, log }), {
          ...defaultAccountLimits,
          ...config.accountLimits,
        }),
      context: (identity, services, throttles) => createSocialContext(config, identity, services, throttles),
    },
    config,
    dependencies,
  );
}
