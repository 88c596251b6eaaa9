import type { Database, Queryable } from '../db/connection.ts';
import {
  latestTemplateVersion,
  listTemplateVersionSummaries,
  projectTemplates,
  retireOtherTemplateVersions,
  templateVersions,
} from '../db/repositories/project-templates.ts';
import { findRow, insertRow, listRows } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type ProjectTemplate,
  type TemplateContent,
  type TemplateDetail,
  type TemplateVersion,
  templateInput,
  templatePatch,
  templateVersionInput,
  templateVersionPatch,
} from '../model/project-template.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { audit, createAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { type Actor, can, isMember, organizationChain } from './policy.ts';
import { templateContentErrors } from './template-rules.ts';
import { parseInput } from './validate.ts';

/**
 * Project templates: the organization's PMO (`manage_knowledge`) keeps them; every member reads the
 * published versions and may create a project from one (with the right to create it where it goes).
 * A published version never changes; publishing a newer one retires it.
 */
const canManageTemplates = (actor: Actor) => can(actor, 'manage_knowledge', organizationChain);

function checkContent(content: TemplateContent): void {
  const errors = templateContentErrors(content);
  if (errors.length > 0) throw new ValidationError(errors);
}

async function readableTemplate(q: Queryable, actor: Actor, id: string): Promise<ProjectTemplate> {
  const template = await findRow<ProjectTemplate>(q, projectTemplates, actor.orgId, id);
  if (!template || !isMember(actor, actor.orgId)) throw new NotFoundError('project template', id);
  if (template.publishedNumber === null && !canManageTemplates(actor))
    throw new NotFoundError('project template', id);
  return template;
}

export async function listTemplates(
  db: Database,
  actor: Actor,
  query: ListQuery,
): Promise<Page<ProjectTemplate>> {
  const page = await listRows<ProjectTemplate>(db, projectTemplates, actor.orgId, {
    ...query,
    where: () =>
      canManageTemplates(actor)
        ? null
        : `EXISTS (SELECT 1 FROM template_versions v WHERE v.org_id = t.org_id AND v.template_id = t.id AND v.status = 'published')`,
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getTemplate(db: Database, actor: Actor, id: string): Promise<TemplateDetail> {
  const template = await readableTemplate(db, actor, id);
  const manage = canManageTemplates(actor);
  const versions = await listTemplateVersionSummaries<TemplateDetail['versions'][number]>(
    db,
    actor.orgId,
    id,
  );
  return {
    ...template,
    versions: manage ? versions : versions.filter((v) => v.status !== 'draft'),
    canManage: manage,
  };
}

export async function createTemplate(db: Database, actor: Actor, body: unknown): Promise<ProjectTemplate> {
  const { content, ...values } = parseInput(templateInput, body);
  checkContent(content);
  return createAudited<ProjectTemplate>(
    db,
    actor,
    'project_template',
    projectTemplates,
    values,
    async () => {
      if (!canManageTemplates(actor)) throw new ForbiddenError();
    },
    async (tx, templateId) => {
      const id = uuidv7();
      await insertRow(tx, templateVersions, actor.orgId, id, {
        templateId,
        number: 1,
        content: JSON.stringify(content),
        changeNote: 'First version',
        authorId: actor.userId,
      });
      await audit(
        tx,
        actor,
        'template_version',
        id,
        'create',
        null,
        await findRow(tx, templateVersions, actor.orgId, id),
      );
    },
  );
}

export async function updateTemplate(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<ProjectTemplate> {
  const patch = parseInput(templatePatch, body);
  return updateAudited<ProjectTemplate>(
    db,
    actor,
    'project_template',
    projectTemplates,
    id,
    version,
    patch,
    async () => {
      if (!canManageTemplates(actor)) throw new ForbiddenError();
    },
  );
}

export async function getTemplateVersion(db: Database, actor: Actor, id: string): Promise<TemplateVersion> {
  const version = await findRow<TemplateVersion>(db, templateVersions, actor.orgId, id);
  if (!version) throw new NotFoundError('template version', id);
  await readableTemplate(db, actor, version.templateId);
  if (version.status === 'draft' && !canManageTemplates(actor))
    throw new NotFoundError('template version', id);
  return version;
}

export async function createTemplateVersion(
  db: Database,
  actor: Actor,
  templateId: string,
  body: unknown,
): Promise<TemplateVersion> {
  const input = parseInput(templateVersionInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await readableTemplate(tx, actor, templateId);
      if (!canManageTemplates(actor)) throw new ForbiddenError();
      checkContent(input.content);
      const latest = await latestTemplateVersion(tx, actor.orgId, templateId);
      if (latest?.status === 'draft')
        throw new ConflictError(`version ${latest.number} is still a draft; edit or publish it first`);
      const id = uuidv7();
      await insertRow(tx, templateVersions, actor.orgId, id, {
        templateId,
        number: (latest?.number ?? 0) + 1,
        content: JSON.stringify(input.content),
        changeNote: input.changeNote,
        authorId: actor.userId,
      });
      const created = (await findRow<TemplateVersion>(
        tx,
        templateVersions,
        actor.orgId,
        id,
      )) as TemplateVersion;
      await audit(tx, actor, 'template_version', id, 'create', null, created);
      return created;
    }),
  );
}

const publishedImmutable = (version: TemplateVersion) =>
  new ConflictError(
    `version ${version.number} is ${version.status}; published versions are immutable — create a new version instead`,
    [{ field: 'status', message: `is ${version.status}` }],
  );

export async function updateTemplateVersion(
  db: Database,
  actor: Actor,
  id: string,
  expected: number | undefined,
  body: unknown,
): Promise<TemplateVersion> {
  const patch = parseInput(templateVersionPatch, body);
  if (patch.content) checkContent(patch.content);
  const values = { ...patch, content: patch.content ? JSON.stringify(patch.content) : undefined };
  return updateAudited<TemplateVersion>(
    db,
    actor,
    'template_version',
    templateVersions,
    id,
    expected,
    values,
    async (_tx, before) => {
      if (!canManageTemplates(actor)) throw new ForbiddenError();
      if (before.status !== 'draft') throw publishedImmutable(before);
    },
  );
}

export async function publishTemplateVersion(
  db: Database,
  actor: Actor,
  id: string,
  expected: number | undefined,
): Promise<TemplateVersion> {
  return updateAudited<TemplateVersion>(
    db,
    actor,
    'template_version',
    templateVersions,
    id,
    expected,
    { status: 'published', publishedAt: new Date().toISOString() },
    async (_tx, before) => {
      if (!canManageTemplates(actor)) throw new ForbiddenError();
      if (before.status !== 'draft') throw publishedImmutable(before);
      checkContent(before.content);
    },
    async (tx, before) => {
      await retireOtherTemplateVersions(tx, actor.orgId, before.templateId, before.id);
    },
  );
}

/** The published version a project is made from: the one named, or the template's latest. */
export async function publishedTemplateVersion(
  q: Queryable,
  actor: Actor,
  templateId: string,
  versionId: string | undefined,
): Promise<TemplateVersion & { template: ProjectTemplate }> {
  const template = await readableTemplate(q, actor, templateId);
  const id = versionId ?? (await latestTemplateVersion(q, actor.orgId, templateId, 'published'))?.id;
  if (!id) throw new ConflictError('this template has no published version yet; publish one first');
  const version = await findRow<TemplateVersion>(q, templateVersions, actor.orgId, id);
  if (!version || version.templateId !== templateId)
    throw new ValidationError([{ field: 'templateVersionId', message: 'is not a version of this template' }]);
  if (version.status === 'draft')
    throw new ValidationError([
      { field: 'templateVersionId', message: 'is a draft; projects are made from published versions' },
    ]);
  return { ...version, template };
}
