import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Loads CSV rows into `table` with COPY, where the driver can feed it without a stream (PGlite's
   * `/dev/blob`); absent elsewhere, and callers fall back to an INSERT.
   */
  copyCsv?(table: string, columns: readonly string[], csv: string): Promise<void>;
  /** The session may change superuser settings (the embedded database); PostgreSQL servers may not allow it. */
  readonly superuser?: boolean;
}

const copyStatement = (table: string, columns: readonly string[]) =>
  `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** The whole data directory as a tarball that `snapshot` reopens (embedded PGlite only). */
  dumpSnapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects a PostgreSQL server; otherwise PGlite is embedded. */
  url?: string;
  /** PGlite data directory; ignored with `url` or `memory`. */
  dataDir?: string;
  /** An in-memory PGlite database, gone when closed (tests). */
  memory?: boolean;
  /** With `memory`: start from a tarball `dumpSnapshot` wrote instead of an empty cluster. */
  snapshot?: Blob;
  /** PostgreSQL schema to work in (created when missing); lets test files share one server. */
  schema?: string;
}

/** Opens the database the options (or the environment) name: PostgreSQL when a URL is given, PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? (options.memory || options.dataDir ? undefined : process.env.DATABASE_URL);
  if (url) return openPostgres(url, options.schema);
  const dataDir = options.memory
    ? undefined
    : (options.dataDir ?? process.env.ORRERY_DATA_DIR ?? './.orrery');
  return openPglite(dataDir, options.memory ? options.snapshot : undefined);
}

async function openPglite(dataDir: string | undefined, snapshot: Blob | undefined): Promise<Database> {
  const lite = dataDir
    ? await PGlite.create(dataDir)
    : await PGlite.create(snapshot ? { loadDataDir: snapshot } : {});
  return {
    kind: 'pglite',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await lite.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await lite.exec(sql);
    },
    superuser: true,
    async copyCsv(table, columns, csv) {
      await lite.query(copyStatement(table, columns), [], { blob: new Blob([csv]) });
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      return lite.transaction(async (tx) =>
        work({
          async query<Row>(sql: string, params: readonly unknown[] = []) {
            const result = await tx.query<Row>(sql, params as unknown[]);
            return result.rows;
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
          superuser: true,
          async copyCsv(table, columns, csv) {
            await tx.query(copyStatement(table, columns), [], { blob: new Blob([csv]) });
          },
        }),
      );
    },
    async dumpSnapshot() {
      return lite.dumpDataDir('none');
    },
    async close() {
      await lite.close();
    },
  };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.ORRERY_DB_POOL ?? 10),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]) => {
    const result = await client.query(sql, params as unknown[]);
    return result.rows as Row[];
  };
  return {
    kind: 'postgres',
    query: (sql, params = []) => run(pool, sql, params),
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // One connection runs one statement at a time: callers that fan out with Promise.all inside a
        // transaction are queued here, in order, instead of leaning on pg's deprecated implicit queue.
        let last: Promise<unknown> = Promise.resolve();
        const inTurn = <R>(next: () => Promise<R>): Promise<R> => {
          const turn = last.then(next, next);
          last = turn.catch(() => undefined);
          return turn;
        };
        const result = await work({
          query: (sql, params = []) => inTurn(() => run(client, sql, params)),
          exec: (sql: string) => inTurn(async () => void (await client.query(sql))),
        });
        await last;
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
