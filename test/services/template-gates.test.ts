import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Lifecycle } from '../../src/model/governance.ts';
import type { TemplateContent } from '../../src/model/project-template.ts';
import { openGateReview } from '../../src/services/gates.ts';
import { replaceLifecycle } from '../../src/services/lifecycles.ts';
import type { Actor } from '../../src/services/policy.ts';
import { createTemplate, getTemplate, publishTemplateVersion } from '../../src/services/project-templates.ts';
import { instantiateTemplate } from '../../src/services/template-instantiate.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { makeLifecycle } from '../support/governance-fixtures.ts';

/** A project made from a template reviews its gates against the lifecycle's criteria plus the template's. */

let db: Database;
let orgId: string;
let pmo: Actor;
let lifecycle: Lifecycle;
let placement: { businessUnitId: string; portfolioId: string; programId: string | null };

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
  pmo = await makeActor(db, orgId, 'pmo_admin');
  lifecycle = await makeLifecycle(db, pmo);
  const project = await makeProject(db, orgId);
  placement = {
    businessUnitId: project.businessUnitId,
    portfolioId: project.portfolioId,
    programId: project.programId,
  };
}, 120_000);
afterAll(async () => db?.close());

const content = (gates: TemplateContent['gates']): TemplateContent => ({
  tasks: [{ key: '1', name: 'Work', parentKey: null, durationDays: 5, milestone: false }],
  links: [],
  risks: [],
  documents: [],
  gates,
});

let sequence = 0;
async function fromTemplate(gates: TemplateContent['gates']) {
  const template = await createTemplate(db, pmo, { name: `Gated ${++sequence}`, content: content(gates) });
  const [draft] = (await getTemplate(db, pmo, template.id)).versions;
  await publishTemplateVersion(db, pmo, draft?.id as string, draft?.version);
  return instantiateTemplate(db, pmo, template.id, {
    code: `TG-${sequence}`,
    name: `Gated project ${sequence}`,
    ...placement,
    startDate: '2027-03-01',
  });
}

const checklistAtFirstGate = async (projectId: string) => {
  const gateId = lifecycle.stages[0]?.gate?.id as string;
  const review = await openGateReview(db, pmo, projectId, { gateId });
  return review.results.map((result) => result.text);
};

describe('gate checklists from a template', () => {
  it("adds the template's checks to the matching gate of the project's lifecycle, after the lifecycle's own", async () => {
    // Matched by name whatever the case; the lifecycle's G1 has two criteria of its own.
    const made = await fromTemplate([
      { name: 'g1 approve PLAN', checklist: ['Security review done', 'Budget approved'] },
    ]);
    expect(made.gateCriteria).toBe(2);
    expect(await checklistAtFirstGate(made.projectId)).toEqual([
      'Project charter signed',
      'Stakeholders briefed',
      'Security review done',
      'Budget approved',
    ]);
    // Another project of the same lifecycle reviews only the lifecycle's criteria.
    const plain = await makeProject(db, orgId, { ...placement, code: 'PLAIN' });
    expect(await checklistAtFirstGate(plain.id)).toEqual(['Project charter signed', 'Stakeholders briefed']);
  }, 120_000);

  it("keeps a project's checks when the PMO edits the lifecycle", async () => {
    const made = await fromTemplate([{ name: 'Unnamed first gate', checklist: ['Vendor contract signed'] }]);
    const edited = structuredClone(lifecycle) as Lifecycle & { version: number };
    const first = edited.stages[0]?.gate;
    if (!first) throw new Error('the fixture lifecycle has a first gate');
    first.criteria = first.criteria.slice(0, 1);
    await replaceLifecycle(db, pmo, lifecycle.id, edited.version, edited);
    // Matched by place: the template's first gate is the lifecycle's first.
    expect(await checklistAtFirstGate(made.projectId)).toEqual([
      'Project charter signed',
      'Vendor contract signed',
    ]);
  }, 120_000);

  it('refuses a template gate the lifecycle has no match for, naming it, and makes no project', async () => {
    const before = await countOrgRows(db, 'projects', orgId);
    const error = await fromTemplate([
      { name: 'G1 Approve plan', checklist: ['A'] },
      { name: 'G2 Close', checklist: ['B'] },
      { name: 'G3 Benefits review', checklist: ['C'] },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 400,
      errors: [{ field: 'content.gates.2', message: expect.stringContaining('G3 Benefits review') }],
    });
    expect(await countOrgRows(db, 'projects', orgId)).toBe(before);
  }, 120_000);
});
