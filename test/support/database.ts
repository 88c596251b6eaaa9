import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/connection.ts';
import { knownMigrations, migrate } from '../../src/db/migrate.ts';
import { type DemoSeedResult, seedDemo } from '../../src/services/demo-seed.ts';

const srcDir = fileURLToPath(new URL('../../src/', import.meta.url));
const snapshotDir = join(tmpdir(), 'orrery-test-snapshots');

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new schema on the
 * PostgreSQL server named by DATABASE_URL (dropped again by `close`). The same suite runs on both.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // Creating and migrating a cluster costs seconds per test file; a tarball of the migrated one costs a fraction.
    const key = hash(knownMigrations().map((m) => m.sql));
    const snapshot = await cachedSnapshot(`schema-${key}`, async () => {
      const db = await openDatabase({ memory: true });
      await migrate(db);
      return db;
    });
    const db = await openDatabase({ memory: true, snapshot });
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

/**
 * A fresh database holding the demo organization. On PGlite the seeded cluster is cached as a tarball
 * keyed by every source file and the day (the seed dates things from today), so a change to the code
 * seeds afresh.
 */
export async function openDemoTestDatabase(): Promise<{ db: Database; seeded: DemoSeedResult }> {
  if (process.env.DATABASE_URL) {
    const db = await openTestDatabase();
    return { db, seeded: await seedDemo(db) };
  }
  const key = hash([
    new Date().toISOString().slice(0, 10),
    ...sourceFiles(srcDir).map((f) => readFileSync(f, 'utf8')),
  ]);
  let seeded: DemoSeedResult | undefined;
  const snapshot = await cachedSnapshot(`demo-${key}`, async () => {
    const db = await openTestDatabase();
    seeded = await seedDemo(db);
    writeFileSync(join(snapshotDir, `demo-${key}.json`), JSON.stringify(seeded));
    return db;
  });
  seeded ??= JSON.parse(readFileSync(join(snapshotDir, `demo-${key}.json`), 'utf8')) as DemoSeedResult;
  const db = await openDatabase({ memory: true, snapshot });
  return { db, seeded };
}

function hash(parts: readonly string[]): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex').slice(0, 16);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sourceFiles(path) : [path];
    });
}

/**
 * The tarball named `name`, built by `build` when no earlier test file wrote it. Written under a
 * temporary name and renamed, so a parallel worker reads a whole file or none; two workers racing
 * both build it, which is only slower.
 */
async function cachedSnapshot(name: string, build: () => Promise<Database>): Promise<Blob> {
  const file = join(snapshotDir, `${name}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = await build();
  if (!db.dumpSnapshot) throw new Error('only the embedded database can be snapshotted');
  const blob = await db.dumpSnapshot();
  await db.close();
  mkdirSync(snapshotDir, { recursive: true });
  // Tarballs of older sources are dead weight (46 MB each); another worker may still read one, which unlink allows.
  const kind = name.slice(0, name.indexOf('-') + 1);
  for (const old of readdirSync(snapshotDir)) {
    if (old.startsWith(kind) && !old.startsWith(name)) rmSync(join(snapshotDir, old), { force: true });
  }
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
  renameSync(partial, file);
  return blob;
}

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

/** How many rows of an organization a tenant table holds: what a refused write must leave unchanged. */
export async function countOrgRows(db: Database, table: string, orgId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [
    orgId,
  ]);
  return row.n;
}
