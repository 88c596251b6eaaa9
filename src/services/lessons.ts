import type { Database, Queryable } from '../db/connection.ts';
import { processAssets } from '../db/repositories/knowledge.ts';
import {
  changeProposals,
  type LessonFilters,
  lessons,
  replaceLessonRisks,
  searchLessons,
  suggestLessons,
  writeSearchVector,
} from '../db/repositories/lessons.ts';
import { projectTemplates } from '../db/repositories/project-templates.ts';
import { findRow, listRows, SqlParams } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type ChangeProposal,
  changeProposalInput,
  changeProposalPatch,
  type Lesson,
  lessonInput,
  lessonPatch,
  type SuggestedLesson,
} from '../model/governance.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { projectWithPlacement } from './gate-authority.ts';
import { createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { type Actor, can, isMember, organizationChain } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Lessons learned: captured at gate reviews, at closure, at termination or whenever someone learns
 * something; the whole organization reads them (that is their point), those who run a project record
 * its lessons, and a lesson can become a proposed change to a template or a standard.
 */

async function requireCapture(q: Queryable, actor: Actor, projectId: string | null): Promise<void> {
  const chain = projectId ? (await projectWithPlacement(q, actor, projectId)).chain : organizationChain;
  if (!can(actor, 'capture_lessons', chain)) throw new ForbiddenError();
}

async function findLesson(q: Queryable, actor: Actor, id: string): Promise<Lesson> {
  const lesson = await findRow<Lesson>(q, lessons, actor.orgId, id);
  if (!lesson) throw new NotFoundError('lesson', id);
  return lesson;
}

export async function listLessons(
  db: Database,
  actor: Actor,
  query: ListQuery & LessonFilters,
): Promise<Page<Lesson>> {
  if (!isMember(actor, actor.orgId)) throw new ForbiddenError();
  const filters = {
    category: query.category,
    kind: query.kind,
    source: query.source,
    projectId: query.projectId,
  };
  const page = query.q
    ? await searchLessons(db, actor.orgId, query.q, filters, query, new SqlParams())
    : await listRows<Lesson>(db, lessons, actor.orgId, { ...query, equals: filters });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getLesson(db: Database, actor: Actor, id: string): Promise<Lesson> {
  return findLesson(db, actor, id);
}

async function checkReviewBelongs(
  q: Queryable,
  actor: Actor,
  projectId: string | null,
  reviewId: string | null,
) {
  if (!reviewId) return;
  const rows = await q.query<{ projectId: string }>(
    'SELECT project_id AS "projectId" FROM gate_reviews WHERE org_id = $1 AND id = $2',
    [actor.orgId, reviewId],
  );
  if (!rows[0] || rows[0].projectId !== projectId)
    throw new ValidationError([
      { field: 'gateReviewId', message: "is not a review of the lesson's project" },
    ]);
}

export async function createLesson(db: Database, actor: Actor, body: unknown): Promise<Lesson> {
  const { riskIds, ...values } = parseInput(lessonInput, body);
  return createAudited<Lesson>(
    db,
    actor,
    'lesson',
    lessons,
    { ...values, authorId: actor.userId },
    async (tx) => {
      await requireCapture(tx, actor, values.projectId);
      await checkReviewBelongs(tx, actor, values.projectId, values.gateReviewId);
    },
    async (tx, id) => {
      await replaceLessonRisks(tx, actor.orgId, id, riskIds);
      await writeSearchVector(tx, actor.orgId, id);
    },
  );
}

export async function updateLesson(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Lesson> {
  const { riskIds, ...patch } = parseInput(lessonPatch, body);
  return updateAudited<Lesson>(
    db,
    actor,
    'lesson',
    lessons,
    id,
    version,
    patch,
    (tx, before) => requireCapture(tx, actor, before.projectId),
    async (tx) => {
      if (riskIds) await replaceLessonRisks(tx, actor.orgId, id, riskIds);
      await writeSearchVector(tx, actor.orgId, id);
    },
  );
}

export async function deleteLesson(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Lesson>(db, actor, 'lesson', lessons, id, version, (tx, before) =>
    requireCapture(tx, actor, before.projectId),
  );
}

/** Words of a project's name worth matching: letters and digits only, so they are safe in to_tsquery. */
export function nameTerms(name: string): string[] {
  const stop = new Set(['the', 'and', 'for', 'with', 'project', 'phase', 'new']);
  const words = name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !stop.has(word));
  return [...new Set(words)];
}

export async function suggestedLessons(
  db: Database,
  actor: Actor,
  projectId: string,
  limit = 10,
): Promise<SuggestedLesson[]> {
  const { project, chain } = await projectWithPlacement(db, actor, projectId);
  if (!can(actor, 'read', chain)) throw new ForbiddenError();
  return suggestLessons(
    db,
    actor.orgId,
    {
      id: project.id,
      methodology: project.methodology,
      businessUnitId: project.businessUnitId,
      portfolioId: project.portfolioId,
      nameTerms: nameTerms(project.name),
    },
    limit,
  );
}

export async function listChangeProposals(
  db: Database,
  actor: Actor,
  query: ListQuery & { status?: ChangeProposal['status']; lessonId?: string },
): Promise<Page<ChangeProposal>> {
  if (!isMember(actor, actor.orgId)) throw new ForbiddenError();
  const page = await listRows<ChangeProposal>(db, changeProposals, actor.orgId, {
    ...query,
    equals: { status: query.status, lessonId: query.lessonId },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function proposeChange(
  db: Database,
  actor: Actor,
  lessonId: string,
  body: unknown,
): Promise<ChangeProposal> {
  const values = parseInput(changeProposalInput, body);
  return createAudited<ChangeProposal>(
    db,
    actor,
    'lesson_change_proposal',
    changeProposals,
    { ...values, lessonId, proposedBy: actor.userId },
    async (tx) => {
      await requireCapture(tx, actor, (await findLesson(tx, actor, lessonId)).projectId);
      await requireTarget(tx, actor.orgId, values);
    },
  );
}

/** A linked target exists in the organization and fits the kind: a template for 'template', else an asset. */
async function requireTarget(
  q: Queryable,
  orgId: string,
  values: { targetKind: string; targetAssetId: string | null; targetTemplateId: string | null },
) {
  if (values.targetAssetId && values.targetTemplateId)
    throw new ValidationError([
      { field: 'targetTemplateId', message: 'a change targets an asset or a template, not both' },
    ]);
  if (values.targetTemplateId) {
    if (values.targetKind !== 'template')
      throw new ValidationError([
        { field: 'targetTemplateId', message: "is only for the target kind 'template'" },
      ]);
    if (!(await findRow(q, projectTemplates, orgId, values.targetTemplateId)))
      throw new ValidationError([
        { field: 'targetTemplateId', message: 'is no project template of this organization' },
      ]);
  }
  if (values.targetAssetId && !(await findRow(q, processAssets, orgId, values.targetAssetId)))
    throw new ValidationError([
      { field: 'targetAssetId', message: 'is no process asset of this organization' },
    ]);
}

/** The organization's PMO rules on a proposal: the standards are the organization's. */
export async function decideChangeProposal(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<ChangeProposal> {
  const patch = parseInput(changeProposalPatch, body);
  return updateAudited<ChangeProposal>(
    db,
    actor,
    'lesson_change_proposal',
    changeProposals,
    id,
    version,
    patch,
    async () => {
      if (!can(actor, 'manage_lifecycle', organizationChain)) throw new ForbiddenError();
    },
  );
}
