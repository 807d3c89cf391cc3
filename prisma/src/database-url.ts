/**
 * A PostgreSQL URL split the way Prisma reads it: `?schema=name` selects the
 * schema (the pg driver knows no such parameter, so it is taken off).
 */
export interface DatabaseTarget {
  /** The URL for the pg driver, without `schema`. */
  connectionString: string;
  /** The schema every table lives in. @default "public" */
  schema: string;
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must be a postgres:// URL, got ${parsed.protocol}`);
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Unsupported schema name: ${schema}`);
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/**
 * What the pg driver (a pool or PrismaPg) is given for a URL: the connection
 * string, and a search path on the URL's schema so raw SQL finds its tables.
 */
export function pgConnectionConfig(url: string): { connectionString: string; options?: string } {
  const { connectionString, schema } = parseDatabaseUrl(url);
  return { connectionString, ...(schema === 'public' ? {} : { options: `-c search_path=${schema}` }) };
}

/** `"name"`, quoted for SQL. Only for names that passed parseDatabaseUrl's check or are our own. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
