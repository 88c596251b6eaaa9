import type { Queryable } from '../db/connection.ts';
import { definitionsWithBases } from '../db/repositories/calendars.ts';
import {
  type BookingRow,
  type CapacityFilters,
  type CapacityResourceRow,
  type DemandRow,
  findAssignmentDemand,
  findBookingDemand,
  findCapacityResources,
} from '../db/repositories/capacity.ts';
import {
  type CalendarDefinition,
  CalendarRegistry,
  MINUTES_PER_DAY,
  parseLocalDateTime,
  type WorkingCalendar,
} from '../engine/calendar/index.ts';
import { spreadFlat, workingMinutesPerPeriod } from '../engine/capacity/index.ts';
import { standardCalendarDefinition } from './plan-schedule.ts';

/**
 * What every capacity report starts from: the resources in scope, their demand rows, and the compiled
 * calendars, loaded once. The spreading itself is the engine's (flat contour over working time).
 */

const DEFAULT_CALENDAR = '(organization default)';

export interface CapacityData {
  resources: CapacityResourceRow[];
  /** Demand rows per resource index. */
  assignments: DemandRow[][];
  bookings: BookingRow[][];
  calendarOf(id: string | null): WorkingCalendar;
}

const isoDayAfter = (date: string) =>
  new Date((parseLocalDateTime(date) + MINUTES_PER_DAY) * 60_000).toISOString().slice(0, 10);

/**
 * Loads the capacity data of the resources matching `filters` for the days `from`..`to`, both included;
 * `withSources` keeps each assignment's project and task, for reports that say what causes a load.
 */
export async function loadCapacityData(
  q: Queryable,
  orgId: string,
  filters: CapacityFilters,
  from: string,
  to: string,
  withSources = false,
): Promise<CapacityData> {
  const resources = await findCapacityResources(q, orgId, filters);
  const ids = resources.map((resource) => resource.id);
  const end = isoDayAfter(to);
  const [demandRows, bookingRows] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          findAssignmentDemand(q, orgId, ids, from, end, withSources),
          findBookingDemand(q, orgId, ids, from, end),
        ]);
  const calendarIds = new Set<string>();
  for (const resource of resources) if (resource.calendarId) calendarIds.add(resource.calendarId);
  for (const row of demandRows) if (row.calendarId) calendarIds.add(row.calendarId);
  const calendarRows = await definitionsWithBases(q, orgId, [...calendarIds]);
  const registry = new CalendarRegistry([
    { id: DEFAULT_CALENDAR, ...(standardCalendarDefinition() as Omit<CalendarDefinition, 'id'>) },
    ...calendarRows.map((row) => ({
      ...(row.definition as Omit<CalendarDefinition, 'id'>),
      id: row.id,
      baseId: row.baseCalendarId,
    })),
  ]);
  const index = new Map(ids.map((id, i) => [id, i]));
  const assignments: DemandRow[][] = resources.map(() => []);
  const bookings: BookingRow[][] = resources.map(() => []);
  for (const row of demandRows) assignments[index.get(row.resourceId) as number].push(row);
  for (const row of bookingRows) bookings[index.get(row.resourceId) as number].push(row);
  return {
    resources,
    assignments,
    bookings,
    calendarOf: (id) => registry.get(id && registry.has(id) ? id : DEFAULT_CALENDAR),
  };
}

export interface ResourceLoad {
  capacity: Float64Array;
  demand: Float64Array;
  soft: Float64Array;
}

/** Capacity, demand and soft demand of one resource per period, in minutes. */
export function resourceLoad(
  data: CapacityData,
  resourceIndex: number,
  bounds: Float64Array,
  capacityCache: Map<string, Float64Array>,
): ResourceLoad {
  const resource = data.resources[resourceIndex];
  const periods = bounds.length - 1;
  const calendarKey = resource.calendarId ?? '';
  let perUnit = capacityCache.get(calendarKey);
  if (!perUnit) {
    perUnit = workingMinutesPerPeriod(data.calendarOf(resource.calendarId), bounds);
    capacityCache.set(calendarKey, perUnit);
  }
  const capacity = perUnit.map((minutes) => minutes * resource.maxUnits);
  const demand = new Float64Array(periods);
  const soft = new Float64Array(periods);
  for (const row of data.assignments[resourceIndex])
    spreadFlat(data.calendarOf(row.calendarId), row.start, row.finish, row.workMinutes, bounds, demand);
  const own = data.calendarOf(resource.calendarId);
  for (const row of data.bookings[resourceIndex]) {
    const amount = row.units * (own.workAt(row.finish) - own.workAt(row.start));
    spreadFlat(own, row.start, row.finish, amount, bounds, row.kind === 'hard' ? demand : soft);
  }
  return { capacity, demand, soft };
}

/** Half a minute of slack, so rounding in the spreading never flags a resource loaded exactly to capacity. */
export const isOverAllocated = (load: ResourceLoad, period: number) =>
  load.demand[period] > load.capacity[period] + 0.5;
