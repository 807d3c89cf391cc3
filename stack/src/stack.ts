import { startActivityServer } from '@pacegraph/activity';
import { applyMigrations, startEmbeddedPostgres, type EmbeddedPostgres } from '@pacegraph/db';
import { startGateway } from '@pacegraph/gateway';
import { createEventBus, createLogger, type RunningServer, type SubgraphConfig } from '@pacegraph/service-kit';
import { startSocialServer } from '@pacegraph/social';
import { startTelemetryServer } from '@pacegraph/telemetry';
import type { DeploymentOptions, ServiceName } from './deployment.js';

export interface StackOptions extends DeploymentOptions {
  /** Ports; 0 (the default) picks free ones. */
  ports?: Partial<Record<ServiceName, number>>;
  production?: boolean;
}

export interface RunningStack {
  /** The one public endpoint. */
  gatewayUrl: string;
  databaseUrl: string;
  subgraphs: { social: RunningServer; activity: RunningServer; telemetry: RunningServer };
  gateway: RunningServer;
  close(): Promise<void>;
}

/**
 * The whole supergraph in one process: the gateway and the three subgraphs,
 * each on its own port and talking over real HTTP, sharing one event bus.
 * This is what `npm start` runs and what the end-to-end tests boot.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const host = options.host ?? '127.0.0.1';
  const logLevel = options.logLevel ?? 'info';
  const log = createLogger('stack', logLevel);
  let embedded: EmbeddedPostgres | undefined;
  if (!options.databaseUrl) embedded = await startEmbeddedPostgres({ dataDirectory: options.dataDirectory, host });
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  const started: RunningServer[] = [];
  const channelPrefix = options.channelPrefix ?? 'pacegraph';
  const bus = createEventBus({ redisUrl: options.redisUrl, channelPrefix, log });
  try {
    const report = await applyMigrations(databaseUrl);
    if (report.applied.length) log.info({ migrations: report.applied }, 'applied migrations');
    const base = (port: number | undefined): SubgraphConfig => ({
      host,
      port: port ?? 0,
      databaseUrl,
      redisUrl: options.redisUrl,
      channelPrefix,
      internalSecret: options.secrets.internalSecret,
      production: options.production ?? false,
      logLevel,
    });
    const ports = options.ports ?? {};
    const track = (server: RunningServer) => (started.push(server), server);
    const [social, activity, telemetry] = await Promise.all([
      startSocialServer({ ...base(ports.social), jwtSecret: options.secrets.jwtSecret }, { bus }).then(track),
      startActivityServer(base(ports.activity), { bus }).then(track),
      startTelemetryServer(base(ports.telemetry), { bus }).then(track),
    ]);
    const gateway = track(
      await startGateway({
        host,
        port: ports.gateway ?? 0,
        jwtSecret: options.secrets.jwtSecret,
        internalSecret: options.secrets.internalSecret,
        subgraphUrls: { social: [social.url], activity: [activity.url], telemetry: [telemetry.url] },
        production: options.production ?? false,
        logLevel,
      }),
    );
    let closing: Promise<void> | undefined;
    return {
      gatewayUrl: gateway.url,
      databaseUrl,
      subgraphs: { social, activity, telemetry },
      gateway,
      close: () => (closing ??= closeAll(started, bus, embedded)),
    };
  } catch (error) {
    await closeAll(started, bus, embedded);
    throw error;
  }
}

/** Front to back: the gateway stops taking requests before the subgraphs, the database last. */
async function closeAll(
  servers: RunningServer[],
  bus: { close(): Promise<void> },
  embedded: EmbeddedPostgres | undefined,
): Promise<void> {
  for (const server of [...servers].reverse()) await server.close();
  await bus.close();
  await embedded?.stop();
}
