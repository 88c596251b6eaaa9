import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { login } from '../../src/services/auth.ts';
import { SCALE_PASSWORD } from '../../src/services/scale-seed.ts';

// As operators run it: a child process on its own PGlite data directory (never the shared server).
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'orrery-scale-'));
const env: NodeJS.ProcessEnv = { ...process.env, ORRERY_DATA_DIR: dataDir };
delete env.DATABASE_URL;
const CHILD_TIMEOUT_MS = 240_000;

function orrery(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = { cwd: root, env, timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL' as const };
    execFile(tsx, ['src/cli/main.ts', ...args], options, (error, stdout, stderr) =>
      resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    );
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

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
