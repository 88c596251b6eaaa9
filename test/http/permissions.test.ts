import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { insertNotification } from '../../src/db/repositories/notifications.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import type { Role, ScopeType } from '../../src/model/access.ts';
import { createRoleGrant, createUser, grantRoleAsSystem, systemActor } from '../../src/services/access.ts';
import { createActualCost } from '../../src/services/actual-costs.ts';
import { createAnnouncement } from '../../src/services/announcements.ts';
import { createAssignment } from '../../src/services/assignments.ts';
import { createApiToken } from '../../src/services/auth.ts';
import { saveProjectBaseline } from '../../src/services/baselines.ts';
import { addMeasurement, createBenefit } from '../../src/services/benefits.ts';
import { createEnvelope } from '../../src/services/budget-envelopes.ts';
import { createBudgetLine } from '../../src/services/budgets.ts';
import { createCalendar } from '../../src/services/calendars.ts';
import { createChangeRequest, startReview } from '../../src/services/change-control.ts';
import { createCommunicationPlan, createStakeholder } from '../../src/services/communication.ts';
import {
  approveCiVersion,
  createConfigBaseline,
  createConfigurationItem,
  proposeCiVersion,
} from '../../src/services/configuration.ts';
import { createCostForecast } from '../../src/services/cost-forecasts.ts';
import { getMailSettings, queueEmail } from '../../src/services/email.ts';
import { createEscalationRule } from '../../src/services/escalation.ts';
import { openGateReview } from '../../src/services/gates.ts';
import { createIssue } from '../../src/services/issues.ts';
import { createLesson, proposeChange } from '../../src/services/lessons.ts';
import { applyLevelingRun, previewLeveling } from '../../src/services/leveling.ts';
import { createLifecycle } from '../../src/services/lifecycles.ts';
import { createAssessment, createQuestionnaire, getOversightPolicy } from '../../src/services/maturity.ts';
import { createMentorship } from '../../src/services/mentoring.ts';
import { listCandidates } from '../../src/services/optimization.ts';
import { createLink, createTask, getProjectSchedule, getTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  addAttachment,
  createAsset,
  getAsset,
  transitionAssetVersion,
} from '../../src/services/process-assets.ts';
import { createTemplate, getTemplate, publishTemplateVersion } from '../../src/services/project-templates.ts';
import { createProject, getProject } from '../../src/services/projects.ts';
import { createProposal, submitProposal } from '../../src/services/proposals.ts';
import {
  createCorrectiveAction,
  createFinding,
  createInspection,
  createQualityStandard,
} from '../../src/services/quality.ts';
import {
  createResource,
  createResourceRate,
  roleCatalog,
  skillCatalog,
} from '../../src/services/resources.ts';
import { createRiskAction } from '../../src/services/risk-actions.ts';
import { getRiskMatrix } from '../../src/services/risk-matrix.ts';
import { createRisk, createRiskCategory } from '../../src/services/risks.ts';
import { createScenario, optimizeScenario } from '../../src/services/scenarios.ts';
import { simulateProject } from '../../src/services/schedule-risk.ts';
import { createScoringModel } from '../../src/services/scoring.ts';
import { createBooking, createStaffingRequest } from '../../src/services/staffing.ts';
import { createStatusReport, submitStatusReport } from '../../src/services/status-reports.ts';
import { getStatusThresholds } from '../../src/services/status-settings.ts';
import {
  createBusinessUnit,
  createObjective,
  createPortfolio,
  createProgram,
  getBusinessUnit,
  getObjective,
  getPortfolio,
  getProgram,
} from '../../src/services/structure.ts';
import { addTimeOff } from '../../src/services/time-off.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, TEST_PASSWORD } from '../support/factories.ts';
import { smallLifecycle } from '../support/governance-fixtures.ts';
import { insertAssignment, insertResource } from '../support/leveling-fixtures.ts';

/**
 * The permission matrix: every endpoint × every role × a target in the role's scope, out of it, and in
 * another organization. The expectations are written out here, independently of the policy module,
 * so a change of policy has to change this table too.
 */

type ActorKey =
  | 'pmoOrg'
  | 'pmoUnit'
  | 'portfolioManager'
  | 'programManager'
  | 'projectManager'
  | 'teamMember'
  | 'executiveOrg'
  | 'executiveUnit'
  | 'resourceUnit';
type Target = 'in' | 'out' | 'other';

const actorRoles: Record<ActorKey, [Role, ScopeType, 'org' | 'unit' | 'portfolio' | 'program' | 'project']> =
  {
    pmoOrg: ['pmo_admin', 'organization', 'org'],
    pmoUnit: ['pmo_admin', 'business_unit', 'unit'],
    portfolioManager: ['portfolio_manager', 'portfolio', 'portfolio'],
    programManager: ['program_manager', 'program', 'program'],
    projectManager: ['project_manager', 'project', 'project'],
    teamMember: ['team_member', 'project', 'project'],
    executiveOrg: ['executive_viewer', 'organization', 'org'],
    executiveUnit: ['executive_viewer', 'business_unit', 'unit'],
    resourceUnit: ['resource_manager', 'business_unit', 'unit'],
  };
const actorKeys = Object.keys(actorRoles) as ActorKey[];

interface Hierarchy {
  unit: string;
  childUnit: string;
  portfolio: string;
  program: string;
  project: string;
}

let db: Database;
let app: App;
let orgA: string;
let orgB: string;
const tree = {} as Record<'in' | 'out' | 'other', Hierarchy>;
const extras = {} as Record<Target, { objective: string; user: string }>;
const taskOf = {} as Record<Target, string>;
const tokens = {} as Record<ActorKey, string>;
const actors = {} as Record<ActorKey, Actor & { email: string }>;
let sequence = 0;
const smallPlan = readFileSync(
  new URL(
    '../../../shared/data/mspdi/mpxj/generated/task-links/task-links-project2013-mspdi.xml',
    import.meta.url,
  ),
  'utf8',
);

async function makeHierarchy(orgId: string, pmoMode: 'centralized' | 'decentralized'): Promise<Hierarchy> {
  const system = systemActor(orgId);
  const n = ++sequence;
  const unit = await createBusinessUnit(db, system, { name: `Unit ${n}`, code: `U${n}`, pmoMode });
  const childUnit = await createBusinessUnit(db, system, {
    name: `Child ${n}`,
    code: `C${n}`,
    parentId: unit.id,
  });
  const portfolio = await createPortfolio(db, system, { name: `Portfolio ${n}`, businessUnitId: unit.id });
  const program = await createProgram(db, system, { name: `Program ${n}`, portfolioId: portfolio.id });
  const project = await createProject(db, system, {
    code: `J-${n}`,
    name: `Project ${n}`,
    businessUnitId: unit.id,
    portfolioId: portfolio.id,
    programId: program.id,
  });
  return {
    unit: unit.id,
    childUnit: childUnit.id,
    portfolio: portfolio.id,
    program: program.id,
    project: project.id,
  };
}

const orgOf = (target: Target) => (target === 'other' ? orgB : orgA);
const systemFor = (target: Target) => systemActor(orgOf(target));

/** The target's standing task; an import case replaces the whole plan, so it is made again when gone. */
async function standingTask(target: Target): Promise<string> {
  try {
    await getTask(db, systemFor(target), taskOf[target]);
  } catch {
    taskOf[target] = (
      await createTask(db, systemFor(target), tree[target].project, { name: `Task ${target}` })
    ).id;
  }
  return taskOf[target];
}

/** The target project's standing task, assigned to a crew of the target's organization, so leveling has work. */
async function levelingScope(target: Target): Promise<string> {
  const taskId = await standingTask(target);
  const orgId = orgOf(target);
  const existing = await db.query<{ id: string }>(
    'SELECT id FROM resources WHERE org_id = $1 AND code = $2',
    [orgId, `CREW-${target}`],
  );
  const resourceId = existing[0]?.id ?? (await insertResource(db, orgId, { code: `CREW-${target}` }));
  const assigned = await db.query('SELECT 1 FROM assignments WHERE org_id = $1 AND task_id = $2', [
    orgId,
    taskId,
  ]);
  if (assigned.length === 0) await insertAssignment(db, orgId, { taskId, resourceId });
  return tree[target].project;
}

async function levelingPreview(target: Target) {
  const scopeId = await levelingScope(target);
  return previewLeveling(db, systemFor(target), { scopeType: 'project', scopeId, schedules: 10 });
}

async function freshProject(target: Target) {
  const h = tree[target];
  return createProject(db, systemFor(target), {
    code: `D-${++sequence}`,
    name: 'Disposable',
    businessUnitId: h.unit,
    portfolioId: h.portfolio,
    programId: h.program,
  });
}

beforeAll(async () => {
  db = await openTestDatabase();
  app = await buildApp({ db });
  orgA = (await makeOrganization(db, 'Matrix A')).orgId;
  orgB = (await makeOrganization(db, 'Matrix B')).orgId;
  tree.in = await makeHierarchy(orgA, 'decentralized');
  tree.out = await makeHierarchy(orgA, 'centralized');
  tree.other = await makeHierarchy(orgB, 'decentralized');
  for (const target of ['in', 'other'] as const) {
    const system = systemFor(target);
    const objective = await createObjective(db, system, { name: `Objective ${target}`, weight: 10 });
    const user = await createUser(db, system, {
      email: `bystander-${target}@example.test`,
      name: `Bystander ${target}`,
      password: TEST_PASSWORD,
    });
    extras[target] = { objective: objective.id, user: user.id };
    await grantRoleAsSystem(db, orgOf(target), {
      userId: user.id,
      role: 'team_member',
      scopeType: 'project',
      scopeId: tree[target].project,
    });
  }
  extras.out = extras.in;
  for (const target of ['in', 'out', 'other'] as const)
    taskOf[target] = (
      await createTask(db, systemFor(target), tree[target].project, { name: `Task ${target}` })
    ).id;
  const scopeIds = {
    org: null,
    unit: tree.in.unit,
    portfolio: tree.in.portfolio,
    program: tree.in.program,
    project: tree.in.project,
  };
  for (const key of actorKeys) {
    const [role, scopeType, scope] = actorRoles[key];
    actors[key] = await makeActor(db, orgA, role, scopeType, scopeIds[scope]);
    tokens[key] = (await createApiToken(db, actors[key], { name: 'matrix' })).token;
  }
  // Someone in the other organization holds a grant, so role-grant ids exist there too.
  const outsider = await makeActor(db, orgB, 'team_member', 'project', tree.other.project);
  void outsider;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Who may do what, per the design: read by scope (upward to the program and portfolio of one's project). */
const inScope = (allowed: ActorKey[]) => (actor: ActorKey, target: Target) =>
  target === 'in' ? allowed.includes(actor) : target === 'out' ? actor === 'pmoOrg' : false;
const everyMember = (_actor: ActorKey, target: Target) => target !== 'other';
const readersOut = (actor: ActorKey, target: Target) =>
  target === 'in' ? true : target === 'out' ? actor === 'pmoOrg' || actor === 'executiveOrg' : false;
const orgAdminOnly = (actor: ActorKey, target: Target) => actor === 'pmoOrg' && target !== 'other';
const pmoAnyScope = (actor: ActorKey, target: Target) =>
  target !== 'other' && (actor === 'pmoOrg' || actor === 'pmoUnit');

const projectEditors = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager', 'projectManager']);
const projectCreators = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager']);
const projectDeleters = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager']);
const programEditors = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager']);
const portfolioEditors = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager']);
const unitShapers = inScope(['pmoOrg', 'pmoUnit']);
const changeDeciders = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager']);

/** A fresh submitted change request on the target's project, with no plan operations. */
const changeRequest = (target: Target) =>
  createChangeRequest(
    db,
    systemFor(target),
    { type: 'project', id: tree[target].project },
    {
      title: `Request ${++sequence}`,
    },
  );

async function version(load: () => Promise<{ version: number }>) {
  return { 'if-match': `"${(await load()).version}"` };
}

// Risks and issues: read with their level, changed by those who manage risks there.
const riskAt = (t: Target) =>
  createRisk(db, systemFor(t), {
    scopeType: 'project',
    scopeId: tree[t].project,
    title: `Risk ${++sequence}`,
    probability: 0.3,
    impactSchedule: 2,
    impactCost: 2,
    impactScope: 1,
    impactQuality: 1,
  });
const issueAt = (t: Target) =>
  createIssue(db, systemFor(t), {
    scopeType: 'project',
    scopeId: tree[t].project,
    title: `Issue ${++sequence}`,
  });
const riskEditors = projectEditors;
const ruleAt = (t: Target) =>
  createEscalationRule(db, systemFor(t), {
    name: `Rule ${++sequence}`,
    kind: 'score_at_least',
    minScore: 99,
  });

// The resource pool's fixtures: a fresh record per request, in the target's unit and project.
const resourceKeepers = inScope(['pmoOrg', 'pmoUnit', 'resourceUnit']);
const roleAt = (t: Target) => roleCatalog.create(db, systemFor(t), { name: `Role ${++sequence}` });
const skillAt = (t: Target) => skillCatalog.create(db, systemFor(t), { name: `Skill ${++sequence}` });
const resourceAt = (t: Target) =>
  createResource(db, systemFor(t), { code: `RS${++sequence}`, name: 'Pooled', businessUnitId: tree[t].unit });
const rateAt = async (t: Target) =>
  createResourceRate(db, systemFor(t), (await resourceAt(t)).id, {
    effectiveFrom: '2027-01-01',
    standardRate: 50,
  });
// Calendars: the organization's are the PMO's; a resource's time off is its resource managers'.
const calendarAt = (t: Target) =>
  createCalendar(db, systemFor(t), {
    name: `Calendar ${++sequence}`,
    week: [[], [{ from: 480, to: 960 }], [], [], [], [], []],
  });
const timeOffAt = async (t: Target) => {
  const resource = await resourceAt(t);
  return {
    resource,
    timeOff: await addTimeOff(db, systemFor(t), resource.id, { from: '2027-03-01', to: '2027-03-05' }),
  };
};
const assignmentAt = async (t: Target) =>
  createAssignment(db, systemFor(t), { taskId: await standingTask(t), resourceId: (await resourceAt(t)).id });
const staffingRequestAt = async (t: Target) =>
  createStaffingRequest(db, systemFor(t), {
    projectId: tree[t].project,
    roleId: (await roleAt(t)).id,
    startDate: '2027-03-01',
    finishDate: '2027-03-31',
  });
const bookingAt = async (t: Target) =>
  createBooking(db, systemFor(t), {
    resourceId: (await resourceAt(t)).id,
    projectId: tree[t].project,
    startDate: '2027-03-01',
    finishDate: '2027-03-12',
  });

// Governance: one lifecycle per organization (made on first use), fresh projects at its first gate.
const orgLifecycles = new Map<string, Promise<Awaited<ReturnType<typeof createLifecycle>>>>();
const lifecycleOf = (t: Target) => {
  const orgId = orgOf(t);
  if (!orgLifecycles.has(orgId))
    orgLifecycles.set(orgId, createLifecycle(db, systemActor(orgId), smallLifecycle()));
  return orgLifecycles.get(orgId)!;
};
const firstGateOf = async (t: Target) => (await lifecycleOf(t)).stages[0]!.gate!.id;
const unitLifecycleAt = async (t: Target) => {
  const unit = await createBusinessUnit(db, systemFor(t), {
    name: 'Lifecycle unit',
    code: `LU${++sequence}`,
    parentId: tree[t].unit,
  });
  return createLifecycle(db, systemFor(t), smallLifecycle({ businessUnitId: unit.id }));
};
/** The target's own project (its project manager's) with no open review, so one can be opened. */
const projectReadyForReview = async (t: Target) => {
  await db.query(`DELETE FROM gate_reviews WHERE org_id = $1 AND project_id = $2 AND status = 'open'`, [
    orgOf(t),
    tree[t].project,
  ]);
  return tree[t].project;
};
const reviewAt = async (t: Target) => {
  const project = await freshProject(t);
  const review = await openGateReview(db, systemFor(t), project.id, { gateId: await firstGateOf(t) });
  return { project, review };
};
const benefitAt = (t: Target) =>
  createBenefit(db, systemFor(t), {
    projectId: tree[t].project,
    name: `Benefit ${++sequence}`,
    measure: 'Hours saved per week',
    target: 40,
  });
const lessonAt = (t: Target) =>
  createLesson(db, systemFor(t), {
    projectId: tree[t].project,
    title: `Lesson ${++sequence}`,
    category: 'Planning',
    kind: 'success',
  });
const proposalAt = async (t: Target) =>
  proposeChange(db, systemFor(t), (await lessonAt(t)).id, {
    targetKind: 'template',
    targetReference: 'Charter template',
    proposedText: 'Add a section',
  });

// The knowledge hub's fixtures: assets in the target's unit (published or not), templates of the
// target's organization, and configuration items of the target's project, fresh per request.
const assetAt = async (t: Target, publish: boolean) => {
  const system = systemFor(t);
  const asset = await createAsset(db, system, {
    kind: 'standard',
    title: `Asset ${++sequence}`,
    businessUnitId: tree[t].unit,
    body: 'Text',
  });
  const draft = (await getAsset(db, system, asset.id)).versions[0]!;
  if (!publish) return { asset, version: draft };
  const reviewed = await transitionAssetVersion(db, system, draft.id, draft.version, { to: 'in_review' });
  const published = await transitionAssetVersion(db, system, draft.id, reviewed.version, { to: 'published' });
  return { asset: await getAsset(db, system, asset.id), version: published };
};
const attachmentAt = async (t: Target) =>
  addAttachment(db, systemFor(t), (await assetAt(t, true)).asset.id, {
    fileName: 'form.txt',
    contentType: 'text/plain',
    content: new TextEncoder().encode('form'),
  });
const knowledgeEditors = unitShapers;
const templateAt = async (t: Target, publish = true) => {
  const system = systemFor(t);
  const template = await createTemplate(db, system, {
    name: `Template ${++sequence}`,
    content: {
      tasks: [
        { key: 'A', name: 'Plan' },
        { key: 'B', name: 'Do' },
      ],
      links: [{ from: 'A', to: 'B' }],
      risks: [{ title: 'Late supplier', probability: 0.2, impact: 2 }],
      documents: [{ identifier: 'DOC-1', title: 'Charter' }],
    },
  });
  const draft = (await getTemplate(db, system, template.id)).versions[0]!;
  if (!publish) return { template, version: draft };
  return { template, version: await publishTemplateVersion(db, system, draft.id, draft.version) };
};
const ciAt = (t: Target) =>
  createConfigurationItem(db, systemFor(t), tree[t].project, {
    identifier: `CI-${++sequence}`,
    title: 'Spec',
  });
const ciVersionAt = async (t: Target) =>
  proposeCiVersion(db, systemFor(t), (await ciAt(t)).id, { content: 'first text' });
const approvedCiAt = async (t: Target) => {
  const proposed = await ciVersionAt(t);
  await approveCiVersion(db, systemFor(t), proposed.id, proposed.version, {});
  return proposed.ciId;
};
const configBaselineAt = async (t: Target) =>
  createConfigBaseline(db, systemFor(t), tree[t].project, {
    name: `Baseline ${++sequence}`,
    ciIds: [await approvedCiAt(t)],
  });

// Status reports: written by those who report on the project, reviewed by its program manager or above.
const statusReporters = projectEditors;
const statusReviewers = changeDeciders;
const statusReportAt = (t: Target) =>
  createStatusReport(db, systemFor(t), tree[t].project, {
    periodStart: '2027-03-01',
    periodEnd: '2027-03-31',
    overallRag: 'green',
    scheduleRag: 'green',
    costRag: 'green',
    scopeRag: 'green',
    resourcesRag: 'green',
    riskRag: 'green',
    qualityRag: 'green',
    narrative: `Report ${++sequence}`,
  });
const submittedReportAt = async (t: Target) => {
  const draft = await statusReportAt(t);
  return submitStatusReport(db, systemFor(t), draft.id, draft.version);
};

// Quality, maturity and communication: a fresh record per request in the target's organization and project.
const qualityEditors = projectEditors;
const standardAt = (t: Target) =>
  createQualityStandard(db, systemFor(t), {
    code: `QS${++sequence}`,
    name: 'Plan quality',
    checklist: ['Charter signed', 'Schedule baselined'],
  });
const inspectionAt = async (t: Target) => {
  const standard = await standardAt(t);
  return createInspection(db, systemFor(t), {
    projectId: tree[t].project,
    standardId: standard.id,
    kind: 'audit',
    title: `Audit ${++sequence}`,
    heldOn: '2027-01-05',
    results: [{ itemId: standard.checklist[0].id, result: 'fail' }],
  });
};
const findingAt = async (t: Target) =>
  createFinding(db, systemFor(t), {
    inspectionId: (await inspectionAt(t)).id,
    severity: 'high',
    description: 'Charter not signed',
  });
const correctiveActionAt = async (t: Target) =>
  createCorrectiveAction(db, systemFor(t), { findingId: (await findingAt(t)).id, title: 'Get it signed' });
const questionnaireAt = (t: Target) =>
  createQuestionnaire(db, systemFor(t), {
    name: `Maturity ${++sequence}`,
    questions: [{ knowledgeArea: 'Schedule', text: 'Is the schedule baselined?' }],
  });
const assessmentBody = async (t: Target) => {
  const form = await questionnaireAt(t);
  return {
    questionnaireId: form.id,
    subjectType: 'team',
    subjectProjectId: tree[t].project,
    assessedOn: '2027-01-10',
    answers: [{ questionId: form.questions[0].id, score: 3 }],
  };
};
const assessmentAt = async (t: Target) => createAssessment(db, systemFor(t), await assessmentBody(t));
const assessors = unitShapers;
const mentorshipAt = async (t: Target) => {
  const system = systemFor(t);
  const n = ++sequence;
  const mentor = await createUser(db, system, {
    email: `mentor-${n}@example.test`,
    name: `Mentor ${n}`,
    password: TEST_PASSWORD,
  });
  return createMentorship(db, system, {
    mentorId: mentor.id,
    menteeId: extras[t].user,
    startsOn: '2027-01-01',
  });
};
const stakeholderAt = (t: Target) =>
  createStakeholder(db, systemFor(t), {
    projectId: tree[t].project,
    name: 'Sponsor',
    influence: 5,
    interest: 4,
  });
const communicationPlanAt = (t: Target) =>
  createCommunicationPlan(db, systemFor(t), {
    projectId: tree[t].project,
    audience: 'Sponsor',
    content: 'Progress',
    cadence: 'monthly',
    channel: 'email',
    nextDue: '2027-02-01',
  });
const communicationKeepers = projectEditors;
/** Announcements reach grants at the scope or below: the project's manager and team. */
const announcementReaders = inScope(['pmoOrg', 'projectManager', 'teamMember']);
const announcementAt = (t: Target) =>
  createAnnouncement(db, systemFor(t), {
    scopeType: 'project',
    scopeId: tree[t].project,
    title: `News ${++sequence}`,
    body: 'Read this',
  });
const failedEmailAt = async (t: Target) => {
  const id = await queueEmail(db, orgOf(t), { to: 'gone@example.test', subject: 'Bounced', body: 'x' });
  await db.query(`UPDATE email_outbox SET status = 'failed', last_error = '550 gone' WHERE id = $1`, [id]);
  return id;
};

// Finance: the project's money is kept by those who manage finance there (the project's editors);
// envelopes by those who may change the program or portfolio. Target dates wide enough for any month used.
async function moneyProject(t: Target): Promise<string> {
  await db.query(
    `UPDATE projects SET target_start = '2020-01-01', target_finish = '2099-12-31' WHERE org_id = $1 AND id = $2`,
    [orgOf(t), tree[t].project],
  );
  return tree[t].project;
}
/** A month no earlier fixture used, so a budget cell or an envelope never collides with another. */
let moneyMonths = 0;
const freshMonth = () => {
  const n = ++moneyMonths;
  return `${2030 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};
const budgetLineAt = async (t: Target) =>
  createBudgetLine(db, systemFor(t), await moneyProject(t), {
    category: 'other',
    period: freshMonth(),
    amount: 100,
  });
const actualCostAt = async (t: Target) =>
  createActualCost(db, systemFor(t), await moneyProject(t), {
    category: 'other',
    incurredOn: '2027-05-05',
    amount: 10,
  });
const forecastAt = async (t: Target) =>
  createCostForecast(db, systemFor(t), await moneyProject(t), {
    asOf: '2027-05-01',
    lines: [{ category: 'labour', period: '2027-06', amount: 50 }],
  });
const portfolioEnvelopeAt = (t: Target) =>
  createEnvelope(db, systemFor(t), { portfolioId: tree[t].portfolio, period: freshMonth(), amount: 1000 });

// Intake fixtures: proposals in the target's program, one scoring model per organization, scenarios on
// the target's portfolio. Triage belongs to the PMO above: the unit's when decentralized ('in'), else
// the organization's ('out' is centralized).
const proposalReaders = (actor: ActorKey, target: Target) =>
  target === 'in'
    ? actor !== 'projectManager' && actor !== 'teamMember'
    : target === 'out'
      ? actor === 'pmoOrg' || actor === 'executiveOrg'
      : false;
const proposalSubmitters = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager']);
const intakeEvaluators = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager']);
const scenarioManagers = intakeEvaluators;
const scenarioReaders = (actor: ActorKey, target: Target) =>
  target === 'in'
    ? ['pmoOrg', 'pmoUnit', 'portfolioManager', 'executiveOrg', 'executiveUnit', 'resourceUnit'].includes(
        actor,
      )
    : target === 'out'
      ? actor === 'pmoOrg' || actor === 'executiveOrg'
      : false;
const intakeProposalAt = async (t: Target, submitted = false) => {
  const proposal = await createProposal(db, systemFor(t), {
    code: `IP-${++sequence}`,
    title: 'Proposed',
    businessUnitId: tree[t].unit,
    portfolioId: tree[t].portfolio,
    programId: tree[t].program,
  });
  return submitted ? submitProposal(db, systemFor(t), proposal.id, proposal.version) : proposal;
};
const scoringModels = {} as Record<string, Awaited<ReturnType<typeof createScoringModel>>>;
const scoringModelAt = async (t: Target) => {
  scoringModels[orgOf(t)] ??= await createScoringModel(db, systemFor(t), {
    name: 'Matrix model',
    criteria: [{ name: 'Value', weight: 1 }],
  });
  return scoringModels[orgOf(t)];
};
const freshScoringModel = (t: Target) =>
  createScoringModel(db, systemFor(t), {
    name: `Model ${++sequence}`,
    criteria: [{ name: 'Value', weight: 1 }],
  });
const scenarioAt = (t: Target) =>
  createScenario(db, systemFor(t), {
    name: `Scenario ${++sequence}`,
    portfolioId: tree[t].portfolio,
    horizonStart: '2027-01-01',
    periods: 2,
  });
/** Optimized with every proposal excluded, so promotion has nothing to turn into a project. */
const promotableScenarioAt = async (t: Target) => {
  const candidates = await listCandidates(db, systemFor(t), {
    horizonStart: '2027-01-01',
    periods: 2,
    portfolioId: tree[t].portfolio,
  });
  const scenario = await createScenario(db, systemFor(t), {
    name: `Promotable ${++sequence}`,
    portfolioId: tree[t].portfolio,
    horizonStart: '2027-01-01',
    periods: 2,
    items: candidates.items.map((c) => ({
      candidate: { type: c.candidateType, id: c.candidateId },
      excluded: true,
    })),
  });
  return optimizeScenario(db, systemFor(t), scenario.id);
};

interface Case {
  route: string;
  allowed: (actor: ActorKey, target: Target) => boolean;
  targets?: Target[];
  request: (target: Target, actor: ActorKey) => Promise<InjectOptions>;
}

const v1 = '/api/v1';
const cases: Case[] = [
  {
    route: 'GET /me',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/me` }),
  },
  {
    route: 'POST /auth/login',
    allowed: () => true,
    targets: ['in'],
    request: async (_t, actor) => ({
      method: 'POST',
      url: `${v1}/auth/login`,
      payload: { email: actors[actor].email, password: TEST_PASSWORD },
    }),
  },
  {
    route: 'POST /auth/logout',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'POST', url: `${v1}/auth/logout` }),
  },
  {
    route: 'GET /tokens',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/tokens` }),
  },
  {
    route: 'POST /tokens',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'POST', url: `${v1}/tokens`, payload: { name: 'extra' } }),
  },
  {
    // Tokens are personal: another person's token is not found, whoever asks.
    route: 'DELETE /tokens/:id',
    allowed: (_a, target) => target === 'in',
    targets: ['in', 'other'],
    request: async (target, actor) => {
      const owner = target === 'in' ? actors[actor] : await makeActor(db, orgB, 'team_member');
      const token = await createApiToken(db, owner, { name: 'to revoke' });
      return { method: 'DELETE', url: `${v1}/tokens/${token.id}` };
    },
  },
  // Business units: the tree is public within the organization; the level above shapes a unit.
  {
    route: 'GET /business-units',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/business-units` }),
  },
  {
    route: 'GET /business-units/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/business-units/${tree[t].childUnit}` }),
  },
  {
    route: 'POST /business-units',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/business-units`,
      payload: { name: 'New unit', code: `NU${++sequence}`, parentId: tree[t].unit },
    }),
  },
  {
    route: 'PATCH /business-units/:id',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/business-units/${tree[t].childUnit}`,
      headers: await version(() => getBusinessUnit(db, systemFor(t), tree[t].childUnit)),
      payload: { name: `Renamed ${++sequence}` },
    }),
  },
  {
    route: 'DELETE /business-units/:id',
    allowed: unitShapers,
    request: async (t) => {
      const unit = await createBusinessUnit(db, systemFor(t), {
        name: 'Doomed',
        code: `DU${++sequence}`,
        parentId: tree[t].unit,
      });
      return { method: 'DELETE', url: `${v1}/business-units/${unit.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  // Objectives: read by every member, kept by the organization's PMO.
  {
    route: 'GET /objectives',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/objectives` }),
  },
  {
    route: 'GET /objectives/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/objectives/${extras[t].objective}` }),
  },
  {
    route: 'POST /objectives',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/objectives`,
      payload: { name: 'New objective', weight: 5 },
    }),
  },
  {
    route: 'PATCH /objectives/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/objectives/${extras[t].objective}`,
      headers: await version(() => getObjective(db, systemFor(t), extras[t].objective)),
      payload: { weight: ++sequence % 100 },
    }),
  },
  {
    route: 'DELETE /objectives/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const objective = await createObjective(db, systemFor(t), { name: 'Doomed objective' });
      return { method: 'DELETE', url: `${v1}/objectives/${objective.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  // Portfolios.
  {
    route: 'GET /portfolios',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/portfolios` }),
  },
  {
    route: 'GET /portfolios/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/portfolios/${tree[t].portfolio}` }),
  },
  {
    route: 'POST /portfolios',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/portfolios`,
      payload: { name: 'New portfolio', businessUnitId: tree[t].unit },
    }),
  },
  {
    route: 'PATCH /portfolios/:id',
    allowed: portfolioEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/portfolios/${tree[t].portfolio}`,
      headers: await version(() => getPortfolio(db, systemFor(t), tree[t].portfolio)),
      payload: { description: `Edited ${++sequence}` },
    }),
  },
  {
    route: 'DELETE /portfolios/:id',
    allowed: unitShapers,
    request: async (t) => {
      const portfolio = await createPortfolio(db, systemFor(t), {
        name: 'Doomed',
        businessUnitId: tree[t].unit,
      });
      return { method: 'DELETE', url: `${v1}/portfolios/${portfolio.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  // Programs.
  {
    route: 'GET /programs',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/programs` }),
  },
  {
    route: 'GET /programs/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}` }),
  },
  {
    route: 'POST /programs',
    allowed: portfolioEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/programs`,
      payload: { name: 'New program', portfolioId: tree[t].portfolio },
    }),
  },
  {
    route: 'PATCH /programs/:id',
    allowed: programEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/programs/${tree[t].program}`,
      headers: await version(() => getProgram(db, systemFor(t), tree[t].program)),
      payload: { goal: `Goal ${++sequence}` },
    }),
  },
  {
    route: 'DELETE /programs/:id',
    allowed: portfolioEditors,
    request: async (t) => {
      const program = await createProgram(db, systemFor(t), {
        name: 'Doomed',
        portfolioId: tree[t].portfolio,
      });
      return { method: 'DELETE', url: `${v1}/programs/${program.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  // Projects.
  {
    route: 'GET /projects',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/projects` }),
  },
  {
    route: 'GET /projects/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}` }),
  },
  {
    route: 'POST /projects',
    allowed: projectCreators,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects`,
      payload: {
        code: `N-${++sequence}`,
        name: 'New project',
        businessUnitId: tree[t].unit,
        portfolioId: tree[t].portfolio,
        programId: tree[t].program,
      },
    }),
  },
  {
    route: 'PATCH /projects/:id',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/projects/${tree[t].project}`,
      headers: await version(() => getProject(db, systemFor(t), tree[t].project)),
      payload: { description: `Edited ${++sequence}` },
    }),
  },
  {
    route: 'DELETE /projects/:id',
    allowed: projectDeleters,
    request: async (t) => {
      const project = await freshProject(t);
      return { method: 'DELETE', url: `${v1}/projects/${project.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  {
    route: 'GET /projects/:id/objectives',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/objectives` }),
  },
  {
    route: 'PUT /projects/:id/objectives',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${tree[t].project}/objectives`,
      payload: { items: [{ objectiveId: extras[t].objective, contribution: 7 }] },
    }),
  },
  {
    route: 'GET /projects/:id/members',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/members` }),
  },
  {
    route: 'POST /projects/:id/members',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/members`,
      payload: { userId: extras[t].user, memberRole: 'analyst' },
    }),
  },
  {
    route: 'DELETE /projects/:id/members/:userId',
    allowed: projectEditors,
    request: async (t) => {
      const { addProjectMember } = await import('../../src/services/projects.ts');
      await addProjectMember(db, systemFor(t), tree[t].project, { userId: extras[t].user });
      return { method: 'DELETE', url: `${v1}/projects/${tree[t].project}/members/${extras[t].user}` };
    },
  },
  // People and access.
  {
    route: 'GET /users',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/users` }),
  },
  {
    route: 'GET /users/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/users/${extras[t].user}` }),
  },
  {
    route: 'POST /users',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/users`,
      payload: { email: `new-${++sequence}@example.test`, name: 'New person', password: TEST_PASSWORD },
    }),
  },
  {
    route: 'PATCH /users/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const { getUser } = await import('../../src/services/access.ts');
      return {
        method: 'PATCH',
        url: `${v1}/users/${extras[t].user}`,
        headers: await version(() => getUser(db, systemFor(t), extras[t].user)),
        payload: { name: `Bystander ${++sequence}` },
      };
    },
  },
  {
    route: 'GET /role-grants',
    allowed: (actor) => actor === 'pmoOrg' || actor === 'pmoUnit',
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/role-grants` }),
  },
  {
    route: 'GET /role-grants/:id',
    allowed: pmoAnyScope,
    targets: ['in', 'other'],
    request: async (t) => {
      const { listRoleGrants } = await import('../../src/services/access.ts');
      const page = await listRoleGrants(db, systemFor(t), {
        page: 1,
        pageSize: 5,
        order: 'asc',
        userId: extras[t].user,
      });
      return { method: 'GET', url: `${v1}/role-grants/${page.items[0].id}` };
    },
  },
  {
    route: 'POST /role-grants',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/role-grants`,
      payload: {
        userId: (
          await createUser(db, systemFor(t), {
            email: `grantee-${++sequence}@example.test`,
            name: 'Grantee',
            password: TEST_PASSWORD,
          })
        ).id,
        role: 'team_member',
        scopeType: 'project',
        scopeId: tree[t].project,
      },
    }),
  },
  {
    route: 'DELETE /role-grants/:id',
    allowed: unitShapers,
    request: async (t) => {
      const user = extras[t === 'other' ? 'other' : 'in'].user;
      const grant = await createRoleGrant(db, systemFor(t), {
        userId: user,
        role: 'executive_viewer',
        scopeType: 'project',
        scopeId: tree[t].project,
      }).catch(async () => {
        // The grant may exist from an earlier case; any grant at the target's project will do.
        const { listRoleGrants } = await import('../../src/services/access.ts');
        const page = await listRoleGrants(db, systemFor(t), {
          page: 1,
          pageSize: 500,
          order: 'asc',
          userId: user,
        });
        return page.items.find((g) => g.scopeId === tree[t].project)!;
      });
      return {
        method: 'DELETE',
        url: `${v1}/role-grants/${grant.id}`,
        headers: { 'if-match': `"${grant.version}"` },
      };
    },
  },
  // Plans: read with the project, changed by those who edit the project.
  {
    route: 'GET /projects/:id/tasks',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/tasks` }),
  },
  {
    route: 'POST /projects/:id/tasks',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/tasks`,
      payload: { name: `Task ${++sequence}`, durationMinutes: 240 },
    }),
  },
  {
    route: 'GET /tasks/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/tasks/${await standingTask(t)}` }),
  },
  {
    route: 'PATCH /tasks/:id',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/tasks/${await standingTask(t)}`,
      headers: await version(() => getTask(db, systemFor(t), taskOf[t])),
      payload: { percentComplete: ++sequence % 100 },
    }),
  },
  {
    route: 'DELETE /tasks/:id',
    allowed: projectEditors,
    request: async (t) => {
      const task = await createTask(db, systemFor(t), tree[t].project, { name: 'Doomed task' });
      return { method: 'DELETE', url: `${v1}/tasks/${task.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  {
    route: 'POST /links',
    allowed: projectEditors,
    request: async (t) => {
      const successor = await createTask(db, systemFor(t), tree[t].project, { name: 'Successor' });
      return {
        method: 'POST',
        url: `${v1}/links`,
        payload: { predecessorId: taskOf[t], successorId: successor.id },
      };
    },
  },
  {
    route: 'DELETE /links/:id',
    allowed: projectEditors,
    request: async (t) => {
      const successor = await createTask(db, systemFor(t), tree[t].project, { name: 'Linked' });
      const link = await createLink(db, systemFor(t), {
        predecessorId: taskOf[t],
        successorId: successor.id,
      });
      return {
        method: 'DELETE',
        url: `${v1}/links/${link.id}`,
        headers: { 'if-match': `"${link.version}"` },
      };
    },
  },
  {
    route: 'POST /projects/:id/plan/bulk',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/plan/bulk`,
      payload: {
        operations: [
          { op: 'create_task', ref: 'a', task: { name: `Bulk ${++sequence}` } },
          { op: 'create_link', predecessorId: await standingTask(t), successorRef: 'a' },
        ],
      },
    }),
  },
  {
    route: 'GET /projects/:id/schedule',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/schedule` }),
  },
  {
    route: 'PATCH /projects/:id/schedule',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/projects/${tree[t].project}/schedule`,
      headers: await version(() => getProjectSchedule(db, systemFor(t), tree[t].project)),
      payload: { criticalSlackMinutes: ++sequence % 60 },
    }),
  },
  {
    route: 'GET /projects/:id/gantt',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/gantt` }),
  },
  {
    route: 'GET /programs/:id/gantt',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/gantt` }),
  },
  {
    route: 'GET /projects/:id/gantt/columns',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/gantt/columns` }),
  },
  {
    route: 'GET /programs/:id/gantt/columns',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/gantt/columns` }),
  },
  {
    route: 'GET /projects/:id/baselines',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/baselines` }),
  },
  {
    route: 'PUT /projects/:id/baselines/:number',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${tree[t].project}/baselines/1`,
      payload: { name: `Baseline ${++sequence}` },
    }),
  },
  {
    route: 'DELETE /projects/:id/baselines/:number',
    allowed: projectEditors,
    request: async (t) => {
      await saveProjectBaseline(db, systemFor(t), tree[t].project, 2, { name: 'Doomed' });
      return { method: 'DELETE', url: `${v1}/projects/${tree[t].project}/baselines/2` };
    },
  },
  {
    route: 'GET /projects/:id/baselines/:number/variance',
    allowed: readersOut,
    request: async (t) => {
      await saveProjectBaseline(db, systemFor(t), tree[t].project, 3, { name: 'To compare' });
      return { method: 'GET', url: `${v1}/projects/${tree[t].project}/baselines/3/variance` };
    },
  },
  {
    route: 'POST /projects/:id/import',
    allowed: projectEditors,
    request: async (t) => {
      const boundary = 'orrery-matrix-boundary';
      const payload = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="plan.xml"',
        'Content-Type: application/xml',
        '',
        smallPlan,
        `--${boundary}--`,
        '',
      ].join('\r\n');
      return {
        method: 'POST',
        url: `${v1}/projects/${tree[t].project}/import`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      };
    },
  },
  {
    route: 'GET /projects/:id/export',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/export?format=csv` }),
  },
  {
    route: 'GET /audit/:entityType/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/audit/project/${tree[t].project}` }),
  },
  {
    route: 'GET /risks',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/risks?minScore=1` }),
  },
  {
    route: 'GET /risks/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/risks/${(await riskAt(t)).id}` }),
  },
  {
    route: 'POST /risks',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/risks`,
      payload: {
        scopeType: 'project',
        scopeId: tree[t].project,
        title: 'Raised',
        probability: 0.5,
        impactSchedule: 3,
        impactCost: 1,
        impactScope: 1,
        impactQuality: 1,
      },
    }),
  },
  {
    route: 'PATCH /risks/:id',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/risks/${(await riskAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { probability: 0.6 },
    }),
  },
  {
    route: 'DELETE /risks/:id',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/risks/${(await riskAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /risks/:id/tasks',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/risks/${(await riskAt(t)).id}/tasks` }),
  },
  {
    route: 'PUT /risks/:id/tasks',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/risks/${(await riskAt(t)).id}/tasks`,
      payload: {
        tasks: [
          {
            taskId: await standingTask(t),
            impactOptimisticMinutes: 60,
            impactLikelyMinutes: 120,
            impactPessimisticMinutes: 480,
          },
        ],
      },
    }),
  },
  {
    route: 'GET /risks/:id/actions',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/risks/${(await riskAt(t)).id}/actions` }),
  },
  {
    route: 'POST /risks/:id/actions',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/risks/${(await riskAt(t)).id}/actions`,
      payload: { title: 'Respond', dueDate: '2030-01-01' },
    }),
  },
  {
    route: 'PATCH /risk-actions/:id',
    allowed: riskEditors,
    request: async (t) => {
      const action = await createRiskAction(db, systemFor(t), (await riskAt(t)).id, { title: 'Respond' });
      return {
        method: 'PATCH',
        url: `${v1}/risk-actions/${action.id}`,
        headers: { 'if-match': '"1"' },
        payload: { status: 'in_progress' },
      };
    },
  },
  {
    route: 'DELETE /risk-actions/:id',
    allowed: riskEditors,
    request: async (t) => {
      const action = await createRiskAction(db, systemFor(t), (await riskAt(t)).id, { title: 'Doomed' });
      return { method: 'DELETE', url: `${v1}/risk-actions/${action.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  {
    route: 'POST /risks/:id/escalate',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/risks/${(await riskAt(t)).id}/escalate`,
      payload: { reason: 'beyond the project' },
    }),
  },
  {
    route: 'GET /escalations/:itemType/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/escalations/risk/${(await riskAt(t)).id}` }),
  },
  {
    route: 'GET /escalation-inbox',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/escalation-inbox` }),
  },
  {
    route: 'GET /risk-heatmap',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/risk-heatmap?residual=true` }),
  },
  {
    route: 'GET /risk-matrix',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/risk-matrix` }),
  },
  {
    route: 'PUT /risk-matrix',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async (t) => {
      const { version: current, ...matrix } = await getRiskMatrix(db, systemFor(t));
      return {
        method: 'PUT',
        url: `${v1}/risk-matrix`,
        headers: { 'if-match': `"${current}"` },
        payload: matrix,
      };
    },
  },
  {
    route: 'GET /risk-categories',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/risk-categories` }),
  },
  {
    route: 'GET /risk-categories/:id',
    allowed: everyMember,
    request: async (t) => {
      const category = await createRiskCategory(db, systemFor(t), {
        code: `RC${++sequence}`,
        name: 'Technical',
      });
      return { method: 'GET', url: `${v1}/risk-categories/${category.id}` };
    },
  },
  {
    route: 'PATCH /risk-categories/:id',
    allowed: orgAdminOnly,
    request: async (t) => {
      const category = await createRiskCategory(db, systemFor(t), {
        code: `PC${++sequence}`,
        name: 'To rename',
      });
      return {
        method: 'PATCH',
        url: `${v1}/risk-categories/${category.id}`,
        headers: { 'if-match': '"1"' },
        payload: { name: 'Renamed' },
      };
    },
  },
  {
    route: 'DELETE /risk-categories/:id',
    allowed: orgAdminOnly,
    request: async (t) => {
      const category = await createRiskCategory(db, systemFor(t), {
        code: `DC${++sequence}`,
        name: 'Doomed',
      });
      return {
        method: 'DELETE',
        url: `${v1}/risk-categories/${category.id}`,
        headers: { 'if-match': '"1"' },
      };
    },
  },
  {
    route: 'POST /risk-categories',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/risk-categories`,
      payload: { code: `NC${++sequence}`, name: 'New category' },
    }),
  },
  {
    route: 'GET /issues',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/issues?priority=medium` }),
  },
  {
    route: 'GET /issues/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/issues/${(await issueAt(t)).id}` }),
  },
  {
    route: 'POST /issues',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/issues`,
      payload: { scopeType: 'project', scopeId: tree[t].project, title: 'Logged', priority: 'high' },
    }),
  },
  {
    route: 'PATCH /issues/:id',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/issues/${(await issueAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'resolved', resolution: 'Worked around' },
    }),
  },
  {
    route: 'DELETE /issues/:id',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/issues/${(await issueAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'POST /issues/:id/escalate',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/issues/${(await issueAt(t)).id}/escalate`,
      payload: { reason: 'blocked' },
    }),
  },
  // Escalation rules: the organization's PMO sets them; every member reads them.
  {
    route: 'GET /escalation-rules',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/escalation-rules` }),
  },
  {
    route: 'GET /escalation-rules/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/escalation-rules/${(await ruleAt(t)).id}` }),
  },
  {
    route: 'POST /escalation-rules',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/escalation-rules`,
      payload: { name: 'Late', kind: 'action_overdue', overdueDays: 3500 },
    }),
  },
  {
    route: 'PATCH /escalation-rules/:id',
    allowed: orgAdminOnly,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/escalation-rules/${(await ruleAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { enabled: false },
    }),
  },
  {
    route: 'DELETE /escalation-rules/:id',
    allowed: orgAdminOnly,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/escalation-rules/${(await ruleAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  // Notifications are personal: another person's is not found.
  {
    route: 'GET /notifications',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/notifications?unread=true` }),
  },
  {
    route: 'POST /notifications/read-all',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'POST', url: `${v1}/notifications/read-all` }),
  },
  {
    route: 'POST /notifications/:id/read',
    allowed: (_a, target) => target === 'in',
    targets: ['in', 'other'],
    request: async (target, actor) => {
      const owner = target === 'in' ? actors[actor] : await makeActor(db, orgB, 'team_member');
      const id = crypto.randomUUID();
      await insertNotification(db, owner.orgId, {
        userId: owner.userId as string,
        kind: 'assignment',
        entityType: 'risk',
        entityId: id,
        message: 'You own a risk',
      });
      const [row] = await db.query<{ id: string }>(
        'SELECT id FROM notifications WHERE org_id = $1 AND entity_id = $2',
        [owner.orgId, id],
      );
      return { method: 'POST', url: `${v1}/notifications/${row.id}/read` };
    },
  },
  // Change control: raised by those who may request changes, decided by the configured role (program
  // manager or above for a project's change), read with the project or program.
  {
    route: 'GET /projects/:id/change-requests',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/change-requests` }),
  },
  {
    route: 'POST /projects/:id/change-requests',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/change-requests`,
      payload: {
        title: `Change ${++sequence}`,
        operations: [{ op: 'update_task', taskId: await standingTask(t), changes: { durationMinutes: 960 } }],
      },
    }),
  },
  {
    route: 'GET /programs/:id/change-requests',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/change-requests` }),
  },
  {
    route: 'POST /programs/:id/change-requests',
    allowed: programEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/programs/${tree[t].program}/change-requests`,
      payload: { title: `Program change ${++sequence}`, costImpact: 5000 },
    }),
  },
  {
    route: 'GET /change-requests/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/change-requests/${(await changeRequest(t)).id}` }),
  },
  {
    route: 'PATCH /change-requests/:id',
    allowed: projectEditors,
    request: async (t) => {
      const request = await changeRequest(t);
      return {
        method: 'PATCH',
        url: `${v1}/change-requests/${request.id}`,
        headers: { 'if-match': `"${request.version}"` },
        payload: { description: `Edited ${++sequence}` },
      };
    },
  },
  {
    route: 'POST /change-requests/:id/review',
    allowed: changeDeciders,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/change-requests/${(await changeRequest(t)).id}/review`,
      payload: { note: 'Board' },
    }),
  },
  {
    route: 'POST /change-requests/:id/impact',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/change-requests/${(await changeRequest(t)).id}/impact`,
    }),
  },
  {
    route: 'POST /change-requests/:id/decision',
    allowed: changeDeciders,
    request: async (t) => {
      const request = await changeRequest(t);
      await startReview(db, systemFor(t), request.id, {});
      return {
        method: 'POST',
        url: `${v1}/change-requests/${request.id}/decision`,
        payload: { decision: 'reject', note: 'No' },
      };
    },
  },
  {
    route: 'GET /change-decisions',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/change-decisions?scopeType=project&scopeId=${tree[t].project}`,
    }),
  },
  {
    route: 'GET /change-authorities',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/change-authorities` }),
  },
  {
    route: 'PUT /change-authorities',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'PUT',
      url: `${v1}/change-authorities`,
      payload: { project: 'program_manager', program: 'pmo_admin' },
    }),
  },
  // Schedule risk: estimates and simulations need manage_risks; reading them needs read.
  {
    route: 'GET /projects/:id/estimates',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/estimates` }),
  },
  {
    route: 'PUT /projects/:id/estimates',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${tree[t].project}/estimates`,
      payload: {
        estimates: [
          {
            taskId: await standingTask(t),
            optimisticMinutes: 480,
            likelyMinutes: 960,
            pessimisticMinutes: 1440,
          },
        ],
      },
    }),
  },
  {
    route: 'POST /projects/:id/simulations',
    allowed: projectEditors,
    request: async (t) => {
      await standingTask(t);
      return {
        method: 'POST',
        url: `${v1}/projects/${tree[t].project}/simulations`,
        payload: { iterations: 20 },
      };
    },
  },
  {
    route: 'GET /projects/:id/simulations',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/simulations` }),
  },
  {
    route: 'POST /programs/:id/simulations',
    allowed: programEditors,
    request: async (t) => {
      await standingTask(t);
      return {
        method: 'POST',
        url: `${v1}/programs/${tree[t].program}/simulations`,
        payload: { iterations: 20 },
      };
    },
  },
  {
    route: 'GET /programs/:id/simulations',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/simulations` }),
  },
  {
    route: 'GET /simulations/:id',
    allowed: readersOut,
    request: async (t) => {
      await standingTask(t);
      const run = await simulateProject(db, systemFor(t), tree[t].project, { iterations: 10 });
      return { method: 'GET', url: `${v1}/simulations/${run.id}` };
    },
  },
  // Leveling: previewing, applying, discarding and undoing change the project's plan; reading needs read.
  {
    route: 'POST /leveling-runs',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/leveling-runs`,
      payload: { scopeType: 'project', scopeId: await levelingScope(t), schedules: 10 },
    }),
  },
  {
    route: 'GET /leveling-runs',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/leveling-runs?scopeType=project&scopeId=${tree[t].project}`,
    }),
  },
  {
    route: 'GET /leveling-runs/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/leveling-runs/${(await levelingPreview(t)).id}` }),
  },
  {
    route: 'POST /leveling-runs/:id/apply',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/leveling-runs/${(await levelingPreview(t)).id}/apply`,
    }),
  },
  {
    route: 'POST /leveling-runs/:id/discard',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/leveling-runs/${(await levelingPreview(t)).id}/discard`,
    }),
  },
  {
    route: 'POST /leveling-runs/:id/undo',
    allowed: projectEditors,
    request: async (t) => {
      const run = await levelingPreview(t);
      await applyLevelingRun(db, systemFor(t), run.id);
      return { method: 'POST', url: `${v1}/leveling-runs/${run.id}/undo` };
    },
  },
  // The resource pool: everyone in the organization reads it; resource managers (and PMO administrators)
  // keep it over their unit; roles and skills are the organization's. Plans' assignments and staffing
  // requests follow the project's editors; bookings, the resource's managers.
  {
    route: 'GET /resource-roles',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/resource-roles` }),
  },
  {
    route: 'GET /resource-roles/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/resource-roles/${(await roleAt(t)).id}` }),
  },
  {
    route: 'POST /resource-roles',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/resource-roles`,
      payload: { name: `Role ${++sequence}` },
    }),
  },
  {
    route: 'PATCH /resource-roles/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const role = await roleAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/resource-roles/${role.id}`,
        headers: { 'if-match': `"${role.version}"` },
        payload: { description: 'changed' },
      };
    },
  },
  {
    route: 'DELETE /resource-roles/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const role = await roleAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/resource-roles/${role.id}`,
        headers: { 'if-match': `"${role.version}"` },
      };
    },
  },
  {
    route: 'GET /skills',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/skills` }),
  },
  {
    route: 'GET /skills/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/skills/${(await skillAt(t)).id}` }),
  },
  {
    route: 'POST /skills',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({ method: 'POST', url: `${v1}/skills`, payload: { name: `Skill ${++sequence}` } }),
  },
  {
    route: 'PATCH /skills/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const skill = await skillAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/skills/${skill.id}`,
        headers: { 'if-match': `"${skill.version}"` },
        payload: { description: 'changed' },
      };
    },
  },
  {
    route: 'DELETE /skills/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const skill = await skillAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/skills/${skill.id}`,
        headers: { 'if-match': `"${skill.version}"` },
      };
    },
  },
  {
    route: 'GET /resources',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/resources?kind=person` }),
  },
  {
    route: 'GET /resources/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/resources/${(await resourceAt(t)).id}` }),
  },
  {
    route: 'POST /resources',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/resources`,
      payload: { code: `NR${++sequence}`, name: 'New resource', businessUnitId: tree[t].unit },
    }),
  },
  {
    route: 'PATCH /resources/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const resource = await resourceAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/resources/${resource.id}`,
        headers: { 'if-match': `"${resource.version}"` },
        payload: { maxUnits: 0.5 },
      };
    },
  },
  {
    route: 'DELETE /resources/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const resource = await resourceAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/resources/${resource.id}`,
        headers: { 'if-match': `"${resource.version}"` },
      };
    },
  },
  {
    route: 'PUT /resources/:id/skills',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/resources/${(await resourceAt(t)).id}/skills`,
      payload: { skills: [{ skillId: (await skillAt(t)).id, proficiency: 3 }] },
    }),
  },
  {
    route: 'GET /resources/:id/rates',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/resources/${(await resourceAt(t)).id}/rates` }),
  },
  {
    route: 'POST /resources/:id/rates',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/resources/${(await resourceAt(t)).id}/rates`,
      payload: { effectiveFrom: '2027-01-01', standardRate: 80 },
    }),
  },
  {
    route: 'PATCH /resource-rates/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const rate = await rateAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/resource-rates/${rate.id}`,
        headers: { 'if-match': `"${rate.version}"` },
        payload: { standardRate: 95 },
      };
    },
  },
  {
    route: 'DELETE /resource-rates/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const rate = await rateAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/resource-rates/${rate.id}`,
        headers: { 'if-match': `"${rate.version}"` },
      };
    },
  },
  {
    route: 'GET /calendars',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/calendars?scope=all` }),
  },
  {
    route: 'GET /calendars/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/calendars/${(await calendarAt(t)).id}` }),
  },
  {
    route: 'POST /calendars',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/calendars`,
      payload: { name: `Calendar ${++sequence}`, week: [[], [{ from: 480, to: 960 }], [], [], [], [], []] },
    }),
  },
  {
    route: 'PATCH /calendars/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const calendar = await calendarAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/calendars/${calendar.id}`,
        headers: { 'if-match': `"${calendar.version}"` },
        payload: { exceptions: [{ name: 'Holiday', from: '2027-05-01' }] },
      };
    },
  },
  {
    route: 'DELETE /calendars/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const calendar = await calendarAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/calendars/${calendar.id}`,
        headers: { 'if-match': `"${calendar.version}"` },
      };
    },
  },
  {
    route: 'GET /resources/:id/time-off',
    allowed: everyMember,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/resources/${(await timeOffAt(t)).resource.id}/time-off`,
    }),
  },
  {
    route: 'POST /resources/:id/time-off',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/resources/${(await resourceAt(t)).id}/time-off`,
      payload: { from: '2027-04-05', to: '2027-04-09', name: 'Vacation' },
    }),
  },
  {
    route: 'DELETE /resources/:id/time-off/:timeOffId',
    allowed: resourceKeepers,
    request: async (t) => {
      const { resource, timeOff } = await timeOffAt(t);
      return { method: 'DELETE', url: `${v1}/resources/${resource.id}/time-off/${timeOff.id}` };
    },
  },
  {
    route: 'GET /resources/:id/assignments',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/resources/${(await resourceAt(t)).id}/assignments` }),
  },
  {
    route: 'GET /assignments',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/assignments?projectId=${tree[t].project}` }),
  },
  {
    route: 'GET /assignments/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/assignments/${(await assignmentAt(t)).id}` }),
  },
  {
    route: 'POST /assignments',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/assignments`,
      payload: { taskId: await standingTask(t), resourceId: (await resourceAt(t)).id, units: 0.5 },
    }),
  },
  {
    route: 'PATCH /assignments/:id',
    allowed: projectEditors,
    request: async (t) => {
      const assignment = await assignmentAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/assignments/${assignment.id}`,
        headers: { 'if-match': `"${assignment.version}"` },
        payload: { units: 0.25 },
      };
    },
  },
  {
    route: 'DELETE /assignments/:id',
    allowed: projectEditors,
    request: async (t) => {
      const assignment = await assignmentAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/assignments/${assignment.id}`,
        headers: { 'if-match': `"${assignment.version}"` },
      };
    },
  },
  {
    route: 'GET /tasks/:id/assignments',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/tasks/${await standingTask(t)}/assignments` }),
  },
  {
    route: 'GET /staffing-requests',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/staffing-requests?status=open` }),
  },
  {
    route: 'GET /staffing-requests/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/staffing-requests/${(await staffingRequestAt(t)).id}`,
    }),
  },
  {
    route: 'POST /staffing-requests',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/staffing-requests`,
      payload: {
        projectId: tree[t].project,
        roleId: (await roleAt(t)).id,
        startDate: '2027-03-01',
        finishDate: '2027-03-31',
      },
    }),
  },
  {
    route: 'PATCH /staffing-requests/:id',
    allowed: projectEditors,
    request: async (t) => {
      const request = await staffingRequestAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/staffing-requests/${request.id}`,
        headers: { 'if-match': `"${request.version}"` },
        payload: { units: 2 },
      };
    },
  },
  {
    route: 'DELETE /staffing-requests/:id',
    allowed: projectEditors,
    request: async (t) => {
      const request = await staffingRequestAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/staffing-requests/${request.id}`,
        headers: { 'if-match': `"${request.version}"` },
      };
    },
  },
  {
    route: 'GET /staffing-requests/:id/candidates',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/staffing-requests/${(await staffingRequestAt(t)).id}/candidates`,
    }),
  },
  {
    route: 'GET /bookings',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/bookings` }),
  },
  {
    route: 'GET /bookings/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/bookings/${(await bookingAt(t)).id}` }),
  },
  {
    route: 'POST /bookings',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/bookings`,
      payload: {
        resourceId: (await resourceAt(t)).id,
        staffingRequestId: (await staffingRequestAt(t)).id,
        kind: 'hard',
        startDate: '2027-03-01',
        finishDate: '2027-03-12',
      },
    }),
  },
  {
    route: 'PATCH /bookings/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const booking = await bookingAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/bookings/${booking.id}`,
        headers: { 'if-match': `"${booking.version}"` },
        payload: { kind: 'hard' },
      };
    },
  },
  {
    route: 'DELETE /bookings/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const booking = await bookingAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/bookings/${booking.id}`,
        headers: { 'if-match': `"${booking.version}"` },
      };
    },
  },
  {
    route: 'GET /capacity',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/capacity?from=2027-01-04&to=2027-03-28&groupBy=skill&businessUnitId=${tree.in.unit}`,
    }),
  },
  {
    route: 'GET /capacity/cell',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/capacity/cell?from=2027-01-04&to=2027-01-10&key=${(await resourceAt('in')).id}`,
    }),
  },
  {
    route: 'GET /capacity/over-allocations',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/capacity/over-allocations?from=2027-01-04&to=2027-03-28`,
    }),
  },
  {
    route: 'GET /lifecycles',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/lifecycles` }),
  },
  {
    route: 'GET /lifecycles/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/lifecycles/${(await lifecycleOf(t)).id}` }),
  },
  {
    route: 'POST /lifecycles',
    allowed: unitShapers,
    request: async (t) => {
      const unit = await createBusinessUnit(db, systemFor(t), {
        name: 'New lifecycle unit',
        code: `NL${++sequence}`,
        parentId: tree[t].unit,
      });
      return {
        method: 'POST',
        url: `${v1}/lifecycles`,
        payload: smallLifecycle({ businessUnitId: unit.id }),
      };
    },
  },
  {
    route: 'PUT /lifecycles/:id',
    allowed: unitShapers,
    request: async (t) => {
      const lifecycle = await unitLifecycleAt(t);
      return {
        method: 'PUT',
        url: `${v1}/lifecycles/${lifecycle.id}`,
        headers: { 'if-match': `"${lifecycle.version}"` },
        payload: { name: 'Renamed', stages: lifecycle.stages },
      };
    },
  },
  {
    route: 'DELETE /lifecycles/:id',
    allowed: unitShapers,
    request: async (t) => {
      const lifecycle = await unitLifecycleAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/lifecycles/${lifecycle.id}`,
        headers: { 'if-match': `"${lifecycle.version}"` },
      };
    },
  },
  {
    route: 'GET /projects/:id/gates',
    allowed: readersOut,
    request: async (t) => {
      await lifecycleOf(t);
      return { method: 'GET', url: `${v1}/projects/${tree[t].project}/gates` };
    },
  },
  {
    route: 'POST /projects/:id/gate-reviews',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await projectReadyForReview(t)}/gate-reviews`,
      payload: { gateId: await firstGateOf(t) },
    }),
  },
  {
    route: 'PUT /gate-reviews/:id/results',
    allowed: projectEditors,
    request: async (t) => {
      const review = await openGateReview(db, systemFor(t), await projectReadyForReview(t), {
        gateId: await firstGateOf(t),
      });
      return {
        method: 'PUT',
        url: `${v1}/gate-reviews/${review.id}/results`,
        headers: { 'if-match': `"${review.version}"` },
        payload: {
          results: [{ criterionId: review.results[0]!.criterionId, result: 'met', evidence: 'signed' }],
        },
      };
    },
  },
  {
    route: 'POST /gate-reviews/:id/pmo-review',
    allowed: unitShapers,
    request: async (t) => {
      const { review } = await reviewAt(t);
      return {
        method: 'POST',
        url: `${v1}/gate-reviews/${review.id}/pmo-review`,
        headers: { 'if-match': `"${review.version}"` },
        payload: { note: 'Checked' },
      };
    },
  },
  {
    // G1 names the program manager: that role and those above it decide.
    route: 'POST /gate-reviews/:id/decision',
    allowed: changeDeciders,
    request: async (t) => {
      const { project, review } = await reviewAt(t);
      return {
        method: 'POST',
        url: `${v1}/gate-reviews/${review.id}/decision`,
        payload: { decision: 'hold', reason: 'Funding review', expectedVersion: project.version },
      };
    },
  },
  {
    route: 'GET /projects/:id/termination-impact',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/termination-impact` }),
  },
  {
    route: 'POST /projects/:id/terminate',
    allowed: unitShapers,
    request: async (t) => {
      const project = await freshProject(t);
      return {
        method: 'POST',
        url: `${v1}/projects/${project.id}/terminate`,
        payload: { reason: 'No longer needed', expectedVersion: project.version },
      };
    },
  },
  {
    route: 'GET /benefits',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/benefits` }),
  },
  {
    route: 'GET /benefits/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/benefits/${(await benefitAt(t)).id}` }),
  },
  {
    route: 'POST /benefits',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/benefits`,
      payload: { projectId: tree[t].project, name: 'Faster', measure: 'Days', baseline: 10, target: 5 },
    }),
  },
  {
    route: 'PATCH /benefits/:id',
    allowed: projectEditors,
    request: async (t) => {
      const benefit = await benefitAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/benefits/${benefit.id}`,
        headers: { 'if-match': `"${benefit.version}"` },
        payload: { status: 'tracking' },
      };
    },
  },
  {
    route: 'DELETE /benefits/:id',
    allowed: projectEditors,
    request: async (t) => {
      const benefit = await benefitAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/benefits/${benefit.id}`,
        headers: { 'if-match': `"${benefit.version}"` },
      };
    },
  },
  {
    route: 'POST /benefits/:id/measurements',
    allowed: projectEditors,
    request: async (t) => {
      const benefit = await benefitAt(t);
      return {
        method: 'POST',
        url: `${v1}/benefits/${benefit.id}/measurements`,
        headers: { 'if-match': `"${benefit.version}"` },
        payload: { measuredOn: '2027-06-30', value: 12 },
      };
    },
  },
  {
    route: 'DELETE /benefits/:id/measurements/:measurementId',
    allowed: projectEditors,
    request: async (t) => {
      const benefit = await benefitAt(t);
      const measured = await addMeasurement(db, systemFor(t), benefit.id, benefit.version, {
        measuredOn: '2027-06-30',
        value: 12,
      });
      return {
        method: 'DELETE',
        url: `${v1}/benefits/${benefit.id}/measurements/${measured.measurements[0]!.id}`,
        headers: { 'if-match': `"${measured.version}"` },
      };
    },
  },
  {
    route: 'GET /lessons',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/lessons?q=estimate` }),
  },
  {
    // Lessons are the organization's knowledge: every member reads them.
    route: 'GET /lessons/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/lessons/${(await lessonAt(t)).id}` }),
  },
  {
    route: 'POST /lessons',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/lessons`,
      payload: {
        projectId: tree[t].project,
        title: 'Estimate together',
        category: 'Planning',
        kind: 'success',
      },
    }),
  },
  {
    route: 'PATCH /lessons/:id',
    allowed: projectEditors,
    request: async (t) => {
      const lesson = await lessonAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/lessons/${lesson.id}`,
        headers: { 'if-match': `"${lesson.version}"` },
        payload: { tags: ['estimating'] },
      };
    },
  },
  {
    route: 'DELETE /lessons/:id',
    allowed: projectEditors,
    request: async (t) => {
      const lesson = await lessonAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/lessons/${lesson.id}`,
        headers: { 'if-match': `"${lesson.version}"` },
      };
    },
  },
  {
    route: 'GET /projects/:id/suggested-lessons',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/suggested-lessons` }),
  },
  {
    route: 'POST /lessons/:id/change-proposals',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/lessons/${(await lessonAt(t)).id}/change-proposals`,
      payload: {
        targetKind: 'standard',
        targetReference: 'Estimating standard',
        proposedText: 'Estimate in pairs',
      },
    }),
  },
  {
    route: 'GET /lesson-change-proposals',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/lesson-change-proposals` }),
  },
  {
    route: 'PATCH /lesson-change-proposals/:id',
    allowed: orgAdminOnly,
    request: async (t) => {
      const proposal = await proposalAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/lesson-change-proposals/${proposal.id}`,
        headers: { 'if-match': `"${proposal.version}"` },
        payload: { status: 'accepted' },
      };
    },
  },
  {
    route: 'GET /projects/:id/status-reports',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/status-reports` }),
  },
  {
    route: 'POST /projects/:id/status-reports',
    allowed: statusReporters,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/status-reports`,
      payload: { periodStart: '2027-03-01', periodEnd: '2027-03-31', overallRag: 'amber' },
    }),
  },
  {
    route: 'GET /projects/:id/status-indicators',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/projects/${tree[t].project}/status-indicators?date=2027-03-31`,
    }),
  },
  {
    route: 'GET /projects/:id/reporting-cadence',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/reporting-cadence` }),
  },
  {
    route: 'PUT /projects/:id/reporting-cadence',
    allowed: statusReviewers,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${tree[t].project}/reporting-cadence`,
      payload: { frequency: 'monthly', anchorDate: '2027-01-31' },
    }),
  },
  {
    route: 'GET /status-reports',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/status-reports?scopeType=project&scopeId=${tree[t].project}&status=submitted`,
    }),
  },
  {
    route: 'GET /status-reports/late',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/status-reports/late?scopeType=program&scopeId=${tree[t].program}&date=2027-06-01`,
    }),
  },
  {
    route: 'GET /status-reports/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/status-reports/${(await statusReportAt(t)).id}` }),
  },
  {
    route: 'PATCH /status-reports/:id',
    allowed: statusReporters,
    request: async (t) => {
      const report = await statusReportAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/status-reports/${report.id}`,
        headers: { 'if-match': `"${report.version}"` },
        payload: { achievements: `Edited ${++sequence}` },
      };
    },
  },
  {
    route: 'POST /status-reports/:id/submit',
    allowed: statusReporters,
    request: async (t) => {
      const report = await statusReportAt(t);
      return {
        method: 'POST',
        url: `${v1}/status-reports/${report.id}/submit`,
        headers: { 'if-match': `"${report.version}"` },
      };
    },
  },
  {
    route: 'POST /status-reports/:id/review',
    allowed: statusReviewers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/status-reports/${(await submittedReportAt(t)).id}/review`,
      payload: { note: 'Seen' },
    }),
  },
  {
    route: 'POST /status-reports/:id/comments',
    allowed: statusReporters,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/status-reports/${(await submittedReportAt(t)).id}/comments`,
      payload: { body: 'Please explain the slip.' },
    }),
  },
  {
    route: 'GET /status-thresholds',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/status-thresholds` }),
  },
  {
    route: 'PUT /status-thresholds',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/status-thresholds`,
      headers: { 'if-match': `"${(await getStatusThresholds(db, systemFor(t))).version}"` },
      payload: { spiAmber: 0.95 },
    }),
  },
  {
    route: 'GET /quality-standards',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/quality-standards?active=true` }),
  },
  {
    route: 'GET /quality-standards/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/quality-standards/${(await standardAt(t)).id}` }),
  },
  {
    route: 'POST /quality-standards',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/quality-standards`,
      payload: { code: `QS${++sequence}`, name: 'Standard', checklist: ['One'] },
    }),
  },
  {
    route: 'PATCH /quality-standards/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/quality-standards/${(await standardAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { description: 'Sharper' },
    }),
  },
  {
    route: 'DELETE /quality-standards/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/quality-standards/${(await standardAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /inspections',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/inspections?projectId=${tree.in.project}` }),
  },
  {
    route: 'GET /inspections/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/inspections/${(await inspectionAt(t)).id}` }),
  },
  {
    route: 'POST /inspections',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/inspections`,
      payload: {
        projectId: tree[t].project,
        standardId: (await standardAt(t)).id,
        kind: 'inspection',
        title: 'Walkthrough',
        heldOn: '2027-01-06',
      },
    }),
  },
  {
    route: 'PATCH /inspections/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/inspections/${(await inspectionAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { notes: 'Follow-up in March' },
    }),
  },
  {
    route: 'DELETE /inspections/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/inspections/${(await inspectionAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /quality-findings',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/quality-findings?status=open` }),
  },
  {
    route: 'GET /quality-findings/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/quality-findings/${(await findingAt(t)).id}` }),
  },
  {
    route: 'POST /quality-findings',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/quality-findings`,
      payload: { inspectionId: (await inspectionAt(t)).id, severity: 'low', description: 'Typo in the plan' },
    }),
  },
  {
    route: 'PATCH /quality-findings/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/quality-findings/${(await findingAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'closed' },
    }),
  },
  {
    route: 'DELETE /quality-findings/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/quality-findings/${(await findingAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /corrective-actions',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/corrective-actions?status=open` }),
  },
  {
    route: 'GET /corrective-actions/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/corrective-actions/${(await correctiveActionAt(t)).id}`,
    }),
  },
  {
    route: 'POST /corrective-actions',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/corrective-actions`,
      payload: { findingId: (await findingAt(t)).id, title: 'Fix it', dueDate: '2027-02-01' },
    }),
  },
  {
    route: 'PATCH /corrective-actions/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/corrective-actions/${(await correctiveActionAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'done' },
    }),
  },
  {
    route: 'DELETE /corrective-actions/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/corrective-actions/${(await correctiveActionAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /projects/:id/compliance',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/projects/${tree[t].project}/compliance?asOf=2027-02-01`,
    }),
  },
  {
    route: 'GET /quality/compliance',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/quality/compliance` }),
  },
  {
    route: 'GET /maturity-questionnaires',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/maturity-questionnaires` }),
  },
  {
    route: 'GET /maturity-questionnaires/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/maturity-questionnaires/${(await questionnaireAt(t)).id}`,
    }),
  },
  {
    route: 'POST /maturity-questionnaires',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/maturity-questionnaires`,
      payload: { name: `Form ${++sequence}`, questions: [{ knowledgeArea: 'Risk', text: 'Reviewed?' }] },
    }),
  },
  {
    route: 'PATCH /maturity-questionnaires/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/maturity-questionnaires/${(await questionnaireAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { description: 'Yearly' },
    }),
  },
  {
    route: 'DELETE /maturity-questionnaires/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/maturity-questionnaires/${(await questionnaireAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /maturity-assessments',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/maturity-assessments?subjectProjectId=${tree.in.project}`,
    }),
  },
  {
    route: 'GET /maturity-assessments/:id',
    allowed: assessors,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/maturity-assessments/${(await assessmentAt(t)).id}`,
    }),
  },
  {
    route: 'POST /maturity-assessments',
    allowed: assessors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/maturity-assessments`,
      payload: await assessmentBody(t),
    }),
  },
  {
    route: 'DELETE /maturity-assessments/:id',
    allowed: assessors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/maturity-assessments/${(await assessmentAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /mentorships',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/mentorships?status=active` }),
  },
  {
    route: 'GET /mentorships/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/mentorships/${(await mentorshipAt(t)).id}` }),
  },
  {
    route: 'POST /mentorships',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => {
      const mentor = await createUser(db, systemFor('in'), {
        email: `mentor-${++sequence}@example.test`,
        name: 'Mentor',
        password: TEST_PASSWORD,
      });
      return {
        method: 'POST',
        url: `${v1}/mentorships`,
        payload: {
          mentorId: mentor.id,
          menteeId: extras.in.user,
          startsOn: '2027-01-01',
          goals: 'Run a gate',
        },
      };
    },
  },
  {
    route: 'PATCH /mentorships/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/mentorships/${(await mentorshipAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'completed' },
    }),
  },
  {
    route: 'DELETE /mentorships/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/mentorships/${(await mentorshipAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /mentorships/:id/sessions',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/mentorships/${(await mentorshipAt(t)).id}/sessions`,
    }),
  },
  {
    route: 'POST /mentorships/:id/sessions',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/mentorships/${(await mentorshipAt(t)).id}/sessions`,
      payload: { heldOn: '2027-01-15', notes: 'Talked about gates' },
    }),
  },
  {
    route: 'GET /oversight-policy',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/oversight-policy` }),
  },
  {
    route: 'PUT /oversight-policy',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'PUT',
      url: `${v1}/oversight-policy`,
      headers: { 'if-match': `"${(await getOversightPolicy(db, systemFor('in'))).version}"` },
      payload: {
        standardFrom: 3,
        lightFrom: 4,
        intensiveCadence: 'weekly',
        standardCadence: 'fortnightly',
        lightCadence: 'monthly',
        intensiveGates: 'all',
        standardGates: 'major',
        lightGates: 'none',
      },
    }),
  },
  {
    route: 'GET /projects/:id/oversight',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/oversight` }),
  },
  {
    route: 'GET /maturity/project-managers',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/maturity/project-managers` }),
  },
  {
    route: 'GET /stakeholders',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/stakeholders?projectId=${tree.in.project}` }),
  },
  {
    route: 'GET /stakeholders/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/stakeholders/${(await stakeholderAt(t)).id}` }),
  },
  {
    route: 'POST /stakeholders',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/stakeholders`,
      payload: {
        projectId: tree[t].project,
        name: 'Works council',
        influence: 4,
        interest: 5,
        attitude: 'skeptical',
      },
    }),
  },
  {
    route: 'PATCH /stakeholders/:id',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/stakeholders/${(await stakeholderAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { attitude: 'champion' },
    }),
  },
  {
    route: 'DELETE /stakeholders/:id',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/stakeholders/${(await stakeholderAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /communication-plans',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/communication-plans?projectId=${tree.in.project}` }),
  },
  {
    route: 'GET /communication-plans/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/communication-plans/${(await communicationPlanAt(t)).id}`,
    }),
  },
  {
    route: 'POST /communication-plans',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/communication-plans`,
      payload: {
        projectId: tree[t].project,
        audience: 'Team',
        content: 'Stand-up notes',
        cadence: 'weekly',
        channel: 'in_app',
        nextDue: '2027-01-11',
      },
    }),
  },
  {
    route: 'PATCH /communication-plans/:id',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/communication-plans/${(await communicationPlanAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { nextDue: '2027-03-01' },
    }),
  },
  {
    route: 'DELETE /communication-plans/:id',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/communication-plans/${(await communicationPlanAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /announcements',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/announcements` }),
  },
  {
    route: 'GET /announcements/:id',
    allowed: announcementReaders,
    request: async (t) => ({ method: 'GET', url: `${v1}/announcements/${(await announcementAt(t)).id}` }),
  },
  {
    route: 'POST /announcements',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/announcements`,
      payload: {
        scopeType: 'project',
        scopeId: tree[t].project,
        title: 'Gate review moved',
        body: 'To Thursday',
      },
    }),
  },
  {
    route: 'GET /email-outbox',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/email-outbox?status=failed` }),
  },
  {
    route: 'GET /mail-settings',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/mail-settings` }),
  },
  {
    route: 'PUT /mail-settings',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'PUT',
      url: `${v1}/mail-settings`,
      headers: { 'if-match': `"${(await getMailSettings(db, systemFor('in'))).version}"` },
      payload: { smtpUrl: 'smtp://mail.example.test:25' },
    }),
  },
  {
    route: 'POST /email-outbox/:id/retry',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/email-outbox/${await failedEmailAt(t)}/retry`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /projects/:id/budget-lines',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/budget-lines` }),
  },
  {
    route: 'POST /projects/:id/budget-lines',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await moneyProject(t)}/budget-lines`,
      payload: {
        category: 'capital',
        period: `20${40 + (++sequence % 40)}-0${(sequence % 9) + 1}`,
        amount: 5,
      },
    }),
  },
  {
    route: 'GET /projects/:id/budget',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/budget` }),
  },
  {
    route: 'PUT /projects/:id/budget',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${await moneyProject(t)}/budget`,
      payload: { cells: [{ category: 'labour', period: '2027-01', amount: 1000 }] },
    }),
  },
  {
    route: 'GET /budget-lines/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/budget-lines/${(await budgetLineAt(t)).id}` }),
  },
  {
    route: 'PATCH /budget-lines/:id',
    allowed: projectEditors,
    request: async (t) => {
      const line = await budgetLineAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/budget-lines/${line.id}`,
        headers: { 'if-match': `"${line.version}"` },
        payload: { amount: 150 },
      };
    },
  },
  {
    route: 'DELETE /budget-lines/:id',
    allowed: projectEditors,
    request: async (t) => {
      const line = await budgetLineAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/budget-lines/${line.id}`,
        headers: { 'if-match': `"${line.version}"` },
      };
    },
  },
  {
    route: 'GET /projects/:id/actual-costs',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/actual-costs` }),
  },
  {
    route: 'POST /projects/:id/actual-costs',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await moneyProject(t)}/actual-costs`,
      payload: { category: 'operating', incurredOn: '2027-04-01', amount: 12 },
    }),
  },
  {
    route: 'POST /projects/:id/actual-costs/import',
    allowed: projectEditors,
    request: async (t) => {
      const boundary = 'orrery-matrix-finance';
      return {
        method: 'POST',
        url: `${v1}/projects/${await moneyProject(t)}/actual-costs/import`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: [
          `--${boundary}`,
          'Content-Disposition: form-data; name="file"; filename="actuals.csv"',
          'Content-Type: text/csv',
          '',
          'date,category,amount,description\n2027-04-02,other,7,Courier',
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      };
    },
  },
  {
    route: 'POST /projects/:id/actual-costs/derive',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await moneyProject(t)}/actual-costs/derive?asOf=2027-05-01`,
    }),
  },
  {
    route: 'GET /actual-costs/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/actual-costs/${(await actualCostAt(t)).id}` }),
  },
  {
    route: 'PATCH /actual-costs/:id',
    allowed: projectEditors,
    request: async (t) => {
      const cost = await actualCostAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/actual-costs/${cost.id}`,
        headers: { 'if-match': `"${cost.version}"` },
        payload: { amount: 11 },
      };
    },
  },
  {
    route: 'DELETE /actual-costs/:id',
    allowed: projectEditors,
    request: async (t) => {
      const cost = await actualCostAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/actual-costs/${cost.id}`,
        headers: { 'if-match': `"${cost.version}"` },
      };
    },
  },
  {
    route: 'GET /projects/:id/forecasts',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/forecasts` }),
  },
  {
    route: 'POST /projects/:id/forecasts',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await moneyProject(t)}/forecasts`,
      payload: { asOf: '2027-05-01', lines: [{ category: 'labour', period: '2027-07', amount: 70 }] },
    }),
  },
  {
    route: 'GET /projects/:id/forecasts/:number',
    allowed: readersOut,
    request: async (t) => {
      const forecast = await forecastAt(t);
      return { method: 'GET', url: `${v1}/projects/${forecast.projectId}/forecasts/${forecast.number}` };
    },
  },
  {
    route: 'GET /projects/:id/forecasts-compare',
    allowed: readersOut,
    request: async (t) => {
      await forecastAt(t);
      const latest = await forecastAt(t);
      return {
        method: 'GET',
        url: `${v1}/projects/${latest.projectId}/forecasts-compare?from=1&to=${latest.number}`,
      };
    },
  },
  {
    route: 'GET /projects/:id/earned-value',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/projects/${await moneyProject(t)}/earned-value?asOf=2027-05-01`,
    }),
  },
  {
    route: 'GET /projects/:id/financials',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/financials` }),
  },
  {
    route: 'GET /budget-envelopes',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/budget-envelopes?programId=${tree[t].program}` }),
  },
  {
    route: 'POST /budget-envelopes',
    allowed: programEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/budget-envelopes`,
      payload: {
        programId: tree[t].program,
        period: freshMonth(),
        category: 'capital',
        amount: 500,
      },
    }),
  },
  {
    route: 'GET /budget-envelopes/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/budget-envelopes/${(await portfolioEnvelopeAt(t)).id}`,
    }),
  },
  {
    route: 'PATCH /budget-envelopes/:id',
    allowed: portfolioEditors,
    request: async (t) => {
      const envelope = await portfolioEnvelopeAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/budget-envelopes/${envelope.id}`,
        headers: { 'if-match': `"${envelope.version}"` },
        payload: { amount: 900 },
      };
    },
  },
  {
    route: 'DELETE /budget-envelopes/:id',
    allowed: portfolioEditors,
    request: async (t) => {
      const envelope = await portfolioEnvelopeAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/budget-envelopes/${envelope.id}`,
        headers: { 'if-match': `"${envelope.version}"` },
      };
    },
  },
  {
    route: 'GET /programs/:id/envelope-check',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/envelope-check` }),
  },
  {
    route: 'GET /portfolios/:id/envelope-check',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/portfolios/${tree[t].portfolio}/envelope-check` }),
  },
  {
    route: 'GET /dashboard',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/dashboard?scopeType=program&scopeId=${tree[t].program}`,
    }),
  },
  {
    route: 'GET /rollups/contributors',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/rollups/contributors?figure=budget&scopeType=program&scopeId=${tree[t].program}`,
    }),
  },
  {
    route: 'GET /dashboard/export.xlsx',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/dashboard/export.xlsx?scopeType=program&scopeId=${tree[t].program}`,
    }),
  },
  // Knowledge hub: every member reads published assets; the PMO at the asset's unit keeps them.
  {
    route: 'GET /process-assets',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/process-assets?kind=standard` }),
  },
  {
    route: 'GET /process-assets/search',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/process-assets/search?q=text` }),
  },
  {
    route: 'POST /process-assets',
    allowed: knowledgeEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/process-assets`,
      payload: { kind: 'policy', title: `Policy ${++sequence}`, businessUnitId: tree[t].unit, body: 'Rules' },
    }),
  },
  {
    route: 'GET /process-assets/:id',
    allowed: everyMember,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/process-assets/${(await assetAt(t, true)).asset.id}`,
    }),
  },
  {
    route: 'PATCH /process-assets/:id',
    allowed: knowledgeEditors,
    request: async (t) => {
      const { asset } = await assetAt(t, true);
      return {
        method: 'PATCH',
        url: `${v1}/process-assets/${asset.id}`,
        headers: { 'if-match': `"${asset.version}"` },
        payload: { tags: ['renamed'] },
      };
    },
  },
  {
    route: 'DELETE /process-assets/:id',
    allowed: knowledgeEditors,
    request: async (t) => {
      const { asset } = await assetAt(t, false);
      return {
        method: 'DELETE',
        url: `${v1}/process-assets/${asset.id}`,
        headers: { 'if-match': `"${asset.version}"` },
      };
    },
  },
  {
    route: 'GET /process-assets/:id/diff',
    allowed: everyMember,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/process-assets/${(await assetAt(t, true)).asset.id}/diff?from=1&to=1`,
    }),
  },
  {
    route: 'POST /process-assets/:id/versions',
    allowed: knowledgeEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/process-assets/${(await assetAt(t, true)).asset.id}/versions`,
      payload: { changeNote: 'next' },
    }),
  },
  {
    route: 'GET /asset-versions/:id',
    allowed: everyMember,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/asset-versions/${(await assetAt(t, true)).version.id}`,
    }),
  },
  {
    route: 'PATCH /asset-versions/:id',
    allowed: knowledgeEditors,
    request: async (t) => {
      const { version } = await assetAt(t, false);
      return {
        method: 'PATCH',
        url: `${v1}/asset-versions/${version.id}`,
        headers: { 'if-match': `"${version.version}"` },
        payload: { body: 'Edited draft' },
      };
    },
  },
  {
    route: 'POST /asset-versions/:id/transition',
    allowed: knowledgeEditors,
    request: async (t) => {
      const { version } = await assetAt(t, false);
      return {
        method: 'POST',
        url: `${v1}/asset-versions/${version.id}/transition`,
        headers: { 'if-match': `"${version.version}"` },
        payload: { to: 'in_review' },
      };
    },
  },
  {
    route: 'POST /process-assets/:id/attachments',
    allowed: knowledgeEditors,
    request: async (t) => {
      const boundary = 'orrery-matrix-boundary';
      return {
        method: 'POST',
        url: `${v1}/process-assets/${(await assetAt(t, true)).asset.id}/attachments`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: [
          `--${boundary}`,
          'Content-Disposition: form-data; name="file"; filename="form.txt"',
          'Content-Type: text/plain',
          '',
          'form',
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      };
    },
  },
  {
    route: 'GET /asset-attachments/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/asset-attachments/${(await attachmentAt(t)).id}` }),
  },
  {
    route: 'DELETE /asset-attachments/:id',
    allowed: knowledgeEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/asset-attachments/${(await attachmentAt(t)).id}`,
    }),
  },
  // Project templates: the organization's PMO keeps them; members read published ones and create
  // projects from them where they may create projects.
  {
    route: 'GET /project-templates',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/project-templates` }),
  },
  {
    route: 'POST /project-templates',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/project-templates`,
      payload: { name: `Template ${++sequence}`, content: { tasks: [{ key: 'A', name: 'Plan' }] } },
    }),
  },
  {
    route: 'GET /project-templates/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/project-templates/${(await templateAt(t)).template.id}`,
    }),
  },
  {
    route: 'PATCH /project-templates/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const { template } = await templateAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/project-templates/${template.id}`,
        headers: { 'if-match': `"${template.version}"` },
        payload: { description: 'Changed' },
      };
    },
  },
  {
    route: 'POST /project-templates/:id/versions',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/project-templates/${(await templateAt(t)).template.id}/versions`,
      payload: { content: { tasks: [{ key: 'A', name: 'Plan again' }] } },
    }),
  },
  {
    route: 'GET /template-versions/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/template-versions/${(await templateAt(t)).version.id}`,
    }),
  },
  {
    route: 'PATCH /template-versions/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const { version } = await templateAt(t, false);
      return {
        method: 'PATCH',
        url: `${v1}/template-versions/${version.id}`,
        headers: { 'if-match': `"${version.version}"` },
        payload: { changeNote: 'Edited' },
      };
    },
  },
  {
    route: 'POST /template-versions/:id/publish',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const { version } = await templateAt(t, false);
      return {
        method: 'POST',
        url: `${v1}/template-versions/${version.id}/publish`,
        headers: { 'if-match': `"${version.version}"` },
      };
    },
  },
  {
    route: 'POST /project-templates/:id/instantiate',
    allowed: projectCreators,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/project-templates/${(await templateAt(t)).template.id}/instantiate`,
      payload: {
        code: `TPL-${++sequence}`,
        name: 'From template',
        businessUnitId: tree[t].unit,
        portfolioId: tree[t].portfolio,
        programId: tree[t].program,
        startDate: '2027-03-01',
      },
    }),
  },
  // Configuration management: project readers read it; project managers and above keep it.
  {
    route: 'GET /projects/:id/configuration-items',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/configuration-items` }),
  },
  {
    route: 'POST /projects/:id/configuration-items',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/configuration-items`,
      payload: { identifier: `CI-${++sequence}`, title: 'Test plan', kind: 'document' },
    }),
  },
  {
    route: 'GET /configuration-items/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/configuration-items/${(await ciAt(t)).id}` }),
  },
  {
    route: 'PATCH /configuration-items/:id',
    allowed: projectEditors,
    request: async (t) => {
      const item = await ciAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/configuration-items/${item.id}`,
        headers: { 'if-match': `"${item.version}"` },
        payload: { title: 'Renamed spec' },
      };
    },
  },
  {
    route: 'POST /configuration-items/:id/versions',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/configuration-items/${(await ciAt(t)).id}/versions`,
      payload: { reference: 'https://example.test/spec-v1' },
    }),
  },
  {
    route: 'POST /configuration-items/:id/versions/file',
    allowed: projectEditors,
    request: async (t) => {
      const boundary = 'orrery-matrix-boundary';
      return {
        method: 'POST',
        url: `${v1}/configuration-items/${(await ciAt(t)).id}/versions/file`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: [
          `--${boundary}`,
          'Content-Disposition: form-data; name="file"; filename="spec.pdf"',
          'Content-Type: application/pdf',
          '',
          'spec',
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      };
    },
  },
  {
    route: 'GET /ci-versions/:id/file',
    allowed: readersOut,
    request: async (t) => {
      const version = await proposeCiVersion(
        db,
        systemFor(t),
        (await ciAt(t)).id,
        {},
        { fileName: 'spec.pdf', contentType: 'application/pdf', content: new TextEncoder().encode('spec') },
      );
      return { method: 'GET', url: `${v1}/ci-versions/${version.id}/file` };
    },
  },
  {
    route: 'POST /ci-versions/:id/approve',
    allowed: projectEditors,
    request: async (t) => {
      const proposed = await ciVersionAt(t);
      return {
        method: 'POST',
        url: `${v1}/ci-versions/${proposed.id}/approve`,
        headers: { 'if-match': `"${proposed.version}"` },
        payload: {},
      };
    },
  },
  {
    route: 'GET /projects/:id/config-baselines',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/config-baselines` }),
  },
  {
    route: 'POST /projects/:id/config-baselines',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/config-baselines`,
      payload: { name: `Baseline ${++sequence}`, ciIds: [await approvedCiAt(t)] },
    }),
  },
  {
    route: 'GET /config-baselines/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/config-baselines/${(await configBaselineAt(t)).id}`,
    }),
  },
  {
    route: 'GET /projects/:id/configuration',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/projects/${tree[t].project}/configuration?asOf=2027-01-01`,
    }),
  },
  // Intake and scoring.
  {
    route: 'GET /proposals',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/proposals` }),
  },
  {
    route: 'GET /proposals/:id',
    allowed: proposalReaders,
    request: async (t) => ({ method: 'GET', url: `${v1}/proposals/${(await intakeProposalAt(t)).id}` }),
  },
  {
    route: 'POST /proposals',
    allowed: proposalSubmitters,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/proposals`,
      payload: {
        code: `NP-${++sequence}`,
        title: 'New proposal',
        businessUnitId: tree[t].unit,
        portfolioId: tree[t].portfolio,
        programId: tree[t].program,
      },
    }),
  },
  {
    route: 'PATCH /proposals/:id',
    allowed: proposalSubmitters,
    request: async (t) => {
      const proposal = await intakeProposalAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/proposals/${proposal.id}`,
        headers: { 'if-match': `"${proposal.version}"` },
        payload: { businessCase: 'Sharper case' },
      };
    },
  },
  {
    route: 'DELETE /proposals/:id',
    allowed: proposalSubmitters,
    request: async (t) => {
      const proposal = await intakeProposalAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/proposals/${proposal.id}`,
        headers: { 'if-match': `"${proposal.version}"` },
      };
    },
  },
  {
    route: 'POST /proposals/:id/submit',
    allowed: proposalSubmitters,
    request: async (t) => {
      const proposal = await intakeProposalAt(t);
      return {
        method: 'POST',
        url: `${v1}/proposals/${proposal.id}/submit`,
        headers: { 'if-match': `"${proposal.version}"` },
      };
    },
  },
  {
    route: 'POST /proposals/:id/triage',
    allowed: unitShapers,
    request: async (t) => {
      const proposal = await intakeProposalAt(t, true);
      return {
        method: 'POST',
        url: `${v1}/proposals/${proposal.id}/triage`,
        headers: { 'if-match': `"${proposal.version}"` },
        payload: { decision: 'accepted' },
      };
    },
  },
  {
    route: 'GET /scoring-models',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/scoring-models` }),
  },
  {
    route: 'GET /scoring-models/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/scoring-models/${(await scoringModelAt(t)).id}` }),
  },
  {
    route: 'POST /scoring-models',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/scoring-models`,
      payload: { name: `Created ${++sequence}`, criteria: [{ name: 'Value', weight: 1 }] },
    }),
  },
  {
    route: 'PATCH /scoring-models/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const model = await freshScoringModel(t);
      return {
        method: 'PATCH',
        url: `${v1}/scoring-models/${model.id}`,
        headers: { 'if-match': `"${model.version}"` },
        payload: { description: 'Edited' },
      };
    },
  },
  {
    route: 'DELETE /scoring-models/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const model = await freshScoringModel(t);
      return {
        method: 'DELETE',
        url: `${v1}/scoring-models/${model.id}`,
        headers: { 'if-match': `"${model.version}"` },
      };
    },
  },
  {
    route: 'GET /scoring-models/:id/ranking',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/scoring-models/${(await scoringModelAt(t)).id}/ranking`,
    }),
  },
  {
    route: 'GET /evaluations',
    allowed: proposalReaders,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/evaluations?modelId=${(await scoringModelAt(t)).id}&candidateType=proposal&candidateId=${(await intakeProposalAt(t, true)).id}`,
    }),
  },
  {
    route: 'PUT /evaluations',
    allowed: intakeEvaluators,
    request: async (t) => {
      const model = await scoringModelAt(t);
      return {
        method: 'PUT',
        url: `${v1}/evaluations`,
        payload: {
          modelId: model.id,
          candidate: { type: 'proposal', id: (await intakeProposalAt(t, true)).id },
          scores: [{ criterionId: model.criteria[0].id, score: 3 }],
        },
      };
    },
  },
  // Portfolio optimization and scenarios.
  {
    route: 'GET /portfolio/candidates',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/portfolio/candidates?horizonStart=2027-01-01&periods=3`,
    }),
  },
  {
    route: 'POST /portfolio/optimize',
    allowed: scenarioManagers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/portfolio/optimize`,
      payload: { portfolioId: tree[t].portfolio, horizonStart: '2027-01-01', periods: 2, budget: [100, 100] },
    }),
  },
  {
    route: 'GET /scenarios',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/scenarios` }),
  },
  {
    route: 'GET /scenarios/:id',
    allowed: scenarioReaders,
    request: async (t) => ({ method: 'GET', url: `${v1}/scenarios/${(await scenarioAt(t)).id}` }),
  },
  {
    route: 'POST /scenarios',
    allowed: scenarioManagers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/scenarios`,
      payload: {
        name: `New ${++sequence}`,
        portfolioId: tree[t].portfolio,
        horizonStart: '2027-01-01',
        periods: 3,
      },
    }),
  },
  {
    route: 'PATCH /scenarios/:id',
    allowed: scenarioManagers,
    request: async (t) => {
      const scenario = await scenarioAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/scenarios/${scenario.id}`,
        headers: { 'if-match': `"${scenario.version}"` },
        payload: { budget: [50, 50] },
      };
    },
  },
  {
    route: 'DELETE /scenarios/:id',
    allowed: scenarioManagers,
    request: async (t) => {
      const scenario = await scenarioAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/scenarios/${scenario.id}`,
        headers: { 'if-match': `"${scenario.version}"` },
      };
    },
  },
  {
    route: 'POST /scenarios/:id/optimize',
    allowed: scenarioManagers,
    request: async (t) => ({ method: 'POST', url: `${v1}/scenarios/${(await scenarioAt(t)).id}/optimize` }),
  },
  {
    route: 'POST /scenarios/compare',
    allowed: scenarioReaders,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/scenarios/compare`,
      payload: { ids: [(await scenarioAt(t)).id, (await scenarioAt(t)).id] },
    }),
  },
  {
    route: 'POST /scenarios/:id/promote',
    allowed: scenarioManagers,
    request: async (t) => {
      const scenario = await promotableScenarioAt(t);
      return {
        method: 'POST',
        url: `${v1}/scenarios/${scenario.id}/promote`,
        headers: { 'if-match': `"${scenario.version}"` },
      };
    },
  },
];

describe('permission matrix', () => {
  it('has a case for every endpoint of the API', async () => {
    const document = (await app.inject({ method: 'GET', url: `${v1}/openapi.json` })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(
        (method) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    expect(documented.length).toBeGreaterThan(30);
    expect(new Set(cases.map((c) => c.route))).toEqual(new Set(documented));
  });

  for (const testCase of cases) {
    it(`${testCase.route}: allowed exactly where the roles reach`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const actor of actorKeys) {
        for (const target of testCase.targets ?? (['in', 'out', 'other'] as Target[])) {
          const options = await testCase.request(target, actor);
          const response = await app.inject({
            ...options,
            headers: { ...(options.headers ?? {}), authorization: `Bearer ${tokens[actor]}` },
          });
          const allowed = response.statusCode < 300;
          const denied =
            response.statusCode === 403 ||
            response.statusCode === 404 ||
            (target === 'other' && response.statusCode === 400);
          outcomes.push(
            `${actor}/${target}: ${allowed ? 'allowed' : denied ? 'denied' : `status ${response.statusCode} ${response.body}`}`,
          );
          expected.push(`${actor}/${target}: ${testCase.allowed(actor, target) ? 'allowed' : 'denied'}`);
        }
      }
      expect(outcomes).toEqual(expected);
    });
  }

  it('lists hold only what each role may read, and nothing of another organization', async () => {
    const visible = async (actor: ActorKey, path: string) => {
      const response = await app.inject({
        method: 'GET',
        url: `${v1}/${path}?pageSize=500`,
        headers: { authorization: `Bearer ${tokens[actor]}` },
      });
      return new Set((response.json() as { items: Array<{ id: string }> }).items.map((item) => item.id));
    };
    for (const actor of actorKeys) {
      const projects = await visible(actor, 'projects');
      const programs = await visible(actor, 'programs');
      const portfolios = await visible(actor, 'portfolios');
      const units = await visible(actor, 'business-units');
      const seesOut = actor === 'pmoOrg' || actor === 'executiveOrg';
      expect(projects.has(tree.in.project), `${actor} sees its project`).toBe(true);
      expect(programs.has(tree.in.program), `${actor} sees its program`).toBe(true);
      expect(portfolios.has(tree.in.portfolio), `${actor} sees its portfolio`).toBe(true);
      expect(projects.has(tree.out.project), `${actor} and the other project`).toBe(seesOut);
      expect(programs.has(tree.out.program), `${actor} and the other program`).toBe(seesOut);
      expect(portfolios.has(tree.out.portfolio), `${actor} and the other portfolio`).toBe(seesOut);
      expect(units.has(tree.out.unit), `${actor} reads the whole unit tree`).toBe(true);
      for (const id of Object.values(tree.other)) {
        expect(projects.has(id) || programs.has(id) || portfolios.has(id) || units.has(id)).toBe(false);
      }
    }
  });

  it('refuses every API call without credentials', async () => {
    for (const testCase of cases.filter((c) => !c.route.startsWith('POST /auth/'))) {
      const options = await testCase.request('in', 'pmoOrg');
      const response = await app.inject(options);
      expect(response.statusCode, testCase.route).toBe(401);
    }
    // Every case makes its own fixtures: on a busy shared machine that takes more than the default minute.
  }, 300_000);
});
