import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  compareXerWithStored,
  readXer,
  scheduleXer,
  XER_COMPARED_FIELDS,
  type XerComparedField,
  type XerDifference,
} from '../../src/interop/xer/index.ts';

/** The P6 ground truth: ../shared/data/xer (read only). */
export const XER_DATA_DIR = join(import.meta.dirname, '../../../shared/data/xer');

export interface XerConformanceRow {
  file: string;
  projects: number;
  tasks: number;
  links: number;
  progressed: number;
  all: number;
  compared: Record<XerComparedField, number>;
  matched: Record<XerComparedField, number>;
  error?: string;
}

/** Every `.xer` file under the data directory, as paths relative to it, sorted. */
export function xerConformanceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.toLowerCase().endsWith('.xer')) out.push(relative(XER_DATA_DIR, path));
    }
  };
  walk(XER_DATA_DIR);
  return out.sort();
}

const zero = () =>
  Object.fromEntries(XER_COMPARED_FIELDS.map((f) => [f, 0])) as Record<XerComparedField, number>;

/** Reschedules one file and counts, per field, the activities matching P6's stored values. */
export function runXerConformance(file: string): { row: XerConformanceRow; differences: XerDifference[] } {
  const plan = readXer(readFileSync(join(XER_DATA_DIR, file)), file);
  const base = {
    file,
    projects: plan.projects.length,
    tasks: plan.tasks.length,
    links: plan.links.length,
    progressed: plan.tasks.filter((t) => t.status !== 'TK_NotStart').length,
  };
  if (plan.tasks.length === 0)
    return { row: { ...base, all: 0, compared: zero(), matched: zero() }, differences: [] };
  const scheduled = scheduleXer(plan);
  const cmp = compareXerWithStored(plan, scheduled.input, scheduled.result, scheduled.activityIndex);
  return {
    row: { ...base, all: cmp.allMatch, compared: cmp.compared, matched: cmp.matched },
    differences: cmp.differences,
  };
}
