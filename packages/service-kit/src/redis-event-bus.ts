import { Redis } from 'ioredis';
import { deliver, EventBusDownError, type EventBus, type EventBusConnectivity } from './event-bus.js';
import type { Logger } from './logger.js';
import { observeBusDeliveryDelay } from './metrics.js';

/** A message as it travels through Redis: with the time it was published (ms since the epoch), for /metrics' bus lag. */
interface Envelope {
  publishedAtMs: number;
  message: unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as Envelope).publishedAtMs === 'number' && 'message' in value;
}

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
 *
 * Pub/sub keeps nothing for a subscriber that is away, so an outage is made
 * visible instead of papered over: once the first connection was made, a
 * drop of either connection turns the bus `DOWN`, a publish while `pub` is
 * away fails at once (nothing piles up in ioredis's offline queue), and the
 * bus says `UP` only when both are back and every topic is subscribed again:
 * `UP` means a message published now reaches its subscribers (the two
 * connections reconnect on timers of their own, so `sub` is often back
 * before `pub`, and a listener catching up at once would publish into the
 * gap). Listeners then
 * catch up from PostgreSQL, where every status change is kept anyway; a log
 * or a stream with offsets in Redis would keep a second copy of those facts.
 */
export class RedisEventBus implements EventBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  /** Local listeners per topic, and the Redis SUBSCRIBE that makes the topic live. */
  private readonly topics = new Map<string, { listeners: Set<(message: unknown) => void>; live: Promise<unknown> }>();
  private readonly prefix: string;
  private readonly log: Logger;
  /** Set at each connection's first `ready`: until then commands wait for it; after, a drop is an outage. */
  private pubConnected = false;
  private subConnected = false;
  private state: EventBusConnectivity = 'UP';
  /** Every topic is subscribed on the live `sub`: false from a drop of `sub` until `subscribeAgain` succeeds. */
  private subscriptionsLive = true;
  private readonly connectivityListeners = new Set<(connectivity: EventBusConnectivity) => void>();
  private closing = false;

  constructor(options: RedisEventBusOptions) {
    if (!options.channelPrefix) throw new Error('RedisEventBus needs a channel prefix');
    this.prefix = `${options.channelPrefix}:`;
    this.log = options.log;
    const connectionOptions = { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true };
    this.pub = new Redis(options.url, { ...connectionOptions, connectionName: 'pacegraph-pub' });
    // Subscribed again by `subReady`, which says UP only once they are live.
    this.sub = new Redis(options.url, { ...connectionOptions, connectionName: 'pacegraph-sub', autoResubscribe: false });
    for (const connection of [this.pub, this.sub]) {
      connection.on('error', (error: Error) => this.log.warn({ err: error }, 'redis connection error'));
    }
    this.pub.on('ready', () => this.pubReady());
    this.pub.on('close', () => this.connectionClosed(this.pubConnected));
    this.sub.on('ready', () => this.subReady());
    this.sub.on('close', () => {
      if (this.subConnected) this.subscriptionsLive = false;
      this.connectionClosed(this.subConnected);
    });
    this.sub.on('message', (channel: string, wire: string) => this.receive(channel, wire));
  }

  /** A drop of a connection that had been made is an outage. */
  private connectionClosed(hadConnected: boolean): void {
    if (!hadConnected || this.closing || this.state === 'DOWN') return;
    this.log.warn('event bus down: messages are dropped until Redis is back');
    this.changeState('DOWN');
  }

  private pubReady(): void {
    this.pubConnected = true;
    this.upWhenBothBack();
  }

  /** UP once `pub` is ready and every topic is live on `sub` again. */
  private upWhenBothBack(): void {
    if (this.state !== 'DOWN' || this.closing || !this.subscriptionsLive) return;
    if (this.pub.status !== 'ready' || this.sub.status !== 'ready') return;
    this.log.info({ topics: this.topics.size }, 'event bus back');
    this.changeState('UP');
  }

  private subReady(): void {
    if (!this.subConnected) {
      this.subConnected = true;
      return;
    }
    this.subscribeAgain(0);
  }

  /** Subscribes every topic again; a failure while the connection stays up is retried (1 s doubling to 15 s). */
  private subscribeAgain(attempt: number): void {
    const channels = [...this.topics.keys()].map((topic) => this.prefix + topic);
    const live = channels.length > 0 ? this.sub.subscribe(...channels) : Promise.resolve();
    live.then(
      () => {
        // Dropped again meanwhile: the next `ready` tries again.
        if (this.sub.status !== 'ready' || this.closing) return;
        this.subscriptionsLive = true;
        this.upWhenBothBack();
      },
      (error: unknown) => {
        this.log.warn({ err: error, attempt }, 'could not subscribe again after Redis came back');
        // A drop meanwhile brings a new `ready`, which starts over; otherwise no event would ever try again.
        const retry = setTimeout(
          () => {
            if (this.sub.status === 'ready' && !this.closing && !this.subscriptionsLive) this.subscribeAgain(attempt + 1);
          },
          Math.min(15_000, 1000 * 2 ** attempt),
        );
        retry.unref();
      },
    );
  }

  private changeState(state: EventBusConnectivity): void {
    this.state = state;
    for (const listener of [...this.connectivityListeners]) {
      try {
        listener(state);
      } catch (error) {
        this.log.error({ err: error, state }, 'event bus connectivity listener failed');
      }
    }
  }

  /** Away after having been connected: the SUBSCRIBE of a topic waits for `subReady`, not for Redis. */
  private subAway(): boolean {
    return this.state === 'DOWN' && this.sub.status !== 'ready';
  }

  private receive(channel: string, wire: string): void {
    const topic = channel.slice(this.prefix.length);
    const listeners = this.topics.get(topic)?.listeners;
    if (!listeners) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(wire) as unknown;
    } catch (error) {
      this.log.warn({ err: error, channel }, 'dropped a message that is not JSON');
      return;
    }
    // A message without an envelope (an older publisher's, during a rolling deploy) is delivered as it is.
    if (isEnvelope(parsed)) observeBusDeliveryDelay((Date.now() - parsed.publishedAtMs) / 1000);
    deliver(listeners, isEnvelope(parsed) ? parsed.message : parsed, this.log, topic);
  }

  async publish(topic: string, message: unknown): Promise<void> {
    if (this.pubConnected && this.pub.status !== 'ready') throw new EventBusDownError();
    const envelope: Envelope = { publishedAtMs: Date.now(), message };
    try {
      await this.pub.publish(this.prefix + topic, JSON.stringify(envelope));
    } catch (error) {
      // The connection dropped while this publish was on its way (ioredis gave up on it): the same outage.
      if (this.pubConnected && this.pub.status !== 'ready') throw new EventBusDownError();
      throw error;
    }
  }

  async subscribe(topic: string, listener: (message: unknown) => void): Promise<() => Promise<void>> {
    let topicEntry = this.topics.get(topic);
    if (!topicEntry) {
      const live = this.subAway() ? Promise.resolve() : this.sub.subscribe(this.prefix + topic);
      topicEntry = { listeners: new Set(), live };
      this.topics.set(topic, topicEntry);
    }
    const current = topicEntry;
    const entry = (message: unknown) => listener(message);
    current.listeners.add(entry);
    const unsubscribe = async () => {
      current.listeners.delete(entry);
      if (current.listeners.size === 0 && this.topics.get(topic) === current) {
        this.topics.delete(topic);
        // Away, the topic is simply not subscribed again.
        if (!this.subAway()) await this.sub.unsubscribe(this.prefix + topic);
      }
    };
    try {
      // A second subscriber to a topic whose SUBSCRIBE is still in flight waits for it too.
      await current.live;
    } catch (error) {
      // Dropped meanwhile: subscribed again with the others once Redis is back.
      if (this.state === 'DOWN') return unsubscribe;
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

  connectivity(): EventBusConnectivity {
    return this.state;
  }

  onConnectivityChange(listener: (connectivity: EventBusConnectivity) => void): () => void {
    const entry = (connectivity: EventBusConnectivity) => listener(connectivity);
    this.connectivityListeners.add(entry);
    return () => void this.connectivityListeners.delete(entry);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.connectivityListeners.clear();
    this.topics.clear();
    // QUIT needs a live connection; one still trying to connect is simply dropped.
    await Promise.allSettled(
      [this.pub, this.sub].map(async (connection) => (connection.status === 'ready' ? connection.quit() : connection.disconnect())),
    );
  }
}
