import { readFileSync } from 'node:fs';
import { formatLocalDateTime } from '../../engine/calendar/epoch.ts';
import {
  compareXerWithStored,
  p6ActivityDates,
  readXer,
  scheduleXer,
  type XerDifference,
} from '../../interop/xer/index.ts';

const iso = (m: number) => formatLocalDateTime(m);

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((v, c) => v.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(header)}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

function showValue(d: XerDifference, v: number | boolean): string {
  if (typeof v === 'boolean') return String(v);
  return ['ES', 'EF', 'LS', 'LF'].includes(d.field) ? iso(v) : `${v / 60} h`;
}

/**
 * `orrery schedule FILE.xer`: all projects in the file as one network (links between them
 * count), each activity's dates as P6 shows them; `--compare` lists where they differ from the
 * dates and floats P6 stored.
 */
export function scheduleXerFile(file: string, opts: { format: string; compare?: boolean }): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${file}: no such file`);
    throw error;
  }
  const plan = readXer(bytes, file);
  const scheduled = scheduleXer(plan);
  for (const w of scheduled.warnings) process.stderr.write(`orrery: ${w}\n`);
  const dates = p6ActivityDates(plan, scheduled.input, scheduled.result, scheduled.activityIndex);
  const projectCode = new Map(plan.projects.map((p) => [p.id, p.code]));
  const tasks = plan.tasks.map((t, k) => ({
    project: projectCode.get(t.projectId) ?? t.projectId,
    code: t.code,
    name: t.name,
    earlyStart: iso(dates[k].earlyStart),
    earlyFinish: iso(dates[k].earlyFinish),
    lateStart: iso(dates[k].lateStart),
    lateFinish: iso(dates[k].lateFinish),
    totalFloatHours: dates[k].totalFloat / 60,
    critical: dates[k].critical,
  }));
  const cmp = opts.compare
    ? compareXerWithStored(plan, scheduled.input, scheduled.result, scheduled.activityIndex)
    : null;
  if (opts.format === 'json') {
    const out: Record<string, unknown> = { tasks };
    if (cmp) {
      out.differences = cmp.differences;
      out.summary = { tasks: cmp.tasks, match: cmp.allMatch, compared: cmp.compared, matched: cmp.matched };
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  if (!cmp) {
    printTable(
      [
        'Project',
        'Activity',
        'Name',
        'Early start',
        'Early finish',
        'Late start',
        'Late finish',
        'Total float (h)',
        'Critical',
      ],
      tasks.map((t) => [
        t.project,
        t.code,
        t.name,
        t.earlyStart,
        t.earlyFinish,
        t.lateStart,
        t.lateFinish,
        String(t.totalFloatHours),
        t.critical ? 'yes' : 'no',
      ]),
    );
    return;
  }
  if (cmp.differences.length) {
    printTable(
      ['Activity', 'Name', 'Status', 'Field', 'P6', 'Orrery'],
      cmp.differences.map((d) => [
        d.code,
        d.name,
        d.status,
        d.field,
        showValue(d, d.expected),
        showValue(d, d.actual),
      ]),
    );
  }
  process.stdout.write(`${cmp.tasks} activities, ${cmp.allMatch} match\n`);
}
