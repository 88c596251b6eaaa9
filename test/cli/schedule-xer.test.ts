import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runOrrery } from '../support/cli.ts';

const data = fileURLToPath(new URL('../../../shared/data/xer/', import.meta.url));
const TIMEOUT_MS = 60_000;

const orrery = (...args: string[]) => runOrrery(args, { timeoutMs: TIMEOUT_MS });

describe('orrery schedule FILE.xer', { timeout: TIMEOUT_MS + 5_000 }, () => {
  it('prints each activity with its project, dates, float in hours and critical flag', async () => {
    const result = await orrery('schedule', join(data, 'XERNative/sample.xer'));
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Project\s+Activity\s+Name\s+Early start/);
    expect(lines[1]).toMatch(/^TAKT\s+A1010\s+Studs\s+2021-11-30T08:00:00\s+2021-12-06T17:00:00/);
    expect(lines).toHaveLength(26);
  });

  it('--compare lists what differs from P6 and counts the matches', async () => {
    const result = await orrery('schedule', join(data, 'XERNative/wk2.xer'), '--compare');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('198 activities, 198 match');
    const multi = await orrery(
      'schedule',
      join(data, 'aspose-Java/MultiprojectWithExternal.xer'),
      '--compare',
    );
    expect(multi.stdout.trim()).toBe('3 activities, 3 match');
    const done = await orrery('schedule', join(data, 'mpxj/PredecessorCalendar.xer'), '--compare');
    expect(done.stdout).toMatch(
      /A1000\s+Test\s+TK_Complete\s+LS\s+2020-12-30T08:00:00\s+2019-10-02T00:00:00/,
    );
  });

  it('--format json gives the tasks and the comparison summary', async () => {
    const result = await orrery(
      'schedule',
      join(data, 'XERNative/sample.xer'),
      '--compare',
      '--format',
      'json',
    );
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { tasks: unknown[]; summary: { tasks: number; match: number } };
    expect(out.tasks).toHaveLength(25);
    expect(out.summary).toMatchObject({ tasks: 25, match: 25 });
  });

  it('takes a file without activities, and exits non-zero naming a missing file', async () => {
    const result = await orrery('schedule', join(data, 'aspose-Java/ScheduleOptions.xer'), '--compare');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('0 activities, 0 match');
    const missing = await orrery('schedule', join(data, 'nope.xer'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.xer: no such file/);
  });
});
