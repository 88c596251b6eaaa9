import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { getBaselines, getBaselineVariance, saveProjectBaseline } from '../../src/services/baselines.ts';
import {
  createLink,
  createTask,
  deleteLink,
  getProjectSchedule,
  getTask,
  listTasks,
  updateProjectSchedule,
  updateTask,
} from '../../src/services/planning.ts';
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

describe('plans in the database', () => {
  it('schedules tasks from the project start on the standard calendar and marks the critical path', async () => {
    const project = await makeProject(db, orgId);
    const a = await createTask(db, system, project.id, { name: 'Design', durationMinutes: 480 });
    const b = await createTask(db, system, project.id, { name: 'Build', durationMinutes: 960 });
    const side = await createTask(db, system, project.id, { name: 'Side work', durationMinutes: 480 });
    await createLink(db, system, { predecessorId: a.id, successorId: b.id, type: 'FS' });
    const build = await getTask(db, system, b.id);
    expect(build.earlyStart).toBe('2027-01-05T08:00:00');
    expect(build.earlyFinish).toBe('2027-01-06T17:00:00');
    expect(build.critical).toBe(true);
    const sideTask = await getTask(db, system, side.id);
    expect(sideTask.critical).toBe(false);
    expect(sideTask.totalSlackMinutes).toBe(960);
    const schedule = await getProjectSchedule(db, system, project.id);
    expect(schedule.computedFinish).toBe('2027-01-06T17:00:00');
    expect(schedule.criticalPath.map((t) => t.name)).toEqual(['Design', 'Build']);
  });

  it('rolls a summary task up from its children and lists the WBS parents first', async () => {
    const project = await makeProject(db, orgId);
    const phase = await createTask(db, system, project.id, { name: 'Phase 1', durationMinutes: 0 });
    const first = await createTask(db, system, project.id, {
      name: 'First',
      parentId: phase.id,
      durationMinutes: 480,
    });
    const second = await createTask(db, system, project.id, {
      name: 'Second',
      parentId: phase.id,
      durationMinutes: 480,
    });
    await createTask(db, system, project.id, { name: 'After', durationMinutes: 240 });
    await createLink(db, system, { predecessorId: first.id, successorId: second.id });
    const summary = await getTask(db, system, phase.id);
    expect(summary.isSummary).toBe(true);
    expect(summary.earlyStart).toBe('2027-01-04T08:00:00');
    expect(summary.earlyFinish).toBe('2027-01-05T17:00:00');
    const tree = await listTasks(db, system, project.id, 1, 50);
    expect(tree.items.map((t) => `${t.depth}:${t.name}`)).toEqual([
      '0:Phase 1',
      '1:First',
      '1:Second',
      '0:After',
    ]);
  });

  it('moves the successor in another project when the predecessor slips', async () => {
    const upstream = await makeProject(db, orgId);
    const downstream = await makeProject(db, orgId);
    const api = await createTask(db, system, upstream.id, { name: 'Deliver API', durationMinutes: 480 });
    const client = await createTask(db, system, downstream.id, {
      name: 'Integrate client',
      durationMinutes: 480,
    });
    await createLink(db, system, { predecessorId: api.id, successorId: client.id });
    expect((await getTask(db, system, client.id)).earlyStart).toBe('2027-01-05T08:00:00');
    await updateTask(db, system, api.id, (await getTask(db, system, api.id)).version, {
      durationMinutes: 2400,
    });
    expect((await getTask(db, system, client.id)).earlyStart).toBe('2027-01-11T08:00:00');
    expect((await getProjectSchedule(db, system, downstream.id)).computedFinish).toBe('2027-01-11T17:00:00');
  });

  it('refuses a link that closes a cycle, naming the tasks, and changes nothing', async () => {
    const project = await makeProject(db, orgId);
    const a = await createTask(db, system, project.id, { name: 'Alpha', durationMinutes: 480 });
    const b = await createTask(db, system, project.id, { name: 'Beta', durationMinutes: 480 });
    const link = await createLink(db, system, { predecessorId: a.id, successorId: b.id });
    await expect(createLink(db, system, { predecessorId: b.id, successorId: a.id })).rejects.toThrow(
      /Alpha|Beta/,
    );
    const before = await getTask(db, system, a.id);
    expect(before.earlyStart).toBe('2027-01-04T08:00:00');
    await deleteLink(db, system, link.id, link.version);
    expect((await getTask(db, system, b.id)).earlyStart).toBe('2027-01-04T08:00:00');
  });

  it('shows a constraint that cannot be met as negative slack, not a broken link', async () => {
    const project = await makeProject(db, orgId);
    const a = await createTask(db, system, project.id, { name: 'Long', durationMinutes: 2400 });
    const b = await createTask(db, system, project.id, {
      name: 'Fixed',
      durationMinutes: 480,
      constraintType: 'MSO',
      constraintDate: '2027-01-05T08:00:00',
    });
    await createLink(db, system, { predecessorId: a.id, successorId: b.id });
    const fixed = await getTask(db, system, b.id);
    expect(fixed.earlyStart).toBe('2027-01-05T08:00:00');
    expect((await getTask(db, system, a.id)).totalSlackMinutes).toBeLessThan(0);
  });

  it('refuses a stale version and a dated constraint without its date', async () => {
    const project = await makeProject(db, orgId);
    const task = await createTask(db, system, project.id, { name: 'Task', durationMinutes: 480 });
    await updateTask(db, system, task.id, task.version, { name: 'Renamed' });
    await expect(updateTask(db, system, task.id, task.version, { name: 'Again' })).rejects.toThrow(/changed/);
    await expect(createTask(db, system, project.id, { name: 'Bad', constraintType: 'SNET' })).rejects.toThrow(
      /constraintDate/,
    );
  });

  it('refuses a duration that runs past the last date the calendar knows, and writes nothing', async () => {
    const project = await makeProject(db, orgId);
    await expect(
      createTask(db, system, project.id, { name: 'Two centuries', durationMinutes: 20_000_000 }),
    ).rejects.toThrow(/cannot be computed/);
    expect((await listTasks(db, system, project.id, 1, 10)).total).toBe(0);
  });

  it('reschedules from a new project start date', async () => {
    const project = await makeProject(db, orgId);
    const task = await createTask(db, system, project.id, { name: 'Only', durationMinutes: 480 });
    const schedule = await getProjectSchedule(db, system, project.id);
    await updateProjectSchedule(db, system, project.id, schedule.version, {
      startDate: '2027-02-01T08:00:00',
    });
    expect((await getTask(db, system, task.id)).earlyStart).toBe('2027-02-01T08:00:00');
  });

  it('saves a baseline and reports how far the plan has moved from it', async () => {
    const project = await makeProject(db, orgId);
    const a = await createTask(db, system, project.id, { name: 'Survey', durationMinutes: 480 });
    const b = await createTask(db, system, project.id, { name: 'Report', durationMinutes: 480 });
    await createLink(db, system, { predecessorId: a.id, successorId: b.id });
    await saveProjectBaseline(db, system, project.id, 0, { name: 'Approved plan' });
    await updateTask(db, system, a.id, (await getTask(db, system, a.id)).version, { durationMinutes: 960 });
    const variance = await getBaselineVariance(db, system, project.id, 0, 1, 50);
    const report = variance.items.find((row) => row.taskId === b.id)!;
    expect(report.baselineStart).toBe('2027-01-05T08:00:00');
    expect(report.start).toBe('2027-01-06T08:00:00');
    expect(report.startVarianceMinutes).toBe(1440);
    expect(variance.items.find((row) => row.taskId === a.id)!.durationVarianceMinutes).toBe(480);
    await saveProjectBaseline(db, system, project.id, 10, { name: 'Re-plan' });
    expect((await getBaselines(db, system, project.id)).items.map((x) => x.number)).toEqual([0, 10]);
    await expect(saveProjectBaseline(db, system, project.id, 11, { name: 'Too many' })).rejects.toThrow(
      /^number: /,
    );
  });
});
