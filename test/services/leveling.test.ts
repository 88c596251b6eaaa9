import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { insertCalendar } from '../../src/db/repositories/plans.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import type { Project } from '../../src/model/organization.ts';
import { entityHistory } from '../../src/services/history.ts';
import {
  applyLevelingRun,
  discardLevelingRun,
  getLevelingRun,
  listLevelingRunsOf,
  previewLeveling,
  undoLevelingRun,
} from '../../src/services/leveling.ts';
import { standardCalendarDefinition } from '../../src/services/plan-schedule.ts';
import { createLink, createTask, getTask, updateTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import {
  insertAssignment,
  insertResource,
  setProjectPriority,
  setTaskPriority,
} from '../support/leveling-fixtures.ts';

let db: Database;
let system: Actor;
let orgId: string;
let resourceCounter = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

const crew = (maxUnits = 1, kind: 'person' | 'material' = 'person') =>
  insertResource(db, orgId, { code: `CREW-${++resourceCounter}`, maxUnits, kind });

/** Three two-day tasks in one project that all need the same single crew from Monday 2027-01-04. */
async function contested(project?: Project) {
  const p = project ?? (await makeProject(db, orgId));
  const resource = await crew();
  const tasks = [];
  for (const name of ['Pour A', 'Pour B', 'Pour C']) {
    const task = await createTask(db, system, p.id, { name, durationMinutes: 960 });
    await insertAssignment(db, orgId, { taskId: task.id, resourceId: resource });
    tasks.push(task);
  }
  return { project: p, resource, tasks };
}

describe('leveling preview', () => {
  it('delays the tasks competing for one crew, names the crew and the competitors, and keeps the plan unchanged', async () => {
    const { project, tasks } = await contested();
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id, seed: 3 });
    expect(run.status).toBe('preview');
    expect(run.result.periodMinutes).toBe(480);
    expect(run.result.overallocationsBefore).toBe(2);
    expect(run.result.overallocationsAfter).toBe(0);
    expect(run.result.movedTasks).toHaveLength(2);
    const starts = run.result.movedTasks.map((t) => t.newStart).sort();
    expect(starts).toEqual(['2027-01-06T08:00:00', '2027-01-08T08:00:00']);
    for (const moved of run.result.movedTasks) {
      expect(moved.oldStart).toBe('2027-01-04T08:00:00');
      expect(moved.resources.map((r) => r.code)).toEqual([expect.stringMatching(/^CREW-/)]);
      expect(moved.competedWith.length).toBeGreaterThan(0);
    }
    const byStart = [...run.result.movedTasks].sort((a, b) => a.newStart.localeCompare(b.newStart));
    // Two working days later, and four (Friday): delays count working time.
    expect(byStart.map((t) => t.delayMinutes)).toEqual([960, 1920]);
    expect(run.result.projects).toEqual([
      {
        projectId: project.id,
        name: project.name,
        finishBefore: '2027-01-05T17:00:00',
        finishAfter: '2027-01-11T17:00:00',
      },
    ]);
    for (const task of tasks)
      expect((await getTask(db, system, task.id)).earlyStart).toBe('2027-01-04T08:00:00');
    const listed = await listLevelingRunsOf(db, system, { scopeType: 'project', scopeId: project.id });
    expect(listed.items.map((r) => [r.id, r.movedTasks])).toEqual([[run.id, 2]]);
  });

  it('is the same for the same seed', async () => {
    const { project } = await contested();
    const a = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id, seed: 9 });
    const b = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id, seed: 9 });
    const view = (r: typeof a) => r.result.movedTasks.map((t) => [t.taskId, t.newStart]);
    expect(view(b)).toEqual(view(a));
  });

  it('moves the successors of a delayed task and says which predecessor they followed', async () => {
    const { project, tasks } = await contested();
    const cure = await createTask(db, system, project.id, { name: 'Cure C', durationMinutes: 480 });
    await createLink(db, system, { predecessorId: tasks[2].id, successorId: cure.id });
    // Pour C is the one to wait: the others outrank it.
    await setTaskPriority(db, orgId, tasks[0].id, 900);
    await setTaskPriority(db, orgId, tasks[1].id, 800);
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    const moved = new Map(run.result.movedTasks.map((t) => [t.name, t]));
    expect(moved.get('Pour C')?.newStart).toBe('2027-01-08T08:00:00');
    expect(moved.get('Cure C')?.newStart).toBe('2027-01-12T08:00:00');
    expect(moved.get('Cure C')?.followed.map((t) => t.name)).toEqual(['Pour C']);
    expect(moved.get('Cure C')?.resources).toEqual([]);
  });

  it('never moves a started task or one of priority 1000', async () => {
    const { project, tasks } = await contested();
    await updateTask(db, system, tasks[0].id, tasks[0].version, { actualStart: '2027-01-04T08:00' });
    await setTaskPriority(db, orgId, tasks[1].id, 1000);
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    expect(run.result.movedTasks.map((t) => t.name)).toEqual(['Pour C']);
    // Both pinned tasks hold the crew on Monday and Tuesday: that over-allocation cannot be leveled.
    expect(run.result.overallocationsAfter).toBe(2);
  });

  it('levels the lower-priority project of a program first', async () => {
    const first = await makeProject(db, orgId);
    const second = await makeProject(db, orgId, {
      portfolioId: first.portfolioId,
      programId: first.programId,
    });
    await setProjectPriority(db, orgId, first.id, 40);
    await setProjectPriority(db, orgId, second.id, 90);
    const resource = await crew();
    for (const project of [first, second]) {
      const task = await createTask(db, system, project.id, {
        name: `Survey ${project.code}`,
        durationMinutes: 480,
      });
      await insertAssignment(db, orgId, { taskId: task.id, resourceId: resource });
    }
    const run = await previewLeveling(db, system, { scopeType: 'program', scopeId: first.programId! });
    expect(run.result.movedTasks.map((t) => t.projectId)).toEqual([first.id]);
    const finishes = Object.fromEntries(run.result.projects.map((p) => [p.projectId, p.finishAfter]));
    expect(finishes[second.id]).toBe('2027-01-04T17:00:00');
    expect(finishes[first.id]).toBe('2027-01-05T17:00:00');
  });

  it('holds a task to its link from outside the scope, and levels a whole portfolio the same way', async () => {
    const first = await makeProject(db, orgId);
    const second = await makeProject(db, orgId, {
      portfolioId: first.portfolioId,
      programId: first.programId,
    });
    const outside = await makeProject(db, orgId, { portfolioId: first.portfolioId, programId: null });
    await setProjectPriority(db, orgId, second.id, 90);
    const resource = await crew();
    const permit = await createTask(db, system, outside.id, { name: 'Permit', durationMinutes: 960 });
    const dig = await createTask(db, system, first.id, { name: 'Dig', durationMinutes: 960 });
    await createLink(db, system, { predecessorId: permit.id, successorId: dig.id });
    const trench = await createTask(db, system, second.id, { name: 'Trench', durationMinutes: 1920 });
    for (const task of [dig, trench])
      await insertAssignment(db, orgId, { taskId: task.id, resourceId: resource });
    for (const scope of [
      { scopeType: 'program', scopeId: first.programId! },
      { scopeType: 'portfolio', scopeId: first.portfolioId },
    ]) {
      const run = await previewLeveling(db, system, scope);
      // Dig may start Wednesday after the permit; the crew is on the trench until Thursday night.
      expect(run.result.movedTasks.map((t) => [t.name, t.oldStart, t.newStart])).toEqual([
        ['Dig', '2027-01-06T08:00:00', '2027-01-08T08:00:00'],
      ]);
      expect(run.result.movedTasks[0].competedWith.map((t) => t.name)).toEqual(['Trench']);
      const runs = await listLevelingRunsOf(db, system, scope);
      expect(runs.items.map((r) => r.id)).toEqual([run.id]);
    }
  });

  it('keeps a crew off the days its own calendar does not work', async () => {
    const project = await makeProject(db, orgId);
    const calendarId = uuidv7();
    await insertCalendar(db, {
      orgId,
      id: calendarId,
      projectId: null,
      name: `Leave ${calendarId.slice(-4)}`,
      definition: {
        ...standardCalendarDefinition(),
        exceptions: [{ from: '2027-01-04', to: '2027-01-05', intervals: [], name: 'Leave' }],
      },
    });
    const resource = await insertResource(db, orgId, { code: `CREW-${++resourceCounter}`, calendarId });
    const task = await createTask(db, system, project.id, { name: 'Wiring', durationMinutes: 960 });
    await insertAssignment(db, orgId, { taskId: task.id, resourceId: resource });
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    expect(run.result.overallocationsBefore).toBe(2);
    expect(run.result.overallocationsAfter).toBe(0);
    const [moved] = run.result.movedTasks;
    expect([moved.name, moved.newStart]).toEqual(['Wiring', '2027-01-06T08:00:00']);
    expect(moved.resources.map((r) => r.resourceId)).toEqual([resource]);
    expect(moved.competedWith).toEqual([]);
  });

  it('within slack moves only tasks that have slack and counts what is left over-allocated', async () => {
    const { project } = await contested();
    // A six-day task sets the finish, so the pours have four days of slack to share the crew.
    await createTask(db, system, project.id, { name: 'Formwork', durationMinutes: 480 * 6 });
    const run = await previewLeveling(db, system, {
      scopeType: 'project',
      scopeId: project.id,
      withinSlack: true,
    });
    expect(run.options.withinSlack).toBe(true);
    expect(run.result.projects[0].finishAfter).toBe(run.result.projects[0].finishBefore);
    expect(run.result.movedTasks.length).toBe(2);
    expect(run.result.overallocationsAfter).toBe(0);
  });

  it('refuses an unknown scope, a scope without resources and a budget out of range, and stores nothing', async () => {
    const project = await makeProject(db, orgId);
    await createTask(db, system, project.id, { name: 'Alone', durationMinutes: 480 });
    const material = await crew(10, 'material');
    const task = await createTask(db, system, project.id, { name: 'Concrete', durationMinutes: 480 });
    await insertAssignment(db, orgId, { taskId: task.id, resourceId: material });
    const fields = async (input: Record<string, unknown>) =>
      previewLeveling(db, system, input).then(
        () => 'accepted',
        (e: { status: number; errors: { field: string }[] }) =>
          `${e.status} ${e.errors.map((x) => x.field).join()}`,
      );
    expect(await fields({ scopeType: 'program', scopeId: project.id })).toBe('400 scopeId');
    expect(await fields({ scopeType: 'project', scopeId: project.id })).toBe('400 scopeId');
    expect(await fields({ scopeType: 'project', scopeId: project.id, schedules: 0 })).toBe('400 schedules');
    expect(await fields({ scopeType: 'region', scopeId: project.id })).toBe('400 scopeType');
    const runs = await listLevelingRunsOf(db, system, { scopeType: 'project', scopeId: project.id });
    expect(runs.items).toEqual([]);
  });

  it('is refused to someone who may not change the project', async () => {
    const { project } = await contested();
    const viewer = await makeActor(db, orgId, 'team_member');
    await expect(
      previewLeveling(db, viewer, { scopeType: 'project', scopeId: project.id }),
    ).rejects.toMatchObject({
      status: 403,
    });
    const other = await makeActor(db, orgId, 'project_manager', 'project', (await makeProject(db, orgId)).id);
    await expect(
      previewLeveling(db, other, { scopeType: 'project', scopeId: project.id }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('reading a leveling run', () => {
  it('pages the moved tasks in the order the preview listed them, and counts them all', async () => {
    const { project } = await contested();
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    expect([run.page, run.pageSize, run.movedTasks]).toEqual([1, 50, 2]);
    const all = run.result.movedTasks.map((t) => t.taskId);
    const pages = await Promise.all(
      [1, 2, 3].map((page) => getLevelingRun(db, system, run.id, { page: String(page), pageSize: '1' })),
    );
    expect(pages.map((p) => p.result.movedTasks.map((t) => t.taskId))).toEqual([[all[0]], [all[1]], []]);
    expect(pages.map((p) => [p.page, p.pageSize, p.movedTasks])).toEqual([
      [1, 1, 2],
      [2, 1, 2],
      [3, 1, 2],
    ]);
    expect(pages[1].result.projects).toEqual(run.result.projects);
    await expect(getLevelingRun(db, system, run.id, { pageSize: '501' })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'pageSize' })],
    });
  });
});

describe('applying, discarding and undoing a leveling', () => {
  it('applies the delays, reschedules the plan, and undo restores it', async () => {
    const { project, tasks } = await contested();
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    const applied = await applyLevelingRun(db, system, run.id);
    expect(applied.status).toBe('applied');
    expect(applied.appliedAt).not.toBeNull();
    const starts = async () =>
      Promise.all(tasks.map(async (t) => (await getTask(db, system, t.id)).earlyStart)).then((s) => s.sort());
    expect(await starts()).toEqual(['2027-01-04T08:00:00', '2027-01-06T08:00:00', '2027-01-08T08:00:00']);
    await expect(applyLevelingRun(db, system, run.id)).rejects.toMatchObject({ status: 409 });
    const undone = await undoLevelingRun(db, system, run.id);
    expect(undone.status).toBe('undone');
    expect(await starts()).toEqual(['2027-01-04T08:00:00', '2027-01-04T08:00:00', '2027-01-04T08:00:00']);
    const audit = await db.query<{ entity_type: string; action: string }>(
      `SELECT entity_type, action FROM audit_log WHERE org_id = $1 AND entity_id = $2 ORDER BY id`,
      [orgId, run.id],
    );
    expect(audit.map((a) => `${a.entity_type}:${a.action}`)).toEqual([
      'leveling_run:create',
      'leveling_run:update',
      'leveling_run:update',
    ]);
  });

  it("audits an apply and an undo once for the run, and each moved task's history names the run", async () => {
    const { project, tasks } = await contested();
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    await applyLevelingRun(db, system, run.id);
    await undoLevelingRun(db, system, run.id);
    const changed = run.result.movedTasks.filter((t) => t.levelingDelayMinutes !== 0);
    expect(changed.length).toBe(2);
    const taskEntries = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND entity_type = 'task' AND entity_id = ANY($2::uuid[])
         AND action = 'update'`,
      [orgId, tasks.map((t) => t.id)],
    );
    expect(taskEntries[0].n).toBe(0);
    const runEntries = await entityHistory(db, system, 'task', changed[0].taskId, 1, 50);
    const levelings = runEntries.items.filter((e) => e.entityType === 'leveling_run');
    expect(levelings.map((e) => [e.entityId, e.after])).toEqual([
      [run.id, { status: 'undone', changedTasks: 2 }],
      [run.id, { status: 'applied', changedTasks: 2 }],
    ]);
    expect(runEntries.items.at(-1)).toMatchObject({ entityType: 'task', action: 'create' });
    // A task the run did not move keeps its own history only.
    const still = tasks.find((t) => !changed.some((c) => c.taskId === t.id))!;
    const own = await entityHistory(db, system, 'task', still.id, 1, 50);
    expect(own.items.map((e) => e.entityType)).toEqual(['task']);
    expect(own.total).toBe(1);
  });

  it('refuses to undo when a moved task changed since the apply, and changes nothing', async () => {
    const { project } = await contested();
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    await applyLevelingRun(db, system, run.id);
    const moved = run.result.movedTasks[0];
    const task = await getTask(db, system, moved.taskId);
    await updateTask(db, system, task.id, task.version, { name: 'Pour renamed' });
    await expect(undoLevelingRun(db, system, run.id)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('changed since the leveling was applied'),
    });
    expect((await getLevelingRun(db, system, run.id)).status).toBe('applied');
    expect((await getTask(db, system, moved.taskId)).earlyStart).toBe(moved.newStart);
  });

  it('refuses to apply a preview whose tasks changed since', async () => {
    const { project } = await contested();
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    const task = await getTask(db, system, run.result.movedTasks[0].taskId);
    await updateTask(db, system, task.id, task.version, { durationMinutes: 480 });
    await expect(applyLevelingRun(db, system, run.id)).rejects.toMatchObject({ status: 409 });
    expect((await getLevelingRun(db, system, run.id)).status).toBe('preview');
  });

  it('discards a preview, which then can be neither applied nor undone', async () => {
    const { project } = await contested();
    const run = await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id });
    expect((await discardLevelingRun(db, system, run.id)).status).toBe('discarded');
    await expect(applyLevelingRun(db, system, run.id)).rejects.toMatchObject({ status: 409 });
    await expect(undoLevelingRun(db, system, run.id)).rejects.toMatchObject({ status: 409 });
  });
});
