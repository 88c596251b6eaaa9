import type { Database, Queryable } from '../db/connection.ts';
import {
  type ChangeScope,
  changeRequests,
  findChangeAuthorities,
  findLinkByTasks,
  findTasksByIds,
  insertDecision,
  listChangeRequestsIn,
  listDecisionsIn,
  listDecisionsOf,
  nextChangeNumber,
  projectIdsOfProgram,
  projectStages,
  setImpact,
  upsertChangeAuthority,
} from '../db/repositories/change-requests.ts';
import {
  type Placement,
  placementOfParents,
  placementOfProgram,
  projectParents,
} from '../db/repositories/scope.ts';
import { findRow, insertRow, updateRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { Role } from '../model/access.ts';
import {
  type ChangeAuthorities,
  type ChangeDecisionEntry,
  type ChangeOperation,
  type ChangeRequest,
  type ChangeRequestDetail,
  type ChangeStatus,
  changeAuthoritiesPatch,
  changeDecisionInput,
  changeRequestInput,
  changeRequestPatch,
} from '../model/change-control.ts';
import type { Page } from '../model/common.ts';
import { computeImpact, frozenStages, validateOperations, withTaskIds } from './change-impact.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ServiceError,
  ValidationError,
} from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import {
  createLinkIn,
  createTaskIn,
  deleteLinkIn,
  deleteTaskIn,
  updateLinkIn,
  updateTaskIn,
} from './planning.ts';
import { type Actor, can, capabilitiesOf, grantCovers, organizationChain, visibility } from './policy.ts';
import { getProject } from './projects.ts';
import { getPortfolio, getProgram } from './structure.ts';
import { parseInput } from './validate.ts';

/** Who decides when the organization has not said: the program board for projects, the PMO for programs. */
export const defaultAuthorities: ChangeAuthorities = { project: 'program_manager', program: 'pmo_admin' };

/** Seniority for "this role or above": a portfolio manager may rule where a program manager may. */
const seniority: Record<Role, number> = {
  pmo_admin: 4,
  portfolio_manager: 3,
  program_manager: 2,
  project_manager: 1,
  team_member: 0,
  executive_viewer: 0,
  resource_manager: 0,
};

export type RequestScope = { type: 'project' | 'program'; id: string };

async function placementOf(q: Queryable, actor: Actor, scope: RequestScope): Promise<Placement> {
  if (scope.type === 'program') {
    const placement = await placementOfProgram(q, actor.orgId, scope.id);
    if (!placement) throw new NotFoundError('program', scope.id);
    return placement;
  }
  const parents = await projectParents(q, actor.orgId, scope.id);
  if (!parents) throw new NotFoundError('project', scope.id);
  return placementOfParents(q, actor.orgId, { ...parents, projectId: scope.id });
}

const scopeOf = (request: ChangeRequest): RequestScope =>
  request.scopeType === 'program'
    ? { type: 'program', id: request.programId as string }
    : { type: 'project', id: request.projectId as string };

async function projectsOfScope(q: Queryable, actor: Actor, scope: RequestScope): Promise<string[]> {
  return scope.type === 'program' ? projectIdsOfProgram(q, actor.orgId, scope.id) : [scope.id];
}

/** Reading a request is reading its project or program; a refusal reads as "not found". */
async function authorizeRead(db: Database, actor: Actor, scope: RequestScope): Promise<void> {
  if (scope.type === 'program') await getProgram(db, actor, scope.id);
  else await getProject(db, actor, scope.id);
}

export async function getChangeAuthorities(db: Queryable, actor: Actor): Promise<ChangeAuthorities> {
  const rows = await findChangeAuthorities(db, actor.orgId);
  const authorities = { ...defaultAuthorities };
  for (const row of rows) authorities[row.scopeLevel] = row.deciderRole as ChangeAuthorities['project'];
  return authorities;
}

export async function setChangeAuthorities(
  db: Database,
  actor: Actor,
  input: unknown,
): Promise<ChangeAuthorities> {
  const patch = parseInput(changeAuthoritiesPatch, input);
  return db.transaction(async (tx) => {
    if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
    const before = await getChangeAuthorities(tx, actor);
    for (const level of ['project', 'program'] as const)
      if (patch[level]) await upsertChangeAuthority(tx, actor.orgId, level, patch[level]);
    const after = await getChangeAuthorities(tx, actor);
    await audit(tx, actor, 'change_authority', actor.orgId, 'update', before, after);
    return after;
  });
}

/** The configured role, or a more senior one holding decide_change, granted at a scope covering the request. */
async function mayDecide(q: Queryable, actor: Actor, scope: RequestScope, placement: Placement) {
  if (actor.system) return true;
  const decider = (await getChangeAuthorities(q, actor))[scope.type];
  return actor.grants.some(
    (grant) =>
      seniority[grant.role] >= seniority[decider] &&
      capabilitiesOf(grant.role).has('decide_change') &&
      grantCovers(grant, placement),
  );
}

async function findRequest(q: Queryable, actor: Actor, id: string): Promise<ChangeRequest> {
  const request = await findRow<ChangeRequest>(q, changeRequests, actor.orgId, id);
  if (!request) throw new NotFoundError('change request', id);
  return request;
}

async function refuseFrozenProject(q: Queryable, actor: Actor, projectId: string) {
  const [project] = await projectStages(q, actor.orgId, [projectId]);
  if (project && frozenStages.has(project.stage))
    throw new ValidationError([
      {
        field: 'projectId',
        message: `project "${project.code} ${project.name}" is ${project.stage}; it takes no change requests`,
      },
    ]);
}

/** Validates the operations and computes their impact on the plan as it stands. */
async function assess(
  q: Queryable,
  actor: Actor,
  scope: RequestScope,
  operations: ChangeOperation[],
  costImpact: number,
) {
  const scopeProjects = await projectsOfScope(q, actor, scope);
  const touched = await validateOperations(q, actor.orgId, scopeProjects, operations);
  return computeImpact(q, actor.orgId, scopeProjects, touched, operations, costImpact);
}

function logTransition(
  tx: Queryable,
  actor: Actor,
  requestId: string,
  from: ChangeStatus | null,
  to: ChangeStatus,
  note: string,
) {
  return insertDecision(tx, {
    orgId: actor.orgId,
    id: uuidv7(),
    changeRequestId: requestId,
    fromStatus: from,
    toStatus: to,
    actorId: actor.userId,
    actorLabel: actor.label,
    note,
  });
}

export async function createChangeRequest(
  db: Database,
  actor: Actor,
  scope: RequestScope,
  input: unknown,
): Promise<ChangeRequestDetail> {
  const values = parseInput(changeRequestInput, input);
  const operations = withTaskIds(values.operations);
  const id = await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const placement = await placementOf(tx, actor, scope);
      if (!can(actor, 'request_change', placement)) throw new ForbiddenError();
      if (scope.type === 'project') await refuseFrozenProject(tx, actor, scope.id);
      const impact = await assess(tx, actor, scope, operations, values.costImpact);
      const id = uuidv7();
      await insertRow(tx, changeRequests, actor.orgId, id, {
        ...values,
        number: await nextChangeNumber(tx, actor.orgId),
        scopeType: scope.type,
        projectId: scope.type === 'project' ? scope.id : null,
        programId: scope.type === 'program' ? scope.id : null,
        requestedBy: actor.userId,
        status: 'submitted',
        operations: JSON.stringify(operations),
        impact: JSON.stringify(impact),
        impactComputedAt: impact.computedAt,
      });
      await logTransition(tx, actor, id, null, 'submitted', values.reason);
      await audit(tx, actor, 'change_request', id, 'create', null, await findRequest(tx, actor, id));
      return id;
    }),
  );
  return getChangeRequest(db, actor, id);
}

export async function updateChangeRequest(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
): Promise<ChangeRequestDetail> {
  const patch = parseInput(changeRequestPatch, input);
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRequest(tx, actor, id);
      const scope = scopeOf(before);
      if (!can(actor, 'request_change', await placementOf(tx, actor, scope))) throw new ForbiddenError();
      if (before.status !== 'submitted')
        throw new ConflictError(
          `change request CR-${before.number} is ${before.status}; only a submitted one can be edited`,
        );
      if (before.scopeType === 'project') await refuseFrozenProject(tx, actor, scope.id);
      const operations = withTaskIds(patch.operations ?? before.operations);
      const impact = await assess(tx, actor, scope, operations, patch.costImpact ?? before.costImpact);
      if (version === undefined) throw new PreconditionRequiredError();
      const changed = await updateRow(tx, changeRequests, actor.orgId, id, version, {
        ...patch,
        operations: JSON.stringify(operations),
        impact: JSON.stringify(impact),
        impactComputedAt: impact.computedAt,
      });
      if (!changed)
        throw new ConflictError(
          `the change request changed since you read it (now version ${before.version}); reload`,
        );
      await audit(tx, actor, 'change_request', id, 'update', before, await findRequest(tx, actor, id));
    }),
  );
  return getChangeRequest(db, actor, id);
}

/** Moves a request through its workflow, writing the log entry and the audit entry with it. */
async function transition(
  tx: Queryable,
  actor: Actor,
  before: ChangeRequest,
  to: ChangeStatus,
  note: string,
  extra: Record<string, unknown> = {},
) {
  const decided = to === 'approved' || to === 'rejected' || to === 'deferred';
  const fields = {
    status: to,
    applyError: null,
    ...(decided ? { decidedBy: actor.userId, decidedAt: new Date().toISOString(), decisionNote: note } : {}),
    ...extra,
  };
  if (!(await updateRow(tx, changeRequests, actor.orgId, before.id, before.version, fields)))
    throw new ConflictError('the change request changed meanwhile; reload');
  await logTransition(tx, actor, before.id, before.status, to, note);
  await audit(
    tx,
    actor,
    'change_request',
    before.id,
    'update',
    before,
    await findRequest(tx, actor, before.id),
  );
}

/** The board takes a submitted (or deferred) request up; its impact is computed again on the current plan. */
export async function startReview(
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<ChangeRequestDetail> {
  const { note } = parseInput(changeDecisionInput.pick({ note: true }), input ?? {});
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRequest(tx, actor, id);
      const scope = scopeOf(before);
      if (!(await mayDecide(tx, actor, scope, await placementOf(tx, actor, scope))))
        throw new ForbiddenError();
      if (before.status !== 'submitted' && before.status !== 'deferred')
        throw new ConflictError(
          `change request CR-${before.number} is ${before.status}; it cannot go under review`,
        );
      const impact = await assess(tx, actor, scope, before.operations, before.costImpact);
      await transition(tx, actor, before, 'under_review', note, {
        impact: JSON.stringify(impact),
        impactComputedAt: impact.computedAt,
      });
    }),
  );
  return getChangeRequest(db, actor, id);
}

/**
 * Computes an open request's impact again on the plan as it is now (the plan may have moved since
 * it was raised); for those who may raise changes or decide them in its scope.
 */
export async function recomputeImpact(db: Database, actor: Actor, id: string): Promise<ChangeRequestDetail> {
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRequest(tx, actor, id);
      const scope = scopeOf(before);
      const placement = await placementOf(tx, actor, scope);
      if (!can(actor, 'request_change', placement) && !(await mayDecide(tx, actor, scope, placement)))
        throw new ForbiddenError();
      if (before.status === 'approved' || before.status === 'rejected')
        throw new ConflictError(
          `change request CR-${before.number} is ${before.status}; its impact is final`,
        );
      const impact = await assess(tx, actor, scope, before.operations, before.costImpact);
      // Not a new version: the request itself is unchanged, only what it would do to today's plan.
      await setImpact(tx, actor.orgId, id, JSON.stringify(impact), impact.computedAt);
    }),
  );
  return getChangeRequest(db, actor, id);
}

/**
 * Approves, rejects or defers a request under review. Approval makes its operations on the real plan
 * through the planning services, rescheduling and auditing each, all in one transaction with the
 * decision: if one fails, nothing of the plan changes, the request stays under review and carries
 * the error.
 */
export async function decideChangeRequest(
  db: Database,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<ChangeRequestDetail> {
  const { decision, note } = parseInput(changeDecisionInput, input);
  try {
    await translateDatabaseErrors(() =>
      db.transaction(async (tx) => {
        const before = await findRequest(tx, actor, id);
        const scope = scopeOf(before);
        if (!(await mayDecide(tx, actor, scope, await placementOf(tx, actor, scope))))
          throw new ForbiddenError();
        if (before.status !== 'under_review')
          throw new ConflictError(
            `change request CR-${before.number} is ${before.status}; only one under review can be decided`,
          );
        if (decision !== 'approve') {
          await transition(tx, actor, before, decision === 'reject' ? 'rejected' : 'deferred', note);
          return;
        }
        if (before.scopeType === 'project') await refuseFrozenProject(tx, actor, scope.id);
        const impact = await assess(tx, actor, scope, before.operations, before.costImpact);
        await applyOperations(tx, actor, before.operations);
        await transition(tx, actor, before, 'approved', note, {
          impact: JSON.stringify(impact),
          impactComputedAt: impact.computedAt,
          appliedAt: new Date().toISOString(),
        });
      }),
    );
  } catch (error) {
    if (
      decision === 'approve' &&
      error instanceof ServiceError &&
      error.status !== 403 &&
      error.status !== 404
    )
      await recordApplyError(db, actor, id, error.message);
    throw error;
  }
  return getChangeRequest(db, actor, id);
}

async function recordApplyError(db: Database, actor: Actor, id: string, message: string) {
  await db.query(
    'UPDATE change_requests SET apply_error = $3 WHERE org_id = $1 AND id = $2 AND status = $4',
    [actor.orgId, id, `the approval could not be applied: ${message}`, 'under_review'],
  );
}

/** Makes the operations on the plan, in order, in the caller's transaction. */
export async function applyOperations(tx: Queryable, actor: Actor, operations: readonly ChangeOperation[]) {
  for (const [index, op] of operations.entries()) {
    try {
      await applyOperation(tx, actor, op);
    } catch (error) {
      // Every failure here, a refused right included, is the approval failing, not the decider lacking it.
      if (error instanceof ServiceError)
        throw new ValidationError([{ field: `operations.${index}`, message: error.message }]);
      throw error;
    }
  }
}

async function currentVersion(tx: Queryable, actor: Actor, taskId: string): Promise<number> {
  const [task] = await findTasksByIds(tx, actor.orgId, [taskId]);
  if (!task) throw new NotFoundError('task', taskId);
  return task.version;
}

async function linkBetween(tx: Queryable, actor: Actor, op: { predecessorId: string; successorId: string }) {
  const link = await findLinkByTasks(tx, actor.orgId, op.predecessorId, op.successorId);
  if (!link)
    throw new ValidationError([{ field: 'successorId', message: 'these tasks are no longer linked' }]);
  return link;
}

async function applyOperation(tx: Queryable, actor: Actor, op: ChangeOperation): Promise<void> {
  switch (op.op) {
    case 'update_task':
      await updateTaskIn(tx, actor, op.taskId, await currentVersion(tx, actor, op.taskId), op.changes);
      return;
    case 'add_task':
      await createTaskIn(
        tx,
        actor,
        op.projectId,
        {
          parentId: op.parentId,
          name: op.name,
          wbsCode: '',
          durationMinutes: op.durationMinutes,
          durationElapsed: false,
          milestone: false,
          constraintType: 'ASAP',
          constraintDate: null,
          deadline: null,
          actualStart: null,
          actualFinish: null,
          percentComplete: 0,
        },
        op.taskId,
      );
      return;
    case 'delete_task':
      await deleteTaskIn(tx, actor, op.taskId, await currentVersion(tx, actor, op.taskId));
      return;
    case 'add_link': {
      await createLinkIn(tx, actor, {
        predecessorId: op.predecessorId,
        successorId: op.successorId,
        type: op.type,
        lagMinutes: op.lagMinutes,
        lagPercent: null,
        lagElapsed: false,
      });
      return;
    }
    case 'remove_link': {
      const link = await linkBetween(tx, actor, op);
      await deleteLinkIn(tx, actor, link.id, link.version);
      return;
    }
    case 'update_link': {
      const link = await linkBetween(tx, actor, op);
      await updateLinkIn(tx, actor, link.id, link.version, {
        ...(op.type ? { type: op.type } : {}),
        ...(op.lagMinutes !== undefined ? { lagMinutes: op.lagMinutes } : {}),
      });
      return;
    }
  }
}

export async function getChangeRequest(db: Database, actor: Actor, id: string): Promise<ChangeRequestDetail> {
  const request = await findRequest(db, actor, id);
  const scope = scopeOf(request);
  await authorizeRead(db, actor, scope);
  const placement = await placementOf(db, actor, scope);
  const decisions = await listDecisionsOf<ChangeDecisionEntry>(db, actor.orgId, id);
  const decider = await mayDecide(db, actor, scope, placement);
  return {
    ...request,
    decisions,
    allowed: {
      edit: request.status === 'submitted' && can(actor, 'request_change', placement),
      review: decider && (request.status === 'submitted' || request.status === 'deferred'),
      decide: decider && request.status === 'under_review',
      recompute:
        (decider || can(actor, 'request_change', placement)) &&
        request.status !== 'approved' &&
        request.status !== 'rejected',
    },
  };
}

const visibleScopes = (actor: Actor) => {
  const seen = visibility(actor);
  return seen.all ? null : seen;
};

/** A project's requests, or a program's: its own and those of its projects. */
export async function listChangeRequests(
  db: Database,
  actor: Actor,
  scope: RequestScope,
  page: number,
  pageSize: number,
): Promise<Page<ChangeRequest>> {
  await authorizeRead(db, actor, scope);
  const result = await listChangeRequestsIn<ChangeRequest>(
    db,
    actor.orgId,
    scope,
    visibleScopes(actor),
    page,
    pageSize,
  );
  return { ...result, page, pageSize };
}

/** Every transition of the requests within a scope, newest first: the decision log. */
export async function listChangeDecisions(
  db: Database,
  actor: Actor,
  scope: ChangeScope,
  limit: number,
): Promise<ChangeDecisionEntry[]> {
  if (scope.type === 'project') await getProject(db, actor, scope.id);
  if (scope.type === 'program') await getProgram(db, actor, scope.id);
  if (scope.type === 'portfolio') await getPortfolio(db, actor, scope.id);
  return listDecisionsIn<ChangeDecisionEntry>(db, actor.orgId, scope, visibleScopes(actor), limit);
}
