import { join } from 'node:path';
import type { SubgraphName } from '@pacegraph/gateway';
import { observabilityFromEnv, type ObservabilityConfig } from '@pacegraph/service-kit';
import type { StackEnv } from './env.js';
import { loadOrCreateSecrets, type StackSecrets } from './secrets.js';

/** The processes of a deployment: the gateway and the subgraphs. */
export type ServiceName = 'gateway' | SubgraphName;

/** What both ways of running the stack (one process, or one per service) are told. */
export interface DeploymentOptions {
  /** A PostgreSQL server; without it, an embedded one (in `dataDirectory`, or in memory). */
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data; omit for an in-memory one. */
  dataDirectory?: string;
  /** Redis for the event bus; without it, an in-process bus (which cannot cross processes). */
  redisUrl?: string;
  /** Prefix of this deployment's Redis channels; required with `redisUrl`. */
  channelPrefix?: string;
  secrets: StackSecrets;
  /** @default "127.0.0.1" */
  host?: string;
  /** @default "info" */
  logLevel?: string;
  /** Traces (off when absent) and who may read each service's /metrics. */
  observability?: ObservabilityConfig;
}

/** The deployment `npm start` and `npm run start:cluster` describe with their env. */
export async function deploymentFromEnv(env: StackEnv): Promise<DeploymentOptions & { ports: Record<ServiceName, number> }> {
  const stored = env.JWT_SECRET && env.INTERNAL_SECRET ? undefined : await loadOrCreateSecrets(env.DATA_DIR);
  return {
    databaseUrl: env.DATABASE_URL,
    dataDirectory: join(env.DATA_DIR, 'postgres'),
    redisUrl: env.REDIS_URL,
    channelPrefix: env.CHANNEL_PREFIX,
    secrets: {
      jwtSecret: env.JWT_SECRET ?? stored!.jwtSecret,
      internalSecret: env.INTERNAL_SECRET ?? stored!.internalSecret,
    },
    host: env.HOST,
    ports: { gateway: env.PORT, social: env.SOCIAL_PORT, activity: env.ACTIVITY_PORT, telemetry: env.TELEMETRY_PORT },
    logLevel: env.LOG_LEVEL,
    observability: stackObservability(env),
  };
}

/** The env's observability settings, but each service of one process names itself (`pacegraph-gateway`, …): OTEL_SERVICE_NAME would give all four one name. */
function stackObservability(env: StackEnv): ObservabilityConfig {
  const { tracing, ...rest } = observabilityFromEnv(env);
  if (!tracing) return rest;
  const { serviceName: _oneName, ...perService } = tracing;
  return { ...rest, tracing: perService };
}
