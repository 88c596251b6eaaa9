/**
 * Adapter from an INSISOC MPSPLIB plan, as read by `src/interop/msproject-json.ts`, to a
 * leveling problem.
 *
 * Modelling choice: one period is one working day. Every task, resource and the project use
 * the same split-shift calendar (09-13 and 15-19, Monday to Friday, 480 working minutes a day)
 * and every duration is a whole number of such days, so working-day periods lose nothing and
 * keep the capacity uniform. Release dates (Start-No-Earlier-Than constraints) become the
 * number of working days between the plan start and the constraint date, rounded up when the
 * date falls inside a working day (a task never starts before its constraint). Lags are
 * converted the same way (elapsed lags: one working day per calendar day, which can only
 * over-constrain). Units are percentages: 100% = one unit of capacity or demand. Projects are
 * told apart by the task name prefix before the first "-" ("P3-Task 12", "j9037_8_1-Task 5").
 */
import type { LevelingProblem } from '../../src/engine/level/problem.ts';
import type { MsProjectPlan } from '../../src/interop/msproject-json.ts';

export interface InsisocProblem {
  readonly problem: LevelingProblem;
  readonly uids: number[];
  readonly projectNames: string[];
  readonly warnings: string[];
  /** Epoch minute of the plan start, and minutes per working day. */
  readonly start: number;
  readonly minutesPerDay: number;
}

const DAY = 1440;

/** Working days (Mon-Fri) from the day of `from` to instant `to`, rounded up inside a day. */
function workingDaysUntil(from: number, to: number, dayStart: number, dayEnd: number): number {
  if (to <= from) return 0; // a constraint before the plan start does not bind
  const firstDay = Math.floor(from / DAY);
  const lastDay = Math.floor(to / DAY);
  let days = 0;
  for (let d = firstDay; d < lastDay; d++) {
    const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday !== 0 && weekday !== 6) days++;
  }
  const minute = to - lastDay * DAY;
  const weekday = (lastDay + 4) % 7;
  if (weekday !== 0 && weekday !== 6 && minute > dayStart) {
    days++; // the constraint falls inside (or after) that working day: start the next one
    if (minute >= dayEnd) return days;
  }
  return days;
}

export function insisocToProblem(plan: MsProjectPlan): InsisocProblem {
  const warnings: string[] = [];
  const perDay = plan.properties.minutesPerDay || 480;
  const calendar = plan.calendars.find((c) => c.id === plan.properties.calendarUid) ?? plan.calendars[0];
  const monday = calendar?.week?.[1] ?? [];
  const dayStart = monday.length ? monday[0].from : 480;
  const dayEnd = monday.length ? monday[monday.length - 1].to : 1020;
  const start = plan.properties.startDate ?? 0;
  const tasks = plan.tasks.filter((t) => !t.summary);
  if (tasks.length < plan.tasks.length)
    warnings.push(`${plan.tasks.length - tasks.length} summary tasks left out`);
  const index = new Map(tasks.map((t, i) => [t.uid, i]));
  const projectNames: string[] = [];
  const projectOf = new Map<string, number>();
  const projects = tasks.map((t) => {
    const name = /^([^-]+)-/.exec(t.name)?.[1] ?? 'P';
    if (!projectOf.has(name)) {
      projectOf.set(name, projectNames.length);
      projectNames.push(name);
    }
    return projectOf.get(name) as number;
  });
  const resources = plan.resources.filter((r) => plan.assignments.some((a) => a.resourceUid === r.uid));
  const resIndex = new Map(resources.map((r, k) => [r.uid, k]));
  const R = resources.length;
  const capacities = resources.map((r) => Math.floor(r.maxUnits / 100));
  const demands = new Int32Array(tasks.length * R);
  for (const a of plan.assignments) {
    if (a.resourceUid === null) continue;
    const i = index.get(a.taskUid);
    const r = resIndex.get(a.resourceUid);
    if (i === undefined || r === undefined) continue;
    demands[i * R + r] += Math.ceil(a.units / 100);
  }
  const durations = tasks.map((t) => {
    const days = Math.ceil(t.duration / perDay);
    if (days * perDay !== t.duration) warnings.push(`task ${t.uid}: duration ${t.duration} min rounded up`);
    return days;
  });
  const from: number[] = [];
  const to: number[] = [];
  const type: number[] = [];
  const lag: number[] = [];
  const code = { FS: 0, SS: 1, FF: 2, SF: 3 } as const;
  tasks.forEach((t, j) => {
    for (const l of t.predecessors) {
      const i = index.get(l.predecessorUid);
      if (i === undefined) {
        warnings.push(`task ${t.uid}: link from ${l.predecessorUid} (not a leaf task) left out`);
        continue;
      }
      from.push(i);
      to.push(j);
      type.push(code[l.type as keyof typeof code] ?? 0);
      lag.push(l.lagElapsed ? Math.ceil(l.lag / DAY) : Math.ceil(l.lag / perDay));
    }
  });
  const releaseDates = tasks.map((t) =>
    t.constraintType === 'SNET' && t.constraintDate !== null
      ? workingDaysUntil(start, t.constraintDate, dayStart, dayEnd)
      : 0,
  );
  for (const t of tasks) {
    if (t.constraintType !== 'ASAP' && t.constraintType !== 'SNET') {
      warnings.push(`task ${t.uid}: constraint ${t.constraintType} ignored`);
    }
  }
  return {
    problem: {
      durations,
      capacities,
      demands,
      links: { from, to, type, lag },
      releaseDates,
      projects,
      names: tasks.map((t) => t.name),
    },
    uids: tasks.map((t) => t.uid),
    projectNames,
    warnings,
    start,
    minutesPerDay: perDay,
  };
}
