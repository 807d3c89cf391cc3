import { randomBytes } from 'node:crypto';
import { createLogger } from './logger.js';
import { RateLimitedError } from './errors.js';
import { createRateLimitStore, RateLimiter, type RateLimitStore } from './rate-limit.js';

const log = createLogger('test', 'silent');
const refusal = { reason: 'TEST.TOO_MANY', message: 'Too many' };

// The memory store always; the Redis store against a real server when REDIS_URL is set (services mode).
const stores: [string, () => RateLimitStore][] = [
  ['in memory', () => createRateLimitStore({ log })],
  ...(process.env.REDIS_URL
    ? [
        [
          'on Redis',
          () => createRateLimitStore({ redisUrl: process.env.REDIS_URL, keyPrefix: `test-${randomBytes(4).toString('hex')}`, log }),
        ] as [string, () => RateLimitStore],
      ]
    : []),
];

describe.each(stores)('a rate limiter %s', (name, openStore) => {
  let store: RateLimitStore;
  beforeAll(async () => {
    store = openStore();
    await store.redis?.ping().catch(async () => new Promise((resolve) => store.redis!.once('ready', resolve)));
  });
  afterAll(() => store.close());

  it('lets the limit through, then refuses with RATE_LIMITED and when to retry', async () => {
    const limiter = new RateLimiter('take', { points: 3, windowSeconds: 60 }, store, refusal);
    for (let attempt = 0; attempt < 3; attempt++) await limiter.take('client-a');
    const refused = await limiter.take('client-a').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', reason: 'TEST.TOO_MANY' });
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
    await expect(limiter.take('client-b')).resolves.toBeUndefined();
  });

  it('counts without refusing, gives events back, tells what is spent, and forgets on reset', async () => {
    const limiter = new RateLimiter('failures', { points: 2, windowSeconds: 60 }, store, refusal);
    await limiter.count('pair');
    await limiter.count('pair');
    await limiter.count('pair');
    expect(await limiter.spent('pair')).toBe(3);
    await expect(limiter.take('pair')).rejects.toBeInstanceOf(RateLimitedError);
    await limiter.giveBack('pair');
    await limiter.giveBack('pair');
    await limiter.giveBack('pair');
    expect(await limiter.spent('pair')).toBe(1);
    await expect(limiter.take('pair')).resolves.toBeUndefined();
    await limiter.reset('pair');
    expect(await limiter.spent('pair')).toBe(0);
  });

  it('keeps the counters of two deployments (prefixes) apart', async () => {
    const limiter = new RateLimiter('shared', { points: 1, windowSeconds: 60 }, store, refusal);
    await limiter.take('client');
    await expect(limiter.take('client')).rejects.toBeInstanceOf(RateLimitedError);
    const other = openStore();
    try {
      const elsewhere = new RateLimiter('shared', { points: 1, windowSeconds: 60 }, other, refusal);
      if (other.redis) expect(other.keyPrefix).not.toBe(store.keyPrefix);
      await expect(elsewhere.take('client')).resolves.toBeUndefined();
    } finally {
      await other.close();
    }
  });

  if (name === 'on Redis') {
    it('keeps its counters in Redis, where every instance of the service sees them', async () => {
      const limiter = new RateLimiter('seen', { points: 5, windowSeconds: 60 }, store, refusal);
      await limiter.take('client');
      expect(await store.redis!.get(`${store.keyPrefix}:rate:seen:client`)).toBe('1');
    });
  }
});
