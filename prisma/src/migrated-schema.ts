import pg from 'pg';
import { parseDatabaseUrl, quoteIdentifier } from './database-url.js';
import type { SchemaShape } from './schema-shape.js';

const referentialActions: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** The shape of the migrated database, read from PostgreSQL's catalog. */
export async function migratedSchemaShape(url: string): Promise<SchemaShape> {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // format_type qualifies names outside the search path; the shape compares unqualified ones.
    await client.query(`SET search_path TO ${quoteIdentifier(schema)}`);
    const shape: SchemaShape = { columns: new Map(), indexes: new Set(), foreignKeys: new Set(), enums: new Map() };
    const tableFilter = `n.nspname = $1 AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`;

    const columns = await client.query<{ table: string; column: string; type: string; not_null: boolean }>(
      `SELECT c.relname AS table, a.attname AS column,
              format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${tableFilter} AND a.attnum > 0 AND NOT a.attisdropped`,
      [schema],
    );
    for (const row of columns.rows) {
      shape.columns.set(`${row.table}.${row.column}`, `${row.type}${row.not_null ? ' NOT NULL' : ''}`);
    }

    // Key columns by name or expression (pg_get_indexdef per column), then INCLUDE
    // columns and a partial index's predicate, so an index differing in any of
    // those reads differently from the one schema.prisma declares.
    const indexes = await client.query<{ table: string; kind: string; columns: string; include: string | null; predicate: string | null }>(
      `SELECT c.relname AS table,
              CASE WHEN i.indisprimary THEN 'PRIMARY KEY' WHEN i.indisunique THEN 'UNIQUE' ELSE 'INDEX' END AS kind,
              (SELECT string_agg(pg_get_indexdef(i.indexrelid, k.ord::int, true)
                                 || CASE WHEN i.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END, ', ' ORDER BY k.ord)
                 FROM generate_series(1, i.indnkeyatts) AS k(ord)) AS columns,
              (SELECT string_agg(pg_get_indexdef(i.indexrelid, k.ord::int, true), ', ' ORDER BY k.ord)
                 FROM generate_series(i.indnkeyatts + 1, i.indnatts) AS k(ord)) AS include,
              pg_get_expr(i.indpred, i.indrelid, true) AS predicate
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${tableFilter}`,
      [schema],
    );
    for (const row of indexes.rows) {
      const include = row.include ? ` INCLUDE (${row.include})` : '';
      const predicate = row.predicate ? ` WHERE ${row.predicate}` : '';
      shape.indexes.add(`${row.table} ${row.kind} (${row.columns})${include}${predicate}`);
    }

    const foreignKeys = await client.query<{
      table: string;
      columns: string;
      target: string;
      target_columns: string;
      on_delete: string;
      on_update: string;
    }>(
      `SELECT c.relname AS table, t.relname AS target,
              (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(f.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum) AS columns,
              (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(f.confkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.attnum) AS target_columns,
              f.confdeltype AS on_delete, f.confupdtype AS on_update
         FROM pg_constraint f
         JOIN pg_class c ON c.oid = f.conrelid
         JOIN pg_class t ON t.oid = f.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE f.contype = 'f' AND ${tableFilter}`,
      [schema],
    );
    for (const row of foreignKeys.rows) {
      shape.foreignKeys.add(
        `${row.table} (${row.columns}) → ${row.target} (${row.target_columns}) ` +
          `ON DELETE ${referentialActions[row.on_delete]} ON UPDATE ${referentialActions[row.on_update]}`,
      );
    }

    const enums = await client.query<{ name: string; values: string }>(
      `SELECT t.typname AS name, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS values
         FROM pg_type t
         JOIN pg_enum e ON e.enumtypid = t.oid
         JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1
        GROUP BY t.typname`,
      [schema],
    );
    for (const row of enums.rows) shape.enums.set(row.name, row.values);
    return shape;
  } finally {
    await client.end();
  }
}
