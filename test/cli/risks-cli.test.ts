import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// As in cli.test.ts: a child process on its own PGlite data directory, never DATABASE_URL.
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'orrery-risks-cli-'));
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

describe('orrery risks escalate', { timeout: CHILD_TIMEOUT_MS * 2 + 10_000 }, () => {
  it('applies the rules of every organization and reports what it did', async () => {
    const created = await orrery(
      'user',
      'create',
      '--org',
      'Risky',
      '--email',
      'pmo@risky.example',
      '--name',
      'PMO',
      '--password',
      'a long enough password',
      '--role',
      'pmo_admin',
    );
    expect(created.code, created.stderr).toBe(0);
    const run = await orrery('risks', 'escalate', '--at', '2027-01-01T00:00:00Z');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/: 0 escalated, 0 overdue action\(s\) notified/);
  });

  it('refuses a time that is not one', async () => {
    const run = await orrery('risks', 'escalate', '--at', 'yesterday-ish');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--at: "yesterday-ish" is not a date');
  });
});
