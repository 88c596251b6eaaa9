import type { Queryable } from '../db/connection.ts';
import { defaultCalendarId } from '../db/repositories/calendars.ts';
import {
  calendarsInheritingFromPlan,
  moveResourcesOffPlanCalendars,
} from '../db/repositories/plan-calendars.ts';
import { findCalendar, writeCalendar } from './calendars.ts';
import { audit } from './mutation.ts';
import { standardCalendarDefinition } from './plan-schedule.ts';
import type { Actor } from './policy.ts';

/** Who worked on the replaced plan's calendars and works on the organization's default now. */
export interface MovedToDefaultCalendar {
  /** Resources that were put on one of the plan's calendars (they now have none: the default). */
  resources: string[];
  /** Calendars (a resource's own, made for its time off) that inherited from one and inherit from the default now. */
  calendars: string[];
}

/**
 * An import deletes the plan's own calendars, so whatever else used them falls back to the
 * organization's default calendar, in the import's transaction: a resource on one of them is left
 * without a calendar (it works on the default, as every resource without one does), and a calendar
 * inheriting from one inherits from the default instead. Without a default, such a calendar's
 * inherited days become the standard week, as a resource's own calendar starts when there is none.
 * Its time off and own days stay. Each change is audited like an edit.
 */
export async function releasePlanCalendars(
  tx: Queryable,
  actor: Actor,
  projectId: string,
): Promise<MovedToDefaultCalendar> {
  const moved = await moveResourcesOffPlanCalendars(tx, actor.orgId, projectId);
  for (const resource of moved)
    await audit(
      tx,
      actor,
      'resource',
      resource.id,
      'update',
      { calendarId: resource.calendarId },
      { calendarId: null },
    );
  const fallbackId = await defaultCalendarId(tx, actor.orgId);
  const standardWeek = standardCalendarDefinition().week;
  const rebased: string[] = [];
  for (const { id } of await calendarsInheritingFromPlan(tx, actor.orgId, projectId)) {
    const before = await findCalendar(tx, actor, id);
    const week = (before.definition.week as unknown[] | undefined) ?? [];
    const definition = fallbackId
      ? undefined
      : { ...before.definition, week: standardWeek.map((day, wd) => week[wd] ?? day) };
    await writeCalendar(tx, actor, before, before.version, { baseCalendarId: fallbackId, definition });
    rebased.push(before.name);
  }
  return { resources: moved.map((r) => r.name), calendars: rebased };
}
