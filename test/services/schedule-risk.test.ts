import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import { ValidationError } from '../../src/services/errors.ts';
import { createLink, createTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  getProgramRuns,
  getProjectEstimates,
  getProjectRuns,
  getSimulationRun,
  setProjectEstimates,
  simulateProgram,
  simulateProject,
} from '../../src/services/schedule-risk.ts';
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

async function chainProject(sibling?: {
  businessUnitId: string;
  portfolioId: string;
  programId: string | null;
}) {
  const project = await makeProject(
    db,
    orgId,
    sibling
      ? {
          businessUnitId: sibling.businessUnitId,
          portfolioId: sibling.portfolioId,
          programId: sibling.programId,
        }
      : {},
  );
  const a = await createTask(db, system, project.id, { name: 'Design', durationMinutes: 5 * DAY });
  const b = await createTask(db, system, project.id, { name: 'Build', durationMinutes: 10 * DAY });
  await createLink(db, system, { predecessorId: a.id, successorId: b.id, type: 'FS' });
  return { project, a, b };
}

async function addRisk(projectId: string, taskId: string, probability: number, status = 'open') {
  const riskId = uuidv7();
  const reference = Math.floor(Math.random() * 1e9);
  await db.query(
    `INSERT INTO risks (org_id, id, reference, kind, scope_type, scope_id, origin_scope_type, origin_scope_id, title,
       probability, impact_schedule, impact_cost, impact_scope, impact_quality, probability_level, impact_level, score, status)
     VALUES ($1, $2, $3, 'threat', 'project', $4, 'project', $4, 'Supplier late', $5, 3, 2, 1, 1, 3, 3, 9, $6)`,
    [orgId, riskId, reference, projectId, probability, status],
  );
  await db.query(
    `INSERT INTO risk_tasks (org_id, risk_id, task_id, impact_optimistic_minutes, impact_likely_minutes, impact_pessimistic_minutes)
     VALUES ($1, $2, $3, $4, $4, $4)`,
    [orgId, riskId, taskId, 5 * DAY],
  );
}

describe('schedule risk estimates', () => {
  it('sets, replaces and removes estimates all at once, with audit entries', async () => {
    const { project, a, b } = await chainProject();
    const set = await setProjectEstimates(db, system, project.id, {
      estimates: [
        {
          taskId: a.id,
          distribution: 'triangular',
          optimisticMinutes: 4 * DAY,
          likelyMinutes: 5 * DAY,
          pessimisticMinutes: 8 * DAY,
        },
        { taskId: b.id, optimisticMinutes: 8 * DAY, likelyMinutes: 10 * DAY, pessimisticMinutes: 15 * DAY },
      ],
    });
    expect(set.items.map((e) => [e.taskName, e.distribution, e.version])).toEqual([
      ['Design', 'triangular', 1],
      ['Build', 'pert', 1],
    ]);
    const replaced = await setProjectEstimates(db, system, project.id, {
      estimates: [
        {
          taskId: a.id,
          distribution: 'uniform',
          optimisticMinutes: 4 * DAY,
          likelyMinutes: 5 * DAY,
          pessimisticMinutes: 6 * DAY,
        },
      ],
      remove: [b.id],
    });
    expect(replaced.items.map((e) => [e.taskName, e.distribution, e.version])).toEqual([
      ['Design', 'uniform', 2],
    ]);
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE org_id = $1 AND entity_type = 'task_estimate' ORDER BY id`,
      [orgId],
    );
    expect(audit.map((r) => r.action)).toEqual(['create', 'create', 'update', 'delete']);
  });

  it('refuses bad estimates, naming the row, and keeps nothing', async () => {
    const { project, a, b } = await chainProject();
    const other = await chainProject();
    const bad = setProjectEstimates(db, system, project.id, {
      estimates: [
        { taskId: a.id, optimisticMinutes: 4 * DAY, likelyMinutes: 5 * DAY, pessimisticMinutes: 8 * DAY },
        { taskId: b.id, optimisticMinutes: 9 * DAY, likelyMinutes: 5 * DAY, pessimisticMinutes: 8 * DAY },
        { taskId: other.a.id, optimisticMinutes: 1, likelyMinutes: 2, pessimisticMinutes: 3 },
      ],
    });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({ errors: [{ field: 'estimates.1.optimisticMinutes' }] });
    const foreign = setProjectEstimates(db, system, project.id, {
      estimates: [{ taskId: other.a.id, optimisticMinutes: 1, likelyMinutes: 2, pessimisticMinutes: 3 }],
    });
    await expect(foreign).rejects.toMatchObject({ errors: [{ field: 'estimates.0.taskId' }] });
    expect((await getProjectEstimates(db, system, project.id)).items).toEqual([]);
  });

  it('lets a team member read estimates but not change them', async () => {
    const { project, a } = await chainProject();
    const member = await makeActor(db, orgId, 'team_member', 'project', project.id);
    expect((await getProjectEstimates(db, member, project.id)).items).toEqual([]);
    await expect(
      setProjectEstimates(db, member, project.id, {
        estimates: [{ taskId: a.id, optimisticMinutes: 1, likelyMinutes: 2, pessimisticMinutes: 3 }],
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe('schedule risk simulations', () => {
  it('simulates a project with its estimates, stores and audits the run', async () => {
    const { project, a, b } = await chainProject();
    await setProjectEstimates(db, system, project.id, {
      estimates: [
        { taskId: a.id, optimisticMinutes: 5 * DAY, likelyMinutes: 5 * DAY, pessimisticMinutes: 5 * DAY },
        {
          taskId: b.id,
          distribution: 'uniform',
          optimisticMinutes: 10 * DAY,
          likelyMinutes: 12 * DAY,
          pessimisticMinutes: 14 * DAY,
        },
      ],
    });
    const run = await simulateProject(db, system, project.id, {
      iterations: 500,
      seed: 3,
      targetDate: '2027-01-29',
      defaultSpread: null,
    });
    const result = run.result as {
      finish: { deterministic: { iso: string; probability: number }; target: { probability: number } };
      tasks: { taskId: string; criticality: number }[];
    };
    // Design 5 days from Monday 2027-01-04, Build 10: Friday 2027-01-22 as planned
    expect(result.finish.deterministic.iso).toBe('2027-01-22T17:00:00');
    // Build takes at least 10 days, so the plan is the best case; the 29th allows 15 days in all
    expect(result.finish.deterministic.probability).toBeLessThan(0.01);
    expect(result.finish.target.probability).toBe(1);
    expect(result.tasks.every((t) => t.criticality === 1)).toBe(true);
    expect(run.p50Finish > '2027-01-22').toBe(true);
    const runs = await getProjectRuns(db, system, project.id);
    expect(runs.items.map((r) => r.id)).toEqual([run.id]);
    expect((await getSimulationRun(db, system, run.id)).result).toEqual(run.result);
    const audit = await db.query(
      `SELECT 1 FROM audit_log WHERE org_id = $1 AND entity_type = 'schedule_simulation' AND entity_id = $2`,
      [orgId, run.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('feeds the open risks of the register in as risk events', async () => {
    const { project, b } = await chainProject();
    await addRisk(project.id, b.id, 1);
    await addRisk(project.id, b.id, 1, 'closed');
    const run = await simulateProject(db, system, project.id, {
      iterations: 50,
      defaultSpread: { distribution: 'pert', optimisticPercent: 0, pessimisticPercent: 0 },
    });
    const result = run.result as { riskEvents: number; finish: { min: { iso: string } } };
    expect(result.riskEvents).toBe(1);
    // the open risk always adds five days to Build; the closed one nothing
    expect(result.finish.min.iso).toBe('2027-01-29T17:00:00');
  });

  it('simulates a program over all its projects and their cross-project links', async () => {
    const first = await chainProject();
    const second = await chainProject(first.project);
    await createLink(db, system, { predecessorId: first.b.id, successorId: second.b.id, type: 'FS' });
    const run = await simulateProgram(db, system, first.project.programId!, { iterations: 200 });
    const result = run.result as { projects: { id: string }[]; finish: { deterministic: { iso: string } } };
    expect(result.projects.map((p) => p.id).sort()).toEqual([first.project.id, second.project.id].sort());
    // second's Build waits for first's Build: 15 + 10 days
    expect(result.finish.deterministic.iso).toBe('2027-02-05T17:00:00');
    expect((await getProgramRuns(db, system, first.project.programId!)).items).toHaveLength(1);
  });

  it('refuses a simulation without estimates or spread, and of a plan without tasks', async () => {
    const { project } = await chainProject();
    await expect(simulateProject(db, system, project.id, { defaultSpread: null })).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'estimates' }],
    });
    const empty = await makeProject(db, orgId);
    await expect(simulateProject(db, system, empty.id, {})).rejects.toMatchObject({ status: 400 });
    await expect(simulateProject(db, system, project.id, { iterations: 0 })).rejects.toMatchObject({
      errors: [{ field: 'iterations' }],
    });
  });

  it('refuses a team member a simulation', async () => {
    const { project } = await chainProject();
    const member = await makeActor(db, orgId, 'team_member', 'project', project.id);
    await expect(simulateProject(db, member, project.id, {})).rejects.toMatchObject({ status: 403 });
    expect((await getProjectRuns(db, member, project.id)).items).toEqual([]);
  });
});
