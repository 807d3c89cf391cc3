import { randomBytes } from 'node:crypto';
import { provisionTestDatabase } from '@pacegraph/db/testing';
import { startStack, type StackOptions } from '@pacegraph/stack';

/**
 * Account limits for a benchmark's stack: every athlete signs up from this
 * one address, so the per-address sign-up limits are raised far above what a
 * run needs (the other limits stay as deployed).
 */
export const benchAccountLimits = {
  signUpsPerAddress: { points: 10_000, windowSeconds: 3600 },
  signUpConfirmationsPerAddress: { points: 10_000, windowSeconds: 3600 },
};

/**
 * A database of its own (DATABASE_URL's server when set, else embedded) and
 * the whole stack on it in this process, as deployed (production mode) and
 * quiet, with fresh secrets: the benchmark signs tokens and identities with them.
 */
export async function startBenchStack(options: Pick<StackOptions, 'redisUrl' | 'accountLimits' | 'onQuery'> = {}) {
  const database = await provisionTestDatabase();
  const secrets = { jwtSecret: randomBytes(32).toString('hex'), internalSecret: randomBytes(32).toString('hex') };
  const stack = await startStack({
    databaseUrl: database.url,
    channelPrefix: `bench-${randomBytes(4).toString('hex')}`,
    secrets,
    logLevel: 'silent',
    production: true,
    ...options,
  });
  /** Stops the stack and drops its database; BENCH_KEEP_DATABASE=1 leaves the seeded schema behind, to look into with EXPLAIN. */
  const close = async () => {
    await stack.close();
    if (process.env.BENCH_KEEP_DATABASE) console.error(`kept ${database.url}`);
    else await database.drop();
  };
  return { database, secrets, stack, close };
}
