/**
 * Conformance against MS Project: reschedules every plan under `data/mspdi/` and
 * `data/msproject/` and counts, per file and field, the tasks that match MS Project's stored
 * values to the minute. Shared by the report script and the ratchet test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Scheduler } from '../../src/engine/schedule/schedule-project.ts';
import {
  COMPARED_FIELDS,
  type ComparedField,
  compareWithStored,
  type TaskDifference,
} from '../../src/interop/mspdi/compare.ts';
import { readMspdi } from '../../src/interop/mspdi/read-mspdi.ts';
import { mspdiToScheduleInput } from '../../src/interop/mspdi/to-schedule-input.ts';
import type { MspdiProject } from '../../src/interop/mspdi/types.ts';
import { readMsProjectJsonFile } from '../../src/interop/msproject-json.ts';

export const DATA_DIR = process.env.ORRERY_DATA ?? '/work/shared/data';

export interface ConformanceRow {
  readonly file: string;
  readonly tasks: number;
  /** Tasks whose stored fields all match. */
  readonly all: number;
  readonly matched: Record<ComparedField, number>;
  readonly compared: Record<ComparedField, number>;
  readonly manual: number;
  readonly error?: string;
}

function walk(dir: string, test: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, test));
    else if (test(name)) out.push(p);
  }
  return out;
}

/** All plan files, relative to the data folder. */
export function conformanceFiles(): string[] {
  const mspdi = walk(join(DATA_DIR, 'mspdi'), (f) => f.endsWith('.xml'));
  const mpp = walk(join(DATA_DIR, 'msproject'), (f) => f.endsWith('.json.gz'));
  return [...mspdi, ...mpp].map((p) => relative(DATA_DIR, p));
}

export function loadPlan(file: string): MspdiProject {
  const path = join(DATA_DIR, file);
  return file.endsWith('.xml') ? readMspdi(readFileSync(path, 'utf8'), file) : readMsProjectJsonFile(path);
}

/** Schedules one file and compares it with MS Project; read or schedule errors become the row's error. */
export function runConformance(file: string): { row: ConformanceRow; differences: TaskDifference[] } {
  const empty = () => Object.fromEntries(COMPARED_FIELDS.map((f) => [f, 0])) as Record<ComparedField, number>;
  let plan: MspdiProject | undefined;
  try {
    plan = loadPlan(file);
    const { input } = mspdiToScheduleInput(plan, file);
    const result = new Scheduler(input).result();
    const cmp = compareWithStored(plan, input, result);
    return {
      row: {
        file,
        tasks: cmp.tasks,
        all: cmp.allMatch,
        matched: cmp.matched,
        compared: cmp.compared,
        manual: plan.tasks.filter((t) => t.manual && !t.summary).length,
      },
      differences: cmp.differences,
    };
  } catch (error) {
    return {
      row: {
        file,
        tasks: plan?.tasks.length ?? 0,
        all: 0,
        matched: empty(),
        compared: empty(),
        manual: 0,
        error: (error as Error).message,
      },
      differences: [],
    };
  }
}
