import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { createCalendar, getCalendar } from '../../src/services/calendars.ts';
import { capacityReport } from '../../src/services/capacity.ts';
import { entityHistory } from '../../src/services/history.ts';
import { importMspdiPlan } from '../../src/services/plan-import.ts';
import { importXerPlan } from '../../src/services/plan-import-xer.ts';
import { getProjectSchedule } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { createResource, getResource } from '../../src/services/resources.ts';
import { createBusinessUnit } from '../../src/services/structure.ts';
import { addTimeOff, listTimeOff } from '../../src/services/time-off.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

const mspdi = readFileSync(
  new URL(
    '../../../shared/data/mspdi/mpxj/generated/task-links/task-links-project2013-mspdi.xml',
    import.meta.url,
  ),
  'utf8',
);
const xer = readFileSync(new URL('../../../shared/data/xer/XERNative/wk2.xer', import.meta.url));

const day = [
  { from: 480, to: 720 },
  { from: 780, to: 1020 },
];
const standard = [[], day, day, day, day, day, []];

let db: Database;
afterAll(async () => db?.close());
beforeAll(async () => {
  db = await openTestDatabase();
}, 60_000);

/** A project with an imported plan, and the id of the plan's own calendar. */
async function importedProject(orgId: string, system: Actor) {
  const project = await makeProject(db, orgId);
  await importMspdiPlan(db, system, project.id, mspdi, 'first.xml');
  const planCalendar = (await getProjectSchedule(db, system, project.id)).calendarId;
  expect((await getCalendar(db, system, planCalendar)).projectId).toBe(project.id);
  return { project, planCalendar };
}

/** Working hours per day of a week of January 2027 (Monday 4th to Friday 8th). */
async function hoursOf(system: Actor, resourceId: string) {
  const report = await capacityReport(db, system, {
    from: '2027-01-04',
    to: '2027-01-08',
    period: 'day',
    resourceId,
  });
  return report.rows[0].capacityHours;
}

describe('re-importing a plan whose calendars resources work on', () => {
  it("moves them to the organization's default calendar, keeps their time off, and says so in the summary and the audit", async () => {
    const { orgId, system } = await makeOrganization(db);
    const unit = (await createBusinessUnit(db, system, { name: 'Site', code: 'S' })).id;
    const company = await createCalendar(db, system, {
      name: 'Company',
      week: standard,
      exceptions: [{ name: 'Epiphany', from: '2027-01-06' }],
      isDefault: true,
    });
    const { project, planCalendar } = await importedProject(orgId, system);
    const crane = await createResource(db, system, {
      code: 'CR-1',
      name: 'Crane',
      kind: 'equipment',
      businessUnitId: unit,
      calendarId: planCalendar,
    });
    const welder = await createResource(db, system, {
      code: 'WE-1',
      name: 'Wendy Welder',
      businessUnitId: unit,
      calendarId: planCalendar,
    });
    // Her time off gives her a calendar of her own, inheriting from the plan's.
    await addTimeOff(db, system, welder.id, { from: '2027-01-04', to: '2027-01-04', name: 'Leave' });
    const own = (await getResource(db, system, welder.id)).calendarId as string;
    expect((await getCalendar(db, system, own)).baseCalendarId).toBe(planCalendar);

    const again = await importMspdiPlan(db, system, project.id, mspdi, 'second.xml');
    expect(again.movedToDefaultCalendar).toEqual({
      resources: ['Crane'],
      calendars: ['Wendy Welder (WE-1)'],
    });
    await expect(getCalendar(db, system, planCalendar)).rejects.toMatchObject({ status: 404 });
    expect((await getResource(db, system, crane.id)).calendarId).toBeNull();
    expect((await getCalendar(db, system, own)).baseCalendarId).toBe(company.id);
    expect((await listTimeOff(db, system, welder.id)).map((t) => t.name)).toEqual(['Leave']);
    expect(await hoursOf(system, crane.id)).toEqual([8, 8, 0, 8, 8]);
    expect(await hoursOf(system, welder.id)).toEqual([0, 8, 0, 8, 8]);

    const history = await entityHistory(db, system, 'resource', crane.id, 1, 10);
    expect(history.items[0]).toMatchObject({
      action: 'update',
      before: { calendarId: planCalendar },
      after: { calendarId: null },
    });
    const [imported] = await db.query<{ after: unknown }>(
      `SELECT after FROM audit_log WHERE org_id = $1 AND entity_type = 'project_schedule' AND entity_id = $2
         AND after -> 'imported' ->> 'file' = 'second.xml'`,
      [orgId, project.id],
    );
    expect(imported.after).toMatchObject({
      imported: { movedToDefaultCalendar: { resources: ['Crane'], calendars: ['Wendy Welder (WE-1)'] } },
    });
  });

  it('through the XER import too; without a default, a calendar that inherited the plan keeps the standard week', async () => {
    const { orgId, system } = await makeOrganization(db);
    const unit = (await createBusinessUnit(db, system, { name: 'Yard', code: 'Y' })).id;
    const project = await makeProject(db, orgId);
    await importXerPlan(db, system, project.id, xer, 'wk2.xer');
    const planCalendar = (await getProjectSchedule(db, system, project.id)).calendarId;
    const fitter = await createResource(db, system, {
      code: 'FI-1',
      name: 'Fitter',
      businessUnitId: unit,
      calendarId: planCalendar,
    });
    await addTimeOff(db, system, fitter.id, { from: '2027-01-05', to: '2027-01-05' });
    const own = (await getResource(db, system, fitter.id)).calendarId as string;

    const again = await importXerPlan(db, system, project.id, xer, 'wk2.xer');
    expect(again.movedToDefaultCalendar).toEqual({ resources: [], calendars: ['Fitter (FI-1)'] });
    const rebased = await getCalendar(db, system, own);
    expect([rebased.baseCalendarId, rebased.week]).toEqual([null, standard]);
    expect(await hoursOf(system, fitter.id)).toEqual([8, 0, 8, 8, 8]);
  });
});
