// Deployments for tests, each on a database of its own: embedded PostgreSQL
// by default, a schema on DATABASE_URL's server when it is set, and real
// Redis when REDIS_URL is set (CI sets both). `@pacegraph/stack/testing`.
/// <reference types="jest" />
import { randomBytes } from 'node:crypto';
import { provisionTestDatabase } from '@pacegraph/db/testing';
import { startCluster, type ClusterOptions, type RunningCluster } from './cluster.js';
import type { DeploymentOptions } from './deployment.js';
import type { StackSecrets } from './secrets.js';
import { startStack, type RunningStack, type StackOptions } from './stack.js';

/** Fresh secrets, and a channel prefix no other test file shares on Redis. */
function testDeployment(): Pick<DeploymentOptions, 'redisUrl' | 'channelPrefix'> & { secrets: StackSecrets } {
  return {
    redisUrl: process.env.REDIS_URL || undefined,
    channelPrefix: `test-${randomBytes(4).toString('hex')}`,
    secrets: { jwtSecret: randomBytes(32).toString('hex'), internalSecret: randomBytes(32).toString('hex') },
  };
}

/**
 * Social's limits, but for sign-ups and their codes: a test file signs up its
 * athletes from 127.0.0.1, more than the 10 an hour (and 30 codes in 15
 * minutes, 10 password resets an hour) one address may; and for searches. Tests of the limits pass `accountLimits: {}` for the defaults.
 */
export const testAccountLimits = {
  signUpsPerAddress: { points: 10_000, windowSeconds: 3600 },
  signUpConfirmationsPerAddress: { points: 10_000, windowSeconds: 3600 },
  // The walk over every schema path searches far more than anyone types.
  searchesPerAthlete: { points: 10_000, windowSeconds: 3600 },
  passwordResetsPerAddress: { points: 10_000, windowSeconds: 3600 },
};

/** Each running test deployment's database, by its gateways' URLs: where signing up reads the mailed code. */
const databasesByGateway = new Map<string, string>();

/**
 * The database of the test deployment serving `gatewayUrl` (booted by
 * `bootTestStack` or `startTestCluster` in this process), or undefined.
 */
export function databaseUrlOfGateway(gatewayUrl: string): string | undefined {
  return databasesByGateway.get(gatewayUrl);
}

export interface StackUnderTest {
  stack: RunningStack;
  secrets: StackSecrets;
  /** The stack's own database, for tests that check what was stored. */
  databaseUrl: string;
  /** Stops the stack, then drops its database. */
  close(): Promise<void>;
}

/**
 * The whole supergraph in this process (as `npm start` runs it), quiet.
 * `redisUrl` overrides REDIS_URL: a test that kills Redis brings its own.
 */
export async function bootTestStack(
  options: Pick<
    StackOptions,
    'production' | 'onQuery' | 'redisUrl' | 'accountLimits' | 'observability' | 'logDestination' | 'smtpUrl' | 'accessTokenLifetimeSeconds'
  > = {},
): Promise<StackUnderTest> {
  const database = await provisionTestDatabase();
  const deployment = testDeployment();
  try {
    const stack = await startStack({
      ...deployment,
      accountLimits: testAccountLimits,
      ...options,
      databaseUrl: database.url,
      // Quiet, unless a test reads the log lines.
      logLevel: options.logDestination ? 'info' : 'silent',
    });
    databasesByGateway.set(stack.gatewayUrl, database.url);
    return {
      stack,
      secrets: deployment.secrets,
      databaseUrl: database.url,
      close: async () => {
        databasesByGateway.delete(stack.gatewayUrl);
        await stack.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A cluster whose `close` also drops its database. */
export interface ClusterUnderTest extends RunningCluster {
  databaseUrl: string;
}

/**
 * Every service its own process (`npm run start:cluster`), on ports picked at
 * random below Linux's ephemeral range (32768+), where servers on port 0 and
 * client sockets take theirs.
 */
export async function startTestCluster(
  options: Pick<ClusterOptions, 'instances' | 'gateways' | 'logLevel' | 'stdio'>,
): Promise<ClusterUnderTest> {
  const database = await provisionTestDatabase();
  const base = 20_000 + Math.floor(Math.random() * 10_000);
  try {
    const cluster = await startCluster({
      ...testDeployment(),
      ...options,
      databaseUrl: database.url,
      ports: { gateway: base, social: base + 1, activity: base + 2, telemetry: base + 3 },
    });
    for (const url of cluster.gatewayUrls) databasesByGateway.set(url, database.url);
    return {
      ...cluster,
      databaseUrl: database.url,
      close: async () => {
        for (const url of cluster.gatewayUrls) databasesByGateway.delete(url);
        await cluster.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * Starts a cluster ({@link startTestCluster}) before the enclosing describe's
 * tests and closes it after. The returned object is filled in once beforeAll
 * has run, after `started` has seen it (to listen to its processes' output).
 */
export function useTestCluster(
  options: Parameters<typeof startTestCluster>[0],
  started?: (cluster: ClusterUnderTest) => void,
): ClusterUnderTest {
  const harness = {} as ClusterUnderTest;
  beforeAll(async () => {
    Object.assign(harness, await startTestCluster(options));
    started?.(harness);
  }, 120_000);
  afterAll(() => harness.close?.());
  return harness;
}
