import type { Database, Queryable } from '../db/connection.ts';
import {
  type CalendarRow,
  calendars,
  defaultCalendarId,
  setResourceCalendar,
} from '../db/repositories/calendars.ts';
import { insertRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import { type TimeOff, timeOffInput } from '../model/calendars.ts';
import type { Resource } from '../model/resource.ts';
import { findCalendar, toCalendar, writeCalendar } from './calendars.ts';
import { NotFoundError } from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { standardCalendarDefinition } from './plan-schedule.ts';
import type { Actor } from './policy.ts';
import { findResource, requireManageResourcesIn } from './resources.ts';
import { parseInput } from './validate.ts';

/**
 * A resource's time off: non-working exceptions (with an id and a name) on the resource's own calendar.
 * A resource that shares a calendar gets its own, inheriting from the one it used, in the same
 * transaction; the capacity heatmap and leveling read the resource's calendar, so both see the days
 * off. Task scheduling does not use resource calendars, so no plan is rescheduled.
 */

function timeOffOf(row: CalendarRow): TimeOff[] {
  return toCalendar(row)
    .exceptions.filter((ex) => ex.id !== undefined && ex.intervals.length === 0 && !ex.recurYearly)
    .map((ex) => ({
      id: ex.id as string,
      calendarId: row.id,
      name: ex.name ?? 'Time off',
      from: ex.from,
      to: ex.to ?? ex.from,
    }))
    .sort((a, b) => a.from.localeCompare(b.from));
}

export async function listTimeOff(db: Database, actor: Actor, resourceId: string): Promise<TimeOff[]> {
  const resource = await findResource(db, actor, resourceId);
  if (!resource.calendarId) return [];
  const row = await findCalendar(db, actor, resource.calendarId);
  return row.resourceId === resource.id ? timeOffOf(row) : [];
}

/** The resource's own calendar, made now (named after it, inheriting what it worked on) if it has none. */
async function ownCalendar(tx: Queryable, actor: Actor, resource: Resource): Promise<CalendarRow> {
  if (resource.calendarId) {
    const current = await findCalendar(tx, actor, resource.calendarId);
    if (current.resourceId === resource.id) return current;
  }
  const baseId = resource.calendarId ?? (await defaultCalendarId(tx, actor.orgId));
  const id = uuidv7();
  // Without a base it keeps the standard week that capacity assumes for a resource without a calendar.
  const definition = baseId
    ? { week: [null, null, null, null, null, null, null], exceptions: [] }
    : standardCalendarDefinition();
  await insertRow(tx, calendars, actor.orgId, id, {
    name: `${resource.name} (${resource.code})`,
    projectId: null,
    resourceId: resource.id,
    baseCalendarId: baseId,
    isDefault: false,
    definition: JSON.stringify(definition),
  });
  await setResourceCalendar(tx, actor.orgId, resource.id, id);
  const created = await findCalendar(tx, actor, id);
  await audit(tx, actor, 'calendar', id, 'create', null, toCalendar(created));
  await audit(
    tx,
    actor,
    'resource',
    resource.id,
    'update',
    { calendarId: resource.calendarId },
    { calendarId: id },
  );
  return created;
}

export async function addTimeOff(
  db: Database,
  actor: Actor,
  resourceId: string,
  body: unknown,
): Promise<TimeOff> {
  const values = parseInput(timeOffInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const resource = await findResource(tx, actor, resourceId);
      await requireManageResourcesIn(tx, actor, resource.businessUnitId);
      const own = await ownCalendar(tx, actor, resource);
      const id = uuidv7();
      const exceptions = [
        ...((own.definition.exceptions as unknown[] | undefined) ?? []),
        { id, name: values.name, from: values.from, to: values.to, intervals: [] },
      ];
      const after = await writeCalendar(tx, actor, own, own.version, {
        definition: { ...own.definition, exceptions },
      });
      return timeOffOf(after).find((t) => t.id === id) as TimeOff;
    }),
  );
}

export async function removeTimeOff(db: Database, actor: Actor, resourceId: string, timeOffId: string) {
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const resource = await findResource(tx, actor, resourceId);
      await requireManageResourcesIn(tx, actor, resource.businessUnitId);
      const own = resource.calendarId ? await findCalendar(tx, actor, resource.calendarId) : null;
      const exceptions = (own?.definition.exceptions as { id?: string }[] | undefined) ?? [];
      if (!own || own.resourceId !== resource.id || !exceptions.some((ex) => ex.id === timeOffId))
        throw new NotFoundError('time off', timeOffId);
      await writeCalendar(tx, actor, own, own.version, {
        definition: { ...own.definition, exceptions: exceptions.filter((ex) => ex.id !== timeOffId) },
      });
    }),
  );
}
