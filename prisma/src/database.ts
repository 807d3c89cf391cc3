import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client/client.js';
import { parseDatabaseUrl, pgConnectionConfig } from './database-url.js';

export { PrismaClient };
/** Prisma's namespace: `Prisma.sql` and `Prisma.raw` for composing raw statements. */
export { Prisma } from './generated/client/client.js';
export type * from './generated/client/client.js';
/**
 * The enums the tables use, as values (the lists they hold are checked against
 * their one source in code: @pacegraph/activity-rules, and social's units).
 */
export { ActivityStatus, LifecycleEventKind, Sport, Units, Visibility } from './generated/client/enums.js';

/** Connections in one process's pool, unless told otherwise. */
export const defaultPoolSize = 10;

export interface OpenDatabaseOptions {
  /** Connections in this process's pool. @default defaultPoolSize */
  maxConnections?: number;
  /** Reports pool and connection errors (a database restart, a dropped socket). */
  onError?: (error: Error) => void;
  /** Called with each SQL statement Prisma sends: tests pin query counts with it. */
  onQuery?: (sql: string) => void;
}

/** An open database: the Prisma client and how to close it. */
export interface Database {
  prisma: PrismaClient;
  /** Answers whether the database takes queries now (for /readyz). */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The one place a service opens its database: Prisma over the pg driver
 * adapter, for real PostgreSQL and the embedded one alike.
 */
export function openDatabase(url: string, options: OpenDatabaseOptions = {}): Database {
  const { schema } = parseDatabaseUrl(url);
  const adapter = new PrismaPg(
    // Prisma qualifies its own SQL with the schema; raw SQL finds it through the search path.
    { ...pgConnectionConfig(url), max: options.maxConnections ?? defaultPoolSize },
    { schema, onPoolError: options.onError, onConnectionError: options.onError },
  );
  const prisma = options.onQuery ? new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] }) : new PrismaClient({ adapter });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as unknown as PrismaClient<'query'>).$on('query', (event) => onQuery(event.query));
  }
  return {
    prisma,
    isReady: async () => {
      try {
        await prisma.$queryRaw`SELECT 1`;
        return true;
      } catch {
        return false;
      }
    },
    close: () => prisma.$disconnect(),
  };
}

/** Whether a Prisma error is a unique constraint refusing a row (P2002): a retry or a taken value. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Whether a Prisma error is a foreign key refusing a row (P2003): the row it refers to does not exist (any more). */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2003';
}
