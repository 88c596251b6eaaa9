import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// As in cli.test.ts: a child process on its own PGlite data directory, never DATABASE_URL.
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'orrery-jobs-cli-'));
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

describe('orrery jobs run-once', { timeout: CHILD_TIMEOUT_MS * 3 + 10_000 }, () => {
  it("runs each organization's recurring reminders once, and nothing when nothing is due", async () => {
    const created = await orrery(
      'user',
      'create',
      '--org',
      'Queued',
      '--email',
      'pmo@queued.example',
      '--name',
      'PMO',
      '--password',
      'a long enough password',
      '--role',
      'pmo_admin',
    );
    expect(created.code, created.stderr).toBe(0);
    const first = await orrery('jobs', 'run-once');
    expect(first.code, first.stderr).toBe(0);
    // Two kinds of reminders, late status reports and the stored financial figures.
    expect(first.stdout).toBe('ran 4 job(s): 4 succeeded, 0 failed\n');
    // The recurring jobs come back in an hour or a day, not now.
    const second = await orrery('jobs', 'run-once');
    expect(second.stdout).toBe('ran 0 job(s): 0 succeeded, 0 failed\n');
    const bad = await orrery('jobs', 'run-once', '--limit', 'lots');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--limit/);
  });
});
