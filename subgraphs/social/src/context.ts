import type { PrismaClient } from '@pacegraph/db';
import type { EventBus, Identity, Logger } from '@pacegraph/service-kit';
import type { SubgraphServices } from '@pacegraph/subgraph-host';
import type { AccountThrottles } from './account-limits.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface SocialContext {
  viewerId: string | null;
  /** The gateway asking on behalf of many viewers it checks itself: see `Identity.fanOut`. */
  fanOut: boolean;
  /** The address the request came from, as the gateway signed it. */
  clientAddress: string | undefined;
  /** Limits on signing up, logging in and following. */
  throttles: AccountThrottles;
  prisma: PrismaClient;
  bus: EventBus;
  log: Logger;
  /** Signs the tokens confirmSignUp and logIn return (and keys the hashes of sign-up codes). */
  jwtSecret: string;
  /** Production logs a queued mail by its kind and ids only, never its address or code. */
  production: boolean;
  loaders: Loaders;
}

/** What every request's context takes from the server's configuration. */
export interface SocialContextConfig {
  jwtSecret: string;
  production: boolean;
}

/** The context of one request: who asks (as the gateway signed it), the services, the limits and fresh loaders. */
export function createSocialContext(
  { viewerId, fanOut, clientAddress }: Identity,
  { prisma, bus, log }: SubgraphServices,
  throttles: AccountThrottles,
  config: SocialContextConfig,
): SocialContext {
  return {
    viewerId,
    fanOut: fanOut === true,
    clientAddress,
    throttles,
    prisma,
    bus,
    log,
    jwtSecret: config.jwtSecret,
    production: config.production,
    loaders: createLoaders(prisma, viewerId),
  };
}
