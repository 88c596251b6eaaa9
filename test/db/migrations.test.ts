import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { knownMigrations, migrate, SchemaTooNewError } from '../../src/db/migrate.ts';
import { openTestDatabase } from '../support/database.ts';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

/** Tables keyed by something other than their org_id: global lookups that a distributed schema keeps as reference tables. */
const GLOBAL_TABLES = new Set(['organizations', 'login_emails', 'login_attempts', 'schema_migrations']);

async function columnsByTable(): Promise<Map<string, Set<string>>> {
  const rows = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
  );
  const tables = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!tables.has(row.table_name)) tables.set(row.table_name, new Set());
    tables.get(row.table_name)!.add(row.column_name);
  }
  return tables;
}

interface Constraint {
  table: string;
  name: string;
  columns: string[];
  referencedTable: string | null;
  referencedColumns: string[];
}

/** Primary and foreign keys with their columns in key order, from pg_catalog. */
async function constraints(type: 'p' | 'f'): Promise<Constraint[]> {
  const rows = await db.query<{
    table: string;
    name: string;
    columns: string[];
    referencedTable: string | null;
    referencedColumns: string[] | null;
  }>(
    `SELECT rel.relname AS table, con.conname AS name,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
       ref.relname AS "referencedTable",
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS "referencedColumns"
     FROM pg_constraint con
     JOIN pg_class rel ON rel.oid = con.conrelid
     JOIN pg_namespace ns ON ns.oid = rel.relnamespace
     LEFT JOIN pg_class ref ON ref.oid = con.confrelid
     WHERE ns.nspname = current_schema() AND con.contype = $1
     ORDER BY rel.relname, con.conname`,
    [type],
  );
  return rows.map((row) => ({ ...row, referencedColumns: row.referencedColumns ?? [] }));
}

describe('migrations', () => {
  it('applies every known migration and records each in schema_migrations', async () => {
    const known = knownMigrations();
    expect(known.length).toBeGreaterThan(0);
    const recorded = await db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(recorded).toEqual(known.map(({ version, name }) => ({ version, name })));
    const tables = await columnsByTable();
    expect([...tables.keys()]).toEqual(expect.arrayContaining(['organizations', 'projects', 'audit_log']));
  });

  it('applies nothing when run a second time', async () => {
    const before = await db.query('SELECT version, name FROM schema_migrations ORDER BY version');
    const result = await migrate(db);
    expect(result.applied).toEqual([]);
    expect(result.version).toBe(knownMigrations().at(-1)!.version);
    expect(await db.query('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(before);
  });

  it('refuses to start against a schema newer than the code', async () => {
    const codeVersion = knownMigrations().at(-1)!.version;
    const future = codeVersion + 1000;
    await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      future,
      'from_the_future',
    ]);
    try {
      const error = await migrate(db).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SchemaTooNewError);
      expect(error).toMatchObject({ databaseVersion: future, codeVersion });
      expect((error as Error).message).toContain(
        `version ${future}, newer than this Orrery knows (${codeVersion})`,
      );
    } finally {
      await db.query('DELETE FROM schema_migrations WHERE version = $1', [future]);
    }
    expect((await migrate(db)).applied).toEqual([]);
  });
});

describe('tenant rules, read from the catalog', () => {
  it('keys every tenant table on org_id first, with id in the key when the table has one', async () => {
    const tables = await columnsByTable();
    const tenantTables = [...tables.entries()].filter(
      ([name, columns]) => columns.has('org_id') && !GLOBAL_TABLES.has(name),
    );
    expect(tenantTables.map(([name]) => name)).toEqual(
      expect.arrayContaining(['users', 'business_units', 'portfolios', 'programs', 'projects', 'audit_log']),
    );
    const primaryKeys = new Map((await constraints('p')).map((key) => [key.table, key.columns]));
    for (const [name, columns] of tenantTables) {
      const key = primaryKeys.get(name);
      expect(key, `${name} has a primary key`).toBeDefined();
      expect(key![0], `${name}'s primary key starts with org_id`).toBe('org_id');
      if (columns.has('id')) expect(key, `${name}'s primary key includes id`).toContain('id');
      else expect(key!.length, `${name} (a link table) keys on org_id and more`).toBeGreaterThan(1);
    }
  });

  it('makes every foreign key between tenant tables include org_id on both sides', async () => {
    const tables = await columnsByTable();
    const isTenant = (name: string) => tables.get(name)?.has('org_id') === true && name !== 'organizations';
    const foreignKeys = (await constraints('f')).filter(
      (key) => isTenant(key.table) && key.referencedTable !== null && isTenant(key.referencedTable),
    );
    expect(foreignKeys.length).toBeGreaterThan(10);
    for (const key of foreignKeys) {
      const at = key.columns.indexOf('org_id');
      expect(at, `${key.table}.${key.name} includes org_id`).toBeGreaterThanOrEqual(0);
      expect(key.referencedColumns[at], `${key.table}.${key.name} matches org_id to org_id`).toBe('org_id');
    }
  });

  it('lets a tenant table reference the organizations table only through org_id', async () => {
    const toOrganizations = (await constraints('f')).filter((key) => key.referencedTable === 'organizations');
    expect(toOrganizations.length).toBeGreaterThan(0);
    for (const key of toOrganizations) expect(key.columns, `${key.table}.${key.name}`).toEqual(['org_id']);
  });

  it('gives every mutable entity table an integer version column starting at 1', async () => {
    const rows = await db.query<{
      table_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string;
    }>(
      `SELECT table_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name = 'version'`,
    );
    const versioned = new Map(rows.map((row) => [row.table_name, row]));
    const tables = await columnsByTable();
    // A table that tracks updated_at is edited in place, so it needs optimistic concurrency.
    const mutable = [...tables.entries()]
      .filter(([, columns]) => columns.has('updated_at'))
      .map(([name]) => name);
    expect(mutable).toEqual(
      expect.arrayContaining([
        'organizations',
        'users',
        'business_units',
        'strategic_objectives',
        'portfolios',
        'programs',
        'projects',
        'role_grants',
      ]),
    );
    for (const table of mutable) {
      const column = versioned.get(table);
      expect(column, `${table} has a version column`).toBeDefined();
      expect(column!.data_type, `${table}.version`).toBe('integer');
      expect(column!.is_nullable, `${table}.version`).toBe('NO');
      expect(column!.column_default, `${table}.version`).toBe('1');
    }
  });
});

describe('several app servers starting together', () => {
  it.skipIf(!process.env.DATABASE_URL)(
    'applies each migration once when two servers migrate at the same time',
    async () => {
      const schema = `test_race_${Date.now().toString(36)}`;
      const url = process.env.DATABASE_URL!;
      const first = await openDatabase({ url, schema });
      const second = await openDatabase({ url, schema });
      try {
        const [a, b] = await Promise.all([migrate(first), migrate(second)]);
        const applied = [...a.applied, ...b.applied].map((m) => m.version).sort((x, y) => x - y);
        expect(applied).toEqual(knownMigrations().map((m) => m.version));
      } finally {
        await first.exec(`DROP SCHEMA ${schema} CASCADE`);
        await first.close();
        await second.close();
      }
    },
  );
});
