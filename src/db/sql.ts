import type { Queryable } from './connection.ts';

/** Collects positional parameters so fragments can be composed without counting `$n` by hand. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** ISO-8601 UTC text for a timestamptz column, the same on PGlite and node-postgres. */
export const isoTimestamp = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
export const isoDate = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** How one tenant table is read and written. The main table is always aliased `t` in `select`. */
export interface TableSpec {
  table: string;
  /** Writable fields: API name → column. */
  columns: Readonly<Record<string, string>>;
  /** `SELECT … FROM <table> t LEFT JOIN …` producing the API's camelCase read model. */
  select: string;
  /** Sort keys the list accepts: API name → SQL expression. The first is the default. */
  sortable: Readonly<Record<string, string>>;
  /** Columns matched by the free-text `q` filter. */
  searchable: readonly string[];
}

export const versionColumns = `t.id, t.version, ${isoTimestamp('t.created_at')} AS "createdAt", ${isoTimestamp('t.updated_at')} AS "updatedAt"`;

export async function findRow<Row>(
  q: Queryable,
  spec: TableSpec,
  orgId: string,
  id: string,
): Promise<Row | null> {
  const rows = await q.query<Row>(`${spec.select} WHERE t.org_id = $1 AND t.id = $2`, [orgId, id]);
  return rows[0] ?? null;
}

export interface ListOptions {
  page: number;
  pageSize: number;
  q?: string | undefined;
  sort?: string | undefined;
  order: 'asc' | 'desc';
  /** Equality filters: API field name → value. */
  equals?: Record<string, unknown>;
  /** Extra predicates built with the same parameter list (visibility). */
  where?: (params: SqlParams) => string | null;
}

export async function listRows<Row>(
  q: Queryable,
  spec: TableSpec,
  orgId: string,
  options: ListOptions,
): Promise<{ items: Row[]; total: number }> {
  const params = new SqlParams();
  const conditions = [`t.org_id = ${params.add(orgId)}`];
  for (const [field, value] of Object.entries(options.equals ?? {})) {
    if (value === undefined) continue;
    const column = spec.columns[field];
    if (!column) throw new Error(`unknown filter ${field}`);
    conditions.push(value === null ? `t.${column} IS NULL` : `t.${column} = ${params.add(value)}`);
  }
  if (options.q && spec.searchable.length > 0) {
    const pattern = params.add(`%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`(${spec.searchable.map((column) => `${column} ILIKE ${pattern}`).join(' OR ')})`);
  }
  const extra = options.where?.(params);
  if (extra) conditions.push(extra);
  const sortKeys = Object.keys(spec.sortable);
  const sortExpr = spec.sortable[options.sort ?? sortKeys[0]] ?? spec.sortable[sortKeys[0]];
  const where = conditions.join(' AND ');
  const limit = params.add(options.pageSize);
  const offset = params.add((options.page - 1) * options.pageSize);
  const [items, count] = await Promise.all([
    q.query<Row>(
      `${spec.select} WHERE ${where} ORDER BY ${sortExpr} ${options.order === 'desc' ? 'DESC' : 'ASC'}, t.id LIMIT ${limit} OFFSET ${offset}`,
      params.values,
    ),
    q.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM ${spec.table} t WHERE ${where}`,
      params.values.slice(0, -2),
    ),
  ]);
  return { items, total: count[0]?.total ?? 0 };
}

export async function insertRow(
  q: Queryable,
  spec: TableSpec,
  orgId: string,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  const params = new SqlParams();
  const columns = ['org_id', 'id'];
  const placeholders = [params.add(orgId), params.add(id)];
  for (const [field, value] of Object.entries(values)) {
    const column = spec.columns[field];
    if (!column || value === undefined) continue;
    columns.push(column);
    placeholders.push(params.add(value));
  }
  await q.query(
    `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`,
    params.values,
  );
}

/** Updates a row only if it is still at `version`; returns false when it is not (a lost update avoided). */
export async function updateRow(
  q: Queryable,
  spec: TableSpec,
  orgId: string,
  id: string,
  version: number,
  patch: Record<string, unknown>,
): Promise<boolean> {
  const params = new SqlParams();
  const sets = ['version = version + 1', 'updated_at = now()'];
  for (const [field, value] of Object.entries(patch)) {
    const column = spec.columns[field];
    if (!column || value === undefined) continue;
    sets.push(`${column} = ${params.add(value)}`);
  }
  const rows = await q.query(
    `UPDATE ${spec.table} SET ${sets.join(', ')} WHERE org_id = ${params.add(orgId)} AND id = ${params.add(id)} AND version = ${params.add(version)} RETURNING id`,
    params.values,
  );
  return rows.length === 1;
}

export async function deleteRow(
  q: Queryable,
  spec: TableSpec,
  orgId: string,
  id: string,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `DELETE FROM ${spec.table} WHERE org_id = $1 AND id = $2 AND version = $3 RETURNING id`,
    [orgId, id, version],
  );
  return rows.length === 1;
}
