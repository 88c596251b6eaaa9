import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { systemActor } from '../../src/services/access.ts';
import {
  createAssessment,
  createQuestionnaire,
  getOversightPolicy,
  listAssessments,
  saveOversightPolicy,
  updateQuestionnaire,
} from '../../src/services/maturity.ts';
import { scoreAnswers } from '../../src/services/maturity-scoring.ts';
import type { Actor } from '../../src/services/policy.ts';
import { oversightForProject } from '../../src/services/project-oversight.ts';
import { updateProject } from '../../src/services/projects.ts';
import { createQualityStandard } from '../../src/services/quality.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let orgId: string;
let pmo: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  orgId = (await makeOrganization(db)).orgId;
  pmo = await makeActor(db, orgId, 'pmo_admin');
}, 60_000);

afterAll(async () => {
  await db?.close();
});

const questionnaire = () =>
  createQuestionnaire(db, pmo, {
    name: `PM maturity ${Math.random()}`,
    questions: [
      { knowledgeArea: 'Schedule', text: 'Is there a baselined schedule?' },
      { knowledgeArea: 'Schedule', text: 'Is progress statused weekly?' },
      { knowledgeArea: 'Risk', text: 'Is the risk register reviewed?' },
    ],
  });

async function managedProject() {
  const manager = await makeActor(db, orgId, 'project_manager');
  const project = await makeProject(db, orgId);
  await updateProject(db, systemActor(orgId), project.id, project.version, { managerId: manager.userId });
  return { manager, project };
}

describe('maturity scoring', () => {
  it('takes the mean of the knowledge-area means and rounds the level down', () => {
    expect(
      scoreAnswers([
        { area: 'Risk', score: 2 },
        { area: 'Risk', score: 4 },
        { area: 'Scope', score: 5 },
      ]),
    ).toEqual({ score: 4, level: 4 });
    // Schedule 1.5, Risk 4: mean 2.75 → level 2 (a heavy area does not outweigh a light one).
    expect(
      scoreAnswers([
        { area: 'Schedule', score: 1 },
        { area: 'Schedule', score: 2 },
        { area: 'Risk', score: 4 },
      ]),
    ).toEqual({ score: 2.75, level: 2 });
    expect(scoreAnswers([{ area: 'A', score: 5 }])).toEqual({ score: 5, level: 5 });
    expect(scoreAnswers([{ area: 'A', score: 1 }])).toEqual({ score: 1, level: 1 });
  });
});

describe('maturity assessments', () => {
  it('refuses an assessment with missing answers with a 400 naming each missing question, and stores nothing', async () => {
    const form = await questionnaire();
    const { manager } = await managedProject();
    const before = await countOrgRows(db, 'maturity_assessments', orgId);
    const attempt = createAssessment(db, pmo, {
      questionnaireId: form.id,
      subjectType: 'user',
      subjectUserId: manager.userId,
      assessedOn: '2027-02-01',
      answers: [{ questionId: form.questions[0].id, score: 3 }],
    });
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      errors: [
        { field: `answers.${form.questions[1].id}`, message: expect.stringContaining('question 2') },
        { field: `answers.${form.questions[2].id}`, message: expect.stringContaining('Risk') },
      ],
    });
    expect(await countOrgRows(db, 'maturity_assessments', orgId)).toBe(before);
    expect(await countOrgRows(db, 'maturity_answers', orgId)).toBe(0);
  });

  it('scores a complete assessment, freezes the questionnaire and keeps the history per person', async () => {
    const form = await questionnaire();
    const { manager } = await managedProject();
    const assess = (assessedOn: string, scores: number[]) =>
      createAssessment(db, pmo, {
        questionnaireId: form.id,
        subjectType: 'user',
        subjectUserId: manager.userId,
        assessedOn,
        answers: form.questions.map((q, i) => ({ questionId: q.id, score: scores[i] })),
      });
    const first = await assess('2026-06-01', [1, 2, 2]);
    expect(first).toMatchObject({
      score: 1.75,
      level: 1,
      oversight: 'intensive',
      subjectName: expect.stringMatching(/^project_manager /),
    });
    expect(first.areas).toEqual([
      { knowledgeArea: 'Risk', mean: 2 },
      { knowledgeArea: 'Schedule', mean: 1.5 },
    ]);
    const second = await assess('2026-12-01', [4, 4, 5]);
    expect(second).toMatchObject({ score: 4.5, level: 4, oversight: 'light' });
    const history = await listAssessments(db, pmo, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      sort: 'assessedOn',
      subjectUserId: manager.userId as string,
    });
    expect(history.items.map((a) => a.level)).toEqual([1, 4]);
    const frozen = await updateQuestionnaire(db, pmo, form.id, form.version, {
      questions: [{ knowledgeArea: 'Scope', text: 'New question' }],
    }).catch((error) => error);
    expect(frozen).toMatchObject({ status: 409 });
    // The subject reads their own history; another project manager does not.
    expect((await listAssessments(db, manager, { page: 1, pageSize: 50, order: 'asc' })).total).toBe(2);
    const stranger = await makeActor(db, orgId, 'project_manager');
    expect((await listAssessments(db, stranger, { page: 1, pageSize: 50, order: 'asc' })).total).toBe(0);
    await expect(
      createAssessment(db, stranger, {
        questionnaireId: form.id,
        subjectType: 'user',
        subjectUserId: manager.userId,
        assessedOn: '2027-01-01',
        answers: form.questions.map((q) => ({ questionId: q.id, score: 5 })),
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe('oversight', () => {
  it("sets a project's oversight from its manager's latest level: cadence, PMO-reviewed gates and checks", async () => {
    const form = await questionnaire();
    const { manager, project } = await managedProject();
    await createQualityStandard(db, pmo, {
      code: `ALL-${project.code}`,
      name: 'Every project',
      requiredFrom: 'light',
    });
    await createQualityStandard(db, pmo, {
      code: `INT-${project.code}`,
      name: 'Intensive only',
      requiredFrom: 'intensive',
    });
    await createQualityStandard(db, pmo, {
      code: `AGL-${project.code}`,
      name: 'Agile projects',
      projectType: 'agile',
    });
    const unassessed = await oversightForProject(db, orgId, project.id);
    expect(unassessed).toMatchObject({
      level: null,
      oversight: 'standard',
      reportingCadence: 'fortnightly',
      pmoReviewGates: 'major',
    });
    const codes = (o: typeof unassessed) =>
      o.applicableChecks.map((c) => c.code).filter((c) => c.endsWith(project.code));
    expect(codes(unassessed)).toEqual([`ALL-${project.code}`]);
    const assess = (score: number, assessedOn: string) =>
      createAssessment(db, pmo, {
        questionnaireId: form.id,
        subjectType: 'user',
        subjectUserId: manager.userId,
        assessedOn,
        answers: form.questions.map((q) => ({ questionId: q.id, score })),
      });
    await assess(2, '2026-03-01');
    const intensive = await oversightForProject(db, orgId, project.id);
    expect(intensive).toMatchObject({
      level: 2,
      oversight: 'intensive',
      reportingCadence: 'weekly',
      pmoReviewGates: 'all',
    });
    expect(codes(intensive)).toEqual([`ALL-${project.code}`, `INT-${project.code}`]);
    await assess(3, '2026-09-01');
    expect(await oversightForProject(db, orgId, project.id)).toMatchObject({
      level: 3,
      oversight: 'standard',
    });
    await assess(5, '2026-12-01');
    expect(await oversightForProject(db, orgId, project.id)).toMatchObject({
      level: 5,
      oversight: 'light',
      reportingCadence: 'monthly',
      pmoReviewGates: 'none',
    });
    // The organization moves the bar: light only from level 6 (never), standard from 2.
    const policy = await getOversightPolicy(db, pmo);
    expect(policy.version).toBe(0);
    await saveOversightPolicy(db, pmo, 0, {
      standardFrom: 2,
      lightFrom: 6,
      intensiveCadence: 'weekly',
      standardCadence: 'weekly',
      lightCadence: 'monthly',
      intensiveGates: 'all',
      standardGates: 'all',
      lightGates: 'major',
    });
    expect(await oversightForProject(db, orgId, project.id)).toMatchObject({
      level: 5,
      oversight: 'standard',
      reportingCadence: 'weekly',
      pmoReviewGates: 'all',
    });
    await expect(saveOversightPolicy(db, pmo, 0, { ...policy, standardFrom: 3 })).rejects.toMatchObject({
      status: 409,
    });
  });
});
