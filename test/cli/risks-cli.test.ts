import { afterAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli.ts';

const cli = cliWorkspace('risks-cli');
const { orrery } = cli;
const CHILD_TIMEOUT_MS = cli.timeoutMs;

afterAll(cli.remove);

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
