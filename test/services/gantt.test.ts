import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { GANTT_CRITICAL, GANTT_SUMMARY } from '../../src/model/gantt.ts';
import { saveProjectBaseline } from '../../src/services/baselines.ts';
import { getProgramGanttColumns, getProjectGanttColumns } from '../../src/services/gantt.ts';
import { createLink, createTask, updateTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

const minutesOf = (local: string) => Date.parse(`${local}Z`) / 60_000;

describe('the Gantt in columns', () => {
  it('lists tasks in WBS order with stored dates, flags, parents and links by index', async () => {
    const project = await makeProject(db, orgId);
    const phase = await createTask(db, system, project.id, { name: 'Phase', durationMinutes: 0 });
    const after = await createTask(db, system, project.id, { name: 'After', durationMinutes: 480 });
    const design = await createTask(db, system, project.id, {
      name: 'Design',
      parentId: phase.id,
      durationMinutes: 480,
    });
    await createLink(db, system, { predecessorId: design.id, successorId: after.id });
    const gantt = await getProjectGanttColumns(db, system, project.id, undefined);
    expect(gantt.tasks.name).toEqual(['Phase', 'Design', 'After']);
    expect(gantt.tasks.parent).toEqual([-1, 0, -1]);
    expect(gantt.tasks.depth).toEqual([0, 1, 0]);
    expect(gantt.tasks.flags[0] & GANTT_SUMMARY).toBeTruthy();
    expect(gantt.tasks.flags[2] & GANTT_CRITICAL).toBeTruthy();
    expect(gantt.tasks.start[1]).toBe(minutesOf('2027-01-04T08:00:00'));
    expect(gantt.tasks.finish[2]).toBe(minutesOf('2027-01-05T17:00:00'));
    expect(gantt.links.from).toEqual([1]);
    expect(gantt.links.to).toEqual([2]);
    expect(gantt.links.type).toEqual(['FS']);
    expect(gantt.projects[0].finish).toBe(minutesOf('2027-01-05T17:00:00'));
    expect(gantt.baseline).toBeNull();
    expect(gantt.tasks.baselineStart).toEqual([null, null, null]);
  });

  it('carries the chosen baseline beside the moved schedule, and refuses a missing one', async () => {
    const project = await makeProject(db, orgId);
    const task = await createTask(db, system, project.id, { name: 'Only', durationMinutes: 480 });
    await saveProjectBaseline(db, system, project.id, 0, { name: 'Plan of record' });
    await updateTask(db, system, task.id, task.version, { durationMinutes: 960 });
    const gantt = await getProjectGanttColumns(db, system, project.id, 0);
    expect(gantt.baseline).toBe(0);
    expect(gantt.tasks.baselineFinish).toEqual([minutesOf('2027-01-04T17:00:00')]);
    expect(gantt.tasks.finish).toEqual([minutesOf('2027-01-05T17:00:00')]);
    await expect(getProjectGanttColumns(db, system, project.id, 3)).rejects.toThrow(/baseline/);
  });

  it("puts a program's projects on one timeline with the links between them", async () => {
    const first = await makeProject(db, orgId, { code: 'A-1' });
    const second = await makeProject(db, orgId, {
      code: 'A-2',
      businessUnitId: first.businessUnitId,
      portfolioId: first.portfolioId,
      programId: first.programId,
    });
    const a = await createTask(db, system, first.id, { name: 'Deliver API', durationMinutes: 480 });
    const b = await createTask(db, system, second.id, { name: 'Use API', durationMinutes: 480 });
    await createLink(db, system, { predecessorId: a.id, successorId: b.id });
    const gantt = await getProgramGanttColumns(db, system, first.programId as string);
    expect(gantt.projects.map((p) => p.code)).toEqual(['A-1', 'A-2']);
    expect(gantt.tasks.name).toEqual(['Deliver API', 'Use API']);
    expect(gantt.tasks.project).toEqual([0, 1]);
    expect(gantt.links.from).toEqual([0]);
    expect(gantt.links.to).toEqual([1]);
  });
});
