import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { login } from '../../src/services/auth.ts';
import { SCALE_PASSWORD } from '../../src/services/scale-seed.ts';
import { cliWorkspace } from '../support/cli.ts';

// As operators run it: a child process on its own PGlite data directory (never the shared server).
const cli = cliWorkspace('scale', 240_000);
const { orrery, dataDir } = cli;
const CHILD_TIMEOUT_MS = cli.timeoutMs;

afterAll(cli.remove);

describe('orrery seed --scale', { timeout: CHILD_TIMEOUT_MS + 30_000 }, () => {
  it('seeds a large-shaped enterprise cut down by --projects, with an administrator who can sign in', async () => {
    const result = await orrery('seed', '--scale', 'large', '--projects', '20', '--tasks', '30', '--quiet');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Seeded 20 projects, 600 tasks/);
    const email = /log in as (\S+) /.exec(result.stdout)?.[1] as string;
    const db = await openDatabase({ dataDir });
    try {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM projects');
      expect(row.n).toBe(20);
      const session = await login(db, { email, password: SCALE_PASSWORD }, '127.0.0.1');
      expect(session).toBeTruthy();
    } finally {
      await db.close();
    }
  });

  it('refuses an unknown scale', async () => {
    const result = await orrery('seed', '--scale', 'galactic', '--quiet');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--scale must be small or large');
  });
});
