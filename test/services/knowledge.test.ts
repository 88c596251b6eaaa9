import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import {
  addMeasurement,
  createBenefit,
  getBenefit,
  listBenefits,
  removeMeasurement,
} from '../../src/services/benefits.ts';
import {
  createLesson,
  decideChangeProposal,
  listLessons,
  nameTerms,
  proposeChange,
  suggestedLessons,
  updateLesson,
} from '../../src/services/lessons.ts';
import type { Actor } from '../../src/services/policy.ts';
import { createProject, updateProject } from '../../src/services/projects.ts';
import { createRisk } from '../../src/services/risks.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
}, 120_000);
afterAll(async () => db?.close());

const page = { page: 1, pageSize: 50, order: 'asc' as const };

describe('benefits', () => {
  it('tracks a benefit after its project closed: measurements, latest value and progress', async () => {
    const project = await makeProject(db, orgId);
    const benefit = await createBenefit(db, system, {
      projectId: project.id,
      name: 'Shorter order cycle',
      measure: 'Median days from order to delivery',
      unit: 'days',
      baseline: 12,
      target: 8,
      targetDate: '2028-06-30',
    });
    await updateProject(db, system, project.id, project.version, { stage: 'closed' });
    const one = await addMeasurement(db, system, benefit.id, benefit.version, {
      measuredOn: '2027-09-30',
      value: 11,
    });
    const two = await addMeasurement(db, system, benefit.id, one.version, {
      measuredOn: '2027-12-31',
      value: 10,
    });
    expect(two).toMatchObject({ latestValue: 10, progress: 0.5, projectStage: 'closed' });
    expect(two.measurements.map((m) => [m.measuredOn, m.value])).toEqual([
      ['2027-09-30', 11],
      ['2027-12-31', 10],
    ]);
    const listed = await listBenefits(db, system, { ...page, projectId: project.id });
    expect(listed.items.map((b) => b.id)).toEqual([benefit.id]);
    await expect(
      addMeasurement(db, system, benefit.id, two.version, { measuredOn: '2027-12-31', value: 9 }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'measuredOn', message: 'already has a measurement on that day' }],
    });
    await expect(
      addMeasurement(db, system, benefit.id, one.version, { measuredOn: '2028-01-31', value: 9 }),
    ).rejects.toMatchObject({ status: 409 });
    const removed = await removeMeasurement(db, system, benefit.id, two.measurements[1]!.id, two.version);
    expect(removed.latestValue).toBe(11);
  });

  it('keeps program benefits with the program, and refuses a benefit naming both or neither', async () => {
    const project = await makeProject(db, orgId);
    const benefit = await createBenefit(db, system, {
      programId: project.programId,
      name: 'Grid losses down',
      measure: 'Losses',
      unit: '%',
      baseline: 7.5,
      target: 6,
    });
    expect(benefit).toMatchObject({ programId: project.programId, projectId: null, progress: null });
    await expect(
      createBenefit(db, system, {
        programId: project.programId,
        projectId: project.id,
        name: 'x',
        measure: 'y',
        target: 1,
      }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'projectId', message: 'name either a program or a project' }],
    });
    const outsider = await makeActor(
      db,
      orgId,
      'project_manager',
      'project',
      (await makeProject(db, orgId)).id,
    );
    await expect(getBenefit(db, outsider, benefit.id)).rejects.toMatchObject({ status: 403 });
    expect((await listBenefits(db, outsider, page)).items.some((b) => b.id === benefit.id)).toBe(false);
    const programManager = await makeActor(db, orgId, 'program_manager', 'program', project.programId);
    expect((await listBenefits(db, programManager, page)).items.map((b) => b.id)).toContain(benefit.id);
  });
});

describe('lessons', () => {
  it('finds lessons by their words, the title weighing most', async () => {
    const project = await makeProject(db, orgId);
    const lesson = (title: string, body: string, category = 'Procurement') =>
      createLesson(db, system, { projectId: project.id, title, body, category, kind: 'problem' });
    const inBody = await lesson(
      'Late paperwork',
      'The substation transformer arrived late because customs held it.',
    );
    const inTitle = await lesson('Order the transformer early', 'Long lead items need orders at initiation.');
    await lesson('Weekly demos kept the sponsor close', 'Nothing about equipment.', 'Stakeholders');
    const found = await listLessons(db, system, { ...page, q: 'transformer' });
    expect(found.items.map((l) => l.id)).toEqual([inTitle.id, inBody.id]);
    expect(found.total).toBe(2);
    expect(found.items[0]!.rank).toBeGreaterThan(found.items[1]!.rank!);
    // Stemming: "transformers" finds "transformer"; filters narrow the search.
    expect((await listLessons(db, system, { ...page, q: 'transformers' })).total).toBe(2);
    expect(
      (await listLessons(db, system, { ...page, q: 'transformer', category: 'Stakeholders' })).total,
    ).toBe(0);
    // An edit re-indexes the lesson.
    await updateLesson(db, system, inBody.id, inBody.version, { body: 'Customs held the shipment.' });
    expect((await listLessons(db, system, { ...page, q: 'transformer' })).items.map((l) => l.id)).toEqual([
      inTitle.id,
    ]);
  });

  it('links lessons to risks and refuses a risk of nowhere, naming the field', async () => {
    const project = await makeProject(db, orgId);
    const risk = await createRisk(db, system, {
      scopeType: 'project',
      scopeId: project.id,
      title: 'Customs delay',
      probability: 0.4,
      impactSchedule: 3,
      impactCost: 2,
      impactScope: 1,
      impactQuality: 1,
    });
    const lesson = await createLesson(db, system, {
      projectId: project.id,
      title: 'Clear customs ahead',
      category: 'Logistics',
      kind: 'recommendation',
      source: 'closure',
      riskIds: [risk.id],
      tags: ['customs'],
    });
    expect(lesson.risks).toEqual([{ id: risk.id, title: 'Customs delay' }]);
    await expect(
      createLesson(db, system, {
        projectId: project.id,
        title: 'x',
        category: 'y',
        kind: 'success',
        riskIds: ['0190a0a0-0000-7000-8000-000000000000'],
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('lets the project manager capture lessons on the project and nobody below', async () => {
    const project = await makeProject(db, orgId);
    const manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    const member = await makeActor(db, orgId, 'team_member', 'project', project.id);
    const body = { projectId: project.id, title: 'Pair on estimates', category: 'Planning', kind: 'success' };
    expect((await createLesson(db, manager, body)).authorId).toBe(manager.userId);
    await expect(createLesson(db, member, body)).rejects.toMatchObject({ status: 403 });
  });

  it('offers a new project the lessons of similar ones, the most alike first', async () => {
    const done = await makeProject(db, orgId);
    const sameUnit = await createLesson(db, system, {
      projectId: done.id,
      title: 'Book crane time early',
      category: 'Resources',
      kind: 'recommendation',
    });
    const elsewhere = await makeProject(db, orgId);
    const byName = await createLesson(db, system, {
      projectId: elsewhere.id,
      title: 'Substation commissioning needs two weeks of buffer',
      category: 'Schedule',
      kind: 'problem',
    });
    const unrelated = await createLesson(db, system, {
      projectId: (await makeProject(db, orgId)).id,
      title: 'Newsletter cadence',
      category: 'Communication',
      kind: 'success',
    });
    const fresh = await createProject(db, system, {
      code: 'NEW-SUB',
      name: 'Northern Substation Upgrade',
      businessUnitId: done.businessUnitId,
      portfolioId: done.portfolioId,
      methodology: 'agile',
    });
    const suggestions = await suggestedLessons(db, system, fresh.id);
    const ids = suggestions.map((s) => s.id);
    expect(ids).toContain(sameUnit.id);
    expect(ids).toContain(byName.id);
    expect(ids).not.toContain(unrelated.id);
    expect(suggestions.find((s) => s.id === sameUnit.id)?.reasons).toEqual([
      'same business unit',
      'same portfolio',
    ]);
    expect(suggestions.find((s) => s.id === byName.id)?.reasons).toContain('similar name');
    expect(nameTerms('The New Substation: phase 2!')).toEqual(['substation']);
  });

  it('turns a lesson into a proposed change that the PMO rules on', async () => {
    const project = await makeProject(db, orgId);
    const manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    const lesson = await createLesson(db, manager, {
      projectId: project.id,
      title: 'Risk workshop at kick-off',
      category: 'Risk',
      kind: 'recommendation',
    });
    const proposal = await proposeChange(db, manager, lesson.id, {
      targetKind: 'template',
      targetReference: 'Project charter template, section 5',
      proposedText: 'Add a risk workshop to the kick-off agenda.',
    });
    expect(proposal).toMatchObject({ status: 'proposed', lessonTitle: 'Risk workshop at kick-off' });
    await expect(
      decideChangeProposal(db, manager, proposal.id, proposal.version, { status: 'accepted' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      proposeChange(db, manager, lesson.id, { targetKind: 'wiki', targetReference: 'x', proposedText: 'y' }),
    ).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'targetKind' })] });
    const accepted = await decideChangeProposal(db, system, proposal.id, proposal.version, {
      status: 'accepted',
      decisionNote: 'In the next template release',
    });
    expect(accepted.status).toBe('accepted');
  });
});
