import { dayOf, formatLocalDateTime, parseLocalDateTime } from '../../engine/calendar/epoch.ts';
import type { DayPattern, WorkingInterval } from '../../engine/calendar/types.ts';
import type { ConstraintType, LinkType } from '../../engine/schedule/types.ts';
import {
  type LocalDateTime,
  type MspdiWriteCalendar,
  MspdiWriteError,
  type MspdiWriteProject,
  type MspdiWriteTask,
} from './types.ts';

import { writeAssignments, writeResources, writeTaskBaselines } from './write-resources.ts';
import { checkedDate, escapeXml, isoDuration, XmlOut } from './xml-out.ts';

export { escapeXml, isoDuration };
export const MSPDI_NAMESPACE = 'http://schemas.microsoft.com/project';

const CONSTRAINT_CODES: Record<ConstraintType, number> = {
  ASAP: 0,
  ALAP: 1,
  MSO: 2,
  MFO: 3,
  SNET: 4,
  SNLT: 5,
  FNET: 6,
  FNLT: 7,
};
const LINK_CODES: Record<LinkType, number> = { FF: 0, FS: 1, SF: 2, SS: 3 };
/** Duration/lag formats: 7 = days, 8 = elapsed days, 19 = percent. */
const DAYS = 7;
const ELAPSED_DAYS = 8;
const PERCENT = 19;

function time(minutes: number): string {
  const m = minutes % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
}

function dayNumber(value: number | string, where: string, field: string): number {
  if (typeof value === 'number') return value;
  try {
    return dayOf(parseLocalDateTime(value));
  } catch {
    throw new MspdiWriteError(where, field, `is not a date: ${JSON.stringify(value)}`);
  }
}

function workingTimes(out: XmlOut, intervals: readonly WorkingInterval[]): void {
  if (intervals.length === 0) return;
  out.open('WorkingTimes');
  for (const iv of intervals) {
    out.open('WorkingTime');
    out.el('FromTime', time(iv.from));
    out.el('ToTime', time(iv.to));
    out.close('WorkingTime');
  }
  out.close('WorkingTimes');
}

function weekDays(out: XmlOut, week: readonly DayPattern[] | undefined, isBase: boolean): void {
  const days = (week ?? []).map((d, i) => ({ d: d ?? (isBase ? [] : null), i }));
  const listed = days.filter((x) => x.d !== null);
  if (listed.length === 0) return;
  out.open('WeekDays');
  for (const { d, i } of listed) {
    out.open('WeekDay');
    out.el('DayType', i + 1);
    out.el('DayWorking', d!.length > 0);
    workingTimes(out, d!);
    out.close('WeekDay');
  }
  out.close('WeekDays');
}

function period(out: XmlOut, fromDay: number, toDay: number): void {
  out.open('TimePeriod');
  out.el('FromDate', formatLocalDateTime(fromDay * 1440));
  out.el('ToDate', formatLocalDateTime(toDay * 1440 + 1439));
  out.close('TimePeriod');
}

function calendar(out: XmlOut, cal: MspdiWriteCalendar): void {
  const where = `Calendar ${cal.id}`;
  const isBase = cal.baseId === null || cal.baseId === undefined;
  out.open('Calendar');
  out.el('UID', cal.id);
  out.el('Name', cal.name ?? `Calendar ${cal.id}`);
  out.el('IsBaseCalendar', isBase);
  out.el('IsBaselineCalendar', false);
  out.el('BaseCalendarUID', isBase ? -1 : cal.baseId);
  weekDays(out, cal.week, isBase);
  const exceptions = (cal.exceptions ?? []).map((ex, k) => {
    const from = dayNumber(ex.from, where, `exceptions[${k}].from`);
    const to = ex.to === undefined ? from : dayNumber(ex.to, where, `exceptions[${k}].to`);
    if (to < from) throw new MspdiWriteError(where, `exceptions[${k}]`, 'ends before it starts');
    return { ...ex, fromDay: from, toDay: to };
  });
  if (exceptions.length > 0) {
    out.open('Exceptions');
    for (const ex of exceptions) {
      out.open('Exception');
      out.el('EnteredByOccurrences', false);
      period(out, ex.fromDay, ex.toDay);
      out.el('Occurrences', 1);
      out.el('Name', ex.name ?? null);
      out.el('Type', 1);
      out.el('DayWorking', ex.intervals.length > 0);
      workingTimes(out, ex.intervals);
      out.close('Exception');
    }
    out.close('Exceptions');
  }
  const weeks = cal.workWeeks ?? [];
  if (weeks.length > 0) {
    out.open('WorkWeeks');
    for (const [k, ww] of weeks.entries()) {
      out.open('WorkWeek');
      period(
        out,
        dayNumber(ww.from, where, `workWeeks[${k}].from`),
        dayNumber(ww.to, where, `workWeeks[${k}].to`),
      );
      out.el('Name', ww.name ?? null);
      weekDays(out, ww.week, false);
      out.close('WorkWeek');
    }
    out.close('WorkWeeks');
  }
  out.close('Calendar');
}

function task(out: XmlOut, t: MspdiWriteTask, id: number, uids: ReadonlySet<number>): void {
  const where = `Task UID ${t.uid} (${t.name})`;
  const date = (v: LocalDateTime | null | undefined, field: string) => checkedDate(v, where, field);
  if (!Number.isFinite(t.durationMinutes) || t.durationMinutes < 0)
    throw new MspdiWriteError(
      where,
      'duration',
      `is not a non-negative number of minutes: ${t.durationMinutes}`,
    );
  const dated = t.constraintType !== 'ASAP' && t.constraintType !== 'ALAP';
  const constraintDate = dated ? date(t.constraintDate, 'constraintDate') : null;
  if (dated && constraintDate === null)
    throw new MspdiWriteError(where, 'constraintDate', `is required by ${t.constraintType}`);
  const slack = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10));
  out.open('Task');
  out.el('UID', t.uid);
  out.el('ID', id);
  out.el('Name', t.name);
  out.el('Active', true);
  out.el('Manual', false);
  out.el('Type', 0);
  out.el('IsNull', false);
  out.el('WBS', t.wbs ?? t.outlineNumber);
  out.el('OutlineNumber', t.outlineNumber);
  out.el('OutlineLevel', t.outlineLevel);
  out.el('Start', date(t.start, 'start'));
  out.el('Finish', date(t.finish, 'finish'));
  out.el('Duration', isoDuration(t.durationMinutes));
  out.el('DurationFormat', t.durationElapsed ? ELAPSED_DAYS : DAYS);
  out.el('Estimated', false);
  out.el('Milestone', t.milestone);
  out.el('Summary', t.summary);
  out.el('Critical', t.critical ?? null);
  out.el('EarlyStart', date(t.earlyStart, 'earlyStart'));
  out.el('EarlyFinish', date(t.earlyFinish, 'earlyFinish'));
  out.el('LateStart', date(t.lateStart, 'lateStart'));
  out.el('LateFinish', date(t.lateFinish, 'lateFinish'));
  out.el('FreeSlack', slack(t.freeSlack));
  out.el('TotalSlack', slack(t.totalSlack));
  out.el('PercentComplete', Math.round(Math.min(100, Math.max(0, t.percentComplete))));
  out.el('ActualStart', date(t.actualStart, 'actualStart'));
  out.el('ActualFinish', date(t.actualFinish, 'actualFinish'));
  out.el('ConstraintType', CONSTRAINT_CODES[t.constraintType]);
  out.el('CalendarUID', t.calendarUid ?? -1);
  out.el('ConstraintDate', constraintDate);
  out.el('Deadline', date(t.deadline, 'deadline'));
  for (const link of t.predecessors) {
    if (!uids.has(link.predecessorUid))
      throw new MspdiWriteError(where, 'predecessor', `UID ${link.predecessorUid} is not a task of the plan`);
    const percent = link.lagPercent !== null && link.lagPercent !== undefined;
    out.open('PredecessorLink');
    out.el('PredecessorUID', link.predecessorUid);
    out.el('Type', LINK_CODES[link.type]);
    out.el('CrossProject', false);
    out.el('LinkLag', Math.round((percent ? link.lagPercent! : link.lagMinutes) * 10));
    out.el('LagFormat', percent ? PERCENT : link.lagElapsed ? ELAPSED_DAYS : DAYS);
    out.close('PredecessorLink');
  }
  writeTaskBaselines(out, t.baselines ?? [], where);
  out.close('Task');
}

/**
 * Writes a plan as an MS Project XML (MSPDI) document: project properties, calendars (work
 * weeks and exceptions), a project summary task (UID 0) and the tasks with their computed dates
 * and predecessor links, elements in the order the MSPDI schema requires.
 *
 * @example writeMspdi({ properties: { name: 'P', startDate: '2024-01-01T08:00:00', scheduleFromStart: true,
 *   minutesPerDay: 480, calendarUid: 1 }, calendars: [], tasks: [] }).startsWith('<?xml') // true
 */
export function writeMspdi(project: MspdiWriteProject): string {
  const p = project.properties;
  const out = new XmlOut(1);
  const uids = new Set<number>();
  for (const t of project.tasks) {
    if (!Number.isInteger(t.uid) || t.uid <= 0)
      throw new MspdiWriteError(`Task ${t.name}`, 'uid', `must be a positive integer, not ${t.uid}`);
    if (uids.has(t.uid)) throw new MspdiWriteError(`Task UID ${t.uid}`, 'uid', 'is repeated');
    uids.add(t.uid);
  }
  const startDate = checkedDate(p.startDate, 'Project', 'startDate');
  if (startDate === null) throw new MspdiWriteError('Project', 'startDate', 'is required');
  // ISO local date-times sort as strings
  const finishes = project.tasks.flatMap((t) => t.finish ?? t.earlyFinish ?? []).sort();
  const finishDate =
    checkedDate(p.finishDate, 'Project', 'finishDate') ?? checkedDate(finishes.at(-1), 'Project', 'finish');
  const starts = project.tasks.flatMap((t) => t.start ?? t.earlyStart ?? []).sort();
  const computedStart = checkedDate(starts[0], 'Project', 'start') ?? startDate;
  out.parts.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
  out.parts.push(`<Project xmlns="${MSPDI_NAMESPACE}">\n`);
  out.el('SaveVersion', 14);
  out.el('Name', p.name);
  out.el('Title', p.name);
  out.el('LastSaved', checkedDate(p.savedAt, 'Project', 'savedAt'));
  out.el('ScheduleFromStart', p.scheduleFromStart);
  out.el('StartDate', startDate);
  out.el('FinishDate', finishDate);
  out.el('CriticalSlackLimit', Math.round((p.criticalSlackLimit ?? 0) / p.minutesPerDay));
  out.el('CalendarUID', p.calendarUid);
  out.el('MinutesPerDay', p.minutesPerDay);
  out.el('MinutesPerWeek', p.minutesPerWeek ?? p.minutesPerDay * 5);
  out.el('DaysPerMonth', p.daysPerMonth ?? 20);
  out.el('DurationFormat', DAYS);
  out.el('HonorConstraints', true);
  out.el('StatusDate', checkedDate(p.statusDate, 'Project', 'statusDate'));
  out.open('Calendars');
  for (const cal of project.calendars) calendar(out, cal);
  out.close('Calendars');
  out.open('Tasks');
  out.open('Task');
  out.el('UID', 0);
  out.el('ID', 0);
  out.el('Name', p.name);
  out.el('Type', 1);
  out.el('IsNull', false);
  out.el('OutlineNumber', '0');
  out.el('OutlineLevel', 0);
  out.el('Start', computedStart);
  out.el('Finish', finishDate);
  out.el('Summary', true);
  out.close('Task');
  let previousLevel = 0;
  for (const [k, t] of project.tasks.entries()) {
    if (!Number.isInteger(t.outlineLevel) || t.outlineLevel < 1 || t.outlineLevel > previousLevel + 1)
      throw new MspdiWriteError(
        `Task UID ${t.uid} (${t.name})`,
        'outlineLevel',
        `${t.outlineLevel} does not follow level ${previousLevel} of the task before it`,
      );
    previousLevel = t.outlineLevel;
    task(out, t, k + 1, uids);
  }
  out.close('Tasks');
  if (project.resources?.length || project.assignments?.length) {
    const resourceUids = writeResources(out, project.resources ?? []);
    writeAssignments(out, project.assignments ?? [], uids, resourceUids);
  }
  out.parts.push('</Project>\n');
  return out.parts.join('');
}
