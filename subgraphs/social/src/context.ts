import type { PrismaClient } from '@pacegraph/db';
import type { EventBus, Identity, Logger } from '@pacegraph/service-kit';
import type { SubgraphServices } from '@pacegraph/subgraph-host';
import type { AccountThrottles } from './account-limits.js';
import { accessTokenLifetimeSeconds } from './domain/sessions.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { MailSender } from './mail-sender.js';
import type { TokenSigning } from './sessions.js';

/** What social runs beside its requests, for as long as the server: the limits' counters and the mail sender. */
export interface SocialWorker {
  throttles: AccountThrottles;
  mailer: MailSender;
  close(): Promise<void>;
}

export interface SocialContext {
  viewerId: string | null;
  /** The session the viewer's access token was issued to, if any: what logOut ends. */
  sessionId: string | undefined;
  /** The gateway asking on behalf of many viewers it checks itself: see `Identity.fanOut`. */
  fanOut: boolean;
  /** The address the request came from, as the gateway signed it. */
  clientAddress: string | undefined;
  /** Limits on signing up, logging in and following. */
  throttles: AccountThrottles;
  prisma: PrismaClient;
  bus: EventBus;
  log: Logger;
  /** Signs data-export tokens, and keys the hashes of mailed codes. */
  jwtSecret: string;
  /** Signs the access tokens of sessions (and says how long they live). */
  signing: TokenSigning;
  /** Delivers the mails queued in the outbox (SMTP, or a log line). */
  mailer: MailSender;
  loaders: Loaders;
}

/** What every request's context takes from the server's configuration. */
export interface SocialContextConfig {
  jwtSecret: string;
  accessTokenLifetimeSeconds?: number;
}

/** The context of one request: who asks (as the gateway signed it), the services, the limits and fresh loaders. */
export function createSocialContext(
  { viewerId, fanOut, clientAddress, sessionId }: Identity,
  { prisma, bus, log }: SubgraphServices,
  { throttles, mailer }: SocialWorker,
  config: SocialContextConfig,
): SocialContext {
  return {
    viewerId,
    sessionId,
    fanOut: fanOut === true,
    clientAddress,
    throttles,
    prisma,
    bus,
    log,
    jwtSecret: config.jwtSecret,
    signing: { jwtSecret: config.jwtSecret, accessTokenLifetimeSeconds: config.accessTokenLifetimeSeconds ?? accessTokenLifetimeSeconds },
    mailer,
    loaders: createLoaders(prisma, viewerId),
  };
}
