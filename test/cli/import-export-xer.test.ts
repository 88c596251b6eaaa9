import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliWorkspace } from '../support/cli.ts';

const cli = cliWorkspace('cli-xer');
const { orrery, dir } = cli;
const CHILD_TIMEOUT_MS = cli.timeoutMs;
const data = fileURLToPath(new URL('../../../shared/data/xer/', import.meta.url));

afterAll(cli.remove);

describe('orrery import / export with Primavera XER', { timeout: CHILD_TIMEOUT_MS + 10_000 }, () => {
  it('imports a .xer into a project, exports it as XER and the export reschedules to its own dates', async () => {
    expect((await orrery('migrate')).code).toBe(0);
    expect((await orrery('seed', 'demo')).code).toBe(0);
    const imported = await orrery('import', join(data, 'XERNative/wk2.xer'), '--project', 'CP-101');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /^Imported 198 tasks, 300 links and 1 calendars into CP-101 in [\d.]+ s; finish 2015-02-19T12:00:00\n$/,
    );
    expect(imported.stderr).toContain('CP-101: scheduling…');
    expect(imported.stderr).toMatch(/warning: wk2\.xer:\d+: a second link/);
    const file = join(dir, 'cp101.xer');
    const exported = await orrery('export', '--project', 'CP-101', file);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(file, 'latin1').startsWith('ERMHDR\t8.4\t')).toBe(true);
    const compared = await orrery('schedule', file, '--compare');
    expect(compared.stdout.trim()).toBe('198 activities, 198 match');
  });

  it('refuses a broken file naming table and line, and a file name it cannot place', async () => {
    const broken = await orrery(
      'import',
      join(data, 'aspose-Java/ScheduleOptions.xer'),
      '--project',
      'CP-101',
    );
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/holds 4 projects .*none has the code CP-101/);
    const format = await orrery('export', '--project', 'CP-101', '--format', 'pdf', join(dir, 'x.pdf'));
    expect(format.code).not.toBe(0);
    expect(format.stderr).toMatch(/--format must be one of mspdi, csv, xlsx, xer, got "pdf"/);
  });
});
