import type { EventBus } from './event-bus.js';
import type { Logger } from './logger.js';
import { MemoryEventBus } from './memory-event-bus.js';
import { RedisEventBus } from './redis-event-bus.js';

/** Redis when a URL is given, the in-process bus otherwise. */
export function createEventBus(options: { redisUrl?: string; channelPrefix: string; log: Logger }): EventBus {
  if (options.redisUrl) {
    return new RedisEventBus({ url: options.redisUrl, channelPrefix: options.channelPrefix, log: options.log });
  }
  return new MemoryEventBus(options.log);
}
