import { dayOf, MINUTES_PER_DAY, monthDayOf, parseLocalDateTime, weekdayOf } from './epoch.ts';
import { CalendarError } from './errors.ts';
import type { CalendarDefinition, DayPattern, WorkingInterval } from './types.ts';
import { WorkingCalendar } from './working-calendar.ts';

/**
 * First and last+1 day numbers a compiled calendar covers: 1984-01-01 to 2150-01-01, the range
 * MS Project itself accepts. A smaller table is faster to build and to search.
 */
export const FIRST_DAY = 5_113;
export const END_DAY = 65_744;

function toDay(value: number | string, calendarId: string | number, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new CalendarError(calendarId, `${field} is not a whole day number`);
    return value;
  }
  return dayOf(parseLocalDateTime(value, `calendar ${calendarId} ${field}`));
}

function checkIntervals(intervals: readonly WorkingInterval[], calendarId: string | number, where: string) {
  let last = -1;
  for (const iv of intervals) {
    if (!Number.isInteger(iv.from) || !Number.isInteger(iv.to) || iv.from < 0 || iv.to > MINUTES_PER_DAY) {
      throw new CalendarError(
        calendarId,
        `${where}: interval ${iv.from}-${iv.to} is outside 0..1440 minutes`,
      );
    }
    if (iv.from >= iv.to)
      throw new CalendarError(calendarId, `${where}: interval ${iv.from}-${iv.to} is empty`);
    if (iv.from < last) throw new CalendarError(calendarId, `${where}: intervals overlap or are unordered`);
    last = iv.to;
  }
}

function sortedIntervals(intervals: readonly WorkingInterval[]): WorkingInterval[] {
  return [...intervals].sort((a, b) => a.from - b.from);
}

/**
 * Compiled calendars are immutable, so the same definition object (with the same compiled base)
 * is compiled once per process; scheduling the same input again skips the table build.
 */
const compiledByDefinition = new WeakMap<
  CalendarDefinition,
  { base: WorkingCalendar | null; cal: WorkingCalendar; fingerprint: string }
>();

/**
 * Compiles calendar definitions (with base-calendar inheritance) into working-time tables.
 * Calendars are compiled lazily on first use and cached, so a file with hundreds of resource
 * calendars costs only what the schedule touches.
 *
 * @example
 * const cals = new CalendarRegistry([{ id: 1, week: standardWeek() }]);
 * cals.get(1).addWorking(parseLocalDateTime('2024-01-05T17:00'), 480) // Monday 17:00 as minutes
 */
export class CalendarRegistry {
  private readonly defs = new Map<string, CalendarDefinition>();
  private readonly compiled = new Map<string, WorkingCalendar>();
  private readonly compiling = new Set<string>();

  constructor(definitions: readonly CalendarDefinition[]) {
    for (const def of definitions) {
      const key = String(def.id);
      if (this.defs.has(key)) throw new CalendarError(def.id, 'defined twice');
      this.defs.set(key, def);
    }
  }

  has(id: string | number): boolean {
    return this.defs.has(String(id));
  }

  get(id: string | number): WorkingCalendar {
    const key = String(id);
    const done = this.compiled.get(key);
    if (done) return done;
    const def = this.defs.get(key);
    if (!def) throw new CalendarError(id, 'is not defined');
    if (this.compiling.has(key)) throw new CalendarError(id, 'base calendar chain is circular');
    this.compiling.add(key);
    try {
      const base = def.baseId === null || def.baseId === undefined ? null : this.get(def.baseId);
      // the fingerprint guards against a definition object changed in place since it was cached
      const fingerprint = JSON.stringify(def);
      const cached = compiledByDefinition.get(def);
      const hit = cached && cached.base === base && cached.fingerprint === fingerprint;
      const cal = hit ? cached.cal : compileCalendar(def, base);
      if (!hit) compiledByDefinition.set(def, { base, cal, fingerprint });
      this.compiled.set(key, cal);
      return cal;
    } finally {
      this.compiling.delete(key);
    }
  }
}

/** Compiles one calendar against its (already compiled) base. */
export function compileCalendar(def: CalendarDefinition, base: WorkingCalendar | null): WorkingCalendar {
  const id = def.id;
  const patternKeys = new Map<string, number>();
  const patterns: WorkingInterval[][] = [];
  const internPattern = (ivs: readonly WorkingInterval[]): number => {
    const key = ivs.map((iv) => `${iv.from}-${iv.to}`).join(',');
    let index = patternKeys.get(key);
    if (index === undefined) {
      index = patterns.length;
      patterns.push(ivs.map((iv) => ({ from: iv.from, to: iv.to })));
      patternKeys.set(key, index);
    }
    return index;
  };

  const weekIndex = (week: readonly DayPattern[] | undefined, where: string): (number | null)[] => {
    const out: (number | null)[] = [];
    for (let wd = 0; wd < 7; wd++) {
      const p = week?.[wd];
      if (p === null || p === undefined) out.push(null);
      else {
        const ivs = sortedIntervals(p);
        checkIntervals(ivs, id, `${where} weekday ${wd}`);
        out.push(internPattern(ivs));
      }
    }
    return out;
  };
  const week = weekIndex(def.week, 'week');
  const datedWeeks = (def.workWeeks ?? []).map((ww, i) => ({
    from: toDay(ww.from, id, `workWeeks[${i}].from`),
    to: toDay(ww.to, id, `workWeeks[${i}].to`),
    week: weekIndex(ww.week, `workWeeks[${i}]`),
  }));

  const dayCount = END_DAY - FIRST_DAY;
  const dayPattern = new Int32Array(dayCount).fill(-1);
  // Exceptions first: they override everything of this calendar and of its base.
  const exceptions = def.exceptions ?? [];
  exceptions.forEach((ex, i) => {
    const ivs = sortedIntervals(ex.intervals);
    checkIntervals(ivs, id, `exceptions[${i}]`);
    const pattern = internPattern(ivs);
    const from = toDay(ex.from, id, `exceptions[${i}].from`);
    const to = ex.to === undefined ? from : toDay(ex.to, id, `exceptions[${i}].to`);
    if (to < from) throw new CalendarError(id, `exceptions[${i}] ends before it starts`);
    if (ex.recurYearly) {
      const start = monthDayOf(from);
      const span = to - from;
      for (let year = start.year; year < 2150; year++) {
        const first = dayOf(Date.UTC(year, start.month - 1, start.date) / 60000);
        if (monthDayOf(first).month !== start.month) continue; // 29 February in a common year
        for (let d = first; d <= first + span; d++) {
          if (d >= FIRST_DAY && d < END_DAY) dayPattern[d - FIRST_DAY] = pattern;
        }
      }
    } else {
      for (let d = Math.max(from, FIRST_DAY); d <= Math.min(to, END_DAY - 1); d++)
        dayPattern[d - FIRST_DAY] = pattern;
    }
  });

  const basePatternIndex = new Map<number, number>();
  for (let k = 0; k < dayCount; k++) {
    if (dayPattern[k] >= 0) continue;
    const day = k + FIRST_DAY;
    const wd = weekdayOf(day);
    let p: number | null = null;
    for (const ww of datedWeeks) {
      if (day >= ww.from && day <= ww.to && ww.week[wd] !== null) {
        p = ww.week[wd];
        break;
      }
    }
    if (p === null) p = week[wd];
    if (p === null && base) {
      const bp = base.patternIndexOfDay(day);
      let mapped = basePatternIndex.get(bp);
      if (mapped === undefined) {
        mapped = internPattern(base.patternIntervals(bp));
        basePatternIndex.set(bp, mapped);
      }
      p = mapped;
    }
    dayPattern[k] = p ?? internPattern([]);
  }
  return new WorkingCalendar(id, def.name ?? String(id), FIRST_DAY, dayPattern, patterns);
}

/** Monday–Friday 08:00–12:00 and 13:00–17:00, MS Project's Standard calendar. */
export function standardWeek(): WorkingInterval[][] {
  const day = [
    { from: 480, to: 720 },
    { from: 780, to: 1020 },
  ];
  return [[], day, day, day, day, day, []];
}
