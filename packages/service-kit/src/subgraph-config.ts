import { z } from 'zod';
import type { DestinationStream } from './logger.js';
import { commonEnv, portNumber, readEnv, secret } from './env.js';
import { observabilityFromEnv, type ObservabilityConfig } from './observability-env.js';

/** What every subgraph deployable is configured with. */
export interface SubgraphConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  databaseUrl: string;
  /** Redis for the event bus; the in-process bus when absent. */
  redisUrl?: string;
  /** Prefix of this deployment's Redis channels; required with `redisUrl`. */
  channelPrefix?: string;
  /** Shared with the gateway, which signs each request's identity with it. */
  internalSecret: string;
  production: boolean;
  logLevel: string;
  /** Traces (off when absent) and who may read /metrics. */
  observability?: ObservabilityConfig;
  /** Where log lines go. @default standard output */
  logDestination?: DestinationStream;
}

/** The env fields of every subgraph: PORT, DATABASE_URL, REDIS_URL, CHANNEL_PREFIX, INTERNAL_SECRET, …. */
export function subgraphEnv(defaultPort: number) {
  return {
    ...commonEnv,
    PORT: portNumber(defaultPort),
    DATABASE_URL: z.string().min(1),
    REDIS_URL: z.string().min(1).optional(),
    CHANNEL_PREFIX: z.string().min(1).optional(),
    INTERNAL_SECRET: secret,
  };
}

/** Reads a subgraph's configuration from the environment, plus the fields in `extra`. */
export function readSubgraphConfig<Extra extends z.ZodRawShape>(
  defaultPort: number,
  extra: Extra,
  source: Record<string, string | undefined>,
) {
  const env = readEnv(subgraphEnv(defaultPort), source);
  const config: SubgraphConfig = {
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    channelPrefix: env.CHANNEL_PREFIX,
    internalSecret: env.INTERNAL_SECRET,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    observability: observabilityFromEnv(env),
  };
  return { config, env: readEnv(extra, source) };
}

export { secret };
