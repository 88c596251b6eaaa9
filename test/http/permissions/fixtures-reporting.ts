import { createUser } from '../../../src/services/access.ts';
import { createAnnouncement } from '../../../src/services/announcements.ts';
import { createCommunicationPlan, createStakeholder } from '../../../src/services/communication.ts';
import { queueEmail } from '../../../src/services/email.ts';
import { createAssessment, createQuestionnaire } from '../../../src/services/maturity.ts';
import { createMentorship } from '../../../src/services/mentoring.ts';
import {
  createCorrectiveAction,
  createFinding,
  createInspection,
  createQualityStandard,
} from '../../../src/services/quality.ts';
import { createStatusReport, submitStatusReport } from '../../../src/services/status-reports.ts';
import { TEST_PASSWORD } from '../../support/factories.ts';
import {
  changeDeciders,
  db,
  extras,
  inScope,
  nextSequence,
  orgOf,
  projectEditors,
  systemFor,
  type Target,
  tree,
  unitShapers,
} from './world.ts';

// Status reports: written by those who report on the project, reviewed by its program manager or above.
export const statusReporters = projectEditors;
export const statusReviewers = changeDeciders;
export const statusReportAt = (t: Target) =>
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
    narrative: `Report ${nextSequence()}`,
  });
export const submittedReportAt = async (t: Target) => {
  const draft = await statusReportAt(t);
  return submitStatusReport(db, systemFor(t), draft.id, draft.version);
};

// Quality, maturity and communication: a fresh record per request in the target's organization and project.
export const qualityEditors = projectEditors;
export const standardAt = (t: Target) =>
  createQualityStandard(db, systemFor(t), {
    code: `QS${nextSequence()}`,
    name: 'Plan quality',
    checklist: ['Charter signed', 'Schedule baselined'],
  });
export const inspectionAt = async (t: Target) => {
  const standard = await standardAt(t);
  return createInspection(db, systemFor(t), {
    projectId: tree[t].project,
    standardId: standard.id,
    kind: 'audit',
    title: `Audit ${nextSequence()}`,
    heldOn: '2027-01-05',
    results: [{ itemId: standard.checklist[0].id, result: 'fail' }],
  });
};
export const findingAt = async (t: Target) =>
  createFinding(db, systemFor(t), {
    inspectionId: (await inspectionAt(t)).id,
    severity: 'high',
    description: 'Charter not signed',
  });
export const correctiveActionAt = async (t: Target) =>
  createCorrectiveAction(db, systemFor(t), { findingId: (await findingAt(t)).id, title: 'Get it signed' });
export const questionnaireAt = (t: Target) =>
  createQuestionnaire(db, systemFor(t), {
    name: `Maturity ${nextSequence()}`,
    questions: [{ knowledgeArea: 'Schedule', text: 'Is the schedule baselined?' }],
  });
export const assessmentBody = async (t: Target) => {
  const form = await questionnaireAt(t);
  return {
    questionnaireId: form.id,
    subjectType: 'team',
    subjectProjectId: tree[t].project,
    assessedOn: '2027-01-10',
    answers: [{ questionId: form.questions[0].id, score: 3 }],
  };
};
export const assessmentAt = async (t: Target) => createAssessment(db, systemFor(t), await assessmentBody(t));
export const assessors = unitShapers;
export const mentorshipAt = async (t: Target) => {
  const system = systemFor(t);
  const n = nextSequence();
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
export const stakeholderAt = (t: Target) =>
  createStakeholder(db, systemFor(t), {
    projectId: tree[t].project,
    name: 'Sponsor',
    influence: 5,
    interest: 4,
  });
export const communicationPlanAt = (t: Target) =>
  createCommunicationPlan(db, systemFor(t), {
    projectId: tree[t].project,
    audience: 'Sponsor',
    content: 'Progress',
    cadence: 'monthly',
    channel: 'email',
    nextDue: '2027-02-01',
  });
export const communicationKeepers = projectEditors;
/** Announcements reach grants at the scope or below: the project's manager and team. */
export const announcementReaders = inScope(['pmoOrg', 'projectManager', 'teamMember']);
export const announcementAt = (t: Target) =>
  createAnnouncement(db, systemFor(t), {
    scopeType: 'project',
    scopeId: tree[t].project,
    title: `News ${nextSequence()}`,
    body: 'Read this',
  });
export const failedEmailAt = async (t: Target) => {
  const id = await queueEmail(db, orgOf(t), { to: 'gone@example.test', subject: 'Bounced', body: 'x' });
  await db.query(`UPDATE email_outbox SET status = 'failed', last_error = '550 gone' WHERE id = $1`, [id]);
  return id;
};
