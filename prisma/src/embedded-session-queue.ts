import type { PGlite } from '@electric-sql/pglite';

/**
 * Hands PGlite's one backend session to one client connection at a time, for
 * as long as that client's exchange needs it.
 *
 * pglite-socket's own queue pins a connection only inside a transaction, so
 * the messages of two connections' extended-protocol exchanges (Parse, Bind,
 * Execute, Sync) interleave: one's Parse replaces the other's unnamed
 * statement, and a query can fail or, worse, answer with another's rows. Its
 * queue also stops for good after one internal error. Both are reported
 * upstream (electric-sql/pglite#1046); this queue takes the same place in the
 * socket server and keeps a connection's exchange whole: from its first
 * message to its Sync (or simple Query), and through any transaction.
 */
export class EmbeddedSessionQueue {
  private readonly queue: QueuedMessage[] = [];
  private processing = false;
  /** The connection whose exchange is under way; null when the session is free. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** A connection went away: its waiting messages are dropped. */
  clearQueueForHandler(handlerId: number): void {
    for (let index = this.queue.length - 1; index >= 0; index--) {
      if (this.queue[index]!.handlerId === handlerId) {
        this.queue.splice(index, 1)[0]!.reject(new Error('Connection closed'));
      }
    }
  }

  /** A connection went away: a transaction it left open is rolled back, and the session freed. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
    this.owner = null;
    void this.processQueue();
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
        // The owner's next message has not arrived yet: the others wait for it.
        if (index === -1 || this.queue.length === 0) return;
        const item = this.queue.splice(index, 1)[0]!;
        this.owner = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          item.resolve(bytes);
        } catch (error) {
          item.reject(error);
        }
        if (endsExchange(item.message) && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.processing = false;
    }
  }
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/** Extended-protocol messages that leave the exchange open until a Sync. */
const openingExchange = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((letter) => letter.charCodeAt(0)));

/** Whether the session may go to another connection after this message (Sync, Query, start-up, ...). */
function endsExchange(message: Uint8Array): boolean {
  return !openingExchange.has(message[0]!);
}
