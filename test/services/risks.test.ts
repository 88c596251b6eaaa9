import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { ServiceError } from '../../src/services/errors.ts';
import {
  createEscalationRule,
  escalateIssue,
  escalateRisk,
  escalationHistory,
  escalationInbox,
  runEscalationRules,
} from '../../src/services/escalation.ts';
import { entityHistory } from '../../src/services/history.ts';
import { createIssue, listIssues } from '../../src/services/issues.ts';
import { listMyNotifications, markRead } from '../../src/services/notifications.ts';
import { createTask } from '../../src/services/planning.ts';
import { createProject } from '../../src/services/projects.ts';
import { createRiskAction, updateRiskAction } from '../../src/services/risk-actions.ts';
import { getRiskMatrix, updateRiskMatrix } from '../../src/services/risk-matrix.ts';
import {
  createRisk,
  getRisk,
  getRiskTasks,
  listRisks,
  riskHeatMap,
  setRiskTasks,
  updateRisk,
} from '../../src/services/risks.ts';
import { createBusinessUnit, createPortfolio, createProgram } from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

async function refusal(
  call: () => Promise<unknown>,
): Promise<{ status: number; fields: string[]; message: string }> {
  const error = await Promise.resolve()
    .then(call)
    .then(
      () => new Error('expected the call to be refused'),
      (e: unknown) => e,
    );
  if (!(error instanceof ServiceError)) throw error;
  return { status: error.status, fields: error.errors.map((e) => e.field), message: error.message };
}

const threat = (projectId: string, extra: Record<string, unknown> = {}) => ({
  scopeType: 'project',
  scopeId: projectId,
  title: 'Supplier delivers late',
  cause: 'Single source',
  event: 'Parts arrive late',
  effect: 'Assembly slips',
  probability: 0.45,
  impactSchedule: 4,
  impactCost: 2,
  impactScope: 1,
  impactQuality: 1,
  strategy: 'mitigate',
  ...extra,
});

describe('the risk register', () => {
  it('scores a risk on the default 5×5 matrix: probability level × worst impact', async () => {
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const risk = await createRisk(
      db,
      system,
      threat(project.id, { residualProbability: 0.15, residualImpactSchedule: 2 }),
    );
    expect(risk).toMatchObject({
      reference: 1,
      probabilityLevel: 3,
      impactLevel: 4,
      score: 12,
      band: 'amber',
      residualProbabilityLevel: 2,
      residualImpactLevel: 2,
      residualScore: 4,
      projectIds: [project.id],
      scopeName: `${project.code} ${project.name}`,
    });
    const matrix = await getRiskMatrix(db, system);
    expect(matrix.probabilityLevels.map((l) => l.upTo)).toEqual([0.1, 0.3, 0.5, 0.7, 1]);
  });

  it('names every bad field and writes nothing', async () => {
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    expect(
      await refusal(() => createRisk(db, system, threat(project.id, { probability: 1.5 }))),
    ).toMatchObject({
      status: 400,
      fields: ['probability'],
    });
    expect(await refusal(() => createRisk(db, system, threat(project.id, { impactCost: 6 })))).toMatchObject({
      status: 400,
      fields: ['impactCost'],
    });
    expect(
      await refusal(() =>
        createRisk(db, system, threat(project.id, { kind: 'opportunity', strategy: 'avoid' })),
      ),
    ).toMatchObject({ status: 400, fields: ['strategy'] });
    expect(
      await refusal(() => createRisk(db, system, threat(project.id, { residualImpactCost: 2 }))),
    ).toMatchObject({ status: 400, fields: ['residualProbability'] });
    expect(await refusal(() => createRisk(db, system, threat(project.id, { scopeId: null })))).toMatchObject({
      fields: ['scopeId'],
    });
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM risks WHERE org_id = $1', [
      orgId,
    ]);
    expect(count[0].n).toBe(0);
  });

  it('shares a risk across projects: each project team sees it, others do not', async () => {
    const { orgId, system } = await makeOrganization(db);
    const a = await makeProject(db, orgId);
    const b = await makeProject(db, orgId);
    const c = await makeProject(db, orgId);
    const risk = await createRisk(db, system, threat(a.id, { projectIds: [b.id] }));
    const memberB = await makeActor(db, orgId, 'team_member', 'project', b.id);
    const memberC = await makeActor(db, orgId, 'team_member', 'project', c.id);
    expect(
      (await listRisks(db, memberB, { page: 1, pageSize: 50, order: 'asc' })).items.map((r) => r.id),
    ).toEqual([risk.id]);
    expect((await listRisks(db, memberC, { page: 1, pageSize: 50, order: 'asc' })).total).toBe(0);
    expect(await refusal(() => getRisk(db, memberC, risk.id))).toMatchObject({ status: 403 });
    // A team member reads but may not write.
    expect(await refusal(() => updateRisk(db, memberB, risk.id, 1, { probability: 0.9 }))).toMatchObject({
      status: 403,
    });
    const managerC = await makeActor(db, orgId, 'project_manager', 'project', c.id);
    expect(await refusal(() => createRisk(db, managerC, threat(a.id)))).toMatchObject({ status: 403 });
  });

  it('re-scores on update, keeps the full history and lists by heat-map cell', async () => {
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const risk = await createRisk(db, system, threat(project.id));
    const updated = await updateRisk(db, system, risk.id, risk.version, { probability: 0.8, impactCost: 5 });
    expect(updated).toMatchObject({ probabilityLevel: 5, impactLevel: 5, score: 25, band: 'red' });
    const history = await entityHistory(db, system, 'risk', risk.id, 1, 50);
    expect(history.items.map((e) => e.action)).toEqual(['update', 'create']);
    const map = await riskHeatMap(db, system, { projectId: project.id });
    expect(map.cells[4][4]).toEqual({ count: 1, score: 25, band: 'red' });
    expect(map.total).toBe(1);
    const cell = await listRisks(db, system, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      probabilityLevel: 5,
      impactLevel: 5,
    });
    expect(cell.items.map((r) => r.id)).toEqual([risk.id]);
  });

  it("records the quantified impact on tasks of the risk's projects only", async () => {
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const other = await makeProject(db, orgId);
    const task = await createTask(db, system, project.id, { name: 'Assemble', durationMinutes: 4800 });
    const stranger = await createTask(db, system, other.id, { name: 'Elsewhere', durationMinutes: 480 });
    const risk = await createRisk(db, system, threat(project.id));
    const tasks = await setRiskTasks(db, system, risk.id, {
      tasks: [
        {
          taskId: task.id,
          impactOptimisticMinutes: 480,
          impactLikelyMinutes: 960,
          impactPessimisticMinutes: 2400,
        },
      ],
    });
    expect(tasks).toMatchObject([{ taskId: task.id, taskName: 'Assemble', impactLikelyMinutes: 960 }]);
    expect(
      await refusal(() =>
        setRiskTasks(db, system, risk.id, {
          tasks: [
            {
              taskId: stranger.id,
              impactOptimisticMinutes: 0,
              impactLikelyMinutes: 1,
              impactPessimisticMinutes: 2,
            },
            {
              taskId: task.id,
              impactOptimisticMinutes: 10,
              impactLikelyMinutes: 5,
              impactPessimisticMinutes: 20,
            },
          ],
        }),
      ),
    ).toMatchObject({ status: 400, fields: ['tasks.1.impactOptimisticMinutes'] });
    expect(
      await refusal(() =>
        setRiskTasks(db, system, risk.id, {
          tasks: [
            {
              taskId: stranger.id,
              impactOptimisticMinutes: 0,
              impactLikelyMinutes: 1,
              impactPessimisticMinutes: 2,
            },
          ],
        }),
      ),
    ).toMatchObject({ status: 400, fields: ['tasks.0.taskId'] });
    expect(await getRiskTasks(db, system, risk.id)).toHaveLength(1);
  });

  it('refuses a matrix change that would orphan impacts, and re-scores on a valid one', async () => {
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const risk = await createRisk(db, system, threat(project.id));
    const matrix = await getRiskMatrix(db, system);
    const three = {
      probabilityLevels: matrix.probabilityLevels
        .slice(0, 3)
        .map((l, i) => ({ ...l, upTo: [0.2, 0.6, 1][i] })),
      impactLevels: matrix.impactLevels.slice(0, 3),
      scores: [
        [1, 2, 3],
        [2, 4, 6],
        [3, 6, 9],
      ],
      bands: [
        ['green', 'green', 'amber'],
        ['green', 'amber', 'red'],
        ['amber', 'red', 'red'],
      ],
    };
    expect(await refusal(() => updateRiskMatrix(db, system, matrix.version, three))).toMatchObject({
      status: 400,
      fields: ['impactLevels'],
    });
    expect(
      await refusal(() => updateRiskMatrix(db, system, matrix.version, { ...three, scores: [[1, 2, 3]] })),
    ).toMatchObject({ status: 400, fields: ['scores'] });
    await updateRisk(db, system, risk.id, risk.version, { impactSchedule: 3 });
    await updateRiskMatrix(db, system, matrix.version, three);
    expect(await getRisk(db, system, risk.id)).toMatchObject({
      probabilityLevel: 2,
      impactLevel: 3,
      score: 6,
      band: 'red',
    });
    const manager = await makeActor(db, orgId, 'portfolio_manager', 'portfolio', project.portfolioId);
    expect(await refusal(() => updateRiskMatrix(db, manager, 2, three))).toMatchObject({ status: 403 });
  });
});

describe('escalation', () => {
  it('climbs project → program → the unit PMO → the organization, and no further', async () => {
    const { orgId, system } = await makeOrganization(db);
    const parent = await createBusinessUnit(db, system, { name: 'Group', code: 'G', pmoMode: 'centralized' });
    const unit = await createBusinessUnit(db, system, {
      name: 'Unit',
      code: 'UX',
      parentId: parent.id,
      pmoMode: 'decentralized',
    });
    const portfolio = await createPortfolio(db, system, { name: 'Pf', businessUnitId: unit.id });
    const program = await createProgram(db, system, { name: 'Pg', portfolioId: portfolio.id });
    const project = await createProject(db, system, {
      code: 'E-1',
      name: 'Escalating',
      businessUnitId: unit.id,
      portfolioId: portfolio.id,
      programId: program.id,
    });
    const pm = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    const programManager = await makeActor(db, orgId, 'program_manager', 'program', program.id);
    const risk = await createRisk(db, pm, threat(project.id, { ownerId: pm.userId }));
    // The project manager may not escalate what is now the program's.
    const atProgram = await escalateRisk(db, pm, risk.id, { reason: 'beyond the project reserve' });
    expect(atProgram).toMatchObject({
      scopeType: 'program',
      scopeId: program.id,
      originScopeType: 'project',
      escalationLevel: 1,
    });
    expect(await refusal(() => escalateRisk(db, pm, risk.id, { reason: 'again' }))).toMatchObject({
      status: 403,
    });
    const programRegister = await listRisks(db, programManager, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      scopeType: 'program',
      scopeId: program.id,
    });
    expect(programRegister.items[0]).toMatchObject({ id: risk.id, originScopeName: 'E-1 Escalating' });
    expect((await escalationInbox(db, programManager)).map((i) => i.id)).toEqual([risk.id]);
    expect(await escalationInbox(db, pm)).toEqual([]);
    const notices = await listMyNotifications(db, programManager, { page: 1, pageSize: 50 });
    expect(notices.items.map((n) => n.kind)).toEqual(['escalation']);
    expect(await markRead(db, programManager, notices.items[0].id)).toEqual({ marked: 1 });

    const atUnit = await escalateRisk(db, programManager, risk.id, { reason: 'needs the PMO' });
    expect(atUnit).toMatchObject({ scopeType: 'business_unit', scopeId: unit.id });
    const atOrg = await escalateRisk(db, system, risk.id, { reason: 'enterprise' });
    expect(atOrg).toMatchObject({ scopeType: 'organization', scopeId: null, escalationLevel: 3 });
    const beyond = await refusal(() => escalateRisk(db, system, risk.id, { reason: 'higher' }));
    expect(beyond).toMatchObject({ status: 400, fields: ['scopeType'] });
    expect(beyond.message).toContain('top level');
    expect(await refusal(() => escalateRisk(db, system, risk.id, { reason: '' }))).toMatchObject({
      fields: ['reason'],
    });
    const history = await escalationHistory(db, system, 'risk', risk.id);
    expect(history.map((e) => [e.fromScopeType, e.toScopeType])).toEqual([
      ['project', 'program'],
      ['program', 'business_unit'],
      ['business_unit', 'organization'],
    ]);
    // The project team still sees the risk it raised.
    const member = await makeActor(db, orgId, 'team_member', 'project', project.id);
    expect((await getRisk(db, member, risk.id)).id).toBe(risk.id);
  });

  it('goes from a project without a program to its portfolio, then to the organization when centralized', async () => {
    const { orgId, system } = await makeOrganization(db);
    const unit = await createBusinessUnit(db, system, {
      name: 'Central',
      code: 'CE',
      pmoMode: 'centralized',
    });
    const project = await makeProject(db, orgId, { programId: null, businessUnitId: unit.id });
    const risk = await createRisk(db, system, threat(project.id));
    expect(await escalateRisk(db, system, risk.id, { reason: 'r' })).toMatchObject({
      scopeType: 'portfolio',
      scopeId: project.portfolioId,
    });
    expect(await escalateRisk(db, system, risk.id, { reason: 'r' })).toMatchObject({
      scopeType: 'organization',
    });
  });

  it('escalates by rule on write (score) and by the sweep (overdue action), once per rule', async () => {
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const owner = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    await createEscalationRule(db, system, {
      name: 'Red goes up',
      kind: 'score_at_least',
      minScore: 20,
      fromLevel: 'project',
    });
    await createEscalationRule(db, system, { name: 'Late actions', kind: 'action_overdue', overdueDays: 3 });
    const calm = await createRisk(db, system, threat(project.id));
    expect(calm.scopeType).toBe('project');
    const hot = await updateRisk(db, system, calm.id, calm.version, { probability: 0.9, impactCost: 5 });
    expect(hot).toMatchObject({ scopeType: 'program', escalationLevel: 1 });
    const [auto] = await escalationHistory(db, system, 'risk', calm.id);
    expect(auto).toMatchObject({ automatic: true, fromScopeType: 'project' });
    expect(auto.reason).toContain('score 25');

    const other = await createRisk(db, system, threat(project.id));
    const action = await createRiskAction(db, system, other.id, {
      title: 'Second source',
      ownerId: owner.userId,
      dueDate: '2026-01-10',
    });
    expect(action.overdue).toBe(true);
    // Created today: already more than 3 days late, so the write itself escalated it.
    expect((await getRisk(db, system, other.id)).scopeType).toBe('program');
    const sweep = await runEscalationRules(db, orgId, new Date('2026-02-01T00:00:00Z'));
    expect(sweep).toEqual({ escalated: 0, overdueNotified: 1 });
    const again = await runEscalationRules(db, orgId, new Date('2026-02-02T00:00:00Z'));
    expect(again).toEqual({ escalated: 0, overdueNotified: 0 });
    const kinds = (await listMyNotifications(db, owner, { page: 1, pageSize: 50 })).items
      .map((n) => n.kind)
      .sort();
    expect(kinds).toEqual(['action_overdue', 'assignment']);
    const done = await updateRiskAction(db, system, action.id, action.version, { status: 'done' });
    expect(done.doneDate).not.toBeNull();
  });

  it('escalates issues the same way and links the risk that occurred', async () => {
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const risk = await createRisk(db, system, threat(project.id));
    const issue = await createIssue(db, system, {
      scopeType: 'project',
      scopeId: project.id,
      title: 'Parts are late',
      priority: 'high',
      riskId: risk.id,
    });
    expect(issue).toMatchObject({ reference: 1, riskTitle: risk.title });
    expect((await getRisk(db, system, risk.id)).status).toBe('occurred');
    expect(await escalateIssue(db, system, issue.id, { reason: 'needs the program' })).toMatchObject({
      scopeType: 'program',
    });
    const listed = await listIssues(db, system, {
      page: 1,
      pageSize: 10,
      order: 'asc',
      projectId: project.id,
    });
    expect(listed.items.map((i) => i.id)).toEqual([issue.id]);
    const viewer = await makeActor(db, orgId, 'team_member', 'project', (await makeProject(db, orgId)).id);
    expect((await listIssues(db, viewer, { page: 1, pageSize: 10, order: 'asc' })).total).toBe(0);
  });
});

describe('the demo register', () => {
  it('seeds shared, escalated and occurred risks, issues and an overdue action', async () => {
    const { seedDemo } = await import('../../src/services/demo-seed.ts');
    const { orgId } = await seedDemo(db);
    const counts = await db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM risks WHERE org_id = $1) AS risks,
         (SELECT count(*)::int FROM risks WHERE org_id = $1 AND escalation_level > 0) AS escalated,
         (SELECT count(*)::int FROM (SELECT risk_id FROM risk_projects WHERE org_id = $1 GROUP BY risk_id HAVING count(*) > 1) s) AS shared,
         (SELECT count(*)::int FROM issues WHERE org_id = $1) AS issues,
         (SELECT count(*)::int FROM risk_actions WHERE org_id = $1 AND due_date < current_date AND status <> 'done') AS overdue`,
      [orgId],
    );
    expect(counts[0]).toMatchObject({ risks: 26, escalated: 3, shared: 4, issues: 5 });
    expect(counts[0].overdue).toBeGreaterThan(0);
    // A full demo seed: half a minute alone, several times that on a busy two-core machine.
  }, 300_000);
});

describe('the escalation sweep', () => {
  it('runs on an interval and stops cleanly, waiting for a run in flight', async () => {
    const { startEscalationSweep } = await import('../../src/services/escalation.ts');
    const errors: unknown[] = [];
    const sweep = startEscalationSweep(db, 20, (error) => errors.push(error));
    await new Promise((resolve) => setTimeout(resolve, 120));
    await sweep.stop();
    expect(errors).toEqual([]);
  });

  it('tells an action owner again when a moved due date passes', async () => {
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const owner = await makeActor(db, orgId, 'team_member', 'project', project.id);
    const risk = await createRisk(db, system, threat(project.id));
    const action = await createRiskAction(db, system, risk.id, {
      title: 'Test the fallback',
      ownerId: owner.userId,
      dueDate: '2026-03-01',
    });
    expect((await runEscalationRules(db, orgId, new Date('2026-03-05T00:00:00Z'))).overdueNotified).toBe(1);
    await updateRiskAction(db, system, action.id, action.version, { dueDate: '2026-04-01' });
    expect((await runEscalationRules(db, orgId, new Date('2026-03-10T00:00:00Z'))).overdueNotified).toBe(0);
    expect((await runEscalationRules(db, orgId, new Date('2026-04-03T00:00:00Z'))).overdueNotified).toBe(1);
  });
});

describe('the risk breakdown structure', () => {
  it('keeps a category that risks or sub-categories use', async () => {
    const { deleteRiskCategory, updateRiskCategory } = await import('../../src/services/risks.ts');
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const { createRiskCategory } = await import('../../src/services/risks.ts');
    const technical = await createRiskCategory(db, system, { code: 'TEC', name: 'Technical' });
    const child = await createRiskCategory(db, system, {
      code: 'TEC.INT',
      name: 'Integration',
      parentId: technical.id,
    });
    await createRisk(db, system, threat(project.id, { categoryId: child.id }));
    expect(await refusal(() => deleteRiskCategory(db, system, technical.id, 1))).toMatchObject({
      status: 409,
    });
    expect(await refusal(() => deleteRiskCategory(db, system, child.id, 1))).toMatchObject({ status: 409 });
    expect(
      await refusal(() => updateRiskCategory(db, system, child.id, 1, { parentId: child.id })),
    ).toMatchObject({
      status: 400,
      fields: ['parentId'],
    });
    expect((await updateRiskCategory(db, system, child.id, 1, { name: 'Interfaces' })).name).toBe(
      'Interfaces',
    );
  });
});
