import { createRateLimitStore, type SubgraphConfig } from '@pacegraph/service-kit';
import { loadTypeDefs, type SubgraphDefinition } from '@pacegraph/subgraph-host';
import { AccountThrottles, defaultAccountLimits, type AccountLimits } from './account-limits.js';
import { createSocialContext, type SocialContext } from './context.js';
import { resolvers } from './resolvers/index.js';

export interface SocialConfig extends SubgraphConfig {
  /** Signs the access tokens signUp and logIn issue (the gateway verifies them). */
  jwtSecret: string;
  /** Limits on signing up, logging in and following, each over the defaults. @default defaultAccountLimits */
  accountLimits?: Partial<AccountLimits>;
}

/** The social subgraph: accounts, follows, feed and comments. Boot it with `startSubgraph(socialSubgraph, config)`. */
export const socialSubgraph: SubgraphDefinition<SocialContext, AccountThrottles, SocialConfig> = {
  name: 'social',
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  resolvers,
  // The limits' counters (and their Redis connection) live as long as the server, as a worker would.
  startWorker: async ({ log }, config) =>
    new AccountThrottles(createRateLimitStore({ redisUrl: config.redisUrl, keyPrefix: config.channelPrefix, log }), {
      ...defaultAccountLimits,
      ...config.accountLimits,
    }),
  context: createSocialContext,
};
