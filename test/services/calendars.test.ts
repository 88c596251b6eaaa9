import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import {
  createCalendar,
  deleteCalendar,
  getCalendar,
  listCalendars,
  updateCalendar,
} from '../../src/services/calendars.ts';
import { capacityReport } from '../../src/services/capacity.ts';
import { entityHistory } from '../../src/services/history.ts';
import { previewLeveling } from '../../src/services/leveling.ts';
import { createTask, getProjectSchedule, getTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { createResource, deleteResource, getResource } from '../../src/services/resources.ts';
import { createBusinessUnit } from '../../src/services/structure.ts';
import { addTimeOff, listTimeOff, removeTimeOff } from '../../src/services/time-off.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { insertAssignment, insertResource } from '../support/leveling-fixtures.ts';

let db: Database;
let system: Actor;
let orgId: string;
let unitId: string;

const day = [
  { from: 480, to: 720 },
  { from: 780, to: 1020 },
];
const standard = [[], day, day, day, day, day, []];
const fieldsOf = async (work: Promise<unknown>) => {
  const error = (await work.then(
    () => null,
    (e: unknown) => e,
  )) as { status: number; errors: { field: string }[] } | null;
  return { status: error?.status, fields: error?.errors.map((e) => e.field) };
};

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  unitId = (await createBusinessUnit(db, system, { name: 'Field', code: 'F' })).id;
}, 60_000);
afterAll(async () => db?.close());

describe('calendars', () => {
  it('creates a calendar, lists it with its base and usage, and resolves the week through the base', async () => {
    const base = await createCalendar(db, system, {
      name: 'Head office',
      week: standard,
      exceptions: [{ name: 'Christmas', from: '2026-12-25', recurYearly: true }],
    });
    const nights = await createCalendar(db, system, {
      name: 'Night shift',
      baseCalendarId: base.id,
      week: [null, [{ from: 1320, to: 1440 }], null, null, null, null, null],
    });
    expect(nights.resolvedWeek[1]).toEqual([{ from: 1320, to: 1440 }]);
    expect(nights.resolvedWeek[2]).toEqual(day);
    expect(nights.resolvedWeek[0]).toEqual([]);
    const list = await listCalendars(db, system, { page: 1, pageSize: 50, order: 'asc', q: 'Night' });
    expect(list.items.map((c) => [c.name, c.baseCalendarName])).toEqual([['Night shift', 'Head office']]);
    const head = await getCalendar(db, system, base.id);
    expect(head.usage).toEqual({ resources: 0, projects: 0, tasks: 0, calendars: 1 });
    expect(head.exceptions).toEqual([
      { name: 'Christmas', from: '2026-12-25', intervals: [], recurYearly: true },
    ]);
  });

  it('refuses a bad calendar with the field path, and stores nothing', async () => {
    const before = await countOrgRows(db, 'calendars', orgId);
    const week = (monday: unknown) => [[], monday, day, day, day, day, []];
    expect(
      await fieldsOf(createCalendar(db, system, { name: 'X', week: week([{ from: 480, to: 1500 }]) })),
    ).toEqual({
      status: 400,
      fields: ['week.1.0.to'],
    });
    expect(
      await fieldsOf(createCalendar(db, system, { name: 'X', week: week([{ from: 600, to: 480 }]) })),
    ).toEqual({
      status: 400,
      fields: ['week.1.0.to'],
    });
    const overlapping = week([
      { from: 480, to: 720 },
      { from: 700, to: 900 },
    ]);
    expect(await fieldsOf(createCalendar(db, system, { name: 'X', week: overlapping }))).toEqual({
      status: 400,
      fields: ['week.1.1.from'],
    });
    const exceptions = [
      { from: '2027-01-01' },
      { from: '2027-02-01', to: '2027-02-02' },
      { from: '2027-03-05', to: '2027-03-01' },
    ];
    expect(await fieldsOf(createCalendar(db, system, { name: 'X', week: standard, exceptions }))).toEqual({
      status: 400,
      fields: ['exceptions.2.to'],
    });
    const missing = '0190c0de-0000-7000-8000-000000000000';
    expect(await fieldsOf(createCalendar(db, system, { name: 'X', baseCalendarId: missing }))).toEqual({
      status: 400,
      fields: ['baseCalendarId'],
    });
    const idle = [[], [], [], [], [], [], []];
    expect(await fieldsOf(createCalendar(db, system, { name: 'X', week: idle }))).toEqual({
      status: 400,
      fields: ['week'],
    });
    expect(await countOrgRows(db, 'calendars', orgId)).toBe(before);
  });

  it('refuses an inheritance cycle and a stale version', async () => {
    const a = await createCalendar(db, system, { name: 'A', week: standard });
    const b = await createCalendar(db, system, { name: 'B', baseCalendarId: a.id });
    const c = await createCalendar(db, system, { name: 'C', baseCalendarId: b.id });
    expect(await fieldsOf(updateCalendar(db, system, a.id, a.version, { baseCalendarId: c.id }))).toEqual({
      status: 400,
      fields: ['baseCalendarId'],
    });
    const renamed = await updateCalendar(db, system, a.id, a.version, { name: 'A2' });
    expect(renamed.version).toBe(a.version + 1);
    expect((await fieldsOf(updateCalendar(db, system, a.id, a.version, { name: 'A3' }))).status).toBe(409);
    const history = await entityHistory(db, system, 'calendar', a.id, 1, 10);
    expect(history.items.map((h) => h.action)).toEqual(['update', 'create']);
  });

  it('lets only the PMO keep organization calendars, and everyone read them', async () => {
    const resourceManager = await makeActor(db, orgId, 'resource_manager', 'business_unit', unitId);
    const member = await makeActor(db, orgId, 'team_member');
    expect(
      (await fieldsOf(createCalendar(db, resourceManager, { name: 'Mine', week: standard }))).status,
    ).toBe(403);
    const shared = await createCalendar(db, system, { name: 'Shared', week: standard });
    expect((await getCalendar(db, member, shared.id)).name).toBe('Shared');
    expect(
      (await fieldsOf(updateCalendar(db, member, shared.id, shared.version, { name: 'No' }))).status,
    ).toBe(403);
  });
});

describe('a change to a calendar that plans work on', () => {
  let project: Project;

  it('reschedules the projects that use it or a calendar inheriting from it, in the same transaction', async () => {
    project = await makeProject(db, orgId);
    // Five days of work from Monday 2027-01-04 finish on Friday 8 January at 17:00.
    const task = await createTask(db, system, project.id, { name: 'Build', durationMinutes: 5 * 480 });
    expect((await getTask(db, system, task.id)).earlyFinish).toBe('2027-01-08T17:00:00');
    const org = await createCalendar(db, system, { name: 'Company', week: standard });
    const schedule = await getProjectSchedule(db, system, project.id);
    const own = await getCalendar(db, system, schedule.calendarId);
    expect(own.projectId).toBe(project.id);
    // The plan's calendar now inherits its whole week from the company calendar.
    await updateCalendar(db, system, own.id, own.version, {
      baseCalendarId: org.id,
      week: [null, null, null, null, null, null, null],
    });
    expect((await getTask(db, system, task.id)).earlyFinish).toBe('2027-01-08T17:00:00');
    await updateCalendar(db, system, org.id, org.version, {
      exceptions: [{ name: 'Plant shutdown', from: '2027-01-05', to: '2027-01-06' }],
    });
    expect((await getTask(db, system, task.id)).earlyFinish).toBe('2027-01-12T17:00:00');
    expect((await getProjectSchedule(db, system, project.id)).computedFinish).toBe('2027-01-12T17:00:00');
  });

  it('refuses to delete a calendar in use, naming what uses it', async () => {
    const schedule = await getProjectSchedule(db, system, project.id);
    const own = await getCalendar(db, system, schedule.calendarId);
    const base = await getCalendar(db, system, own.baseCalendarId as string);
    const refused = deleteCalendar(db, system, base.id, base.version);
    await expect(refused).rejects.toMatchObject({ status: 409 });
    await expect(deleteCalendar(db, system, base.id, base.version)).rejects.toThrow(
      /calendars ".*" inheriting/,
    );
    await expect(deleteCalendar(db, system, own.id, own.version)).rejects.toThrow(
      new RegExp(`the plans of "${project.name}"`),
    );
    expect(await fieldsOf(createCalendar(db, system, { name: 'On a plan', baseCalendarId: own.id }))).toEqual(
      {
        status: 400,
        fields: ['baseCalendarId'],
      },
    );
    const unused = await createCalendar(db, system, { name: 'Unused', week: standard });
    await deleteCalendar(db, system, unused.id, unused.version);
    await expect(getCalendar(db, system, unused.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('dated work weeks', () => {
  const fourDays = [[], day, day, day, day, [], []];
  const summer = { name: 'Summer hours', from: '2027-07-05', to: '2027-08-27', week: fourDays };

  it('round-trips on create and patch: omitted keeps them, given replaces them, and the audit shows them', async () => {
    const created = await createCalendar(db, system, {
      name: 'Seasonal',
      week: standard,
      workWeeks: [
        summer,
        { from: '2027-12-20', to: '2027-12-31', week: [null, [], [], null, null, null, null] },
      ],
    });
    expect(created.workWeeks).toEqual([
      summer,
      { from: '2027-12-20', to: '2027-12-31', week: [null, [], [], null, null, null, null] },
    ]);
    const renamed = await updateCalendar(db, system, created.id, created.version, {
      name: 'Seasonal hours',
      exceptions: [{ name: 'Christmas', from: '2027-12-25' }],
    });
    expect(renamed.workWeeks).toEqual(created.workWeeks);
    const replaced = await updateCalendar(db, system, created.id, renamed.version, { workWeeks: [summer] });
    expect((await getCalendar(db, system, created.id)).workWeeks).toEqual([summer]);
    expect(replaced.exceptions.map((e) => e.name)).toEqual(['Christmas']);
    const cleared = await updateCalendar(db, system, created.id, replaced.version, { workWeeks: [] });
    expect(cleared.workWeeks).toEqual([]);
    const history = await entityHistory(db, system, 'calendar', created.id, 1, 10);
    expect(history.items.map((h) => h.action)).toEqual(['update', 'update', 'update', 'create']);
  });

  it('refuses bad work weeks naming the field, and changes nothing', async () => {
    const before = await countOrgRows(db, 'calendars', orgId);
    const week = (monday: unknown) => [[], monday, day, day, day, day, []];
    const attempts: [unknown[], string[]][] = [
      [[{ from: '2027-03-10', to: '2027-03-01', week: standard }], ['workWeeks.0.to']],
      [[{ from: '2027-02-30', to: '2027-03-01', week: standard }], ['workWeeks.0.from']],
      [
        [{ from: '2027-03-01', to: '2027-03-05', week: week([{ from: 600, to: 480 }]) }],
        ['workWeeks.0.week.1.0.to'],
      ],
      [[{ from: '2027-03-01', to: '2027-03-05', week: [day] }], ['workWeeks.0.week']],
      [
        [
          { from: '2027-03-01', to: '2027-03-31', week: standard },
          { from: '2027-05-01', to: '2027-05-31', week: standard },
          { from: '2027-03-31', to: '2027-04-10', week: standard },
        ],
        ['workWeeks.2.from'],
      ],
    ];
    for (const [workWeeks, fields] of attempts)
      expect(await fieldsOf(createCalendar(db, system, { name: 'X', week: standard, workWeeks }))).toEqual({
        status: 400,
        fields,
      });
    expect(await countOrgRows(db, 'calendars', orgId)).toBe(before);

    const kept = await createCalendar(db, system, { name: 'Kept', week: standard, workWeeks: [summer] });
    const overlapping = [summer, { from: '2027-08-27', to: '2027-09-03', week: standard }];
    expect(
      await fieldsOf(updateCalendar(db, system, kept.id, kept.version, { workWeeks: overlapping })),
    ).toEqual({
      status: 400,
      fields: ['workWeeks.1.from'],
    });
    const after = await getCalendar(db, system, kept.id);
    expect([after.version, after.workWeeks]).toEqual([kept.version, [summer]]);
  });

  it('reschedules the plans on the calendar: a task in a four-day work week finishes later', async () => {
    const project = await makeProject(db, orgId);
    // Five days of work from Monday 2027-01-04 finish on Friday 8 January at 17:00.
    const task = await createTask(db, system, project.id, { name: 'Pour', durationMinutes: 5 * 480 });
    expect((await getTask(db, system, task.id)).earlyFinish).toBe('2027-01-08T17:00:00');
    const own = await getCalendar(db, system, (await getProjectSchedule(db, system, project.id)).calendarId);
    const winter = { name: 'Winter', from: '2027-01-04', to: '2027-01-31', week: fourDays };
    await updateCalendar(db, system, own.id, own.version, { workWeeks: [winter] });
    // Fridays are off while it lasts, so the fifth day is Monday the 11th.
    expect((await getTask(db, system, task.id)).earlyFinish).toBe('2027-01-11T17:00:00');
  });

  it('shows the day numbers an imported plan stores as ISO days, and keeps them when the week changes', async () => {
    const cal = await createCalendar(db, system, { name: 'Imported', week: standard });
    // 20819 and 20822 are 2027-01-01 and 2027-01-04, as the MSPDI reader stores a work week.
    const stored = {
      week: standard,
      exceptions: [],
      workWeeks: [{ from: 20819, to: 20822, week: fourDays }],
    };
    await db.query('UPDATE calendars SET definition = $1 WHERE org_id = $2 AND id = $3', [
      JSON.stringify(stored),
      orgId,
      cal.id,
    ]);
    const read = await getCalendar(db, system, cal.id);
    expect(read.workWeeks).toEqual([{ from: '2027-01-01', to: '2027-01-04', week: fourDays }]);
    await updateCalendar(db, system, cal.id, read.version, { week: fourDays });
    const [row] = await db.query<{ definition: { workWeeks: unknown } }>(
      'SELECT definition FROM calendars WHERE org_id = $1 AND id = $2',
      [orgId, cal.id],
    );
    expect(row.definition.workWeeks).toEqual(stored.workWeeks);
  });
});

describe('time off', () => {
  it('gives a resource its own calendar inheriting the default, and the heatmap shows no capacity on its days off', async () => {
    const company = await createCalendar(db, system, { name: 'Default', week: standard, isDefault: true });
    const person = await createResource(db, system, {
      code: 'ANA',
      name: 'Ana Alves',
      businessUnitId: unitId,
    });
    const manager = await makeActor(db, orgId, 'resource_manager', 'business_unit', unitId);
    const vacation = await addTimeOff(db, manager, person.id, {
      from: '2027-01-05',
      to: '2027-01-07',
      name: 'Vacation',
    });
    expect(vacation).toMatchObject({ from: '2027-01-05', to: '2027-01-07', name: 'Vacation' });
    const after = await getResource(db, system, person.id);
    const own = await getCalendar(db, system, after.calendarId as string);
    expect([own.name, own.baseCalendarId]).toEqual(['Ana Alves (ANA)', company.id]);
    const daily = await capacityReport(db, system, {
      from: '2027-01-04',
      to: '2027-01-08',
      period: 'day',
      resourceId: person.id,
    });
    expect(daily.rows[0].capacityHours).toEqual([8, 0, 0, 0, 8]);

    // A second range goes on the same calendar; removing one brings its days back.
    const later = await addTimeOff(db, manager, person.id, { from: '2027-02-01', to: '2027-02-01' });
    expect((await getResource(db, system, person.id)).calendarId).toBe(own.id);
    expect((await listTimeOff(db, system, person.id)).map((t) => [t.name, t.from])).toEqual([
      ['Vacation', '2027-01-05'],
      ['Time off', '2027-02-01'],
    ]);
    await removeTimeOff(db, manager, person.id, vacation.id);
    const restored = await capacityReport(db, system, {
      from: '2027-01-04',
      to: '2027-01-08',
      period: 'day',
      resourceId: person.id,
    });
    expect(restored.rows[0].capacityHours).toEqual([8, 8, 8, 8, 8]);
    expect((await listTimeOff(db, system, person.id)).map((t) => t.id)).toEqual([later.id]);
  });

  it('a resource without a calendar of its own works on the default: its holidays show in the heatmap', async () => {
    const person = await createResource(db, system, { code: 'BEN', name: 'Ben', businessUnitId: unitId });
    const defaults = await listCalendars(db, system, { page: 1, pageSize: 50, order: 'asc', q: 'Default' });
    const company = defaults.items[0];
    // Ana has a calendar of her own; Ben, without one, counts as a user of the default.
    expect(company.usage.resources).toBe(1);
    await updateCalendar(db, system, company.id, company.version, {
      exceptions: [{ name: 'Epiphany', from: '2027-01-06' }],
    });
    const daily = await capacityReport(db, system, {
      from: '2027-01-04',
      to: '2027-01-08',
      period: 'day',
      resourceId: person.id,
    });
    expect(daily.rows[0].capacityHours).toEqual([8, 8, 0, 8, 8]);
  });

  it('is kept by the resource managers of the resource, and refuses a range that ends before it starts', async () => {
    const elsewhere = (await createBusinessUnit(db, system, { name: 'Other', code: 'O' })).id;
    const person = await createResource(db, system, { code: 'CEU', name: 'Ceu', businessUnitId: elsewhere });
    const manager = await makeActor(db, orgId, 'resource_manager', 'business_unit', unitId);
    expect(
      (await fieldsOf(addTimeOff(db, manager, person.id, { from: '2027-01-05', to: '2027-01-05' }))).status,
    ).toBe(403);
    expect(
      await fieldsOf(addTimeOff(db, system, person.id, { from: '2027-01-05', to: '2027-01-04' })),
    ).toEqual({
      status: 400,
      fields: ['to'],
    });
    expect((await getResource(db, system, person.id)).calendarId).toBeNull();
  });

  it("lets the resource's managers edit its own calendar, but not rebase it", async () => {
    const person = await createResource(db, system, { code: 'DIA', name: 'Dia', businessUnitId: unitId });
    const manager = await makeActor(db, orgId, 'resource_manager', 'business_unit', unitId);
    await addTimeOff(db, manager, person.id, { from: '2027-01-05', to: '2027-01-05' });
    const own = await getCalendar(
      db,
      system,
      (await getResource(db, system, person.id)).calendarId as string,
    );
    expect([own.resourceId, own.resourceName]).toEqual([person.id, 'Dia']);
    const halfDays = [null, [{ from: 480, to: 720 }], null, null, null, null, null];
    const edited = await updateCalendar(db, manager, own.id, own.version, {
      week: halfDays,
      baseCalendarId: own.baseCalendarId,
      isDefault: false,
    });
    expect(edited.resolvedWeek[1]).toEqual([{ from: 480, to: 720 }]);
    expect(
      (await fieldsOf(updateCalendar(db, manager, own.id, edited.version, { baseCalendarId: null }))).status,
    ).toBe(403);
    const listed = await listCalendars(db, system, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      scope: 'resource',
    });
    expect(listed.items.map((c) => c.resourceName)).toContain('Dia');
    const organization = await listCalendars(db, system, { page: 1, pageSize: 50, order: 'asc' });
    expect(organization.items.map((c) => c.id)).not.toContain(own.id);
    // Deleting the resource keeps its calendar (an organization calendar from then on, for the PMO to remove).
    await deleteResource(db, manager, person.id, (await getResource(db, system, person.id)).version);
    expect((await getCalendar(db, system, own.id)).resourceId).toBeNull();
  });

  it('keeps a person off their vacation when leveling', async () => {
    const project = await makeProject(db, orgId);
    const resource = await insertResource(db, orgId, { code: 'CREW-TO' });
    await addTimeOff(db, system, resource, { from: '2027-01-04', to: '2027-01-05', name: 'Leave' });
    const task = await createTask(db, system, project.id, { name: 'Wiring', durationMinutes: 960 });
    await insertAssignment(db, orgId, { taskId: task.id, resourceId: resource });
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    const [moved] = run.result.movedTasks;
    // Its own calendar inherits the default's holiday on the 6th, so the work starts on the 7th.
    expect([moved.name, moved.newStart]).toEqual(['Wiring', '2027-01-07T08:00:00']);
  });
});
