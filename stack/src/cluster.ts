import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { defaultPoolSize, startEmbeddedPostgres, type EmbeddedPostgres } from '@pacegraph/db';
import { subgraphs as supergraphSubgraphs, type SubgraphName } from '@pacegraph/gateway';
import type { DeploymentOptions, ServiceName } from './deployment.js';

const subgraphs = supergraphSubgraphs.map((subgraph) => subgraph.name);

const entryPoints: Record<ServiceName, string> = {
  social: fileURLToPath(new URL('../../subgraphs/social/dist/main.js', import.meta.url)),
  activity: fileURLToPath(new URL('../../subgraphs/activity/dist/main.js', import.meta.url)),
  telemetry: fileURLToPath(new URL('../../subgraphs/telemetry/dist/main.js', import.meta.url)),
  gateway: fileURLToPath(new URL('../../gateway/dist/main.js', import.meta.url)),
};

export interface ClusterOptions extends DeploymentOptions {
  /** The gateway's port; instance i of a subgraph listens on its base port + 100·i. */
  ports: Record<ServiceName, number>;
  /** Processes per subgraph. @default 2 */
  instances?: number;
  /** Gateway processes; gateway i listens on the gateway port + 100·i. @default 1 */
  gateways?: number;
  /** Where the processes' output goes; with 'pipe' the caller must read it. @default 'inherit' */
  stdio?: 'inherit' | 'ignore' | 'pipe';
}

/** One process of the cluster. */
export interface ClusterProcess {
  service: ServiceName;
  url: string;
  child: ChildProcess;
}

export interface RunningCluster {
  /** The first gateway's URL. */
  gatewayUrl: string;
  /** Every gateway's URL. */
  gatewayUrls: string[];
  processes: ClusterProcess[];
  /** Every subgraph instance's GraphQL URL. */
  subgraphUrls: Record<SubgraphName, string[]>;
  /** Stops one process (an outage); `start` brings it back. */
  stop(process: ClusterProcess): Promise<void>;
  /** Starts a stopped process again, on its port with its settings, and waits until it is ready. */
  start(process: ClusterProcess): Promise<void>;
  close(): Promise<void>;
}

/** Polls a service's /readyz until it answers 200, or fails when the process exits first. */
async function waitUntilReady(child: ChildProcess, graphqlUrl: string, timeoutMs = 60_000): Promise<void> {
  const readyz = graphqlUrl.replace(/\/graphql$/, '/readyz');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${graphqlUrl}: process exited with code ${child.exitCode}`);
    // Ready, and answered by this child: another process already on the port (the child then fails
    // to listen) must not pass for it.
    const answer = await fetch(readyz).then(
      async (response) => (response.ok ? ((await response.json()) as { pid?: number }) : null),
      () => null,
    );
    if (answer?.pid === child.pid) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${graphqlUrl} was not ready within ${timeoutMs} ms`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  // Before the launcher's own shutdown deadline, so no child outlives it.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The scale-out topology: every service its own process, configured by env
 * alone (`node subgraphs/social/dist/main.js`), several instances of each
 * subgraph behind the gateway, one PostgreSQL and one Redis between them.
 */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const host = options.host ?? '127.0.0.1';
  const instances = options.instances ?? 2;
  let embedded: EmbeddedPostgres | undefined;
  if (!options.databaseUrl) {
    // Every instance's pool, plus room for the launcher and a psql.
    const maxConnections = subgraphs.length * instances * defaultPoolSize + 16;
    embedded = await startEmbeddedPostgres({ dataDirectory: options.dataDirectory, host, maxConnections });
  }
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  const processes: ClusterProcess[] = [];
  const close = async () => {
    await Promise.all(processes.map(({ child }) => stopProcess(child)));
    await embedded?.stop();
  };
  try {
    // The launcher's own deployment settings are passed explicitly below, never inherited.
    const { DATABASE_URL: _d, REDIS_URL: _r, CHANNEL_PREFIX: _c, JWT_SECRET: _j, INTERNAL_SECRET: _i, ...inherited } = process.env;
    const common = {
      ...inherited,
      HOST: host,
      LOG_LEVEL: options.logLevel ?? 'info',
      DATABASE_URL: databaseUrl,
      ...(options.channelPrefix ? { CHANNEL_PREFIX: options.channelPrefix } : {}),
      JWT_SECRET: options.secrets.jwtSecret,
      INTERNAL_SECRET: options.secrets.internalSecret,
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    };
    const spawnService = (service: ServiceName, env: Record<string, string | undefined>) =>
      spawn(process.execPath, [entryPoints[service]], { env: { ...common, ...env }, stdio: options.stdio ?? 'inherit' });
    const settings = new Map<ClusterProcess, Record<string, string | undefined>>();
    const launch = (service: ServiceName, url: string, env: Record<string, string | undefined>) => {
      const child = spawnService(service, env);
      const launched = { service, url, child };
      processes.push(launched);
      settings.set(launched, env);
      return child;
    };
    const subgraphUrls = { social: [], activity: [], telemetry: [] } as Record<SubgraphName, string[]>;
    const starting: Promise<void>[] = [];
    for (const service of subgraphs) {
      for (let instance = 0; instance < instances; instance++) {
        const port = options.ports[service] + 100 * instance;
        const url = `http://${host}:${port}/graphql`;
        subgraphUrls[service].push(url);
        starting.push(waitUntilReady(launch(service, url, { PORT: String(port) }), url));
      }
    }
    await Promise.all(starting);
    const gatewayUrls = Array.from({ length: options.gateways ?? 1 }, (_, index) => {
      const port = options.ports.gateway + 100 * index;
      return { port, url: `http://${host}:${port}/graphql` };
    });
    await Promise.all(
      gatewayUrls.map(({ port, url }) =>
        waitUntilReady(
          launch('gateway', url, {
            PORT: String(port),
            SOCIAL_URLS: subgraphUrls.social.join(','),
            ACTIVITY_URLS: subgraphUrls.activity.join(','),
            TELEMETRY_URLS: subgraphUrls.telemetry.join(','),
          }),
          url,
        ),
      ),
    );
    return {
      gatewayUrl: gatewayUrls[0]!.url,
      gatewayUrls: gatewayUrls.map(({ url }) => url),
      processes,
      subgraphUrls,
      stop: (stopped) => stopProcess(stopped.child),
      async start(stopped) {
        if (stopped.child.exitCode === null && stopped.child.signalCode === null) return;
        stopped.child = spawnService(stopped.service, settings.get(stopped)!);
        await waitUntilReady(stopped.child, stopped.url);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
