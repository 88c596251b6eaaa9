import type { LevelingAssignmentRow, LevelingTaskRow } from '../db/repositories/leveling.ts';
import { dayOf, type WorkingCalendar } from '../engine/calendar/index.ts';
import { type LevelingProblem, type LevelResult, LinkType } from '../engine/level/index.ts';
import type { ScheduleInput, ScheduleResult } from '../engine/schedule/index.ts';

/**
 * Turns stored plans into the leveling engine's period-based problem and the engine's starts back
 * into MS Project leveling delays. One period is one working day of the reference calendar
 * (`periodMinutes` long): MS Project levels "day by day" by default, plans are made in days, and
 * a 10,000-task program stays a few tens of thousands of periods (hours would be eight times as
 * many for no better answer at the resolution people plan in).
 *
 * Every task's current start is its release date, so leveling only delays; links between tasks in
 * the problem carry over, and links to anything outside it are already in those release dates,
 * which makes them fixed constraints. Started tasks and priority-1000 tasks never move: they are
 * left out of the activities and their load is taken off the capacity they use. A resource with
 * its own calendar has no capacity on the days that calendar does not work (vacations).
 */

/** Task priority that MS Project never levels. */
export const DO_NOT_LEVEL = 1000;
/** Units are numeric(7,2); the engine wants integers. */
const UNIT_SCALE = 100;

export interface LevelingResource {
  id: string;
  code: string;
  name: string;
  capacity: number;
  calendarId: string | null;
}

export interface BuiltProblem {
  problem: LevelingProblem;
  /** Schedule-input task index of each activity. */
  taskOf: Int32Array;
  /** Activity of each schedule-input task index, -1 when not an activity. */
  activityOf: Int32Array;
  resources: LevelingResource[];
  /** Demands as assigned (not clamped to capacity), per activity × resource. */
  rawDemands: Int32Array;
  /** Pinned tasks' load: [resource, from, to, units] per entry. */
  pinned: { resource: number; from: number; to: number; units: number; task: number }[];
  /** Capacity per period of resources with their own calendar (none on days off); others have theirs throughout. */
  available: Map<number, Int32Array>;
  /** Link arcs between activities: from, to, delta in periods (S_to ≥ S_from + delta). */
  arcs: { from: number; to: number; delta: number }[];
  /** Working position (reference calendar) where period 0 starts. */
  originPosition: number;
  periodMinutes: number;
  calendar: WorkingCalendar;
}

export interface ProblemSources {
  input: ScheduleInput;
  schedule: ScheduleResult;
  scopeProjectIds: ReadonlySet<string>;
  projectPriority: ReadonlyMap<string, number>;
  taskFields: ReadonlyMap<string, LevelingTaskRow>;
  assignments: readonly LevelingAssignmentRow[];
  calendar: WorkingCalendar;
  periodMinutes: number;
  /** Resource calendars by id: a resource has no capacity on the days its calendar does not work. */
  resourceCalendar: (id: string) => WorkingCalendar;
}

function leavesUnder(input: ScheduleInput, summary: Uint8Array) {
  const children = new Map<string, number[]>();
  input.tasks.forEach((task, i) => {
    if (task.parentId === null || task.parentId === undefined) return;
    const key = String(task.parentId);
    const list = children.get(key) ?? [];
    list.push(i);
    children.set(key, list);
  });
  return (i: number): number[] => {
    if (!summary[i]) return [i];
    const out: number[] = [];
    const stack = [i];
    while (stack.length > 0) {
      const at = stack.pop()!;
      for (const c of children.get(String(input.tasks[at].id)) ?? []) {
        if (summary[c]) stack.push(c);
        else out.push(c);
      }
    }
    return out;
  };
}

const linkTypeCode = { FS: LinkType.FS, SS: LinkType.SS, FF: LinkType.FF, SF: LinkType.SF } as const;

function arcDelta(type: number, lag: number, dFrom: number, dTo: number): number {
  if (type === LinkType.FS) return dFrom + lag;
  if (type === LinkType.SS) return lag;
  if (type === LinkType.FF) return dFrom + lag - dTo;
  return lag - dTo;
}

export function buildLevelingProblem(src: ProblemSources): BuiltProblem {
  const { input, schedule, calendar, periodMinutes: M } = src;
  const taskCount = input.tasks.length;
  const position = (t: number) => calendar.workAt(t);
  // Leaves of the scope that have not started: the ones leveling may move; started ones are pinned.
  const movable: number[] = [];
  const pinnedTasks: number[] = [];
  let originPosition = Number.POSITIVE_INFINITY;
  for (let i = 0; i < taskCount; i++) {
    const task = input.tasks[i];
    if (schedule.summary[i] || !src.scopeProjectIds.has(String(task.projectId))) continue;
    if (task.actualFinish !== null && task.actualFinish !== undefined) continue;
    const fields = src.taskFields.get(String(task.id));
    const started = task.actualStart !== null && task.actualStart !== undefined;
    if (started || (fields?.priority ?? 500) >= DO_NOT_LEVEL) pinnedTasks.push(i);
    else movable.push(i);
    originPosition = Math.min(originPosition, Math.floor(position(schedule.start[i]) / M) * M);
  }
  if (!Number.isFinite(originPosition)) originPosition = 0;
  const startPeriod = (i: number) => Math.floor((position(schedule.start[i]) - originPosition) / M);
  const finishPeriod = (i: number) => Math.ceil((position(schedule.finish[i]) - originPosition) / M);
  const periodsOf = (i: number) => Math.max(0, finishPeriod(i) - startPeriod(i));

  const n = movable.length;
  const activityOf = new Int32Array(taskCount).fill(-1);
  movable.forEach((i, a) => {
    activityOf[i] = a;
  });
  const resourceIndex = new Map<string, number>();
  const resources: LevelingResource[] = [];
  for (const row of src.assignments) {
    if (resourceIndex.has(row.resourceId)) continue;
    resourceIndex.set(row.resourceId, resources.length);
    resources.push({
      id: row.resourceId,
      code: row.code,
      name: row.name,
      capacity: Math.round(row.maxUnits * UNIT_SCALE),
      calendarId: row.calendarId,
    });
  }
  const R = resources.length;
  const taskIndex = new Map(input.tasks.map((task, i) => [String(task.id), i]));
  const rawDemands = new Int32Array(n * R);
  const pinnedSet = new Set(pinnedTasks);
  const pinned: BuiltProblem['pinned'] = [];
  for (const row of src.assignments) {
    const i = taskIndex.get(row.taskId);
    if (i === undefined) continue;
    const r = resourceIndex.get(row.resourceId)!;
    const units = Math.round(row.units * UNIT_SCALE);
    if (activityOf[i] >= 0) rawDemands[activityOf[i] * R + r] += units;
    else if (pinnedSet.has(i) && periodsOf(i) > 0)
      pinned.push({ resource: r, from: startPeriod(i), to: finishPeriod(i), units, task: i });
  }
  const demands = new Int32Array(n * R);
  for (let a = 0; a < n; a++)
    for (let r = 0; r < R; r++) demands[a * R + r] = Math.min(rawDemands[a * R + r], resources[r].capacity);

  const durations = new Int32Array(n);
  const releaseDates = new Int32Array(n);
  const projects = new Int32Array(n);
  const projectIndex = new Map<string, number>();
  const projectPriorities: number[] = [];
  const taskPriorities = new Float64Array(n);
  movable.forEach((i, a) => {
    durations[a] = periodsOf(i);
    releaseDates[a] = Math.max(0, startPeriod(i));
    const projectId = String(input.tasks[i].projectId);
    let p = projectIndex.get(projectId);
    if (p === undefined) {
      p = projectPriorities.length;
      projectIndex.set(projectId, p);
      projectPriorities.push(src.projectPriority.get(projectId) ?? 50);
    }
    projects[a] = p;
    taskPriorities[a] = src.taskFields.get(String(input.tasks[i].id))?.priority ?? 500;
  });

  const leaves = leavesUnder(input, schedule.summary);
  const from: number[] = [];
  const to: number[] = [];
  const type: number[] = [];
  const lag: number[] = [];
  const arcs: BuiltProblem['arcs'] = [];
  const seen = new Set<string>();
  for (const link of input.links) {
    const p = taskIndex.get(String(link.predecessorId));
    const s = taskIndex.get(String(link.successorId));
    if (p === undefined || s === undefined) continue;
    const t = linkTypeCode[link.type ?? 'FS'];
    for (const pl of leaves(p)) {
      const fa = activityOf[pl];
      if (fa < 0) continue;
      for (const sl of leaves(s)) {
        const ta = activityOf[sl];
        if (ta < 0 || ta === fa || seen.has(`${fa}:${ta}:${t}`)) continue;
        seen.add(`${fa}:${ta}:${t}`);
        const lagPeriods =
          link.lagPercent !== null && link.lagPercent !== undefined
            ? Math.round((link.lagPercent / 100) * durations[fa])
            : Math.round((link.lag ?? 0) / (link.lagElapsed ? 1440 : M));
        from.push(fa);
        to.push(ta);
        type.push(t);
        lag.push(lagPeriods);
        arcs.push({ from: fa, to: ta, delta: arcDelta(t, lagPeriods, durations[fa], durations[ta]) });
      }
    }
  }

  let horizon = 1;
  for (let a = 0; a < n; a++) horizon += durations[a];
  for (let a = 0; a < n; a++) horizon = Math.max(horizon, releaseDates[a] + durations[a] + 1);
  const nonWorking = (r: number) => {
    const id = resources[r].calendarId;
    if (id === null) return null;
    const own = src.resourceCalendar(id);
    return (p: number) =>
      own.workingIntervalsOfDay(dayOf(calendar.startAt(originPosition + p * M))).length === 0;
  };
  const available = calendarCapacity(resources, horizon, nonWorking);
  const capacityChanges = capacityRuns(withoutPinnedLoad(available, pinned, resources, horizon), resources);
  return {
    problem: {
      durations,
      capacities: resources.map((r) => r.capacity),
      demands,
      links: { from, to, type, lag },
      releaseDates,
      projects,
      projectPriorities,
      taskPriorities,
      names: movable.map((i) => input.tasks[i].name ?? String(input.tasks[i].id)),
      capacityChanges,
    },
    taskOf: Int32Array.from(movable),
    activityOf,
    resources,
    rawDemands,
    pinned,
    available,
    arcs,
    originPosition,
    periodMinutes: M,
    calendar,
  };
}

/** Capacity per period of resources with their own calendar: none on the days it does not work. */
function calendarCapacity(
  resources: LevelingResource[],
  horizon: number,
  nonWorking: (r: number) => ((period: number) => boolean) | null,
): Map<number, Int32Array> {
  const out = new Map<number, Int32Array>();
  for (let r = 0; r < resources.length; r++) {
    const off = nonWorking(r);
    if (!off) continue;
    const cap = new Int32Array(horizon).fill(resources[r].capacity);
    for (let t = 0; t < horizon; t++) if (off(t)) cap[t] = 0;
    out.set(r, cap);
  }
  return out;
}

/** What leveling may still use: the available capacity less the load of tasks that never move. */
function withoutPinnedLoad(
  available: Map<number, Int32Array>,
  pinned: BuiltProblem['pinned'],
  resources: LevelingResource[],
  horizon: number,
): Map<number, Int32Array> {
  const out = new Map([...available].map(([r, cap]) => [r, cap.slice()]));
  for (const p of pinned) {
    let cap = out.get(p.resource);
    if (!cap) {
      cap = new Int32Array(horizon).fill(resources[p.resource].capacity);
      out.set(p.resource, cap);
    }
    for (let t = Math.max(0, p.from); t < Math.min(p.to, horizon); t++)
      cap[t] = Math.max(0, cap[t] - p.units);
  }
  return out;
}

/** Varying capacities as the engine's runs of constant capacity. */
function capacityRuns(varying: ReadonlyMap<number, Int32Array>, resources: LevelingResource[]) {
  const resource: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const capacity: number[] = [];
  for (const [r, cap] of varying) {
    let runStart = 0;
    for (let k = 1; k <= cap.length; k++) {
      if (k < cap.length && cap[k] === cap[runStart]) continue;
      if (cap[runStart] !== resources[r].capacity) {
        resource.push(r);
        from.push(runStart);
        to.push(k);
        capacity.push(cap[runStart]);
      }
      runStart = k;
    }
  }
  return { resource, from, to, capacity };
}

/** Resource-days over capacity when the activities start at `starts` (pinned tasks where they are). */
export function countOverallocations(built: BuiltProblem, starts: ArrayLike<number>): number {
  const R = built.resources.length;
  const n = built.taskOf.length;
  let horizon = 0;
  for (let a = 0; a < n; a++) horizon = Math.max(horizon, starts[a] + built.problem.durations[a]);
  for (const p of built.pinned) horizon = Math.max(horizon, p.to);
  const used = new Int32Array(horizon * R);
  for (let a = 0; a < n; a++)
    for (let r = 0; r < R; r++) {
      const q = built.rawDemands[a * R + r];
      if (q === 0) continue;
      for (let t = starts[a]; t < starts[a] + built.problem.durations[a]; t++) used[t * R + r] += q;
    }
  for (const p of built.pinned)
    for (let t = Math.max(0, p.from); t < p.to; t++) used[t * R + p.resource] += p.units;
  let over = 0;
  for (let t = 0; t < horizon; t++)
    for (let r = 0; r < R; r++) {
      const own = built.available.get(r);
      if (used[t * R + r] > (own && t < own.length ? own[t] : built.resources[r].capacity)) over++;
    }
  return over;
}

/**
 * Per activity, the delay leveling itself added: its start less what its release date and its
 * (leveled) predecessors allow. A task pushed only by a delayed predecessor gets none, as in MS
 * Project, where the predecessor's leveling delay moves it through the link.
 */
export function ownDelays(
  built: BuiltProblem,
  result: LevelResult,
): { own: Int32Array; allowed: Int32Array } {
  const n = built.taskOf.length;
  const allowed = Int32Array.from(built.problem.releaseDates ?? new Int32Array(n));
  for (const arc of built.arcs) {
    const t = result.starts[arc.from] + arc.delta;
    if (t > allowed[arc.to]) allowed[arc.to] = t;
  }
  const own = new Int32Array(n);
  for (let a = 0; a < n; a++) own[a] = Math.max(0, result.starts[a] - allowed[a]);
  return { own, allowed };
}

/** Elapsed minutes between the starts of two periods: the leveling delay that moves a task across them. */
export function elapsedBetweenPeriods(built: BuiltProblem, fromPeriod: number, toPeriod: number): number {
  const at = (p: number) => built.calendar.startAt(built.originPosition + p * built.periodMinutes);
  return at(toPeriod) - at(fromPeriod);
}

/**
 * Why an activity was delayed: the resources that were over capacity where it wanted to start,
 * and the activities (or pinned tasks) that held them then; as schedule-input task indexes.
 */
export function delayReasons(
  built: BuiltProblem,
  starts: ArrayLike<number>,
  activity: number,
  wantedStart: number,
  byResource: ReadonlyArray<readonly number[]>,
  limit = 8,
): { resources: number[]; competitors: number[] } {
  const R = built.resources.length;
  const d = built.problem.durations;
  const from = wantedStart;
  const to = wantedStart + Math.max(1, d[activity]);
  const resources: number[] = [];
  const competitors = new Set<number>();
  for (let r = 0; r < R; r++) {
    const mine = built.rawDemands[activity * R + r];
    if (mine === 0) continue;
    // On leave (its own calendar) counts as held too, though by no other task.
    const own = built.available.get(r);
    let held = false;
    for (let t = from; own && t < Math.min(to, own.length); t++) if (own[t] < mine) held = true;
    for (const other of byResource[r]) {
      if (other === activity) continue;
      if (starts[other] < to && starts[other] + d[other] > from) {
        held = true;
        if (competitors.size < limit) competitors.add(built.taskOf[other]);
      }
    }
    for (const p of built.pinned) {
      if (p.resource === r && p.from < to && p.to > from) {
        held = true;
        if (competitors.size < limit) competitors.add(p.task);
      }
    }
    if (held) resources.push(r);
  }
  return { resources, competitors: [...competitors] };
}
