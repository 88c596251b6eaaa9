import type { Queryable } from '../connection.ts';
import { csvOf } from '../copy.ts';

/** A table's columns and their PostgreSQL types, in the order rows give their values. */
export interface BulkTable {
  table: string;
  columns: ReadonlyArray<readonly [name: string, type: string]>;
}

/**
 * Inserts many rows in one statement: COPY where the driver can feed it (PGlite), otherwise one
 * INSERT … SELECT FROM unnest(arrays) per call, which node-postgres sends as one array per column.
 */
export async function bulkInsert(q: Queryable, spec: BulkTable, rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const names = spec.columns.map(([name]) => name);
  if (q.copyCsv) return q.copyCsv(spec.table, names, csvOf(rows));
  const arrays = names.map((_, k) => rows.map((row) => row[k]));
  const casts = spec.columns.map(([, type], k) => `$${k + 1}::${type}[]`);
  await q.query(
    `INSERT INTO ${spec.table} (${names.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`,
    arrays,
  );
}
