import { randomBytes } from 'node:crypto';
import { createLogger } from '../src/logger.js';
import { EventBusDownError, type EventBus, type EventBusConnectivity } from '../src/event-bus.js';
import { MemoryEventBus } from '../src/memory-event-bus.js';
import { RedisEventBus } from '../src/redis-event-bus.js';
import { redisServerInstalled, startOwnRedis, type OwnRedis } from '../src/testing.js';

// The Redis implementation runs against a real server when REDIS_URL is set
// (CI sets it); the in-process one always runs.
const redisUrl = process.env.REDIS_URL;
const log = createLogger('test', 'silent');

interface BusPair {
  /** Two buses as two processes would hold them (the same one, in-process). */
  create(): { publisher: EventBus; subscriber: EventBus; close(): Promise<void> };
}

const implementations: [string, BusPair][] = [
  [
    'in-process',
    {
      create() {
        const bus = new MemoryEventBus(log);
        return { publisher: bus, subscriber: bus, close: () => bus.close() };
      },
    },
  ],
];
if (redisUrl) {
  implementations.push([
    'Redis',
    {
      create() {
        const channelPrefix = `test-${randomBytes(4).toString('hex')}`;
        const publisher = new RedisEventBus({ url: redisUrl, channelPrefix, log });
        const subscriber = new RedisEventBus({ url: redisUrl, channelPrefix, log });
        return {
          publisher,
          subscriber,
          close: async () => {
            await publisher.close();
            await subscriber.close();
          },
        };
      },
    },
  ]);
}

function collector() {
  const received: unknown[] = [];
  let wake: (() => void) | undefined;
  return {
    received,
    listener: (message: unknown) => {
      received.push(message);
      wake?.();
    },
    async waitFor(count: number, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
  };
}

describe.each(implementations)('the %s event bus', (_name, implementation) => {
  let buses: ReturnType<BusPair['create']>;
  beforeEach(() => {
    buses = implementation.create();
  });
  afterEach(() => buses.close());

  it('delivers messages in order to every subscriber of a topic, and only that topic', async () => {
    const first = collector();
    const second = collector();
    const other = collector();
    await buses.subscriber.subscribe('activity:1', first.listener);
    await buses.subscriber.subscribe('activity:1', second.listener);
    await buses.subscriber.subscribe('activity:2', other.listener);
    for (let index = 0; index < 5; index++) await buses.publisher.publish('activity:1', { index });
    const expected = [0, 1, 2, 3, 4].map((index) => ({ index }));
    expect(await first.waitFor(5)).toEqual(expected);
    expect(await second.waitFor(5)).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other.received).toEqual([]);
  });

  it('stops delivering after unsubscribe, leaving other subscribers alone', async () => {
    const leaving = collector();
    const staying = collector();
    const unsubscribe = await buses.subscriber.subscribe('topic', leaving.listener);
    await buses.subscriber.subscribe('topic', staying.listener);
    await buses.publisher.publish('topic', 'one');
    await leaving.waitFor(1);
    await unsubscribe();
    await buses.publisher.publish('topic', 'two');
    expect(await staying.waitFor(2)).toEqual(['one', 'two']);
    expect(leaving.received).toEqual(['one']);
  });

  it('hands subscribers a frozen message, so none can change what another receives', async () => {
    const first = collector();
    const second = collector();
    const mutations: unknown[] = [];
    await buses.subscriber.subscribe('topic', (message) => {
      try {
        (message as { at?: string }).at = 'changed';
      } catch (error) {
        mutations.push(error);
      }
      first.listener(message);
    });
    await buses.subscriber.subscribe('topic', second.listener);
    await buses.publisher.publish('topic', { at: '2026-11-22T07:00:00.000Z' });
    await first.waitFor(1);
    expect(await second.waitFor(1)).toEqual([{ at: '2026-11-22T07:00:00.000Z' }]);
    expect(mutations).toEqual([expect.any(TypeError)]);
  });

  it('keeps delivering to the other listeners when one throws, and the publisher never sees it', async () => {
    const after = collector();
    await buses.subscriber.subscribe('topic', () => {
      throw new Error('listener bug');
    });
    await buses.subscriber.subscribe('topic', after.listener);
    await expect(buses.publisher.publish('topic', 1)).resolves.toBeUndefined();
    await buses.publisher.publish('topic', 2);
    expect(await after.waitFor(2)).toEqual([1, 2]);
  });

  it('reports itself ready', async () => {
    await buses.subscriber.subscribe('topic', () => undefined);
    expect(await buses.subscriber.isReady()).toBe(true);
  });
});

describe('the Redis event bus', () => {
  // Port 1 on loopback: nothing listens there, so every connection attempt is refused at once.
  const unreachable = 'redis://127.0.0.1:1';

  it('refuses to start without a channel prefix', () => {
    expect(() => new RedisEventBus({ url: unreachable, channelPrefix: '', log })).toThrow(/channel prefix/);
  });

  it('reports not ready, and fails subscriptions, while Redis cannot be reached', async () => {
    const bus = new RedisEventBus({ url: unreachable, channelPrefix: 'test', log });
    try {
      expect(await bus.isReady()).toBe(false);
      await expect(bus.subscribe('topic', () => undefined)).rejects.toThrow();
    } finally {
      await bus.close();
    }
  }, 20_000);
});

// An outage needs a Redis the test may kill: a redis-server of its own, never the shared one.
const describeWithRedisServer = redisServerInstalled ? describe : describe.skip;

describeWithRedisServer('the Redis event bus across an outage (its own redis-server, killed and started again)', () => {
  let redis: OwnRedis | null = null;
  afterEach(async () => {
    await redis?.stop();
    redis = null;
  });

  it('says DOWN when Redis goes, fails publishes at once meanwhile, and says UP once every subscription is live again', async () => {
    redis = await startOwnRedis();
    const port = redis.port;
    const channelPrefix = `test-${randomBytes(4).toString('hex')}`;
    const publisher = new RedisEventBus({ url: `redis://127.0.0.1:${port}`, channelPrefix, log });
    const subscriber = new RedisEventBus({ url: `redis://127.0.0.1:${port}`, channelPrefix, log });
    const changes: EventBusConnectivity[] = [];
    const changed = (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => (changes.length >= count ? resolve() : setTimeout(check, 20));
        check();
      });
    subscriber.onConnectivityChange((connectivity) => changes.push(connectivity));
    try {
      const before = collector();
      await subscriber.subscribe('before', before.listener);
      await publisher.publish('before', { n: 1 });
      expect(await before.waitFor(1)).toEqual([{ n: 1 }]);

      await redis.kill();
      await changed(1);
      expect(subscriber.connectivity()).toBe('DOWN');
      // Nothing waits for Redis, nor piles up for it.
      await expect(publisher.publish('before', { n: 2 })).rejects.toBeInstanceOf(EventBusDownError);
      const during = collector();
      await subscriber.subscribe('during', during.listener);

      await redis.restart();
      await changed(2);
      expect(changes).toEqual(['DOWN', 'UP']);
      // Publishing resumes once the publisher has its connection back.
      for (let sent = false; !sent;) {
        sent = await publisher.publish('before', { n: 3 }).then(
          () => true,
          () => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50)),
        );
      }
      await publisher.publish('during', { n: 4 });
      expect(await before.waitFor(2)).toEqual([{ n: 1 }, { n: 3 }]);
      expect(await during.waitFor(1)).toEqual([{ n: 4 }]);
    } finally {
      await publisher.close();
      await subscriber.close();
    }
  }, 30_000);

  it('says UP only once it can publish again too: a listener catching up on UP may publish at once', async () => {
    redis = await startOwnRedis();
    const bus = new RedisEventBus({ url: redis.url, channelPrefix: `test-${randomBytes(4).toString('hex')}`, log });
    const heard = collector();
    try {
      await bus.subscribe('after', heard.listener);
      await bus.publish('after', { n: 1 });
      expect(await heard.waitFor(1)).toEqual([{ n: 1 }]);
      // Each UP publishes straight away, as a listener that announces what it caught up on does.
      const publishedOnUp: Promise<void>[] = [];
      bus.onConnectivityChange((connectivity) => {
        if (connectivity === 'UP') publishedOnUp.push(bus.publish('after', { n: publishedOnUp.length + 2 }));
      });
      // Redis goes away and comes back several times: each time the two connections reconnect on timers of their own.
      for (let outage = 0; outage < 3; outage++) {
        await redis.kill();
        await until(() => bus.connectivity() === 'DOWN');
        await redis.restart();
        await until(() => bus.connectivity() === 'UP');
      }
      await expect(Promise.all(publishedOnUp)).resolves.toHaveLength(3);
      expect(await heard.waitFor(4)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    } finally {
      await bus.close();
    }
  }, 60_000);
});

/** Resolves once `condition` holds (checked every 20 ms). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
