import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatLocalDateTime } from '../../engine/calendar/epoch.ts';
import { scheduleProject } from '../../engine/schedule/schedule-project.ts';
import type { ScheduleResult } from '../../engine/schedule/types.ts';
import { compareWithStored, type TaskDifference } from '../../interop/mspdi/compare.ts';
import { readMspdi } from '../../interop/mspdi/read-mspdi.ts';
import { mspdiToScheduleInput } from '../../interop/mspdi/to-schedule-input.ts';
import type { MspdiProject } from '../../interop/mspdi/types.ts';
import { readMsProjectJsonFile } from '../../interop/msproject-json.ts';
import { scheduleXerFile } from './schedule-xer.ts';

/**
 * Plan readers by file name ending. Each returns the plan with MS Project's stored dates; a
 * Primavera XER reader slots in here with its own entry.
 */
const READERS: { suffix: string; describe: string; read: (path: string) => MspdiProject }[] = [
  { suffix: '.xml', describe: 'MS Project XML (MSPDI)', read: (p) => readMspdi(readFileSync(p, 'utf8'), p) },
  {
    suffix: '.json.gz',
    describe: '.mpp dump (data/msproject format)',
    read: (p) => readMsProjectJsonFile(p),
  },
];

export function readPlan(file: string): MspdiProject {
  const reader = READERS.find((r) => file.toLowerCase().endsWith(r.suffix));
  if (!reader) {
    throw new Error(
      `${file}: unknown plan format; expected ${READERS.map((r) => `${r.suffix} (${r.describe})`).join(' or ')}`,
    );
  }
  let text: MspdiProject;
  try {
    text = reader.read(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new Error(`${file}: no such file`);
    throw error;
  }
  return text;
}

const iso = (m: number) => formatLocalDateTime(m);

function taskRows(plan: MspdiProject, r: ScheduleResult) {
  return plan.tasks.map((t, i) => ({
    uid: t.uid,
    name: t.name,
    earlyStart: iso(r.earlyStart[i]),
    earlyFinish: iso(r.earlyFinish[i]),
    lateStart: iso(r.lateStart[i]),
    lateFinish: iso(r.lateFinish[i]),
    totalSlackMinutes: r.totalSlack[i],
    critical: r.critical[i] === 1,
  }));
}

function printTable(header: string[], rows: string[][], rightAligned: Set<number>): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((v, c) => (rightAligned.has(c) ? v.padStart(widths[c]) : v.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(header)}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

function showValue(d: TaskDifference, v: number | boolean | null): string {
  if (v === null) return '-';
  if (typeof v === 'boolean') return String(v);
  return ['ES', 'EF', 'LS', 'LF'].includes(d.field) ? iso(v) : `${v} min`;
}

/** `orrery schedule FILE.xml`: schedules a plan without a server and prints each task's dates. */
export function registerScheduleCommand(program: Command): void {
  program
    .command('schedule')
    .description('Schedule an MS Project plan (critical path): early/late dates, total slack, critical tasks')
    .argument('<file>', 'MS Project XML (.xml), .mpp JSON dump (.json.gz) or Primavera P6 XER (.xer)')
    .option('--format <format>', 'table or json', 'table')
    .option('--compare', 'show where Orrery differs from the dates stored in the file')
    .action((file: string, opts: { format: string; compare?: boolean }) => {
      if (opts.format !== 'table' && opts.format !== 'json') {
        throw new Error(`--format must be table or json, got "${opts.format}"`);
      }
      if (file.toLowerCase().endsWith('.xer')) return scheduleXerFile(file, opts);
      const plan = readPlan(file);
      const { input, warnings } = mspdiToScheduleInput(plan, file);
      for (const w of warnings) process.stderr.write(`orrery: ${w}\n`);
      const result = scheduleProject(input);
      const tasks = taskRows(plan, result);
      const cmp = opts.compare ? compareWithStored(plan, input, result) : null;
      if (opts.format === 'json') {
        const out: Record<string, unknown> = { tasks };
        if (cmp) {
          out.differences = cmp.differences;
          out.summary = { tasks: cmp.tasks, match: cmp.allMatch };
        }
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      if (!cmp) {
        printTable(
          [
            'UID',
            'Name',
            'Early start',
            'Early finish',
            'Late start',
            'Late finish',
            'Total slack (min)',
            'Critical',
          ],
          tasks.map((t) => [
            String(t.uid),
            t.name,
            t.earlyStart,
            t.earlyFinish,
            t.lateStart,
            t.lateFinish,
            String(t.totalSlackMinutes),
            t.critical ? 'yes' : 'no',
          ]),
          new Set([0, 6]),
        );
        return;
      }
      if (cmp.differences.length) {
        printTable(
          ['UID', 'Name', 'Field', 'MS Project', 'Orrery'],
          cmp.differences.map((d) => [
            String(d.uid),
            d.name,
            d.field,
            showValue(d, d.expected),
            showValue(d, d.actual),
          ]),
          new Set([0]),
        );
      }
      process.stdout.write(`${cmp.tasks} tasks, ${cmp.allMatch} match\n`);
    });
}
