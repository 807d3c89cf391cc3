import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { EmbeddedSessionQueue } from './embedded-session-queue.js';

export interface EmbeddedPostgresOptions {
  /** Where the data lives; omit for an in-memory database (tests). */
  dataDirectory?: string;
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /**
   * Connections served at once. PGlite runs one backend; the socket server
   * queues their statements onto it. @default 64
   */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** A postgres:// URL any pg client can use. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL (PGlite, compiled to WebAssembly) served over the wire protocol,
 * so the embedded default takes the same code path as a real server: every
 * service connects through the pg driver adapter.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDirectory) await mkdir(options.dataDirectory, { recursive: true });
  // pg_trgm ships with PGlite but loads only when named: the athlete search's migration creates it.
  const db = await PGlite.create(options.dataDirectory ?? 'memory://', { extensions: { pg_trgm } });
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: options.maxConnections ?? 64 });
  // Connections take the queue from the server when they attach: replace it before any does.
  (server as unknown as { queryQueue: EmbeddedSessionQueue }).queryQueue = new EmbeddedSessionQueue(db);
  let port = 0;
  server.addEventListener('listening', (event) => {
    port = (event as CustomEvent<{ port: number }>).detail.port;
  });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
