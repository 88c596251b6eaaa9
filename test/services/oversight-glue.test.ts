import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { systemActor } from '../../src/services/access.ts';
import { getProjectGates } from '../../src/services/gates.ts';
import { createAssessment, createQuestionnaire } from '../../src/services/maturity.ts';
import type { Actor } from '../../src/services/policy.ts';
import { updateProject } from '../../src/services/projects.ts';
import { getReportingCadence } from '../../src/services/status-settings.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { makeLifecycle } from '../support/governance-fixtures.ts';

/**
 * The assessed maturity of a project manager sets the oversight of their projects, and the
 * oversight sets how often the projects report and which gates wait for the PMO's review.
 */

let db: Database;
let orgId: string;
let pmo: Actor;
let managerId: string;
let projectId: string;
let questionnaire: Awaited<ReturnType<typeof createQuestionnaire>>;

beforeAll(async () => {
  db = await openTestDatabase();
  orgId = (await makeOrganization(db)).orgId;
  const system = systemActor(orgId);
  pmo = await makeActor(db, orgId, 'pmo_admin');
  // G1 is not marked for PMO review: only intensive oversight makes it wait for one.
  await makeLifecycle(db, system, { pmoReview: false });
  const manager = await makeActor(db, orgId, 'project_manager');
  managerId = manager.userId as string;
  const project = await makeProject(db, orgId);
  projectId = project.id;
  await updateProject(db, system, project.id, project.version, { managerId, stage: 'initiation' });
  questionnaire = await createQuestionnaire(db, pmo, {
    name: 'PM maturity',
    questions: [
      { knowledgeArea: 'Schedule', text: 'Is there a baselined schedule?' },
      { knowledgeArea: 'Risk', text: 'Is the risk register reviewed?' },
    ],
  });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const assess = (assessedOn: string, score: number) =>
  createAssessment(db, pmo, {
    questionnaireId: questionnaire.id,
    subjectType: 'user',
    subjectUserId: managerId,
    assessedOn,
    answers: questionnaire.questions.map((question) => ({ questionId: question.id, score })),
  });

describe('oversight scaled to maturity', () => {
  it('reports weekly with every gate reviewed by the PMO at level 1, monthly with none at level 5', async () => {
    const unassessed = await getProjectGates(db, pmo, projectId);
    expect(unassessed.currentGate?.pmoReviewRequired).toBe(false);

    await assess('2027-01-10', 1);
    const intensive = await getReportingCadence(db, pmo, projectId);
    expect(intensive.cadence?.frequency).toBe('weekly');
    expect((await getProjectGates(db, pmo, projectId)).currentGate?.pmoReviewRequired).toBe(true);

    await assess('2027-06-10', 5);
    const light = await getReportingCadence(db, pmo, projectId);
    expect(light.cadence?.frequency).toBe('monthly');
    // The project keeps its first due date; only the frequency follows the oversight.
    expect(light.cadence?.anchorDate).toBe(intensive.cadence?.anchorDate);
    expect((await getProjectGates(db, pmo, projectId)).currentGate?.pmoReviewRequired).toBe(false);
  }, 120_000);
});
