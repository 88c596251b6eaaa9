import { afterAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli.ts';

const cli = cliWorkspace('finance-cli');
const { orrery } = cli;
const CHILD_TIMEOUT_MS = cli.timeoutMs;

afterAll(cli.remove);

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
