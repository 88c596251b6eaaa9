export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

/** GET /projects/:id/gantt/columns and /programs/:id/gantt/columns (src/model/gantt.ts). */
export interface GanttColumns {
  projects: {
    id: string;
    code: string;
    name: string;
    start: number | null;
    finish: number | null;
    statusDate: number | null;
  }[];
  baseline: number | null;
  tasks: {
    id: string[];
    project: number[];
    parent: number[];
    depth: number[];
    wbs: string[];
    name: string[];
    durationMinutes: number[];
    percentComplete: number[];
    start: (number | null)[];
    finish: (number | null)[];
    baselineStart: (number | null)[];
    baselineFinish: (number | null)[];
    flags: number[];
    version: number[];
  };
  links: {
    id: string[];
    from: number[];
    to: number[];
    type: LinkType[];
    lagMinutes: number[];
    version: number[];
  };
}
export const SUMMARY = 1;
export const MILESTONE = 2;
export const CRITICAL = 4;
export const MINUTES_PER_DAY = 1440;

/**
 * What the chart shows, one entry per visible row: a task index (>= 0) or a program's project
 * row, written as -(projectIndex + 1). `rowOf` maps every task to the row it appears on, or to
 * the row of its nearest visible ancestor when a collapsed summary hides it, so links to hidden
 * tasks still land somewhere sensible.
 */
export interface RowModel {
  rows: Int32Array;
  rowOf: Int32Array;
  projectRowOf: Int32Array;
}

export const isProjectRow = (item: number) => item < 0;
export const projectOfRow = (item: number) => -item - 1;

export function buildRows(
  data: GanttColumns,
  collapsed: ReadonlySet<string>,
  withProjects: boolean,
): RowModel {
  const n = data.tasks.id.length;
  const rows = new Int32Array(n + data.projects.length);
  const rowOf = new Int32Array(n);
  const projectRowOf = new Int32Array(data.projects.length).fill(-1);
  const { parent, project, id } = data.tasks;
  let count = 0;
  let currentProject = -1;
  let projectOpen = true;
  for (let i = 0; i < n; i++) {
    if (withProjects && project[i] !== currentProject) {
      currentProject = project[i];
      projectRowOf[currentProject] = count;
      rows[count++] = -(currentProject + 1);
      projectOpen = !collapsed.has(`project:${data.projects[currentProject].id}`);
    }
    const up = parent[i];
    const parentShowsChildren = up < 0 ? projectOpen : rows[rowOf[up]] === up && !collapsed.has(id[up]);
    if (parentShowsChildren) {
      rowOf[i] = count;
      rows[count++] = i;
    } else rowOf[i] = up < 0 ? projectRowOf[project[i]] : rowOf[up];
  }
  return { rows: rows.subarray(0, count), rowOf, projectRowOf };
}

/** Start and finish (epoch minutes) of what a row shows, or null when it is not scheduled. */
export function rowSpan(data: GanttColumns, item: number): [number, number] | null {
  if (isProjectRow(item)) {
    const p = data.projects[projectOfRow(item)];
    return p.start === null || p.finish === null ? null : [p.start, p.finish];
  }
  const start = data.tasks.start[item];
  const finish = data.tasks.finish[item];
  return start === null || finish === null ? null : [start, finish];
}

/** The earliest and latest dates anywhere in the data, for the time axis. */
export function dataRange(data: GanttColumns): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const { start, finish, baselineStart, baselineFinish } = data.tasks;
  for (let i = 0; i < start.length; i++) {
    const s = start[i];
    const f = finish[i];
    if (s !== null && s < lo) lo = s;
    if (f !== null && f > hi) hi = f;
    const bs = baselineStart[i];
    const bf = baselineFinish[i];
    if (bs !== null && bs < lo) lo = bs;
    if (bf !== null && bf > hi) hi = bf;
  }
  if (lo > hi) {
    const now = nowMinutes();
    return [now - 30 * MINUTES_PER_DAY, now + 90 * MINUTES_PER_DAY];
  }
  return [lo, hi];
}

/** The browser's wall clock as epoch minutes of local time, the way stored dates are written. */
export function nowMinutes(): number {
  const now = new Date();
  return Math.floor((now.getTime() - now.getTimezoneOffset() * 60_000) / 60_000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon 4 Jan 2027`-style short date of epoch minutes. */
export function formatDay(minutes: number | null): string {
  if (minutes === null) return '—';
  const d = new Date(minutes * 60_000);
  return `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).slice(2)}`;
}

/** `YYYY-MM-DD` of epoch minutes. */
export function isoDay(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM:SS` local date-time of epoch minutes, as the API takes it. */
export function localDateTime(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 19);
}

/** Working days shown the way MS Project does: `3 d`, `0.5 d`, `0 d` for milestones. */
export function formatDuration(durationMinutes: number): string {
  const days = durationMinutes / 480;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} d`;
}

/** Monday to Friday days from `start` through the day of `finish`, both counted. */
export function weekdaysBetween(start: number, finish: number): number {
  let count = 0;
  const first = Math.floor(start / MINUTES_PER_DAY);
  const last = Math.floor(finish / MINUTES_PER_DAY);
  for (let day = first; day <= last; day++) {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/**
 * What the table shows for summaries: the span in working days and the progress of their
 * leaves weighted by duration (MS Project's roll-up), found in one pass from the bottom up.
 */
export function rollups(data: GanttColumns): { durationMinutes: Float64Array; percent: Float64Array } {
  const t = data.tasks;
  const n = t.id.length;
  const durationMinutes = Float64Array.from(t.durationMinutes);
  const percent = Float64Array.from(t.percentComplete);
  const weight = new Float64Array(n);
  const done = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (t.flags[i] & SUMMARY) {
      percent[i] = weight[i] > 0 ? done[i] / weight[i] : 0;
      const start = t.start[i];
      const finish = t.finish[i];
      if (start !== null && finish !== null) durationMinutes[i] = weekdaysBetween(start, finish) * 480;
    } else {
      weight[i] = t.durationMinutes[i];
      done[i] = t.durationMinutes[i] * t.percentComplete[i];
    }
    const up = t.parent[i];
    if (up >= 0) {
      weight[up] += weight[i];
      done[up] += done[i];
    }
  }
  return { durationMinutes, percent };
}
