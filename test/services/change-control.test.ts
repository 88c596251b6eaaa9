import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import {
  createChangeRequest,
  decideChangeRequest,
  getChangeRequest,
  listChangeDecisions,
  listChangeRequests,
  recomputeImpact,
  setChangeAuthorities,
  startReview,
  updateChangeRequest,
} from '../../src/services/change-control.ts';
import {
  createLink,
  createTask,
  getProjectSchedule,
  getTask,
  updateTask,
} from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { getProject, updateProject } from '../../src/services/projects.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

const DAY = 480;

/** Two projects of one program, A's design feeding B's build across the projects. */
async function linkedPair() {
  const a = await makeProject(db, orgId);
  const b = await makeProject(db, orgId, {
    businessUnitId: a.businessUnitId,
    portfolioId: a.portfolioId,
    programId: a.programId,
  });
  const design = await createTask(db, system, a.id, { name: 'Design', durationMinutes: 2 * DAY });
  const build = await createTask(db, system, b.id, { name: 'Build', durationMinutes: DAY });
  await createLink(db, system, { predecessorId: design.id, successorId: build.id });
  const programManager = await makeActor(db, orgId, 'program_manager', 'program', a.programId);
  const projectManager = await makeActor(db, orgId, 'project_manager', 'project', a.id);
  return { a, b, design, build, programManager, projectManager };
}

const slipDesign = (taskId: string, days = 5) => ({
  title: 'Design needs longer',
  reason: 'Vendor API late',
  costImpact: 12_000,
  operations: [{ op: 'update_task', taskId, changes: { durationMinutes: days * DAY } }],
});

async function auditActions(entityId: string) {
  return (
    await db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE org_id = $1 AND entity_id = $2 ORDER BY at, id',
      [orgId, entityId],
    )
  ).map((row) => row.action);
}

describe('change control', () => {
  it('computes the impact through a cross-project link: a slip in A shows as a delta in B', async () => {
    const { a, b, design, build, projectManager } = await linkedPair();
    const request = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      slipDesign(design.id),
    );
    expect(request.number).toBeGreaterThan(0);
    expect(request.status).toBe('submitted');
    const impact = request.impact!;
    const ofProject = (id: string) => impact.projects.find((p) => p.projectId === id)!;
    expect(ofProject(a.id)).toMatchObject({
      oldFinish: '2027-01-05T17:00:00',
      newFinish: '2027-01-08T17:00:00',
      deltaWorkingDays: 3,
      deltaCalendarDays: 3,
    });
    expect(ofProject(b.id)).toMatchObject({
      oldFinish: '2027-01-06T17:00:00',
      newFinish: '2027-01-11T17:00:00',
      deltaWorkingDays: 3,
      deltaCalendarDays: 5,
    });
    expect(impact.tasks.find((t) => t.taskId === build.id)).toMatchObject({
      change: 'moved',
      oldStart: '2027-01-06T08:00:00',
      newStart: '2027-01-11T08:00:00',
    });
    expect(impact.cost).toMatchObject({ entered: 12_000, derived: null, total: 12_000 });
    // Nothing of the plan changed.
    expect((await getTask(db, system, design.id)).durationMinutes).toBe(2 * DAY);
    // Editing the operations recomputes the impact.
    const edited = await updateChangeRequest(db, projectManager, request.id, request.version, {
      operations: slipDesign(design.id, 3).operations,
    });
    expect(edited.impact!.projects.find((p) => p.projectId === b.id)!.deltaWorkingDays).toBe(1);
    // The plan moves on (design grows to three days outside the request): recomputing sees today's plan.
    await updateTask(db, system, design.id, (await getTask(db, system, design.id)).version, {
      durationMinutes: 3 * DAY,
    });
    const recomputed = await recomputeImpact(db, projectManager, request.id);
    expect(recomputed.version).toBe(edited.version);
    expect(recomputed.impact!.projects.find((p) => p.projectId === a.id)).toMatchObject({
      oldFinish: '2027-01-06T17:00:00',
      deltaWorkingDays: 0,
    });
  });

  it('derives the cost delta from the assignments of resized and deleted tasks', async () => {
    const { a, design, projectManager } = await linkedPair();
    const test = await createTask(db, system, a.id, { name: 'Test', durationMinutes: DAY });
    const resourceId = uuidv7();
    await db.query(
      `INSERT INTO resources (org_id, id, code, name, kind) VALUES ($1, $2, $3, 'Engineer', 'person')`,
      [orgId, resourceId, `R-${resourceId.slice(-8)}`],
    );
    await db.query(
      `INSERT INTO resource_rates (org_id, id, resource_id, effective_from, standard_rate, per_use_cost)
       VALUES ($1, $2, $3, '2020-01-01', 100, 50)`,
      [orgId, uuidv7(), resourceId],
    );
    // Two days of work at 100 an hour plus 50 per use; one day on the task the change deletes.
    for (const [taskId, work, cost] of [
      [design.id, 2 * DAY, 1650],
      [test.id, DAY, 850],
    ] as const)
      await db.query(
        `INSERT INTO assignments (org_id, id, task_id, project_id, resource_id, units, work_minutes, cost)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7)`,
        [orgId, uuidv7(), taskId, a.id, resourceId, work, cost],
      );
    const request = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      {
        ...slipDesign(design.id),
        operations: [...slipDesign(design.id).operations, { op: 'delete_task', taskId: test.id }],
      },
    );
    // Design grows from 2 to 5 days: its 1,600 of work becomes 4,000 (+2,400); Test's 850 goes.
    expect(request.impact!.cost).toMatchObject({ entered: 12_000, derived: 1550, total: 13_550 });
  });

  it('refuses a change request on a closed project, naming it, and writes nothing', async () => {
    const { a, design, projectManager } = await linkedPair();
    const project = await getProject(db, system, a.id);
    await updateProject(db, system, a.id, project.version, { stage: 'closed' });
    await expect(
      createChangeRequest(db, projectManager, { type: 'project', id: a.id }, slipDesign(design.id)),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(`project "${a.code} ${a.name}" is closed`),
    });
    const page = await listChangeRequests(db, system, { type: 'project', id: a.id }, 1, 50);
    expect(page.total).toBe(0);
  });

  it('names unknown tasks and cycles in the operations', async () => {
    const { a, design, build, projectManager } = await linkedPair();
    const scope = { type: 'project' as const, id: a.id };
    await expect(
      createChangeRequest(db, projectManager, scope, slipDesign('01900000-0000-7000-8000-000000000000')),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'operations.0.taskId' }] });
    await expect(
      createChangeRequest(db, projectManager, scope, {
        title: 'Loop',
        operations: [{ op: 'add_link', predecessorId: build.id, successorId: design.id }],
      }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'operations', message: expect.stringMatching(/cannot be scheduled.*cycle/i) }],
    });
  });

  it("refuses operations on another organization's task or on a closed project's task", async () => {
    const { a, b, design, programManager } = await linkedPair();
    const other = await makeOrganization(db);
    const foreignProject = await makeProject(db, other.orgId);
    const foreign = await createTask(db, other.system, foreignProject.id, {
      name: 'Foreign',
      durationMinutes: DAY,
    });
    await expect(
      createChangeRequest(db, programManager, { type: 'program', id: a.programId! }, slipDesign(foreign.id)),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'operations.0.taskId', message: 'no such task in this organization' }],
    });
    const closed = await getProject(db, system, b.id);
    await updateProject(db, system, b.id, closed.version, { stage: 'terminated' });
    const [build] = (
      await db.query<{ id: string }>('SELECT id FROM tasks WHERE project_id = $1', [b.id])
    ).map((row) => row.id);
    await expect(
      createChangeRequest(
        db,
        programManager,
        { type: 'program', id: a.programId! },
        {
          title: 'Touch a terminated project',
          operations: [{ op: 'update_task', taskId: build, changes: { durationMinutes: DAY * 2 } }],
        },
      ),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'operations.0.taskId', message: expect.stringContaining('which is terminated') }],
    });
    // A program change on the live project is still accepted.
    const fine = await createChangeRequest(
      db,
      programManager,
      { type: 'program', id: a.programId! },
      slipDesign(design.id),
    );
    expect(fine.scopeType).toBe('program');
  });

  it('rolls the decision log up to the portfolio and the organization, within what the reader sees', async () => {
    const { a, design, projectManager } = await linkedPair();
    const elsewhere = await linkedPair();
    const mine = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      slipDesign(design.id),
    );
    const theirs = await createChangeRequest(
      db,
      elsewhere.projectManager,
      { type: 'project', id: elsewhere.a.id },
      slipDesign(elsewhere.design.id),
    );
    const portfolio = await listChangeDecisions(db, system, { type: 'portfolio', id: a.portfolioId }, 500);
    expect(portfolio.map((d) => d.changeRequestId)).toContain(mine.id);
    expect(portfolio.map((d) => d.changeRequestId)).not.toContain(theirs.id);
    const seenByManager = await listChangeDecisions(db, projectManager, { type: 'organization' }, 500);
    expect(seenByManager.map((d) => d.changeRequestId)).toContain(mine.id);
    expect(seenByManager.map((d) => d.changeRequestId)).not.toContain(theirs.id);
  });

  it('applies an approved change to the plan in one transaction, audits it and logs every decision', async () => {
    const { a, b, design, programManager, projectManager } = await linkedPair();
    const request = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      slipDesign(design.id),
    );
    expect(request.allowed).toEqual({ edit: true, review: false, decide: false, recompute: true });
    await expect(startReview(db, projectManager, request.id, {})).rejects.toMatchObject({ status: 403 });
    const reviewed = await startReview(db, programManager, request.id, { note: 'Board meeting 12' });
    expect(reviewed.status).toBe('under_review');
    expect(reviewed.allowed.decide).toBe(true);
    const approved = await decideChangeRequest(db, programManager, request.id, {
      decision: 'approve',
      note: 'Accepted',
    });
    expect(approved.status).toBe('approved');
    expect(approved.appliedAt).not.toBeNull();
    expect(approved.decidedBy).toBe(programManager.userId);
    expect((await getTask(db, system, design.id)).durationMinutes).toBe(5 * DAY);
    expect((await getProjectSchedule(db, system, b.id)).computedFinish).toBe('2027-01-11T17:00:00');
    expect(await auditActions(design.id)).toEqual(['create', 'update']);
    expect(await auditActions(request.id)).toEqual(['create', 'update', 'update']);
    expect(approved.decisions.map((d) => [d.fromStatus, d.toStatus, d.note])).toEqual([
      [null, 'submitted', 'Vendor API late'],
      ['submitted', 'under_review', 'Board meeting 12'],
      ['under_review', 'approved', 'Accepted'],
    ]);
    const programLog = await listChangeDecisions(db, system, { type: 'program', id: a.programId! }, 100);
    expect(programLog.filter((d) => d.changeRequestId === request.id)).toHaveLength(3);
    await expect(
      updateChangeRequest(db, projectManager, request.id, approved.version, { title: 'Too late' }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('applies every kind of operation: add, delete and change tasks and links', async () => {
    const { a, b, design, build, programManager, projectManager } = await linkedPair();
    const spare = await createTask(db, system, a.id, { name: 'Spare', durationMinutes: DAY });
    const review = '01900000-0000-7000-8000-0000000000aa';
    const request = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      {
        title: 'Rework',
        operations: [
          { op: 'add_task', taskId: review, projectId: a.id, name: 'Design review', durationMinutes: DAY },
          { op: 'add_link', predecessorId: design.id, successorId: review },
          { op: 'update_link', predecessorId: design.id, successorId: build.id, lagMinutes: 2 * DAY },
          { op: 'delete_task', taskId: spare.id },
        ],
      },
    );
    // The two-day lag on the cross-project link's upstream pushes B by two days.
    expect(request.impact!.projects.find((p) => p.projectId === b.id)!.deltaWorkingDays).toBe(2);
    expect(request.impact!.tasks.map((t) => [t.name, t.change])).toEqual(
      expect.arrayContaining([
        ['Design review', 'added'],
        ['Spare', 'removed'],
      ]),
    );
    await startReview(db, programManager, request.id, {});
    await decideChangeRequest(db, programManager, request.id, { decision: 'approve' });
    expect((await getTask(db, system, review)).name).toBe('Design review');
    await expect(getTask(db, system, spare.id)).rejects.toMatchObject({ status: 404 });
    expect((await getProjectSchedule(db, system, b.id)).computedFinish).toBe('2027-01-08T17:00:00');
    const unlink = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      {
        title: 'Unlink',
        operations: [{ op: 'remove_link', predecessorId: design.id, successorId: build.id }],
      },
    );
    expect(unlink.impact!.projects.find((p) => p.projectId === b.id)!.deltaWorkingDays).toBe(-4);
    await expect(
      createChangeRequest(
        db,
        projectManager,
        { type: 'project', id: a.id },
        {
          title: 'Unlink what is not linked',
          operations: [{ op: 'remove_link', predecessorId: build.id, successorId: design.id }],
        },
      ),
    ).rejects.toMatchObject({
      errors: [{ field: 'operations.0.successorId', message: 'these tasks are not linked' }],
    });
  });

  it('leaves the plan untouched when a change is rejected', async () => {
    const { a, design, programManager, projectManager } = await linkedPair();
    const request = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      slipDesign(design.id),
    );
    await startReview(db, programManager, request.id, {});
    const rejected = await decideChangeRequest(db, programManager, request.id, {
      decision: 'reject',
      note: 'No budget',
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.appliedAt).toBeNull();
    expect((await getTask(db, system, design.id)).durationMinutes).toBe(2 * DAY);
    expect(await auditActions(design.id)).toEqual(['create']);
  });

  it('rolls everything back when applying fails part-way, and keeps the request under review with the error', async () => {
    const { a, design, programManager, projectManager } = await linkedPair();
    // A project in another program: the program manager may not change its plan.
    const elsewhere = await makeProject(db, orgId);
    const outside = await createTask(db, system, elsewhere.id, { name: 'Elsewhere', durationMinutes: DAY });
    const request = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      {
        title: 'Slip and tie in',
        operations: [
          ...slipDesign(design.id).operations,
          { op: 'add_link', predecessorId: design.id, successorId: outside.id },
        ],
      },
    );
    await startReview(db, programManager, request.id, {});
    await expect(
      decideChangeRequest(db, programManager, request.id, { decision: 'approve' }),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'operations.1' }] });
    expect((await getTask(db, system, design.id)).durationMinutes).toBe(2 * DAY);
    expect(await auditActions(design.id)).toEqual(['create']);
    const after = await getChangeRequest(db, system, request.id);
    expect(after.status).toBe('under_review');
    expect(after.applyError).toMatch(/could not be applied.*permission/);
    expect(after.decisions.map((d) => d.toStatus)).toEqual(['submitted', 'under_review']);
  });

  it('lets the configured role (or a more senior one) decide, and no one below it', async () => {
    const { a, design, programManager, projectManager } = await linkedPair();
    const portfolioManager = await makeActor(db, orgId, 'portfolio_manager', 'portfolio', a.portfolioId);
    const request = await createChangeRequest(
      db,
      projectManager,
      { type: 'project', id: a.id },
      slipDesign(design.id),
    );
    await setChangeAuthorities(db, system, { project: 'portfolio_manager' });
    try {
      await expect(startReview(db, programManager, request.id, {})).rejects.toMatchObject({ status: 403 });
      await startReview(db, portfolioManager, request.id, {});
      await expect(
        decideChangeRequest(db, programManager, request.id, { decision: 'defer' }),
      ).rejects.toMatchObject({ status: 403 });
      const deferred = await decideChangeRequest(db, portfolioManager, request.id, { decision: 'defer' });
      expect(deferred.status).toBe('deferred');
    } finally {
      await setChangeAuthorities(db, system, { project: 'program_manager' });
    }
    // Program changes go to the PMO by default: a program manager may raise one but not decide it.
    const programChange = await createChangeRequest(
      db,
      programManager,
      { type: 'program', id: a.programId! },
      slipDesign(design.id, 4),
    );
    expect(programChange.scopeType).toBe('program');
    await expect(startReview(db, programManager, programChange.id, {})).rejects.toMatchObject({
      status: 403,
    });
    const pmo = await makeActor(db, orgId, 'pmo_admin');
    expect((await startReview(db, pmo, programChange.id, {})).status).toBe('under_review');
  });
});
