import { createRateLimitStore, type SubgraphConfig } from '@pacegraph/service-kit';
import { loadTypeDefs, type SubgraphDefinition } from '@pacegraph/subgraph-host';
import { AccountThrottles, defaultAccountLimits, type AccountLimits } from './account-limits.js';
import { createSocialContext, type SocialContext, type SocialWorker } from './context.js';
import { logMailSender, smtpMailSender } from './mail-sender.js';
import { resolvers } from './resolvers/index.js';

export interface SocialConfig extends SubgraphConfig {
  /** Signs the access tokens signUp and logIn issue (the gateway verifies them). */
  jwtSecret: string;
  /** Limits on signing up, logging in and following, each over the defaults. @default defaultAccountLimits */
  accountLimits?: Partial<AccountLimits>;
  /** How long the access tokens of sessions live (tests shorten it to see them expire). @default 15 minutes */
  accessTokenLifetimeSeconds?: number;
  /** Where mail is sent (`smtp://user:pass@host:port`, `smtps://…`); without it, each mail is a log line. */
  smtpUrl?: string;
  /** The sender of mail sent over SMTP. @default "PaceGraph <no-reply@pacegraph.invalid>" */
  mailFrom?: string;
}

/** The sender of mail when none is configured. */
export const defaultMailFrom = 'PaceGraph <no-reply@pacegraph.invalid>';

/** The social subgraph: accounts, follows, feed and comments. Boot it with `startSubgraph(socialSubgraph, config)`. */
export const socialSubgraph: SubgraphDefinition<SocialContext, SocialWorker, SocialConfig> = {
  name: 'social',
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  resolvers,
  // The limits' counters (and their Redis connection) and the mail sender live as long as the server.
  startWorker: async ({ log }, config) => {
    const throttles = new AccountThrottles(createRateLimitStore({ redisUrl: config.redisUrl, keyPrefix: config.channelPrefix, log }), {
      ...defaultAccountLimits,
      ...config.accountLimits,
    });
    const mailer = config.smtpUrl
      ? smtpMailSender(config.smtpUrl, config.mailFrom ?? defaultMailFrom, log)
      : logMailSender(log, config.production);
    return { throttles, mailer, close: async () => void (await Promise.all([throttles.close(), mailer.close()])) };
  },
  context: createSocialContext,
};
