import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from './errors.js';
import type { Logger } from './logger.js';

/** How many events one key may have within a window. */
export interface RateLimit {
  points: number;
  windowSeconds: number;
}

/** What a refusal says: a stable reason (`ACCOUNT.TOO_MANY_LOG_INS`) and a message. */
export interface RateLimitRefusal {
  reason: string;
  message: string;
}

/**
 * Where counters are kept: Redis, shared by every instance of a service, or
 * this process's memory (the embedded default, one process). `close()`
 * releases the Redis connection.
 */
export interface RateLimitStore {
  readonly redis: Redis | undefined;
  /** Prefix of every key, one per deployment, as the bus's channel prefix. */
  readonly keyPrefix: string;
  close(): Promise<void>;
}

/**
 * Redis when a URL is given (with the deployment's prefix, required as for
 * the bus), this process's memory otherwise.
 */
export function createRateLimitStore(options: { redisUrl?: string; keyPrefix?: string; log: Logger }): RateLimitStore {
  if (!options.redisUrl) return { redis: undefined, keyPrefix: options.keyPrefix ?? 'pacegraph', close: async () => {} };
  if (!options.keyPrefix) throw new Error('CHANNEL_PREFIX is required with REDIS_URL (one per deployment)');
  // Without an offline queue a command fails at once while Redis is away, and the limiter's
  // in-memory insurance answers instead of every request waiting for a reconnect.
  const redis = new Redis(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: 'pacegraph-rate-limits',
  });
  redis.on('error', (error: Error) => options.log.warn({ err: error }, 'rate-limit redis connection error'));
  return {
    redis,
    keyPrefix: options.keyPrefix,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * Counts events per key (an address, an account) in a fixed window and
 * refuses with RATE_LIMITED once `limit.points` are spent, saying when to
 * retry. On Redis, a Redis that does not answer falls back to counting in
 * this process, so an outage neither opens nor blocks the door.
 */
export class RateLimiter {
  private readonly counters: RateLimiterAbstract;

  constructor(
    /** Names the counter in its keys: `<prefix>:rate:<name>:<key>`. */
    name: string,
    readonly limit: RateLimit,
    store: RateLimitStore,
    private readonly refusal: RateLimitRefusal,
  ) {
    const settings = { points: limit.points, duration: limit.windowSeconds, keyPrefix: `${store.keyPrefix}:rate:${name}` };
    this.counters = store.redis
      ? new RateLimiterRedis({ ...settings, storeClient: store.redis, insuranceLimiter: new RateLimiterMemory(settings) })
      : new RateLimiterMemory(settings);
  }

  /** Counts one event for `key`; RATE_LIMITED when that goes over the limit. */
  async take(key: string): Promise<void> {
    try {
      await this.counters.consume(key);
    } catch (rejection) {
      throw this.refused(rejection);
    }
  }

  /** Counts one event for `key` without refusing (a failure that the next attempt will answer for). */
  async count(key: string): Promise<void> {
    await this.counters.penalty(key);
  }

  /** Takes back one event of `key` (an attempt counted before its outcome was known, that turned out fine). */
  async giveBack(key: string): Promise<void> {
    await this.counters.reward(key);
  }

  /** How many events `key` has in its current window. */
  async spent(key: string): Promise<number> {
    return (await this.counters.get(key))?.consumedPoints ?? 0;
  }

  /** Forgets `key`'s events (a successful logIn clears its failures). */
  async reset(key: string): Promise<void> {
    await this.counters.delete(key);
  }

  private refused(rejection: unknown): Error {
    if (!(rejection instanceof RateLimiterRes)) return rejection instanceof Error ? rejection : new Error(String(rejection));
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return new RateLimitedError(this.refusal.reason, this.refusal.message, retryAfterSeconds);
  }
}
