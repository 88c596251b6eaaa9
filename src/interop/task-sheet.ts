import { CalendarRegistry, standardWeek } from '../engine/calendar/compile.ts';
import { parseLocalDateTime } from '../engine/calendar/epoch.ts';
import type { LinkType } from '../engine/schedule/types.ts';

/** A bad cell: names the sheet, the 1-based row and the column (letter and header). */
export class TaskSheetError extends Error {
  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly column: string | null,
    readonly detail: string,
  ) {
    super(`${sheet} row ${row}${column ? `, column ${column}` : ''}: ${detail}`);
    this.name = 'TaskSheetError';
  }
}

export type SheetCell = string | number | boolean | Date | null;

export interface SheetTask {
  /** The row's ID cell, or its position among the tasks (1-based) when the sheet has no ID column. */
  readonly rowId: number;
  readonly row: number;
  readonly wbs: string;
  readonly name: string;
  readonly parentRowId: number | null;
  readonly durationMinutes: number;
  readonly milestone: boolean;
  readonly start: number | null;
  readonly finish: number | null;
  readonly percentComplete: number;
  readonly predecessors: readonly {
    readonly rowId: number;
    readonly type: LinkType;
    readonly lagMinutes: number;
    readonly lagPercent: number | null;
    readonly lagElapsed: boolean;
  }[];
}

const HEADERS = {
  id: ['id', 'unique id', 'uid', '#'],
  wbs: ['wbs', 'wbs code', 'outline number'],
  name: ['name', 'task name', 'task', 'activity name'],
  duration: ['duration (days)', 'duration', 'original duration', 'duration (d)'],
  start: ['start', 'start date', 'planned start'],
  finish: ['finish', 'finish date', 'end', 'planned finish'],
  percent: ['% complete', 'percent complete', '%'],
  predecessors: ['predecessors', 'predecessor'],
} as const;
type Column = keyof typeof HEADERS;

const columnLetter = (index: number) => {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

/** `5`, `5d`, `2.5 days`, `8h`, `1w`, `3ed` (elapsed days) as minutes; days are `minutesPerDay`. */
function parseDuration(text: string, minutesPerDay: number): { minutes: number; elapsed: boolean } | null {
  const m = /^([+-]?\d+(?:\.\d+)?)\s*(e?)(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)?$/i.exec(
    text.trim(),
  );
  if (!m) return null;
  const value = Number(m[1]);
  const elapsed = m[2] !== '';
  const unit = (m[3] ?? 'd').toLowerCase();
  const day = elapsed ? 1440 : minutesPerDay;
  let per: number;
  if (unit.startsWith('m')) per = 1;
  else if (unit.startsWith('h')) per = 60;
  else if (unit.startsWith('w')) per = day * 5;
  else per = day;
  return { minutes: Math.round(value * per), elapsed };
}

/** Reads one predecessor entry as the CSV/XLSX export writes it: `3`, `3SS`, `3FS+2d`, `4FF-1ed`, `5SS+25%`. */
function parsePredecessor(text: string, minutesPerDay: number) {
  const m = /^(\d+)\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(.+))?$/i.exec(text.trim());
  if (!m) return null;
  const type = (m[2]?.toUpperCase() ?? 'FS') as LinkType;
  const sign = m[3] === '-' ? -1 : 1;
  let lagMinutes = 0;
  let lagPercent: number | null = null;
  let lagElapsed = false;
  if (m[4]) {
    const lag = m[4].trim();
    if (lag.endsWith('%')) {
      const p = Number(lag.slice(0, -1));
      if (!Number.isFinite(p)) return null;
      lagPercent = sign * p;
    } else {
      const d = parseDuration(lag, minutesPerDay);
      if (!d) return null;
      lagMinutes = sign * d.minutes;
      lagElapsed = d.elapsed;
    }
  }
  return { rowId: Number(m[1]), type, lagMinutes, lagPercent, lagElapsed };
}

function cellText(v: SheetCell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

/**
 * Reads a simple task sheet (first row headers; columns as Orrery's CSV/XLSX export writes them:
 * ID, WBS, Name, Duration (days), Start, Finish, % Complete, Predecessors; only Name is
 * required). The WBS code's dots give the hierarchy ("1.2" is under "1"). Without a duration, a
 * task lasts from Start to Finish on a standard 8-hour, Monday-to-Friday week. Excel dates are
 * wall-clock times (as the export writes them).
 */
export function readTaskSheet(
  sheet: string,
  rows: readonly (readonly SheetCell[])[],
  minutesPerDay = 480,
): SheetTask[] {
  const header = rows[0];
  if (!header)
    throw new TaskSheetError(sheet, 1, null, 'is empty; the first row must hold the column headers');
  const index: Partial<Record<Column, number>> = {};
  header.forEach((h, k) => {
    const text = cellText(h).toLowerCase();
    for (const [col, names] of Object.entries(HEADERS) as [Column, readonly string[]][])
      if (index[col] === undefined && names.includes(text)) index[col] = k;
  });
  if (index.name === undefined)
    throw new TaskSheetError(
      sheet,
      1,
      null,
      `has no Name column (headers: ${header.map(cellText).join(', ')})`,
    );
  const calendar = new CalendarRegistry([{ id: 'standard', week: standardWeek() }]).get('standard');
  const where = (col: Column) => `${columnLetter(index[col]!)} (${cellText(header[index[col]!])})`;
  const tasks: SheetTask[] = [];
  const byWbs = new Map<string, number>();
  const seenIds = new Set<number>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const rowNumber = r + 1;
    const get = (col: Column): SheetCell => (index[col] === undefined ? null : (row[index[col]!] ?? null));
    if (row.every((c) => cellText(c) === '')) continue;
    const fail = (col: Column, detail: string): never => {
      throw new TaskSheetError(sheet, rowNumber, where(col), detail);
    };
    const name = cellText(get('name'));
    if (!name) fail('name', 'is empty');
    let rowId = tasks.length + 1;
    if (index.id !== undefined && cellText(get('id')) !== '') {
      rowId = Number(cellText(get('id')));
      if (!Number.isInteger(rowId) || rowId < 1)
        fail('id', `is not a positive whole number: ${cellText(get('id'))}`);
    }
    if (seenIds.has(rowId)) fail('id', `repeats ID ${rowId}`);
    seenIds.add(rowId);
    const date = (col: Column): number | null => {
      const v = get(col);
      if (v === null || cellText(v) === '') return null;
      if (v instanceof Date) return Math.round(v.getTime() / 60000);
      try {
        return parseLocalDateTime(cellText(v));
      } catch {
        return fail(col, `is not a date (YYYY-MM-DD HH:MM): ${cellText(v)}`);
      }
    };
    const start = date('start');
    const finish = date('finish');
    if (start !== null && finish !== null && finish < start) fail('finish', 'is before Start');
    let durationMinutes = 0;
    const durationCell = get('duration');
    if (durationCell !== null && cellText(durationCell) !== '') {
      const d =
        typeof durationCell === 'number'
          ? { minutes: Math.round(durationCell * minutesPerDay), elapsed: false }
          : parseDuration(cellText(durationCell), minutesPerDay);
      if (!d || d.minutes < 0)
        fail('duration', `is not a duration (days, or 8h, 2w): ${cellText(durationCell)}`);
      durationMinutes = d!.minutes;
    } else if (start !== null && finish !== null) {
      durationMinutes = Math.max(0, calendar.workingBetween(start, finish));
    }
    let percentComplete = 0;
    const pc = cellText(get('percent')).replace(/%$/, '');
    if (pc !== '') {
      percentComplete = Number(pc);
      if (!Number.isFinite(percentComplete) || percentComplete < 0 || percentComplete > 100)
        fail('percent', `is not a percentage from 0 to 100: ${pc}`);
    }
    const predecessors = cellText(get('predecessors'))
      .split(/[,;]/)
      .filter((p) => p.trim() !== '')
      .map(
        (p) =>
          parsePredecessor(p, minutesPerDay) ??
          fail('predecessors', `cannot read "${p.trim()}" (write 3, 3SS, 3FS+2d or 5SS+25%)`),
      );
    const wbs = cellText(get('wbs'));
    const parentWbs = wbs.includes('.') ? wbs.slice(0, wbs.lastIndexOf('.')) : null;
    const parentRowId = parentWbs === null ? null : (byWbs.get(parentWbs) ?? null);
    if (parentWbs !== null && parentRowId === null)
      fail('wbs', `is ${wbs}, but no row above has the WBS ${parentWbs}`);
    if (wbs) byWbs.set(wbs, rowId);
    tasks.push({
      rowId,
      row: rowNumber,
      wbs,
      name,
      parentRowId,
      durationMinutes,
      milestone: durationMinutes === 0,
      start,
      finish,
      percentComplete,
      predecessors,
    });
  }
  for (const t of tasks)
    for (const p of t.predecessors) {
      if (!seenIds.has(p.rowId))
        throw new TaskSheetError(
          sheet,
          t.row,
          where('predecessors'),
          `names ID ${p.rowId}, which no row has`,
        );
      if (p.rowId === t.rowId)
        throw new TaskSheetError(sheet, t.row, where('predecessors'), 'names the task itself');
    }
  return tasks;
}
