import type { Database, Queryable } from '../db/connection.ts';
import {
  baseChain,
  type CalendarRow,
  calendarAndDescendants,
  calendars,
  calendarUsers,
  clearDefaultCalendar,
  definitionsWithBases,
  projectsUsingCalendars,
} from '../db/repositories/calendars.ts';
import { findRow, insertRow, listRows, updateRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import {
  type CalendarDefinition,
  CalendarError,
  CalendarRangeError,
  CalendarRegistry,
  formatLocalDateTime,
  MINUTES_PER_DAY,
} from '../engine/calendar/index.ts';
import { type Calendar, type CalendarDetail, calendarInput, calendarPatch } from '../model/calendars.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { authorizeProject, deferredReschedule } from './planning.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { findResource, requireManageResourcesIn } from './resources.ts';
import { parseInput } from './validate.ts';

/**
 * The organization's calendars. Everyone in the organization reads them. The PMO keeps the
 * organization's calendars; a plan's own calendars are its project's to edit; a calendar that only
 * resources use is their resource managers' (time off lives there, see time-off.ts). A change to a
 * calendar that plans work on reschedules those plans in the same transaction.
 */

type Interval = { from: number; to: number };
type Exception = Calendar['exceptions'][number];
type WorkWeek = Calendar['workWeeks'][number];

/** A stored day (day number or local date-time) as the API's ISO day. */
function isoDay(value: unknown): string {
  if (typeof value === 'number') return formatLocalDateTime(value * MINUTES_PER_DAY).slice(0, 10);
  return String(value).slice(0, 10);
}

function exceptionsOf(definition: Record<string, unknown>): Exception[] {
  const raw = (definition.exceptions as Record<string, unknown>[] | undefined) ?? [];
  return raw.map((ex) => ({
    ...(ex.id === undefined ? {} : { id: String(ex.id) }),
    ...(ex.name === undefined ? {} : { name: String(ex.name) }),
    from: isoDay(ex.from),
    ...(ex.to === undefined ? {} : { to: isoDay(ex.to) }),
    intervals: ((ex.intervals as Interval[] | undefined) ?? []).map((iv) => ({ from: iv.from, to: iv.to })),
    ...(ex.recurYearly ? { recurYearly: true } : {}),
  }));
}

function weekOf(definition: Record<string, unknown>): (Interval[] | null)[] {
  const week = (definition.week as (Interval[] | null | undefined)[] | undefined) ?? [];
  return Array.from({ length: 7 }, (_, wd) => week[wd] ?? null);
}

/** Imported plans store work weeks with day numbers; the API shows them as ISO days like the rest. */
function workWeeksOf(definition: Record<string, unknown>): WorkWeek[] {
  const raw = (definition.workWeeks as Record<string, unknown>[] | undefined) ?? [];
  return raw.map((ww) => ({
    ...(ww.name === undefined || ww.name === null ? {} : { name: String(ww.name) }),
    from: isoDay(ww.from),
    to: isoDay(ww.to),
    week: weekOf(ww),
  }));
}

export function toCalendar(row: CalendarRow): Calendar {
  const { definition, ...rest } = row;
  return {
    ...rest,
    week: weekOf(definition),
    exceptions: exceptionsOf(definition),
    workWeeks: workWeeksOf(definition),
  };
}

export async function findCalendar(q: Queryable, actor: Actor, id: string): Promise<CalendarRow> {
  const row = await findRow<CalendarRow>(q, calendars, actor.orgId, id);
  if (!row) throw new NotFoundError('calendar', id);
  return row;
}

const scopeFilter: Record<string, string | null> = {
  organization: 't.project_id IS NULL AND t.resource_id IS NULL',
  resource: 't.resource_id IS NOT NULL',
  project: 't.project_id IS NOT NULL',
  all: null,
};

export async function listCalendars(
  db: Database,
  actor: Actor,
  query: ListQuery & {
    scope?: 'organization' | 'resource' | 'project' | 'all';
    projectId?: string | undefined;
  },
): Promise<Page<Calendar>> {
  const page = await listRows<CalendarRow>(db, calendars, actor.orgId, {
    ...query,
    equals: { projectId: query.projectId },
    where: () => (query.projectId ? null : scopeFilter[query.scope ?? 'organization']),
  });
  return { items: page.items.map(toCalendar), total: page.total, page: query.page, pageSize: query.pageSize };
}

/** Each weekday's working time after inheritance: the calendar's own pattern, else its nearest base's. */
async function resolvedWeek(q: Queryable, orgId: string, row: CalendarRow): Promise<Interval[][]> {
  const defs = await definitionsWithBases(q, orgId, [row.id]);
  const byId = new Map(defs.map((d) => [d.id, d]));
  return Array.from({ length: 7 }, (_, wd) => {
    const seen = new Set<string>();
    let current = byId.get(row.id);
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      const day = weekOf(current.definition)[wd];
      if (day !== null) return day;
      current = current.baseCalendarId ? byId.get(current.baseCalendarId) : undefined;
    }
    return [];
  });
}

export async function getCalendar(db: Database, actor: Actor, id: string): Promise<CalendarDetail> {
  const row = await findCalendar(db, actor, id);
  return { ...toCalendar(row), resolvedWeek: await resolvedWeek(db, actor.orgId, row) };
}

function requireOrgCalendars(actor: Actor): void {
  if (!can(actor, 'manage_calendars', organizationChain)) throw new ForbiddenError();
}

/**
 * Who may change a calendar: a plan's own calendar goes with its project, a resource's own calendar
 * with the resource's managers (and the PMO), anything else is the PMO's.
 */
export async function authorizeCalendarWrite(tx: Queryable, actor: Actor, row: CalendarRow): Promise<void> {
  if (row.projectId) return authorizeProject(tx, actor, row.projectId, 'update_project');
  if (can(actor, 'manage_calendars', organizationChain)) return;
  if (!row.resourceId) throw new ForbiddenError();
  await requireManageResourcesIn(tx, actor, (await findResource(tx, actor, row.resourceId)).businessUnitId);
}

/** The base exists here and does not lead back to the calendar: the engine would refuse a circle. */
async function checkBase(
  tx: Queryable,
  actor: Actor,
  self: { id: string; projectId: string | null } | null,
  baseId: string | null,
) {
  if (baseId === null) return;
  const selfId = self?.id;
  const base = await findRow<CalendarRow>(tx, calendars, actor.orgId, baseId);
  if (!base)
    throw new ValidationError([{ field: 'baseCalendarId', message: 'does not exist in this organization' }]);
  // A plan's calendars go when the plan is imported again, so only that plan's calendars may build on them.
  if (base.projectId && base.projectId !== (self?.projectId ?? null))
    throw new ValidationError([
      {
        field: 'baseCalendarId',
        message: "is a plan's own calendar; only that plan's calendars may inherit from it",
      },
    ]);
  if (selfId && (baseId === selfId || (await baseChain(tx, actor.orgId, baseId)).includes(selfId)))
    throw new ValidationError([
      { field: 'baseCalendarId', message: 'inherits from this calendar; the base chain would be circular' },
    ]);
}

/** Compiles the calendar with its bases, so what the engine would refuse is a 400 now, not a failed schedule. */
async function checkCompiles(
  tx: Queryable,
  orgId: string,
  id: string,
  baseId: string | null,
  definition: Record<string, unknown>,
) {
  const bases = baseId ? await definitionsWithBases(tx, orgId, [baseId]) : [];
  const defs: CalendarDefinition[] = [
    ...bases
      .filter((b) => b.id !== id)
      .map((b) => ({
        ...(b.definition as Omit<CalendarDefinition, 'id'>),
        id: b.id,
        baseId: b.baseCalendarId,
      })),
    { ...(definition as Omit<CalendarDefinition, 'id'>), id, baseId },
  ];
  try {
    new CalendarRegistry(defs).get(id);
  } catch (error) {
    if (error instanceof CalendarError || error instanceof CalendarRangeError)
      throw new ValidationError([{ field: 'week', message: error.detail }]);
    throw error;
  }
}

/** Reschedules every project that works on the calendar or on one inheriting from it; returns them. */
export async function rescheduleCalendarUsers(
  tx: Queryable,
  orgId: string,
  calendarId: string,
): Promise<string[]> {
  const family = await calendarAndDescendants(tx, orgId, calendarId);
  const projects = await projectsUsingCalendars(tx, orgId, family);
  const batch = deferredReschedule();
  for (const projectId of projects) await batch.reschedule(tx, orgId, projectId);
  await batch.flush(tx, orgId);
  return projects;
}

export async function createCalendar(db: Database, actor: Actor, body: unknown): Promise<CalendarDetail> {
  const values = parseInput(calendarInput, body);
  const id = await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      requireOrgCalendars(actor);
      await checkBase(tx, actor, null, values.baseCalendarId);
      const id = uuidv7();
      const definition = { week: values.week, exceptions: values.exceptions, workWeeks: values.workWeeks };
      await checkCompiles(tx, actor.orgId, id, values.baseCalendarId, definition);
      if (values.isDefault) await clearDefaultCalendar(tx, actor.orgId, id);
      await insertRow(tx, calendars, actor.orgId, id, {
        name: values.name,
        projectId: null,
        resourceId: null,
        baseCalendarId: values.baseCalendarId,
        isDefault: values.isDefault,
        definition: JSON.stringify(definition),
      });
      await audit(tx, actor, 'calendar', id, 'create', null, toCalendar(await findCalendar(tx, actor, id)));
      return id;
    }),
  );
  return getCalendar(db, actor, id);
}

/**
 * Writes a calendar's new definition (after the caller authorized it), checks it compiles, and
 * reschedules the plans that work on it or on a calendar inheriting from it, all in `tx`.
 */
export async function writeCalendar(
  tx: Queryable,
  actor: Actor,
  before: CalendarRow,
  expectedVersion: number,
  change: {
    name?: string;
    baseCalendarId?: string | null;
    isDefault?: boolean;
    definition?: Record<string, unknown>;
  },
): Promise<CalendarRow> {
  const baseId = change.baseCalendarId === undefined ? before.baseCalendarId : change.baseCalendarId;
  if (change.baseCalendarId !== undefined) await checkBase(tx, actor, before, baseId);
  const definition = change.definition ?? before.definition;
  await checkCompiles(tx, actor.orgId, before.id, baseId, definition);
  if (change.isDefault && before.projectId)
    throw new ValidationError([
      { field: 'isDefault', message: "a plan's own calendar cannot be the default" },
    ]);
  if (change.isDefault) await clearDefaultCalendar(tx, actor.orgId, before.id);
  const patch = {
    name: change.name,
    baseCalendarId: change.baseCalendarId,
    isDefault: change.isDefault,
    definition: change.definition === undefined ? undefined : JSON.stringify(change.definition),
  };
  if (!(await updateRow(tx, calendars, actor.orgId, before.id, expectedVersion, patch)))
    throw new ConflictError(
      `the record changed since you read it (it is now at version ${before.version}); reload and try again`,
    );
  if (change.definition !== undefined || change.baseCalendarId !== undefined)
    await rescheduleCalendarUsers(tx, actor.orgId, before.id);
  const after = await findCalendar(tx, actor, before.id);
  await audit(tx, actor, 'calendar', before.id, 'update', toCalendar(before), toCalendar(after));
  return after;
}

export async function updateCalendar(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<CalendarDetail> {
  const patch = parseInput(calendarPatch, body);
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findCalendar(tx, actor, id);
      await authorizeCalendarWrite(tx, actor, before);
      // Which calendar a resource's (or the organization's) working time derives from is the PMO's call.
      const rebased = patch.baseCalendarId !== undefined && patch.baseCalendarId !== before.baseCalendarId;
      const redefaulted = patch.isDefault !== undefined && patch.isDefault !== before.isDefault;
      if ((rebased || redefaulted) && !before.projectId) requireOrgCalendars(actor);
      if (version === undefined) throw new PreconditionRequiredError();
      const changesDefinition =
        patch.week !== undefined || patch.exceptions !== undefined || patch.workWeeks !== undefined;
      // A part left out stays as stored (an imported plan's work weeks keep their day numbers).
      const definition = changesDefinition
        ? {
            ...before.definition,
            week: patch.week ?? weekOf(before.definition),
            exceptions: patch.exceptions ?? before.definition.exceptions ?? [],
            workWeeks: patch.workWeeks ?? before.definition.workWeeks ?? [],
          }
        : undefined;
      await writeCalendar(tx, actor, before, version, {
        name: patch.name,
        baseCalendarId: patch.baseCalendarId,
        isDefault: patch.isDefault,
        definition,
      });
    }),
  );
  return getCalendar(db, actor, id);
}

function describeUsers(users: Awaited<ReturnType<typeof calendarUsers>>): string | null {
  const parts: string[] = [];
  const names = (list: { name: string }[]) =>
    list
      .slice(0, 5)
      .map((x) => `"${x.name}"`)
      .join(', ') + (list.length > 5 ? ` and ${list.length - 5} more` : '');
  if (users.resources.length > 0) parts.push(`resources ${names(users.resources)}`);
  if (users.projects.length > 0) parts.push(`the plans of ${names(users.projects)}`);
  if (users.tasks > 0) parts.push(`${users.tasks} task${users.tasks === 1 ? '' : 's'}`);
  if (users.calendars.length > 0) parts.push(`calendars ${names(users.calendars)} inheriting from it`);
  return parts.length === 0 ? null : parts.join('; ');
}

export async function deleteCalendar(db: Database, actor: Actor, id: string, version: number | undefined) {
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findCalendar(tx, actor, id);
      await authorizeCalendarWrite(tx, actor, before);
      if (version === undefined) throw new PreconditionRequiredError();
      const inUse = describeUsers(await calendarUsers(tx, actor.orgId, id));
      if (inUse)
        throw new ConflictError(`the calendar is in use by ${inUse}; move them to another calendar first`);
      const rows = await tx.query(
        'DELETE FROM calendars WHERE org_id = $1 AND id = $2 AND version = $3 RETURNING id',
        [actor.orgId, id, version],
      );
      if (rows.length === 0)
        throw new ConflictError(
          `the record changed since you read it (it is now at version ${before.version}); reload and try again`,
        );
      await audit(tx, actor, 'calendar', id, 'delete', toCalendar(before), null);
    }),
  );
}
