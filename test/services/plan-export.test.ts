import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import {
  findExportSettings,
  listExportCalendars,
  listExportLinks,
  listExportTasks,
} from '../../src/db/repositories/plan-export.ts';
import {
  listPlanAssignments,
  listPlanBaselineTasks,
  listPlanResources,
} from '../../src/db/repositories/plan-resources.ts';
import { exportProjectPlan, predecessorText } from '../../src/services/plan-export.ts';
import { importMspdiPlan } from '../../src/services/plan-import.ts';
import { createLink, createTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

const data = new URL('../../../shared/data/mspdi/', import.meta.url);
const files = [
  'mpxj/generated/task-links/task-links-project2013-mspdi.xml',
  'mpxj/legacy/sample1.xml',
  'mpxj/generated/calendar-recurring-exceptions/calendar-recurring-exceptions-project2013-mspdi.xml',
  'mpxj/generated/assignment-assignments/assignment-assignments-project2007-mspdi.xml',
  'mpxj/generated/task-baselines/task-baselines-project2016-mspdi.xml',
  'mpxj/mspdiresource.xml',
];

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

/** Everything Orrery keeps of a plan, with database ids replaced by WBS order so two projects compare. */
async function snapshot(projectId: string) {
  const tasks = await listExportTasks(db, orgId, projectId);
  const calendars = await listExportCalendars(db, orgId, projectId);
  const links = await listExportLinks(db, orgId, projectId);
  const settings = await findExportSettings(db, orgId, projectId);
  const row = new Map(tasks.map((t, k) => [t.id, k + 1]));
  const onDate = settings!.startDate.slice(0, 10);
  const resourceOf = new Map(
    (await listPlanResources(db, orgId, projectId, onDate)).map(({ id, ...r }) => [id, r]),
  );
  const calendarName = new Map(calendars.map((c) => [c.id, c.name]));
  return {
    settings: { ...settings, calendarId: calendarName.get(settings!.calendarId) },
    calendars: calendars.map((c) => ({
      name: c.name,
      base: c.baseCalendarId === null ? null : calendarName.get(c.baseCalendarId),
      definition: c.definition,
    })),
    tasks: tasks.map(({ id, parentId, calendarId, ...t }) => ({
      ...t,
      parent: parentId === null ? null : row.get(parentId),
      calendar: calendarId === null ? null : calendarName.get(calendarId),
    })),
    links: links
      .map(({ predecessorId, successorId, ...l }) => ({
        ...l,
        predecessor: row.get(predecessorId),
        successor: row.get(successorId),
      }))
      .sort((a, b) => a.successor! - b.successor! || a.predecessor! - b.predecessor!),
    assignments: (await listPlanAssignments(db, orgId, projectId))
      .map(({ id, taskId, resourceId, ...a }) => ({
        ...a,
        task: row.get(taskId),
        resource: resourceOf.get(resourceId),
      }))
      .sort((a, b) => a.task! - b.task! || a.resource!.code.localeCompare(b.resource!.code)),
    baselines: (await listPlanBaselineTasks(db, orgId, projectId))
      .map(({ taskId, ...b }) => ({ ...b, task: row.get(taskId) }))
      .sort((a, b) => a.number - b.number || a.task! - b.task!),
  };
}

describe('exporting a plan', () => {
  it.each(files)('keeps every field through import → MSPDI export → import (%s)', async (file) => {
    const first = await makeProject(db, orgId);
    const second = await makeProject(db, orgId);
    await importMspdiPlan(db, system, first.id, readFileSync(new URL(file, data), 'utf8'), file);
    const exported = await exportProjectPlan(db, system, first.id, 'mspdi');
    expect(exported.fileName).toBe(`${first.code}.xml`);
    await importMspdiPlan(db, system, second.id, String(exported.body), exported.fileName);
    const [a, b] = [await snapshot(first.id), await snapshot(second.id)];
    const exceptions = a.calendars.flatMap((c) => (c.definition.exceptions as unknown[] | undefined) ?? []);
    // A file is only a test of the round trip when it holds tasks or calendar exceptions.
    expect(a.tasks.length + exceptions.length).toBeGreaterThan(0);
    expect(b.settings).toEqual(a.settings);
    expect(b.calendars).toEqual(a.calendars);
    expect(b.tasks).toEqual(a.tasks);
    expect(b.links).toEqual(a.links);
    expect(b.assignments).toEqual(a.assignments);
    expect(b.baselines).toEqual(a.baselines);
  });

  it('writes the task table as RFC 4180 CSV with MS Project predecessor text', async () => {
    const project = await makeProject(db, orgId, { code: 'CSV1' });
    const dig = await createTask(db, system, project.id, { name: 'Dig, "deep"', durationMinutes: 960 });
    const pour = await createTask(db, system, project.id, { name: 'Pour\nslab', durationMinutes: 480 });
    await createLink(db, system, {
      predecessorId: dig.id,
      successorId: pour.id,
      type: 'FS',
      lagMinutes: 960,
    });
    const csv = String((await exportProjectPlan(db, system, project.id, 'csv')).body);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'ID,WBS,Name,Duration (days),Start,Finish,Early Start,Early Finish,Late Start,Late Finish,Total Slack (days),% Complete,Predecessors',
    );
    expect(lines[1]).toMatch(/^1,[^,]*,"Dig, ""deep""",2,\d{4}-\d\d-\d\d \d\d:\d\d,/);
    expect(csv).toContain('"Pour\nslab",1,');
    expect(lines.at(-2)).toMatch(/,1FS\+2d$/);
    expect(lines.at(-1)).toBe('');
  });

  it('writes XLSX with a frozen header and real date cells', async () => {
    const project = await makeProject(db, orgId);
    await createTask(db, system, project.id, { name: 'Survey', durationMinutes: 480 });
    const file = await exportProjectPlan(db, system, project.id, 'xlsx');
    expect(file.contentType).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(3).value).toBe('Name');
    expect(sheet.getRow(2).getCell(3).value).toBe('Survey');
    expect(sheet.getRow(2).getCell(5).value).toBeInstanceOf(Date);
  });

  it('writes predecessors the way MS Project shows them', () => {
    const link = { predecessorId: 'a', successorId: 'b', lagPercent: null, lagElapsed: false };
    expect(predecessorText(3, { ...link, type: 'FS', lagMinutes: 0 }, 480)).toBe('3');
    expect(predecessorText(3, { ...link, type: 'SS', lagMinutes: 0 }, 480)).toBe('3SS');
    expect(predecessorText(3, { ...link, type: 'FF', lagMinutes: -240 }, 480)).toBe('3FF-0.5d');
    expect(predecessorText(3, { ...link, type: 'FS', lagMinutes: 2880, lagElapsed: true }, 480)).toBe(
      '3FS+2ed',
    );
    expect(predecessorText(3, { ...link, type: 'SS', lagMinutes: 0, lagPercent: 25 }, 480)).toBe('3SS+25%');
  });

  it('refuses a user who cannot read the project', async () => {
    const project = await makeProject(db, orgId);
    await createTask(db, system, project.id, { name: 'Hidden', durationMinutes: 480 });
    const outsider = await makeActor(db, (await makeOrganization(db)).orgId, 'pmo_admin');
    await expect(exportProjectPlan(db, outsider, project.id, 'csv')).rejects.toThrow(/does not exist/);
  });
});
