/** Waits between attempts: `initialMs` doubling up to `maxMs`, each with up to `jitter` of it added at random. */
export interface Backoff {
  /** @default 500 */
  initialMs?: number;
  /** @default 15,000 */
  maxMs?: number;
  /** @default 0.3 */
  jitter?: number;
}

/** How long to wait before attempt `retries + 1`. */
export function backoffDelayMs(retries: number, backoff: Backoff = {}): number {
  const base = Math.min(backoff.maxMs ?? 15_000, (backoff.initialMs ?? 500) * 2 ** Math.max(0, retries));
  return base * (1 + Math.random() * (backoff.jitter ?? 0.3));
}
