/**
 * Reader for the gzipped JSON dumps of `.mpp` files under `data/msproject/**` (see that
 * folder's README): calendars, tasks, links, constraints, resources and assignments, and the
 * dates MS Project stored. Returns the same plan shape as the MSPDI reader so both feed the
 * scheduler and the conformance comparison, plus typed resources and assignments for leveling.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseLocalDateTime } from '../engine/calendar/epoch.ts';
import type {
  CalendarDefinition,
  CalendarException,
  DayPattern,
  WorkingInterval,
} from '../engine/calendar/types.ts';
import type { ConstraintType, LinkType } from '../engine/schedule/types.ts';
import type { MspdiLink, MspdiProject, MspdiTask } from './mspdi/types.ts';

/** A malformed dump: names the file, the JSON path and what is wrong. */
export class MsProjectJsonError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${file}: ${path} ${detail}`);
    this.name = 'MsProjectJsonError';
  }
}

export interface MsProjectResource {
  readonly uid: number;
  readonly name: string | null;
  readonly type: string | null;
  /** Capacity in percent (100 = one full-time unit). */
  readonly maxUnits: number;
  readonly calendarUid: number | null;
}

export interface MsProjectAssignment {
  readonly taskUid: number;
  /** Null for MS Project's placeholder assignment of an unassigned task. */
  readonly resourceUid: number | null;
  /** Percent of the resource (100 = one full unit). */
  readonly units: number;
  /** Minutes of work. */
  readonly work: number;
  readonly start: number | null;
  readonly finish: number | null;
}

export interface MsProjectPlan extends MspdiProject {
  readonly source: string | null;
  readonly resources: MsProjectResource[];
  readonly assignments: MsProjectAssignment[];
  /**
   * For multi-project instances (INSISOC MPSPLIB: tasks named `P3-Task 7`), the project number
   * of each task UID; null when the task names do not follow that pattern. A project's release
   * date is its tasks' start-no-earlier-than constraint.
   */
  readonly projectOfTask: ReadonlyMap<number, number> | null;
}

interface Quantity {
  value: number;
  units: string;
}
type Json = Record<string, unknown>;

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const CONSTRAINTS: Record<string, ConstraintType> = {
  AS_SOON_AS_POSSIBLE: 'ASAP',
  AS_LATE_AS_POSSIBLE: 'ALAP',
  MUST_START_ON: 'MSO',
  MUST_FINISH_ON: 'MFO',
  START_NO_EARLIER_THAN: 'SNET',
  START_NO_LATER_THAN: 'SNLT',
  FINISH_NO_EARLIER_THAN: 'FNET',
  FINISH_NO_LATER_THAN: 'FNLT',
};
const LINK_TYPES = new Set(['FS', 'SS', 'FF', 'SF']);

/** Reads one `.json.gz` file from disk. */
export function readMsProjectJsonFile(path: string): MsProjectPlan {
  let text: string;
  try {
    text = gunzipSync(readFileSync(path)).toString('utf8');
  } catch (error) {
    throw new MsProjectJsonError(path, '(file)', `cannot be read as gzip: ${(error as Error).message}`);
  }
  return readMsProjectJson(text, path);
}

/**
 * Reads the JSON text of one dump.
 *
 * @example readMsProjectJson(text, 'x.json').tasks.length
 */
export function readMsProjectJson(text: string, file = 'msproject JSON'): MsProjectPlan {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (error) {
    throw new MsProjectJsonError(file, '(file)', `is not JSON: ${(error as Error).message}`);
  }
  const proj = doc.project as Json | undefined;
  if (!proj || typeof proj !== 'object') throw new MsProjectJsonError(file, 'project', 'is missing');
  const date = (v: unknown, path: string): number | null => {
    if (v === null || v === undefined) return null;
    try {
      return parseLocalDateTime(String(v).slice(0, 16));
    } catch {
      throw new MsProjectJsonError(file, path, `is not a date: ${JSON.stringify(v)}`);
    }
  };
  const minutesPerDay = Number(proj.minutesPerDay ?? 480);
  const minutesPerWeek = Number(proj.minutesPerWeek ?? 2400);
  const daysPerMonth = Number(proj.daysPerMonth ?? 20);
  const minutes = (
    q: unknown,
    path: string,
  ): { minutes: number; elapsed: boolean; percent: boolean } | null => {
    if (q === null || q === undefined) return null;
    const { value, units } = q as Quantity;
    if (typeof value !== 'number') throw new MsProjectJsonError(file, path, 'has no numeric value');
    const scale: Record<string, [number, boolean]> = {
      m: [1, false],
      h: [60, false],
      d: [minutesPerDay, false],
      w: [minutesPerWeek, false],
      mo: [daysPerMonth * minutesPerDay, false],
      y: [daysPerMonth * 12 * minutesPerDay, false],
      em: [1, true],
      eh: [60, true],
      ed: [1440, true],
      ew: [10080, true],
      emo: [43200, true],
      ey: [525600, true],
    };
    if (units === '%' || units === 'e%') return { minutes: value, elapsed: units === 'e%', percent: true };
    const s = scale[units];
    if (!s) throw new MsProjectJsonError(file, path, `has unknown units ${JSON.stringify(units)}`);
    return { minutes: Math.round(value * s[0] * 1000) / 1000, elapsed: s[1], percent: false };
  };

  const calendars: CalendarDefinition[] = ((doc.calendars as Json[] | undefined) ?? []).map((c, k) => {
    const path = `calendars[${k}]`;
    const hours = (h: unknown, p: string): WorkingInterval[] =>
      ((h as string[][] | undefined) ?? []).map(([from, to], j) => {
        const f = hm(from, `${p}[${j}]`);
        const t = hm(to, `${p}[${j}]`) || 1440;
        return { from: f, to: t > f ? t : 1440 };
      });
    const hm = (s: string, p: string) => {
      const m = /^(\d{1,2}):(\d{2})/.exec(s ?? '');
      if (!m) throw new MsProjectJsonError(file, p, `is not a time: ${JSON.stringify(s)}`);
      return +m[1] * 60 + +m[2];
    };
    const days = (c.days ?? {}) as Record<string, { type: string; hours: unknown }>;
    const hasParent = c.parent !== null && c.parent !== undefined;
    const week: DayPattern[] = DAYS.map((d) => {
      const day = days[d];
      if (!day || day.type === 'DEFAULT') return hasParent ? null : [];
      return day.type === 'WORKING' ? hours(day.hours, `${path}.days.${d}.hours`) : [];
    });
    const exceptions: CalendarException[] = ((c.exceptions as Json[] | undefined) ?? []).map((e, j) => ({
      from: String(e.from),
      to: String(e.to ?? e.from),
      intervals: e.working ? hours(e.hours, `${path}.exceptions[${j}].hours`) : [],
      name: (e.name as string | null) ?? undefined,
    }));
    return {
      id: Number(c.uid),
      name: String(c.name ?? ''),
      baseId: hasParent ? Number(c.parent) : null,
      week,
      exceptions,
    };
  });

  const tasks: MspdiTask[] = [];
  const assignments: MsProjectAssignment[] = [];
  const stack: { level: number; uid: number }[] = [];
  let summaryStart: number | null = null;
  for (const [k, t] of ((doc.tasks as Json[] | undefined) ?? []).entries()) {
    const path = `tasks[${k}]`;
    const uid = Number(t.uid);
    if (!Number.isInteger(uid)) throw new MsProjectJsonError(file, `${path}.uid`, 'is not an integer');
    if (uid === 0) summaryStart = date(t.start, `${path}.start`);
    if (t.null || uid === 0) continue;
    const level = Number(t.outlineLevel ?? 1);
    if (level === 0) continue;
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    const parentUid = stack.length ? stack[stack.length - 1].uid : null;
    stack.push({ level, uid });
    const dur = minutes(t.duration, `${path}.duration`);
    const ctype = CONSTRAINTS[String(t.constraintType ?? 'AS_SOON_AS_POSSIBLE')];
    if (!ctype)
      throw new MsProjectJsonError(file, `${path}.constraintType`, `is unknown: ${String(t.constraintType)}`);
    const predecessors: MspdiLink[] = ((t.predecessors as Json[] | undefined) ?? []).map((l, j) => {
      const lp = `${path}.predecessors[${j}]`;
      const type = String(l.type ?? 'FS');
      if (!LINK_TYPES.has(type)) throw new MsProjectJsonError(file, `${lp}.type`, `is unknown: ${type}`);
      const lag = minutes(l.lag, `${lp}.lag`);
      return {
        predecessorUid: Number(l.predUid),
        type: type as LinkType,
        lag: lag && !lag.percent ? lag.minutes : 0,
        lagPercent: lag?.percent ? lag.minutes : null,
        lagElapsed: lag?.elapsed ?? false,
        lagFormat: 0,
        crossProject: false,
      };
    });
    for (const [j, a] of ((t.resources as Json[] | undefined) ?? []).entries()) {
      assignments.push({
        taskUid: uid,
        resourceUid: a.resUid === null || a.resUid === undefined ? null : Number(a.resUid),
        units: Number(a.units ?? 100),
        work: minutes(a.work, `${path}.resources[${j}].work`)?.minutes ?? 0,
        start: date(a.start, `${path}.resources[${j}].start`),
        finish: date(a.finish, `${path}.resources[${j}].finish`),
      });
    }
    const fs = minutes(t.freeSlack, `${path}.freeSlack`);
    const ts = minutes(t.totalSlack, `${path}.totalSlack`);
    tasks.push({
      uid,
      id: t.id === null || t.id === undefined ? null : Number(t.id),
      name: String(t.name ?? ''),
      outlineLevel: level,
      outlineNumber: (t.outlineNumber as string | null) ?? null,
      parentUid,
      summary: Boolean(t.summary),
      milestone: Boolean(t.milestone),
      manual: t.manual === 'MANUALLY_SCHEDULED',
      // .mpp dumps carry no Estimated flag; a manual task without work is how MS Project leaves one
      estimated: t.manual === 'MANUALLY_SCHEDULED' && (minutes(t.work, `${path}.work`)?.minutes ?? 0) === 0,
      active: t.active !== false,
      duration: dur?.minutes ?? 0,
      durationElapsed: dur?.elapsed ?? false,
      remainingDuration: minutes(t.remainingDuration, `${path}.remainingDuration`)?.minutes ?? null,
      constraintType: ctype,
      constraintDate: date(t.constraintDate, `${path}.constraintDate`),
      deadline: date(t.deadline, `${path}.deadline`),
      actualStart: date(t.actualStart, `${path}.actualStart`),
      actualFinish: date(t.actualFinish, `${path}.actualFinish`),
      percentComplete: Number(t.percentComplete ?? 0),
      calendarUid: t.calendar === null || t.calendar === undefined ? null : Number(t.calendar),
      levelingDelay: minutes(t.levelingDelay, `${path}.levelingDelay`)?.minutes ?? 0,
      predecessors,
      stored: {
        start: date(t.start, `${path}.start`),
        finish: date(t.finish, `${path}.finish`),
        earlyStart: date(t.earlyStart, `${path}.earlyStart`),
        earlyFinish: date(t.earlyFinish, `${path}.earlyFinish`),
        lateStart: date(t.lateStart, `${path}.lateStart`),
        lateFinish: date(t.lateFinish, `${path}.lateFinish`),
        totalSlack: ts?.minutes ?? null,
        freeSlack: fs?.minutes ?? null,
        critical: typeof t.critical === 'boolean' ? t.critical : null,
      },
    });
  }
  const resources: MsProjectResource[] = ((doc.resources as Json[] | undefined) ?? []).map((r) => ({
    uid: Number(r.uid),
    name: (r.name as string | null) ?? null,
    type: (r.type as string | null) ?? null,
    maxUnits: Number(r.maxUnits ?? 100),
    calendarUid: r.calendar === null || r.calendar === undefined ? null : Number(r.calendar),
  }));
  const csl = minutes(proj.criticalSlackLimit, 'project.criticalSlackLimit');
  const projectOfTask = new Map<number, number>();
  for (const t of tasks) {
    const m = /^P(\d+)-/.exec(t.name);
    if (m) projectOfTask.set(t.uid, Number(m[1]));
  }
  return {
    source: (doc.source as string | null) ?? null,
    properties: {
      name: null,
      scheduleFromStart: String(proj.scheduleFrom ?? '0') !== '1',
      startDate: date(proj.startDate, 'project.startDate'),
      summaryStart,
      finishDate: date(proj.finishDate, 'project.finishDate'),
      statusDate: date(proj.statusDate, 'project.statusDate'),
      currentDate: date(proj.currentDate, 'project.currentDate'),
      calendarUid:
        proj.defaultCalendar === null || proj.defaultCalendar === undefined
          ? null
          : Number(proj.defaultCalendar),
      minutesPerDay,
      minutesPerWeek,
      daysPerMonth,
      honorConstraints: proj.honorConstraints !== false,
      criticalSlackLimit: csl?.minutes ?? 0,
    },
    calendars,
    tasks,
    resources,
    assignments,
    projectOfTask: tasks.length > 0 && projectOfTask.size === tasks.length ? projectOfTask : null,
  };
}
