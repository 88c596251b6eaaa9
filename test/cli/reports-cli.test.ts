import { afterAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli.ts';

const cli = cliWorkspace('reports-cli', 240_000);
const { orrery } = cli;
const CHILD_TIMEOUT_MS = cli.timeoutMs;

afterAll(cli.remove);

describe('orrery reports flag-late', { timeout: CHILD_TIMEOUT_MS * 4 + 10_000 }, () => {
  it('flags the late reports of the demo once per missed due date', async () => {
    const seeded = await orrery('seed', 'demo');
    expect(seeded.code, seeded.stderr).toBe(0);
    // The demo seed already told everyone of today's late reports: nothing new today.
    const today = new Date().toISOString().slice(0, 10);
    const again = await orrery('reports', 'flag-late', '--date', today);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/: 0 late report\(s\) flagged, [1-9]\d* already flagged/);
    // Two months on, every project on a cadence has missed a new due date.
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const run = await orrery('reports', 'flag-late', '--date', later);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/: [1-9]\d* late report\(s\) flagged, 0 already flagged/);
    expect(run.stdout).toMatch(/ {2}CP-105 due \d{4}-\d{2}-\d{2}: [1-9]\d* notified/);
  });

  it('refuses a date that is not one', async () => {
    const run = await orrery('reports', 'flag-late', '--date', 'next tuesday');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--date: "next tuesday" is not a date (YYYY-MM-DD)');
  });
});
