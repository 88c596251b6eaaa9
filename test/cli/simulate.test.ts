import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runOrrery } from '../support/cli.ts';

const plan = '/work/shared/data/mspdi/mpxj/generated/task-links/task-links-project2013-mspdi.xml';

const orrery = (...args: string[]) => runOrrery(args, { timeoutMs: 120_000 });

describe.skipIf(!existsSync(plan))('orrery simulate', { timeout: 130_000 }, () => {
  it('prints the same JSON result for the same seed', async () => {
    const args = ['simulate', plan, '--iterations', '500', '--seed', '9', '--format', 'json'];
    const [a, b] = [await orrery(...args), await orrery(...args)];
    expect(a.code, a.stderr).toBe(0);
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    expect(ra.iterations).toBe(500);
    expect(ra.finish.percentiles.map((p: { iso: string }) => p.iso)).toEqual(
      rb.finish.percentiles.map((p: { iso: string }) => p.iso),
    );
  });

  it('prints percentiles as a table and refuses a bad option', async () => {
    const table = await orrery('simulate', plan, '--iterations', '300', '--target', '2014-12-31');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^P50 +\d{4}-\d{2}-\d{2}T/m);
    expect(table.stdout).toMatch(/target 2014-12-31T23:59:00: 100\.0 %/);
    const bad = await orrery('simulate', plan, '--iterations', 'many');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--iterations');
  });
});
