import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { createLesson, listChangeProposals, proposeChange } from '../../src/services/lessons.ts';
import type { Actor } from '../../src/services/policy.ts';
import { createAsset } from '../../src/services/process-assets.ts';
import { createTemplate } from '../../src/services/project-templates.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

/** A lesson's proposed change can point at the hub's asset or template it would change. */

let db: Database;
let orgId: string;
let pmo: Actor;
let lessonId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
  pmo = await makeActor(db, orgId, 'pmo_admin');
  const project = await makeProject(db, orgId);
  lessonId = (
    await createLesson(db, pmo, {
      projectId: project.id,
      title: 'Rehearse the cut-over',
      category: 'Delivery',
      kind: 'recommendation',
    })
  ).id;
}, 120_000);
afterAll(async () => db?.close());

const base = { targetReference: 'see the link', proposedText: 'Add a cut-over rehearsal to the checklist.' };

describe('proposed changes linked to the knowledge hub', () => {
  it('links a standard and a template, and reads back their titles', async () => {
    const asset = await createAsset(db, pmo, { kind: 'standard', title: 'Release standard', tags: [] });
    const template = await createTemplate(db, pmo, { name: 'Software release' });
    const toAsset = await proposeChange(db, pmo, lessonId, {
      ...base,
      targetKind: 'standard',
      targetAssetId: asset.id,
    });
    const toTemplate = await proposeChange(db, pmo, lessonId, {
      ...base,
      targetKind: 'template',
      targetTemplateId: template.id,
    });
    expect(toAsset).toMatchObject({
      targetAssetId: asset.id,
      targetTemplateId: null,
      targetTitle: 'Release standard',
    });
    expect(toTemplate).toMatchObject({ targetTemplateId: template.id, targetTitle: 'Software release' });
    const listed = await listChangeProposals(db, pmo, { page: 1, pageSize: 50, order: 'asc' });
    expect(listed.items.map((p) => p.targetTitle).sort()).toEqual(['Release standard', 'Software release']);
  }, 120_000);

  it('refuses a template for another kind, an unknown asset, or both at once, and stores nothing', async () => {
    const template = await createTemplate(db, pmo, { name: 'Facility fit-out' });
    const asset = await createAsset(db, pmo, { kind: 'checklist', title: 'Fit-out checklist', tags: [] });
    const before = await countOrgRows(db, 'lesson_change_proposals', orgId);
    const attempts = [
      [{ targetKind: 'standard', targetTemplateId: template.id }, 'targetTemplateId'],
      [{ targetKind: 'checklist', targetAssetId: '01900000-0000-7000-8000-000000000000' }, 'targetAssetId'],
      [
        { targetKind: 'template', targetTemplateId: template.id, targetAssetId: asset.id },
        'targetTemplateId',
      ],
    ] as const;
    for (const [target, field] of attempts) {
      const error = await proposeChange(db, pmo, lessonId, { ...base, ...target }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 400, errors: [{ field }] });
    }
    expect(await countOrgRows(db, 'lesson_change_proposals', orgId)).toBe(before);
  }, 120_000);
});
