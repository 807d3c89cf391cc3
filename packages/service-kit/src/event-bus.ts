import type { Logger } from './logger.js';

/**
 * Publish/subscribe between service instances: a point accepted by one
 * telemetry process reaches subscribers connected to any gateway. Two
 * implementations share this contract and one test suite: in-process
 * (the embedded default) and Redis (many processes).
 */
export interface EventBus {
  /** Delivers `message` to every current subscriber of `topic`, in every instance. */
  publish(topic: string, message: unknown): Promise<void>;
  /**
   * Calls `listener` for each message on `topic` until the returned function
   * is called. Resolves once the subscription is live, so nothing published
   * after it resolves is missed.
   */
  subscribe(topic: string, listener: (message: unknown) => void): Promise<() => Promise<void>>;
  /** Whether the bus can carry messages now (for /readyz). */
  isReady(): Promise<boolean>;
  /**
   * `DOWN` from the moment the bus loses its connection until it has it back
   * with every subscription live again; `UP` otherwise (also while it makes
   * its first connection, when `subscribe` waits for it instead).
   */
  connectivity(): EventBusConnectivity;
  /**
   * Calls `listener` with each change of {@link connectivity}. Nothing
   * published while the bus is `DOWN` is delivered later: on `UP`, a listener
   * reads what it missed from where the facts are kept (PostgreSQL).
   * Returns the function that stops the calls.
   */
  onConnectivityChange(listener: (connectivity: EventBusConnectivity) => void): () => void;
  close(): Promise<void>;
}

/** Whether messages flow: see {@link EventBus.connectivity}. */
export type EventBusConnectivity = 'UP' | 'DOWN';

/** What a publish while the bus is down fails with, at once: nothing is queued for later. */
export class EventBusDownError extends Error {
  constructor() {
    super('The event bus is down: the message was dropped');
    this.name = 'EventBusDownError';
  }
}

/**
 * Freezes a decoded message all the way down. One copy is shared by every
 * local listener, so none can change what the others receive.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Hands one decoded message to each local listener. A listener that throws is
 * logged and skipped: the others still get the message, and the publisher
 * (or the Redis connection's event loop) never sees the error.
 */
export function deliver(listeners: Iterable<(message: unknown) => void>, message: unknown, log: Logger, topic: string): void {
  const frozen = deepFreeze(message);
  for (const listener of [...listeners]) {
    try {
      listener(frozen);
    } catch (error) {
      log.error({ err: error, topic }, 'event listener failed');
    }
  }
}
