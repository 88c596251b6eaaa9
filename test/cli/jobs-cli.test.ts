import { afterAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli.ts';

const cli = cliWorkspace('jobs-cli');
const { orrery } = cli;
const CHILD_TIMEOUT_MS = cli.timeoutMs;

afterAll(cli.remove);

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
