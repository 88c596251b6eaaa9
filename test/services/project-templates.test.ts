import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { TemplateContent } from '../../src/model/project-template.ts';
import { listConfigurationItems } from '../../src/services/configuration.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  createTemplate,
  createTemplateVersion,
  getTemplate,
  publishTemplateVersion,
  updateTemplateVersion,
} from '../../src/services/project-templates.ts';
import { instantiateTemplate } from '../../src/services/template-instantiate.ts';
import { findLinkCycle } from '../../src/services/template-rules.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let orgId: string;
let pmo: Actor;
let placement: { businessUnitId: string; portfolioId: string; programId: string | null };

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
  pmo = await makeActor(db, orgId, 'pmo_admin');
  const project = await makeProject(db, orgId);
  placement = {
    businessUnitId: project.businessUnitId,
    portfolioId: project.portfolioId,
    programId: project.programId,
  };
}, 120_000);
afterAll(async () => db?.close());

const release: TemplateContent = {
  tasks: [
    { key: '1', name: 'Release', parentKey: null, durationDays: 0, milestone: false },
    { key: '1.1', name: 'Design', parentKey: '1', durationDays: 5, milestone: false },
    { key: '1.2', name: 'Build', parentKey: '1', durationDays: 10, milestone: false },
    { key: '1.3', name: 'Test', parentKey: '1', durationDays: 3, milestone: false },
    { key: '2', name: 'Go live', parentKey: null, durationDays: 0, milestone: true },
  ],
  links: [
    { from: '1.1', to: '1.2', type: 'FS', lagDays: 0 },
    { from: '1.2', to: '1.3', type: 'FS', lagDays: 1 },
    { from: '1.3', to: '2', type: 'FS', lagDays: 0 },
  ],
  risks: [{ title: 'Key developer leaves', cause: '', effect: 'Delay', probability: 0.3, impact: 3 }],
  documents: [
    { identifier: 'SPEC-1', title: 'Requirements specification', kind: 'specification' },
    { identifier: 'DOC-1', title: 'Release notes', kind: 'document' },
  ],
  gates: [{ name: 'Go/no-go', checklist: ['Tests passed', 'Rollback plan'] }],
};

let sequence = 0;
async function publishedTemplate(content: TemplateContent = release) {
  const template = await createTemplate(db, pmo, {
    name: `Software release ${++sequence}`,
    methodology: 'hybrid',
    content,
  });
  const [draft] = (await getTemplate(db, pmo, template.id)).versions;
  await publishTemplateVersion(db, pmo, draft?.id as string, draft?.version);
  return template;
}

describe('template content rules', () => {
  it('refuses links that form a cycle, naming the tasks in it, and stores nothing', async () => {
    const before = await countOrgRows(db, 'project_templates', orgId);
    const cyclic = {
      ...release,
      links: [...release.links, { from: '1.3', to: '1.1', type: 'FS', lagDays: 0 }],
    };
    const error = await createTemplate(db, pmo, { name: 'Loop', content: cyclic }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as { errors: unknown[] }).errors).toEqual([
      {
        field: 'content.links',
        message: 'the links form a cycle: 1.1 Design → 1.2 Build → 1.3 Test → 1.1 Design',
      },
    ]);
    expect(await countOrgRows(db, 'project_templates', orgId)).toBe(before);
  });

  it('names unknown task keys and duplicate keys', async () => {
    const bad = {
      ...release,
      tasks: [
        ...release.tasks,
        { key: '1.1', name: 'Again', parentKey: '9', durationDays: 1, milestone: false },
      ],
      links: [{ from: '1.1', to: 'X', type: 'FS', lagDays: 0 }],
    };
    await expect(createTemplate(db, pmo, { name: 'Bad', content: bad })).rejects.toMatchObject({
      status: 400,
      errors: expect.arrayContaining([
        { field: 'content.tasks.5.key', message: '1.1 is used twice' },
        { field: 'content.tasks.5.parentKey', message: 'no task has the key 9' },
        { field: 'content.links.0.to', message: 'no task has the key X' },
      ]),
    });
  });

  it('finds no cycle in a diamond', () => {
    expect(
      findLinkCycle({
        links: [
          { from: 'a', to: 'b', type: 'FS', lagDays: 0 },
          { from: 'a', to: 'c', type: 'FS', lagDays: 0 },
          { from: 'b', to: 'd', type: 'FS', lagDays: 0 },
          { from: 'c', to: 'd', type: 'FS', lagDays: 0 },
        ],
      }),
    ).toBeNull();
  });
});

describe('template versions', () => {
  it('keeps a published version immutable and publishes the next one over it', async () => {
    const template = await publishedTemplate();
    const [v1] = (await getTemplate(db, pmo, template.id)).versions;
    await expect(
      updateTemplateVersion(db, pmo, v1?.id as string, v1?.version, { changeNote: 'edit' }),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/published versions are immutable/),
    });
    await expect(
      db.query("UPDATE template_versions SET content = '{}' WHERE id = $1", [v1?.id]),
    ).rejects.toThrow(/immutable/);
    const v2 = await createTemplateVersion(db, pmo, template.id, {
      content: { ...release, risks: [] },
      changeNote: 'no risks',
    });
    await publishTemplateVersion(db, pmo, v2.id, v2.version);
    const detail = await getTemplate(db, pmo, template.id);
    expect(detail.versions.map((v) => `${v.number}:${v.status}`)).toEqual(['2:published', '1:retired']);
    expect(detail.publishedNumber).toBe(2);
  });
});

describe('creating a project from a template', () => {
  it('creates the tasks, links, risks and documents and computes the schedule', async () => {
    const template = await publishedTemplate();
    const result = await instantiateTemplate(db, pmo, template.id, {
      code: 'REL-1',
      name: 'Release 1',
      ...placement,
      startDate: '2027-03-01',
    });
    expect(result).toMatchObject({ tasks: 5, links: 3, risks: 1, configurationItems: 2 });
    const [project] = await db.query<{ methodology: string; target_start: string }>(
      `SELECT methodology, to_char(target_start, 'YYYY-MM-DD') AS target_start FROM projects WHERE id = $1`,
      [result.projectId],
    );
    expect(project).toEqual({ methodology: 'hybrid', target_start: '2027-03-01' });
    const tasks = await db.query<{
      name: string;
      early_start: string;
      early_finish: string;
      wbs_code: string;
    }>(
      `SELECT name, wbs_code, to_char(early_start, 'YYYY-MM-DD"T"HH24:MI') AS early_start,
         to_char(early_finish, 'YYYY-MM-DD"T"HH24:MI') AS early_finish
       FROM tasks WHERE org_id = $1 AND project_id = $2 ORDER BY wbs_code`,
      [orgId, result.projectId],
    );
    expect(tasks.map((t) => t.name)).toEqual(['Release', 'Design', 'Build', 'Test', 'Go live']);
    // Monday 1 March: design 5 days, build 10 days, a day of lag, test 3 days.
    expect(tasks.find((t) => t.name === 'Design')?.early_start).toBe('2027-03-01T08:00');
    expect(tasks.find((t) => t.name === 'Build')?.early_start).toBe('2027-03-08T08:00');
    expect(tasks.find((t) => t.name === 'Test')?.early_start).toBe('2027-03-23T08:00');
    expect(result.finish?.slice(0, 10)).toBe('2027-03-25');
    const risks = await db.query<{ title: string }>(
      `SELECT r.title FROM risks r WHERE r.org_id = $1 AND r.scope_id = $2`,
      [orgId, result.projectId],
    );
    expect(risks.map((r) => r.title)).toEqual(['Key developer leaves']);
    const items = await listConfigurationItems(db, pmo, result.projectId, {
      page: 1,
      pageSize: 50,
      order: 'asc',
    });
    expect(items.items.map((i) => i.identifier)).toEqual(['DOC-1', 'SPEC-1']);
    const [origin] = await db.query<{ template_version_id: string }>(
      'SELECT template_version_id FROM project_template_origins WHERE org_id = $1 AND project_id = $2',
      [orgId, result.projectId],
    );
    expect(origin?.template_version_id).toBe(result.templateVersionId);
  });

  it('leaves nothing behind when a part fails (a project code already taken)', async () => {
    const template = await publishedTemplate();
    await instantiateTemplate(db, pmo, template.id, {
      code: 'DUP-1',
      name: 'First',
      ...placement,
      startDate: '2027-03-01',
    });
    const projects = await countOrgRows(db, 'projects', orgId);
    const tasks = await countOrgRows(db, 'tasks', orgId);
    await expect(
      instantiateTemplate(db, pmo, template.id, {
        code: 'DUP-1',
        name: 'Second',
        ...placement,
        startDate: '2027-03-01',
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await countOrgRows(db, 'projects', orgId)).toBe(projects);
    expect(await countOrgRows(db, 'tasks', orgId)).toBe(tasks);
  });

  it('refuses those who may not create a project there, and a template with no published version', async () => {
    const template = await publishedTemplate();
    const member = await makeActor(db, orgId, 'team_member');
    await expect(
      instantiateTemplate(db, member, template.id, {
        code: 'NO-1',
        name: 'No',
        ...placement,
        startDate: '2027-03-01',
      }),
    ).rejects.toMatchObject({ status: 403 });
    const draftOnly = await createTemplate(db, pmo, { name: `Draft only ${++sequence}`, content: release });
    await expect(
      instantiateTemplate(db, pmo, draftOnly.id, {
        code: 'NO-2',
        name: 'No',
        ...placement,
        startDate: '2027-03-01',
      }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
