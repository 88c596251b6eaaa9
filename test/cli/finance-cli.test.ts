import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// As in cli.test.ts: a child process on its own PGlite data directory, never DATABASE_URL.
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'orrery-finance-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, ORRERY_DATA_DIR: dataDir };
delete env.DATABASE_URL;
const CHILD_TIMEOUT_MS = 150_000;

function orrery(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = { cwd: root, env, timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL' as const };
    execFile(tsx, ['src/cli/main.ts', ...args], options, (error, stdout, stderr) =>
      resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    );
  });
}

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('orrery finance refresh', { timeout: CHILD_TIMEOUT_MS * 3 + 10_000 }, () => {
  it('refuses a malformed status date, then refreshes every organization', async () => {
    const bad = await orrery('finance', 'refresh', '--as-of', '2027-13-40');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--as-of/);
    const created = await orrery(
      'user',
      'create',
      '--org',
      'Costly',
      '--email',
      'pmo@costly.example',
      '--name',
      'PMO',
      '--password',
      'correct horse battery',
    );
    expect(created.code, created.stderr).toBe(0);
    const refreshed = await orrery('finance', 'refresh', '--as-of', '2027-02-14');
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(refreshed.stdout).toMatch(/: \d+ project\(s\) refreshed as of 2027-02-14/);
  });
});
