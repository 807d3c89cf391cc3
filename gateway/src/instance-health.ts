import type { Logger } from '@pacegraph/service-kit';
import { request } from 'undici';

/** The first wait before probing an ejected instance's /readyz; it doubles after each probe that fails. @default 1 s */
export const firstProbeDelayMs = 1_000;
/** The longest wait between two probes of an ejected instance. @default 15 s */
export const maxProbeDelayMs = 15_000;
/** A probe not answered within this counts as not ready. @default 2 s */
export const probeTimeoutMs = 2_000;

/** Errors that come before a connection exists: nothing of the request can have been received. */
const connectFailures = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether a failed request never reached the instance: the connection was
 * refused, could not be made in time, or was reset while being made. Such a
 * request is safe to send to another instance, a mutation too. A reset or a
 * timeout once the request was sent is not: the instance may have run it.
 */
export function neverReachedInstance(error: unknown): boolean {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return true;
  if (typeof code !== 'string') return false;
  return connectFailures.has(code) || (code === 'ECONNRESET' && syscall === 'connect');
}

/**
 * Whether the connection broke after the request went out, before an answer:
 * the instance may have run it. A query is safe to ask again; a mutation is
 * answered SERVICE_UNAVAILABLE for the app to retry (PaceGraph's mutations
 * are safe to repeat, but the gateway does not decide that for a client).
 */
export function connectionLostAfterSending(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return !neverReachedInstance(error) && (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET');
}

/** Whether the instance took too long to answer (see `subgraphTimeoutMs`): asked again, it would likely be as slow. */
export function answerTimedOut(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

interface Ejection {
  since: number;
  delayMs: number;
  timer?: NodeJS.Timeout;
}

/**
 * A subgraph's instances and which of them take traffic now. Requests go
 * round robin over the instances in service; one that could not be reached
 * is ejected, its `/readyz` probed on a backoff (1 s doubling to 15 s), and
 * readmitted once it answers ready. The gateway's HTTP data source and its
 * subscriber share one per subgraph, so what one learns the other uses.
 */
export class SubgraphInstances {
  private next = 0;
  private readonly ejected = new Map<number, Ejection>();
  private closed = false;

  constructor(
    readonly subgraphName: string,
    /** Each instance's GraphQL URL; /readyz is probed at the same origin. */
    readonly urls: readonly string[],
    private readonly log: Logger,
    private readonly probeDelays = { firstMs: firstProbeDelayMs, maxMs: maxProbeDelayMs },
  ) {
    if (!urls.length) throw new Error(`No instances for subgraph ${subgraphName}`);
  }

  /**
   * The next instance in turn (its index), skipping the ejected and `except`.
   * When no other is in service, the next in turn all the same: an instance
   * ejected a moment ago may be back, and a request tried fails no worse.
   */
  pick(except?: number): number {
    const count = this.urls.length;
    for (let step = 0; step < count; step++) {
      const index = this.next++ % count;
      if (index !== except && !this.ejected.has(index)) return index;
    }
    if (except === undefined || count === 1) return this.next++ % count;
    let index = this.next++ % count;
    if (index === except) index = this.next++ % count;
    return index;
  }

  /** Whether any instance is in the turn just now: not all were ejected. */
  hasInstanceInService(): boolean {
    return this.ejected.size < this.urls.length;
  }

  /** Whether the instance is out of the turn just now. */
  isEjected(index: number): boolean {
    return this.ejected.has(index);
  }

  /** Takes an instance that could not be reached out of the turn, and starts probing it. */
  eject(index: number, reason: unknown): void {
    if (this.closed || this.ejected.has(index)) return;
    const ejection: Ejection = { since: Date.now(), delayMs: this.probeDelays.firstMs };
    this.ejected.set(index, ejection);
    this.log.warn(
      { subgraph: this.subgraphName, url: this.urls[index], err: reason, inService: this.urls.length - this.ejected.size },
      'subgraph instance unreachable: ejected until its /readyz answers',
    );
    this.scheduleProbe(index, ejection);
  }

  /** An ejected instance that answered a request anyway (all were out) is back in the turn. */
  reached(index: number): void {
    if (this.ejected.has(index)) this.readmit(index);
  }

  private scheduleProbe(index: number, ejection: Ejection): void {
    ejection.timer = setTimeout(() => void this.probe(index, ejection), ejection.delayMs);
    // Probing alone keeps no process alive.
    ejection.timer.unref();
  }

  private async probe(index: number, ejection: Ejection): Promise<void> {
    if (this.ejected.get(index) !== ejection) return;
    if (await this.ready(index)) return this.readmit(index);
    ejection.delayMs = Math.min(ejection.delayMs * 2, this.probeDelays.maxMs);
    if (!this.closed && this.ejected.get(index) === ejection) this.scheduleProbe(index, ejection);
  }

  private async ready(index: number): Promise<boolean> {
    const readyz = new URL('/readyz', this.urls[index]).toString();
    try {
      const { statusCode, body } = await request(readyz, { signal: AbortSignal.timeout(probeTimeoutMs) });
      await body.dump();
      return statusCode === 200;
    } catch {
      return false;
    }
  }

  private readmit(index: number): void {
    const ejection = this.ejected.get(index);
    if (!ejection) return;
    clearTimeout(ejection.timer);
    this.ejected.delete(index);
    this.log.info(
      { subgraph: this.subgraphName, url: this.urls[index], ejectedMs: Date.now() - ejection.since },
      'subgraph instance ready again: readmitted',
    );
  }

  /** Stops probing. */
  close(): void {
    this.closed = true;
    for (const { timer } of this.ejected.values()) clearTimeout(timer);
  }
}
