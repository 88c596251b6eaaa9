import type { Database } from '../db/connection.ts';
import { findLogin } from '../db/repositories/auth.ts';
import { recordDelivery } from '../db/repositories/email-outbox.ts';
import type { Project } from '../model/organization.ts';
import { createAnnouncement } from './announcements.ts';
import { loadActor } from './auth.ts';
import { createCommunicationPlan, createStakeholder } from './communication.ts';
import { queueEmail } from './email.ts';
import { createAssessment, createQuestionnaire } from './maturity.ts';
import { createMentoringSession, createMentorship } from './mentoring.ts';
import type { Actor } from './policy.ts';
import { listProjects } from './projects.ts';
import { createCorrectiveAction, createFinding, createInspection, createQualityStandard } from './quality.ts';

const QUESTIONS: Array<[area: string, text: string]> = [
  ['Integration', 'The project has a signed charter and a management plan that is kept current.'],
  ['Integration', 'Changes go through change control and are logged.'],
  ['Schedule', 'The schedule is baselined and statused at least every two weeks.'],
  ['Schedule', 'The critical path is known and reviewed with the team.'],
  ['Cost', 'Forecasts at completion are updated monthly from actuals.'],
  ['Risk', 'The risk register is reviewed with owners at least monthly.'],
  ['Risk', 'Responses have owners and due dates that are followed up.'],
  ['Stakeholders', 'Stakeholders are mapped and engagement is planned.'],
];

/** Scores per question for a project manager at about the given level. */
const answersAt = (level: number) =>
  QUESTIONS.map((_, i) => Math.max(1, Math.min(5, level + (i % 3 === 2 ? 1 : 0))));

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const daysAhead = (days: number) => daysAgo(-days);

/**
 * The demo's quality and governance: standards with checklists, an audit with findings and
 * corrective actions, a maturity questionnaire and assessments (one PM under intensive oversight,
 * one under light), a mentorship, stakeholders and communication plans, and a PMO announcement.
 */
export async function seedDemoQuality(db: Database, system: Actor, adminEmail: string): Promise<void> {
  const orgId = system.orgId;
  const adminLogin = await findLogin(db, adminEmail);
  const admin = (adminLogin && (await loadActor(db, orgId, adminLogin.userId))) || system;
  const projects = (await listProjects(db, system, { page: 1, pageSize: 100, order: 'asc', sort: 'code' }))
    .items;
  const managed = projects.filter((p): p is Project & { managerId: string } => Boolean(p.managerId));
  if (managed.length < 3) return;

  const plan = await createQualityStandard(db, admin, {
    code: 'QS-PM',
    name: 'Project management essentials',
    description: 'What every project keeps, whatever its method.',
    checklist: [
      'Charter signed by the sponsor',
      'Schedule baselined',
      'Risk register reviewed this month',
      'Budget forecast updated this month',
      'Stakeholder register kept',
    ],
  });
  const gate = await createQualityStandard(db, admin, {
    code: 'QS-GOV',
    name: 'Governance under close oversight',
    description: 'Extra checks for projects whose manager is under intensive oversight.',
    requiredFrom: 'intensive',
    checklist: [
      'Weekly status report filed',
      'Decisions logged with their owner',
      'Gate evidence filed before review',
    ],
  });
  await createQualityStandard(db, admin, {
    code: 'QS-AGL',
    name: 'Agile delivery',
    projectType: 'agile',
    checklist: [
      'Backlog refined every sprint',
      'Definition of done agreed',
      'Retrospective actions followed up',
    ],
  });

  const [intensivePm, lightPm, standardPm] = [managed[0], managed[3] ?? managed[1], managed[1]];
  const form = await createQuestionnaire(db, admin, {
    name: 'Project manager maturity (2026)',
    description: 'Yearly self-and-PMO assessment by knowledge area; 1 ad hoc … 5 optimizing.',
    questions: QUESTIONS.map(([knowledgeArea, text]) => ({ knowledgeArea, text })),
  });
  const assess = (subjectUserId: string, level: number, assessedOn: string, notes: string) =>
    createAssessment(db, admin, {
      questionnaireId: form.id,
      subjectType: 'user',
      subjectUserId,
      assessedOn,
      notes,
      answers: form.questions.map((q, i) => ({ questionId: q.id, score: answersAt(level)[i] })),
    });
  await assess(intensivePm.managerId, 2, daysAgo(300), 'First assessment after taking over the project.');
  await assess(
    intensivePm.managerId,
    1,
    daysAgo(120),
    'Schedule and risk practice slipped during the re-plan.',
  );
  await assess(intensivePm.managerId, 2, daysAgo(20), 'Improving; change control now in place.');
  await assess(lightPm.managerId, 3, daysAgo(330), 'Solid basics.');
  await assess(lightPm.managerId, 4, daysAgo(40), 'Runs risk reviews others copy.');
  if (standardPm.managerId !== lightPm.managerId && standardPm.managerId !== intensivePm.managerId)
    await assess(standardPm.managerId, 3, daysAgo(60), 'Steady.');

  const mentorship = await createMentorship(db, admin, {
    mentorId: lightPm.managerId,
    menteeId: intensivePm.managerId,
    goals: 'Baseline and status the schedule every two weeks; run a monthly risk review with owners.',
    startsOn: daysAgo(90),
  });
  await createMentoringSession(db, admin, mentorship.id, {
    heldOn: daysAgo(75),
    notes: 'Walked through the critical path together; agreed a status rhythm.',
    followUps: 'Send the first fortnightly status by Friday.',
  });
  await createMentoringSession(db, admin, mentorship.id, {
    heldOn: daysAgo(30),
    notes: 'Risk review ran well; owners now update their own actions.',
    followUps: 'Bring the forecast into the next review.',
  });

  const audit = await createInspection(db, admin, {
    projectId: intensivePm.id,
    standardId: plan.id,
    kind: 'audit',
    title: 'PMO quarterly audit',
    heldOn: daysAgo(25),
    inspectorId: admin.userId,
    notes: 'Audit against the essentials and the close-oversight checks.',
    results: plan.checklist.map((item, i) => ({
      itemId: item.id,
      result: i === 2 || i === 3 ? 'fail' : 'pass',
    })),
  });
  await createInspection(db, admin, {
    projectId: intensivePm.id,
    standardId: gate.id,
    kind: 'audit',
    title: 'Governance checks',
    heldOn: daysAgo(25),
    inspectorId: admin.userId,
    results: gate.checklist.map((item, i) => ({ itemId: item.id, result: i === 0 ? 'fail' : 'pass' })),
  });
  const riskFinding = await createFinding(db, admin, {
    inspectionId: audit.id,
    severity: 'high',
    description: 'Risk register not reviewed for two months; three responses past due.',
  });
  const forecastFinding = await createFinding(db, admin, {
    inspectionId: audit.id,
    severity: 'medium',
    description: 'Forecast at completion still based on the original budget.',
  });
  await createCorrectiveAction(db, admin, {
    findingId: riskFinding.id,
    title: 'Hold a risk review with every owner',
    ownerId: intensivePm.managerId,
    dueDate: daysAgo(5),
  });
  await createCorrectiveAction(db, admin, {
    findingId: forecastFinding.id,
    title: 'Re-forecast from actuals',
    ownerId: intensivePm.managerId,
    dueDate: daysAhead(10),
  });
  await createInspection(db, admin, {
    projectId: lightPm.id,
    standardId: plan.id,
    kind: 'inspection',
    title: 'Self-inspection',
    heldOn: daysAgo(12),
    inspectorId: lightPm.managerId,
    results: plan.checklist.map((item) => ({ itemId: item.id, result: 'pass' })),
  });

  for (const project of [intensivePm, lightPm]) {
    const stakeholders = [
      {
        name: project.sponsorName ?? 'Executive sponsor',
        role: 'Sponsor',
        influence: 5,
        interest: 4,
        attitude: 'supportive',
      },
      { name: 'Finance controller', role: 'Budget owner', influence: 4, interest: 2, attitude: 'skeptical' },
      {
        name: 'Works council',
        role: 'Employee representatives',
        influence: 4,
        interest: 5,
        attitude: 'resistant',
      },
      {
        name: 'Operations lead',
        role: 'Receives the result',
        influence: 3,
        interest: 5,
        attitude: 'champion',
      },
      { name: 'IT security', role: 'Reviewer', influence: 2, interest: 2, attitude: 'neutral' },
    ] as const;
    for (const s of stakeholders)
      await createStakeholder(db, admin, {
        projectId: project.id,
        ...s,
        engagementCurrent: s.attitude === 'resistant' ? 'resistant' : 'neutral',
        engagementDesired: s.influence >= 4 ? 'supportive' : 'neutral',
      });
    await createCommunicationPlan(db, admin, {
      projectId: project.id,
      audience: 'Steering committee',
      content: 'Progress, forecast and top risks',
      cadence: 'monthly',
      channel: 'report',
      ownerId: project.managerId,
      nextDue: daysAhead(1),
    });
    await createCommunicationPlan(db, admin, {
      projectId: project.id,
      audience: 'Project team',
      content: 'Plan changes and next two weeks',
      cadence: 'weekly',
      channel: 'meeting',
      ownerId: project.managerId,
      nextDue: daysAhead(4),
    });
    await createCommunicationPlan(db, admin, {
      projectId: project.id,
      audience: 'Works council',
      content: 'Impact on roles and working hours',
      cadence: 'quarterly',
      channel: 'email',
      ownerId: project.managerId,
      nextDue: daysAhead(30),
    });
  }

  // Some delivery history for the outbox view: one reminder that went out, one address that bounced.
  const sent = await queueEmail(db, orgId, {
    to: adminEmail,
    subject: 'Reminder: communication due',
    body: 'Steering committee pack due.',
    sourceType: 'communication_plan',
  });
  await recordDelivery(db, orgId, sent, { status: 'sent', error: null });
  const bounced = await queueEmail(db, orgId, {
    to: 'former.contractor@northwind-old.example',
    subject: 'Reminder: corrective action due',
    body: 'Hold a risk review with every owner.',
    sourceType: 'corrective_action',
  });
  await recordDelivery(db, orgId, bounced, {
    status: 'failed',
    error: '550 5.1.1 <former.contractor@northwind-old.example>: mailbox unavailable',
  });

  await createAnnouncement(db, admin, {
    scopeType: 'organization',
    scopeId: null,
    title: 'Quarterly PMO audits start next week',
    body: 'The PMO audits every project against the essentials standard this quarter. Projects under intensive oversight also get the governance checks. Please keep your risk register and forecast current.',
  });
}
