import { Redis } from 'ioredis';
import { deliver, type EventBus } from './event-bus.js';
import type { Logger } from './logger.js';

export interface RedisEventBusOptions {
  url: string;
  /**
   * Prefix of every channel, one per deployment, so two deployments sharing a
   * Redis never hear each other. Required: there is no silent default.
   */
  channelPrefix: string;
  log: Logger;
}

/**
 * The bus across processes: Redis pub/sub over ioredis. A connection in
 * subscriber mode cannot publish, so there are two: `pub` and `sub`. One Redis
 * subscription per topic per process, fanned out to local listeners.
 */
export class RedisEventBus implements EventBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  /** Local listeners per topic, and the Redis SUBSCRIBE that makes the topic live. */
  private readonly topics = new Map<string, { listeners: Set<(message: unknown) => void>; live: Promise<unknown> }>();
  private readonly prefix: string;
  private readonly log: Logger;

  constructor(options: RedisEventBusOptions) {
    if (!options.channelPrefix) throw new Error('RedisEventBus needs a channel prefix');
    this.prefix = `${options.channelPrefix}:`;
    this.log = options.log;
    const connectionOptions = { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true };
    this.pub = new Redis(options.url, { ...connectionOptions, connectionName: 'pacegraph-pub' });
    this.sub = new Redis(options.url, { ...connectionOptions, connectionName: 'pacegraph-sub' });
    for (const connection of [this.pub, this.sub]) {
      connection.on('error', (error: Error) => this.log.warn({ err: error }, 'redis connection error'));
    }
    this.sub.on('message', (channel: string, wire: string) => this.receive(channel, wire));
  }

  private receive(channel: string, wire: string): void {
    const topic = channel.slice(this.prefix.length);
    const listeners = this.topics.get(topic)?.listeners;
    if (!listeners) return;
    let message: unknown;
    try {
      message = JSON.parse(wire) as unknown;
    } catch (error) {
      this.log.warn({ err: error, channel }, 'dropped a message that is not JSON');
      return;
    }
    deliver(listeners, message, this.log, topic);
  }

  async publish(topic: string, message: unknown): Promise<void> {
    await this.pub.publish(this.prefix + topic, JSON.stringify(message));
  }

  async subscribe(topic: string, listener: (message: unknown) => void): Promise<() => Promise<void>> {
    let topicEntry = this.topics.get(topic);
    if (!topicEntry) {
      topicEntry = { listeners: new Set(), live: this.sub.subscribe(this.prefix + topic) };
      this.topics.set(topic, topicEntry);
    }
    const current = topicEntry;
    const entry = (message: unknown) => listener(message);
    current.listeners.add(entry);
    const unsubscribe = async () => {
      current.listeners.delete(entry);
      if (current.listeners.size === 0 && this.topics.get(topic) === current) {
        this.topics.delete(topic);
        await this.sub.unsubscribe(this.prefix + topic);
      }
    };
    try {
      // A second subscriber to a topic whose SUBSCRIBE is still in flight waits for it too.
      await current.live;
    } catch (error) {
      // Forget the failed SUBSCRIBE, so the next subscriber to the topic tries again.
      current.listeners.delete(entry);
      if (this.topics.get(topic) === current) this.topics.delete(topic);
      throw error;
    }
    return unsubscribe;
  }

  async isReady(): Promise<boolean> {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  async close(): Promise<void> {
    this.topics.clear();
    // QUIT needs a live connection; one still trying to connect is simply dropped.
    await Promise.allSettled(
      [this.pub, this.sub].map((connection) => (connection.status === 'ready' ? connection.quit() : connection.disconnect())),
    );
  }
}
