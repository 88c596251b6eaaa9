import { type Database, openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';

/** Opens the configured database (DATABASE_URL, else PGlite in ORRERY_DATA_DIR), migrated, for one command. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

export function describeDatabase(): string {
  if (process.env.DATABASE_URL)
    return `PostgreSQL (${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')})`;
  return `embedded PGlite in ${process.env.ORRERY_DATA_DIR ?? './.orrery'}`;
}
