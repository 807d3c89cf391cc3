import { activitySubgraph } from '@pacegraph/activity';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@pacegraph/db';
import { startGateway, type RunningGateway } from '@pacegraph/gateway';
import {
  createEventBus,
  createLogger,
  type DestinationStream,
  type EventBus,
  type RunningServer,
  type SubgraphConfig,
} from '@pacegraph/service-kit';
import { socialSubgraph, type AccountLimits } from '@pacegraph/social';
import { startSubgraph } from '@pacegraph/subgraph-host';
import { telemetrySubgraph } from '@pacegraph/telemetry';
import type { DeploymentOptions, ServiceName } from './deployment.js';

export interface StackOptions extends DeploymentOptions {
  /** Ports; 0 (the default) picks free ones. */
  ports?: Partial<Record<ServiceName, number>>;
  production?: boolean;
  /** Called with each SQL statement a subgraph sends: tests pin statement counts with it. */
  onQuery?: (subgraph: string, sql: string) => void;
  /** Limits on signing up, logging in and following, over social's defaults (a bench signs up hundreds from one address). */
  accountLimits?: Partial<AccountLimits>;
  /** How long access tokens live. @default social's 15 minutes */
  accessTokenLifetimeSeconds?: number;
  /** Where social sends mail (`smtp://host:port`); without it each mail is a log line. */
  smtpUrl?: string;
  /** Where every service's log lines go. @default standard output */
  logDestination?: DestinationStream;
}

export interface RunningStack {
  /** The one public endpoint. */
  gatewayUrl: string;
  databaseUrl: string;
  subgraphs: { social: RunningServer; activity: RunningServer; telemetry: RunningServer };
  gateway: RunningGateway;
  /** The event bus the services share (for tools that publish as a service would). */
  bus: EventBus;
  /** The prefix of the bus's Redis channels (undefined with the in-process bus): another process joins the bus with it. */
  channelPrefix?: string;
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
  const log = createLogger('stack', logLevel, options.logDestination);
  const { observability, logDestination } = options;
  const { channelPrefix, onQuery } = options;
  const bus = createEventBus({ redisUrl: options.redisUrl, channelPrefix, log });
  let embedded: EmbeddedPostgres | undefined;
  if (!options.databaseUrl) embedded = await startEmbeddedPostgres({ dataDirectory: options.dataDirectory, host });
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  const started: RunningServer[] = [];
  try {
    // Each subgraph applies pending migrations as it starts (under an advisory lock).
    const base = (port: number | undefined): SubgraphConfig => ({
      host,
      port: port ?? 0,
      databaseUrl,
      redisUrl: options.redisUrl,
      channelPrefix,
      internalSecret: options.secrets.internalSecret,
      production: options.production ?? false,
      logLevel,
      ...(observability ? { observability } : {}),
      ...(logDestination ? { logDestination } : {}),
    });
    const ports = options.ports ?? {};
    const track = <T extends RunningServer>(server: T) => (started.push(server), server);
    // allSettled, not all: when one fails, the others have still started and must be closed.
    const shared = { bus, onQuery };
    const results = await Promise.allSettled([
      startSubgraph(
        socialSubgraph,
        {
          ...base(ports.social),
          jwtSecret: options.secrets.jwtSecret,
          accountLimits: options.accountLimits,
          ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
          ...(options.accessTokenLifetimeSeconds ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds } : {}),
        },
        shared,
      ).then(track),
      startSubgraph(activitySubgraph, base(ports.activity), shared).then(track),
      startSubgraph(telemetrySubgraph, base(ports.telemetry), shared).then(track),
    ]);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    const [social, activity, telemetry] = results.map((result) => (result as PromiseFulfilledResult<RunningServer>).value) as [
      RunningServer,
      RunningServer,
      RunningServer,
    ];
    const gateway = track(
      await startGateway({
        host,
        port: ports.gateway ?? 0,
        jwtSecret: options.secrets.jwtSecret,
        internalSecret: options.secrets.internalSecret,
        subgraphUrls: { social: [social.url], activity: [activity.url], telemetry: [telemetry.url] },
        production: options.production ?? false,
        logLevel,
        bus,
        ...(observability ? { observability } : {}),
        ...(logDestination ? { logDestination } : {}),
      }),
    );
    let closing: Promise<void> | undefined;
    return {
      gatewayUrl: gateway.url,
      databaseUrl,
      subgraphs: { social, activity, telemetry },
      gateway,
      bus,
      channelPrefix: options.redisUrl ? channelPrefix : undefined,
      close: () => (closing ??= closeAll(started, bus, embedded)),
    };
  } catch (error) {
    await closeAll(started, bus, embedded);
    throw error;
  }
}

/**
 * Front to back: the gateway stops taking requests before the subgraphs, the
 * database last. Every step runs even when one before it failed.
 */
async function closeAll(servers: RunningServer[], bus: { close(): Promise<void> }, embedded: EmbeddedPostgres | undefined): Promise<void> {
  const steps = [...[...servers].reverse().map((server) => () => server.close()), () => bus.close()];
  if (embedded) steps.push(() => embedded.stop());
  const errors: unknown[] = [];
  for (const step of steps) await step().catch((error: unknown) => errors.push(error));
  if (errors.length) throw new AggregateError(errors, 'the stack did not close cleanly');
}
