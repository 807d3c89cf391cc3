import { deliver, type EventBus, type EventBusConnectivity } from './event-bus.js';
import type { Logger } from './logger.js';

/**
 * The in-process bus of the embedded default, where the gateway and all
 * subgraphs share one process. Messages are copied through JSON, as they are
 * over Redis, so code cannot come to depend on sharing objects.
 */
export class MemoryEventBus implements EventBus {
  private readonly listeners = new Map<string, Set<(message: unknown) => void>>();

  constructor(private readonly log: Logger) {}

  async publish(topic: string, message: unknown): Promise<void> {
    const listeners = this.listeners.get(topic);
    if (!listeners) return;
    deliver(listeners, JSON.parse(JSON.stringify(message)) as unknown, this.log, topic);
  }

  async subscribe(topic: string, listener: (message: unknown) => void): Promise<() => Promise<void>> {
    let listeners = this.listeners.get(topic);
    if (!listeners) this.listeners.set(topic, (listeners = new Set()));
    // Wrapped, so the same function subscribed twice is two subscriptions.
    const entry = (message: unknown) => listener(message);
    listeners.add(entry);
    return async () => {
      listeners.delete(entry);
      if (listeners.size === 0) this.listeners.delete(topic);
    };
  }

  async isReady(): Promise<boolean> {
    return true;
  }

  /** Always `UP`: a bus inside the process cannot lose its connection. */
  connectivity(): EventBusConnectivity {
    return 'UP';
  }

  onConnectivityChange(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
