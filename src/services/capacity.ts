import type { Database, Queryable } from '../db/connection.ts';
import { findTaskNames, findVisibleProjects } from '../db/repositories/capacity.ts';
import { MINUTES_PER_DAY, parseLocalDateTime } from '../engine/calendar/index.ts';
import { countPeriods, type Granularity, periodsBetween, spreadFlat } from '../engine/capacity/index.ts';
import {
  type CapacityCell,
  type CapacityReport,
  type CapacityRow,
  capacityCellQuery,
  capacityQuery,
  type DemandSource,
  OTHER_PROJECTS,
  type OverAllocation,
  overAllocationQuery,
} from '../model/capacity.ts';
import {
  type CapacityData,
  isOverAllocated,
  loadCapacityData,
  type ResourceLoad,
  resourceLoad,
} from './capacity-load.ts';
import { ValidationError } from './errors.ts';
import { type Actor, visibility } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Capacity against demand over the shared pool. Every member of the organization may read it: demand is
 * counted from every project, because a person's load does not stop at what the reader may see, but the
 * projects and tasks are named only where the reader may read them; the rest is "other projects".
 */

const MAX_PERIODS: Record<Granularity, number> = { day: 370, week: 160, month: 60 };
const hours = (minutes: number) => Math.round(minutes / 0.6) / 100;

function checkRange(from: string, to: string, period: Granularity): void {
  if (countPeriods(from, to, period) > MAX_PERIODS[period])
    throw new ValidationError([
      {
        field: 'to',
        message: `the range spans more than ${MAX_PERIODS[period]} ${period}s; ask for a coarser period`,
      },
    ]);
}

interface Group {
  key: string;
  label: string;
  members: number[];
}

/** The rows of a grouping: a resource may sit in several skill rows; a missing role or unit is its own row. */
function groupResources(data: CapacityData, groupBy: CapacityReport['groupBy']): Group[] {
  const groups = new Map<string, Group>();
  const add = (key: string, label: string, index: number) => {
    const group = groups.get(key) ?? { key, label, members: [] };
    group.members.push(index);
    groups.set(key, group);
  };
  data.resources.forEach((resource, index) => {
    if (groupBy === 'resource') add(resource.id, `${resource.name} (${resource.code})`, index);
    else if (groupBy === 'role') add(resource.roleId ?? 'none', resource.roleName ?? '(no role)', index);
    else if (groupBy === 'business_unit')
      add(resource.businessUnitId ?? 'none', resource.businessUnitName ?? '(no business unit)', index);
    else if (resource.skills.length === 0) add('none', '(no skill)', index);
    else for (const skill of resource.skills) add(skill.id, skill.name, index);
  });
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
}

function sumRow(group: Group, loads: ResourceLoad[], periods: number): CapacityRow {
  const capacity = new Float64Array(periods);
  const demand = new Float64Array(periods);
  const soft = new Float64Array(periods);
  const over = new Array<boolean>(periods).fill(false);
  for (const index of group.members) {
    const load = loads[index];
    for (let p = 0; p < periods; p++) {
      capacity[p] += load.capacity[p];
      demand[p] += load.demand[p];
      soft[p] += load.soft[p];
      if (isOverAllocated(load, p)) over[p] = true;
    }
  }
  return {
    key: group.key,
    label: group.label,
    resourceCount: group.members.length,
    capacityHours: Array.from(capacity, hours),
    demandHours: Array.from(demand, hours),
    softHours: Array.from(soft, hours),
    overAllocated: over,
  };
}

/** The heatmap: rows of resources, skills, roles or business units; one column per period. */
export async function capacityReport(db: Database, actor: Actor, input: unknown): Promise<CapacityReport> {
  const query = parseInput(capacityQuery, input);
  checkRange(query.from, query.to, query.period);
  const periods = periodsBetween(query.from, query.to, query.period);
  const last = periods.starts.length;
  const data = await loadCapacityData(db, actor.orgId, query, periods.starts[0], lastDay(periods.bounds));
  const groups = groupResources(data, query.groupBy);
  const shown = groups.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const needed = new Set(shown.flatMap((group) => group.members));
  const cache = new Map<string, Float64Array>();
  const loads: ResourceLoad[] = [];
  for (const index of needed) loads[index] = resourceLoad(data, index, periods.bounds, cache);
  return {
    groupBy: query.groupBy,
    period: query.period,
    periods: [...periods.starts],
    rows: shown.map((group) => sumRow(group, loads, last)),
    total: groups.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const lastDay = (bounds: Float64Array) =>
  new Date((bounds[bounds.length - 1] - MINUTES_PER_DAY) * 60_000).toISOString().slice(0, 10);

/** Where one resource's demand in [bounds[0], bounds[1]) comes from, projects the reader may not see merged. */
async function demandSources(
  q: Queryable,
  actor: Actor,
  data: CapacityData,
  members: readonly number[],
  bounds: Float64Array,
): Promise<DemandSource[]> {
  const raw: {
    resource: number;
    source: DemandSource['source'];
    projectId: string;
    taskId: string | null;
    minutes: number;
  }[] = [];
  const cell = new Float64Array(1);
  for (const index of members) {
    for (const row of data.assignments[index]) {
      cell[0] = 0;
      spreadFlat(data.calendarOf(row.calendarId), row.start, row.finish, row.workMinutes, bounds, cell);
      if (cell[0] > 0)
        raw.push({
          resource: index,
          source: 'assignment',
          projectId: row.projectId,
          taskId: row.taskId,
          minutes: cell[0],
        });
    }
    const own = data.calendarOf(data.resources[index].calendarId);
    for (const row of data.bookings[index]) {
      cell[0] = 0;
      const amount = row.units * (own.workAt(row.finish) - own.workAt(row.start));
      spreadFlat(own, row.start, row.finish, amount, bounds, cell);
      const source = row.kind === 'hard' ? 'hard_booking' : 'soft_booking';
      if (cell[0] > 0)
        raw.push({ resource: index, source, projectId: row.projectId, taskId: null, minutes: cell[0] });
    }
  }
  const seen = visibility(actor);
  const projectIds = [...new Set(raw.map((r) => r.projectId))];
  const visible = new Map(
    (await findVisibleProjects(q, actor.orgId, projectIds, seen.all ? null : seen)).map((p) => [p.id, p]),
  );
  const taskIds = [
    ...new Set(raw.filter((r) => visible.has(r.projectId) && r.taskId).map((r) => r.taskId as string)),
  ];
  const taskNames = new Map((await findTaskNames(q, actor.orgId, taskIds)).map((t) => [t.id, t.name]));
  const merged = new Map<string, DemandSource & { minutes: number }>();
  for (const r of raw) {
    const project = visible.get(r.projectId);
    const taskId = project ? r.taskId : null;
    const key = `${r.resource}|${r.source}|${project ? r.projectId : ''}|${taskId ?? ''}`;
    const resource = data.resources[r.resource];
    const entry = merged.get(key) ?? {
      resourceId: resource.id,
      resourceName: resource.name,
      source: r.source,
      projectId: project?.id ?? null,
      projectCode: project?.code ?? null,
      projectName: project?.name ?? OTHER_PROJECTS,
      taskId,
      taskName: taskId ? (taskNames.get(taskId) ?? null) : null,
      hours: 0,
      minutes: 0,
    };
    entry.minutes += r.minutes;
    merged.set(key, entry);
  }
  return [...merged.values()]
    .sort((a, b) => b.minutes - a.minutes)
    .map(({ minutes, ...source }) => ({ ...source, hours: hours(minutes) }));
}

/** One heatmap cell opened: the capacity and every source of demand of a row over one period. */
export async function capacityCell(db: Database, actor: Actor, input: unknown): Promise<CapacityCell> {
  const query = parseInput(capacityCellQuery, input);
  checkRange(query.from, query.to, 'day');
  const data = await loadCapacityData(db, actor.orgId, query, query.from, query.to, true);
  const group = groupResources(data, query.groupBy).find((g) => g.key === query.key);
  const members = group?.members ?? [];
  const bounds = Float64Array.of(
    parseLocalDateTime(query.from),
    parseLocalDateTime(query.to) + MINUTES_PER_DAY,
  );
  const cache = new Map<string, Float64Array>();
  let capacity = 0;
  let demand = 0;
  let soft = 0;
  for (const index of members) {
    const load = resourceLoad(data, index, bounds, cache);
    capacity += load.capacity[0];
    demand += load.demand[0];
    soft += load.soft[0];
  }
  return {
    from: query.from,
    to: query.to,
    capacityHours: hours(capacity),
    demandHours: hours(demand),
    softHours: hours(soft),
    sources: await demandSources(db, actor, data, members, bounds),
  };
}

/** Every resource and period where demand exceeds capacity, with what causes it. */
export async function listOverAllocations(db: Database, actor: Actor, input: unknown) {
  const query = parseInput(overAllocationQuery, input);
  checkRange(query.from, query.to, query.period);
  const periods = periodsBetween(query.from, query.to, query.period);
  const data = await loadCapacityData(
    db,
    actor.orgId,
    query,
    periods.starts[0],
    lastDay(periods.bounds),
    true,
  );
  const cache = new Map<string, Float64Array>();
  const found: { index: number; period: number; load: ResourceLoad }[] = [];
  data.resources.forEach((_, index) => {
    const load = resourceLoad(data, index, periods.bounds, cache);
    for (let p = 0; p < periods.starts.length; p++)
      if (isOverAllocated(load, p)) found.push({ index, period: p, load });
  });
  const shown = found.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const items: OverAllocation[] = [];
  for (const { index, period, load } of shown) {
    const bounds = periods.bounds.slice(period, period + 2);
    items.push({
      resourceId: data.resources[index].id,
      resourceName: data.resources[index].name,
      periodStart: periods.starts[period],
      capacityHours: hours(load.capacity[period]),
      demandHours: hours(load.demand[period]),
      sources: (await demandSources(db, actor, data, [index], bounds)).filter(
        (s) => s.source !== 'soft_booking',
      ),
    });
  }
  return { items, total: found.length, page: query.page, pageSize: query.pageSize };
}

/** Free hours (capacity less hard demand) of each resource over the days `from`..`to`: staffing candidates' ranking. */
export async function freeCapacity(
  q: Queryable,
  orgId: string,
  resourceIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, { capacityHours: number; demandHours: number }>> {
  const result = new Map<string, { capacityHours: number; demandHours: number }>();
  if (resourceIds.length === 0) return result;
  const data = await loadCapacityData(q, orgId, { resourceIds }, from, to);
  const bounds = Float64Array.of(parseLocalDateTime(from), parseLocalDateTime(to) + MINUTES_PER_DAY);
  const cache = new Map<string, Float64Array>();
  data.resources.forEach((resource, index) => {
    const load = resourceLoad(data, index, bounds, cache);
    result.set(resource.id, { capacityHours: hours(load.capacity[0]), demandHours: hours(load.demand[0]) });
  });
  return result;
}
