import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './connection.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations this code knows, in order: `NNNN_name.sql` files of `src/db/migrations/`. */
export function knownMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(migrationsDir + file, 'utf8'),
    }));
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `the database schema is at version ${databaseVersion}, newer than this Orrery knows (${codeVersion}); ` +
        'upgrade Orrery before starting it against this database',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Applies the migrations the database lacks, all in one transaction with their records (a failed
 * migration leaves the schema as it was), and refuses to touch a database whose schema is newer than the code. An advisory lock keeps two app
 * servers starting at once from applying the same migration twice.
 */
export async function migrate(db: Database): Promise<{ applied: Migration[]; version: number }> {
  const migrations = knownMigrations();
  const codeVersion = migrations.at(-1)?.version ?? 0;
  const applied: Migration[] = [];
  await db.transaction(async (tx) => {
    // Take the lock before touching the catalog: two servers creating the table at once collide.
    await tx.query('SELECT pg_advisory_xact_lock(7231990)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    const done = new Set(rows.map((row) => row.version));
    const databaseVersion = rows.at(-1)?.version ?? 0;
    if (databaseVersion > codeVersion) throw new SchemaTooNewError(databaseVersion, codeVersion);
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration);
    }
  });
  return { applied, version: codeVersion };
}
