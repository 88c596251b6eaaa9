import type { Database, Queryable } from '../db/connection.ts';
import {
  assessments,
  freezeQuestionnaire,
  insertAnswers,
  oversightPolicies,
  policyIdOf,
  projectManagersWithLevels,
  projectsManagedBy,
  questionnaires,
  replaceQuestions,
} from '../db/repositories/maturity.ts';
import { projectWithin, type ScopeIds } from '../db/repositories/scope.ts';
import { findRow, insertRow, listRows, type SqlParams, updateRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type Assessment,
  assessmentInput,
  type OversightPolicy,
  oversightPolicyInput,
  type Questionnaire,
  questionnaireInput,
  questionnairePatch,
} from '../model/maturity.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { oversightOfLevel, scoreAnswers } from './maturity-scoring.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { applyOversightCadences } from './oversight-cadence.ts';
import { type Actor, can, capabilitiesOf, isMember, organizationChain } from './policy.ts';
import { loadOversightPolicy, oversightForProject } from './project-oversight.ts';
import { projectChain } from './scoped.ts';
import { parseInput } from './validate.ts';

/** The organization's PMO keeps questionnaires and the oversight policy. */
function requireOrgAssessor(actor: Actor) {
  if (!can(actor, 'assess_maturity', organizationChain)) throw new ForbiddenError();
}

export async function listQuestionnaires(db: Database, actor: Actor, query: ListQuery) {
  if (!isMember(actor, actor.orgId)) throw new ForbiddenError();
  const page = await listRows<Questionnaire>(db, questionnaires, actor.orgId, query);
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getQuestionnaire(db: Database, actor: Actor, id: string) {
  const found = await findRow<Questionnaire>(db, questionnaires, actor.orgId, id);
  if (!found) throw new NotFoundError('questionnaire', id);
  return found;
}

export async function createQuestionnaire(db: Database, actor: Actor, input: unknown) {
  const { questions, ...values } = parseInput(questionnaireInput, input);
  return createAudited<Questionnaire>(
    db,
    actor,
    'maturity_questionnaire',
    questionnaires,
    values,
    async () => requireOrgAssessor(actor),
    (tx, id) => replaceQuestions(tx, actor.orgId, id, questions),
  );
}

/** Questions change only until the first assessment; after that, assessments must keep their meaning. */
export async function updateQuestionnaire(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const { questions, ...patch } = parseInput(questionnairePatch, input);
  return updateAudited<Questionnaire>(
    db,
    actor,
    'maturity_questionnaire',
    questionnaires,
    id,
    version,
    patch,
    async (_tx, before) => {
      requireOrgAssessor(actor);
      if (questions && before.frozen)
        throw new ConflictError('the questionnaire has been used by assessments; its questions are frozen', [
          { field: 'questions', message: 'are frozen by the first assessment' },
        ]);
    },
    async (tx) => {
      if (questions) await replaceQuestions(tx, actor.orgId, id, questions);
    },
  );
}

export async function deleteQuestionnaire(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited<Questionnaire>(
    db,
    actor,
    'maturity_questionnaire',
    questionnaires,
    id,
    version,
    async () => requireOrgAssessor(actor),
  );
}

/** Where the actor may assess: the scopes of its grants that carry `assess_maturity`. */
function assessorScopes(actor: Actor): { all: boolean; scope: ScopeIds } {
  const grants = actor.grants.filter((grant) => capabilitiesOf(grant.role).has('assess_maturity'));
  const ids = (type: string) => grants.filter((g) => g.scopeType === type).map((g) => g.scopeId as string);
  return {
    all: Boolean(actor.system) || grants.some((grant) => grant.scopeType === 'organization'),
    scope: {
      businessUnitIds: ids('business_unit'),
      portfolioIds: ids('portfolio'),
      programIds: ids('program'),
      projectIds: ids('project'),
    },
  };
}

/**
 * A person is assessed by the organization's PMO, or by a business unit's PMO when they manage a
 * project in that unit; a team by whoever may assess at its project.
 */
async function requireAssessorOf(
  q: Queryable,
  actor: Actor,
  subject: { subjectUserId: string | null; subjectProjectId: string | null },
) {
  if (can(actor, 'assess_maturity', organizationChain)) return;
  const projectIds = subject.subjectProjectId
    ? [subject.subjectProjectId]
    : await projectsManagedBy(q, actor.orgId, subject.subjectUserId as string);
  for (const projectId of projectIds)
    if (can(actor, 'assess_maturity', await projectChain(q, actor.orgId, projectId))) return;
  throw new ForbiddenError();
}

/** Assessments visible to the actor: those it may make, and its own. */
function readableAssessments(actor: Actor) {
  const { all, scope } = assessorScopes(actor);
  if (all) return undefined;
  return (params: SqlParams) => {
    const within = (alias: string) => projectWithin(alias, params, actor.orgId, scope);
    return `(t.subject_user_id = ${params.add(actor.userId)}::uuid
      OR t.subject_project_id IN (SELECT p.id FROM projects p WHERE p.org_id = t.org_id AND ${within('p')})
      OR t.subject_user_id IN (SELECT p.manager_id FROM projects p WHERE p.org_id = t.org_id AND ${within('p')}))`;
  };
}

export async function listAssessments(
  db: Database,
  actor: Actor,
  query: ListQuery & { subjectUserId?: string; subjectProjectId?: string },
): Promise<Page<Assessment>> {
  const page = await listRows<Assessment>(db, assessments, actor.orgId, {
    ...query,
    sort: query.sort ?? 'assessedOn',
    order: query.sort ? query.order : 'desc',
    equals: { subjectUserId: query.subjectUserId, subjectProjectId: query.subjectProjectId },
    where: readableAssessments(actor),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getAssessment(db: Database, actor: Actor, id: string) {
  const found = await findRow<Assessment>(db, assessments, actor.orgId, id);
  if (!found) throw new NotFoundError('assessment', id);
  if (found.subjectUserId !== actor.userId) await requireAssessorOf(db, actor, found);
  return found;
}

/**
 * Records an assessment: every question of the questionnaire must be answered (a 400 names the
 * missing ones), the score and level follow the documented rule, and the questionnaire freezes.
 */
export async function createAssessment(db: Database, actor: Actor, input: unknown) {
  const values = parseInput(assessmentInput, input);
  if (values.subjectType === 'user' && !values.subjectUserId)
    throw new ValidationError([{ field: 'subjectUserId', message: 'is required for a person' }]);
  if (values.subjectType === 'team' && !values.subjectProjectId)
    throw new ValidationError([{ field: 'subjectProjectId', message: "is required for a project's team" }]);
  const subject = {
    subjectUserId: values.subjectType === 'user' ? values.subjectUserId : null,
    subjectProjectId: values.subjectType === 'team' ? values.subjectProjectId : null,
  };
  const row: Record<string, unknown> = { ...values, ...subject, assessorId: actor.userId };
  return createAudited<Assessment>(
    db,
    actor,
    'maturity_assessment',
    assessments,
    row,
    async (tx) => {
      try {
        await requireAssessorOf(tx, actor, subject);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        throw new ValidationError([
          { field: 'subjectProjectId', message: 'does not exist in this organization' },
        ]);
      }
      const questionnaire = await findRow<Questionnaire>(
        tx,
        questionnaires,
        actor.orgId,
        values.questionnaireId,
      );
      if (!questionnaire)
        throw new ValidationError([
          { field: 'questionnaireId', message: 'does not exist in this organization' },
        ]);
      const byId = new Map(questionnaire.questions.map((question) => [question.id, question]));
      const given = new Map<string, number>();
      values.answers.forEach((answer, index) => {
        if (!byId.has(answer.questionId))
          throw new ValidationError([
            { field: `answers[${index}].questionId`, message: 'is not a question of this questionnaire' },
          ]);
        if (given.has(answer.questionId))
          throw new ValidationError([
            { field: `answers[${index}].questionId`, message: 'is answered twice' },
          ]);
        given.set(answer.questionId, answer.score);
      });
      const missing = questionnaire.questions.filter((question) => !given.has(question.id));
      if (missing.length > 0)
        throw new ValidationError(
          missing.map((question) => ({
            field: `answers.${question.id}`,
            message: `question ${question.position} (${question.knowledgeArea}: ${question.text}) is not answered`,
          })),
        );
      Object.assign(
        row,
        scoreAnswers(
          values.answers.map((a) => ({ area: byId.get(a.questionId)!.knowledgeArea, score: a.score })),
        ),
      );
    },
    async (tx, id) => {
      await insertAnswers(tx, actor.orgId, id, values.answers);
      await freezeQuestionnaire(tx, actor.orgId, values.questionnaireId);
      // A project manager's new level moves the oversight, and with it how often their projects report.
      if (subject.subjectUserId) await applyOversightCadences(tx, actor, subject.subjectUserId);
    },
  );
}

export async function deleteAssessment(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Assessment>(db, actor, 'maturity_assessment', assessments, id, version, (tx, before) =>
    requireAssessorOf(tx, actor, before),
  );
}

export async function getOversightPolicy(db: Database, actor: Actor): Promise<OversightPolicy> {
  if (!isMember(actor, actor.orgId)) throw new ForbiddenError();
  return loadOversightPolicy(db, actor.orgId);
}

/** Replaces the policy; version 0 is the built-in default, saved on first change. */
export async function saveOversightPolicy(
  db: Database,
  actor: Actor,
  version: number | undefined,
  input: unknown,
) {
  const values = parseInput(oversightPolicyInput, input);
  if (values.lightFrom < values.standardFrom)
    throw new ValidationError([{ field: 'lightFrom', message: 'must be standardFrom or more' }]);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      requireOrgAssessor(actor);
      if (version === undefined) throw new PreconditionRequiredError();
      const before = await loadOversightPolicy(tx, actor.orgId);
      if (before.version !== version)
        throw new ConflictError(
          `the policy changed since you read it (it is now at version ${before.version})`,
        );
      let id = await policyIdOf(tx, actor.orgId);
      if (!id) {
        id = uuidv7();
        await insertRow(tx, oversightPolicies, actor.orgId, id, values);
      } else if (!(await updateRow(tx, oversightPolicies, actor.orgId, id, version, values)))
        throw new ConflictError('the policy changed since you read it');
      const after = (await findRow<OversightPolicy>(
        tx,
        oversightPolicies,
        actor.orgId,
        id,
      )) as OversightPolicy;
      await audit(
        tx,
        actor,
        'oversight_policy',
        id,
        before.version === 0 ? 'create' : 'update',
        before,
        after,
      );
      await applyOversightCadences(tx, actor, null);
      return after;
    }),
  );
}

export async function getProjectOversight(db: Database, actor: Actor, projectId: string) {
  if (!can(actor, 'read', await projectChain(db, actor.orgId, projectId))) throw new ForbiddenError();
  return oversightForProject(db, actor.orgId, projectId);
}

/**
 * Every project manager with their latest level and the oversight it earns (the Maturity page).
 * Levels are personal: the organization's PMO sees everyone's, anyone else only their own.
 */
export async function projectManagerMaturity(db: Database, actor: Actor) {
  if (!isMember(actor, actor.orgId)) throw new ForbiddenError();
  const policy = await loadOversightPolicy(db, actor.orgId);
  const everyone = can(actor, 'assess_maturity', organizationChain);
  const rows = await projectManagersWithLevels(db, actor.orgId);
  return rows
    .filter((row) => everyone || row.userId === actor.userId)
    .map((row) => ({ ...row, oversight: oversightOfLevel(row.level, policy) }));
}
