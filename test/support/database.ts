import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new schema on the
 * PostgreSQL server named by DATABASE_URL (dropped again by `close`). The same suite runs on both.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openDatabase({ memory: true });
    await migrate(db);
    return db;
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ url, schema });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

/** How many rows of an organization a tenant table holds: what a refused write must leave unchanged. */
export async function countOrgRows(db: Database, table: string, orgId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [
    orgId,
  ]);
  return row.n;
}
