import type { EventBus } from './event-bus.js';
import type { Logger } from './logger.js';
import { MemoryEventBus } from './memory-event-bus.js';
import { RedisEventBus } from './redis-event-bus.js';

/**
 * Redis when a URL is given, the in-process bus otherwise. With Redis the
 * channel prefix is required: two deployments sharing a Redis must not hear
 * each other, and a default would make that silent.
 */
export function createEventBus(options: { redisUrl?: string; channelPrefix?: string; log: Logger }): EventBus {
  if (options.redisUrl) {
    if (!options.channelPrefix) throw new Error('CHANNEL_PREFIX is required with REDIS_URL (one per deployment)');
    return new RedisEventBus({ url: options.redisUrl, channelPrefix: options.channelPrefix, log: options.log });
  }
  return new MemoryEventBus(options.log);
}
