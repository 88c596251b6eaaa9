import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { formatLocalDateTime } from '../../src/engine/calendar/index.ts';
import { readMspdi } from '../../src/interop/mspdi/index.ts';
import { importMspdiPlan } from '../../src/services/plan-import.ts';
import {
  createLink,
  createTask,
  getProjectSchedule,
  getTask,
  listTasks,
  updateProjectSchedule,
} from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

const data = new URL('../../../shared/data/mspdi/mpxj/', import.meta.url);
const linksFile = 'generated/task-links/task-links-project2013-mspdi.xml';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

describe('importing MS Project XML into a project', () => {
  it("stores the plan and schedules it to MS Project's own dates", async () => {
    const project = await makeProject(db, orgId);
    const xml = readFileSync(new URL(linksFile, data), 'utf8');
    const summary = await importMspdiPlan(db, system, project.id, xml, 'task-links.xml');
    const plan = readMspdi(xml);
    const expected = plan.tasks.filter((t) => t.outlineLevel > 0);
    expect(summary.tasks).toBe(expected.length);
    expect(summary.links).toBe(expected.reduce((n, t) => n + t.predecessors.length, 0));
    const stored = await listTasks(db, system, project.id, 1, 500);
    // Names repeat in this file; the outline number (stored as the WBS code) is unique.
    const byWbs = new Map(stored.items.map((task) => [task.wbsCode, task]));
    for (const task of expected) {
      const row = byWbs.get(task.outlineNumber ?? '')!;
      expect(row.earlyStart, `${task.name} early start`).toBe(formatLocalDateTime(task.stored.earlyStart!));
      expect(row.earlyFinish, `${task.name} early finish`).toBe(
        formatLocalDateTime(task.stored.earlyFinish!),
      );
      expect(row.lateFinish, `${task.name} late finish`).toBe(formatLocalDateTime(task.stored.lateFinish!));
    }
    expect((await getProjectSchedule(db, system, project.id)).computedFinish).toBe(summary.computedFinish);
  });

  it('replaces the previous plan on a second import', async () => {
    const project = await makeProject(db, orgId);
    const xml = readFileSync(new URL(linksFile, data), 'utf8');
    await importMspdiPlan(db, system, project.id, xml, 'first.xml');
    const again = await importMspdiPlan(db, system, project.id, xml, 'second.xml');
    expect((await listTasks(db, system, project.id, 1, 500)).total).toBe(again.tasks);
  });

  it('refuses a malformed file, naming it, and leaves the existing plan as it was', async () => {
    const project = await makeProject(db, orgId);
    const xml = readFileSync(new URL(linksFile, data), 'utf8');
    await importMspdiPlan(db, system, project.id, xml, 'good.xml');
    const before = await listTasks(db, system, project.id, 1, 500);
    await expect(importMspdiPlan(db, system, project.id, '<Project><Tasks>', 'broken.xml')).rejects.toThrow(
      /broken\.xml/,
    );
    const duplicate = xml.replace(/<UID>2<\/UID>/, '<UID>1</UID>');
    await expect(importMspdiPlan(db, system, project.id, duplicate, 'dup.xml')).rejects.toThrow(/UID/);
    const after = await listTasks(db, system, project.id, 1, 500);
    expect(after.items.map((t) => t.id)).toEqual(before.items.map((t) => t.id));
  });

  it('reschedules projects that were linked to the replaced plan', async () => {
    const imported = await makeProject(db, orgId);
    const other = await makeProject(db, orgId);
    const xml = readFileSync(new URL(linksFile, data), 'utf8');
    await importMspdiPlan(db, system, imported.id, xml, 'first.xml');
    const successor = await createTask(db, system, other.id, { name: 'Waits for the imported plan' });
    // start the other project long before the imported plan, so the link is what drives it
    const settings = await getProjectSchedule(db, system, other.id);
    await updateProjectSchedule(db, system, other.id, settings.version, { startDate: '2000-01-03T08:00:00' });
    const alone = (await getTask(db, system, successor.id)).earlyStart;
    const last = (await listTasks(db, system, imported.id, 1, 500)).items.find(
      (t) => !t.isSummary && t.earlyFinish,
    )!;
    await createLink(db, system, { predecessorId: last.id, successorId: successor.id });
    const pushed = (await getTask(db, system, successor.id)).earlyStart!;
    expect(pushed > alone!).toBe(true);
    // the new plan replaces the linked task, so the link goes and the successor moves back
    await importMspdiPlan(db, system, imported.id, xml, 'second.xml');
    expect((await getTask(db, system, successor.id)).earlyStart).toBe(alone);
  });
});
