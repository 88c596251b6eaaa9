import type { Database, Queryable } from '../db/connection.ts';
import { isItemWithin } from '../db/repositories/escalations.ts';
import {
  issues,
  itemOfProgram,
  itemOfProject,
  itemWithin,
  nextReference,
  risks,
} from '../db/repositories/risks.ts';
import { findRow, listRows, type SqlParams, updateRow } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import { type Issue, type IssueFilters, issueInput, issuePatch, type Risk } from '../model/risk.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import {
  applyEscalationRules,
  chainOfLevel,
  escalationHistory,
  type Level,
  requireAtLevel,
} from './escalation.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors } from './mutation.ts';
import { notify } from './notifications.ts';
import { type Actor, can, visibility } from './policy.ts';
import { readableRisk } from './risks.ts';
import { parseInput } from './validate.ts';

async function requireIssueManager(q: Queryable, actor: Actor, issue: Issue): Promise<void> {
  const origin = await chainOfLevel(q, actor.orgId, {
    scopeType: issue.originScopeType,
    scopeId: issue.originScopeId,
  });
  if (origin && can(actor, 'manage_risks', origin)) return;
  await requireAtLevel(q, actor, issue, 'manage_risks');
}

const ownerMessage = (issue: Pick<Issue, 'reference' | 'title'>) =>
  `You own issue I-${issue.reference} ${issue.title}`;

/** The risk an issue came from: one the actor reads; it is marked occurred in the same transaction. */
async function markRiskOccurred(tx: Queryable, actor: Actor, riskId: string): Promise<void> {
  let risk: Risk;
  try {
    risk = await readableRisk(tx, actor, riskId);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError)
      throw new ValidationError([{ field: 'riskId', message: 'is not a risk you can see' }]);
    throw error;
  }
  if (risk.status === 'open' || risk.status === 'monitoring') {
    await updateRow(tx, risks, actor.orgId, risk.id, risk.version, { status: 'occurred' });
    const after = await findRow<Risk>(tx, risks, actor.orgId, risk.id);
    await audit(tx, actor, 'risk', risk.id, 'update', risk, after);
  }
}

export async function createIssue(db: Database, actor: Actor, input: unknown): Promise<Issue> {
  const values = parseInput(issueInput, input);
  const level: Level = { scopeType: values.scopeType, scopeId: values.scopeId };
  if ((level.scopeType === 'organization') !== (level.scopeId === null))
    throw new ValidationError([
      {
        field: 'scopeId',
        message:
          level.scopeId === null
            ? `is required at the ${level.scopeType} level`
            : 'must be null at the organization level',
      },
    ]);
  const row: Record<string, unknown> = {
    ...values,
    originScopeType: values.scopeType,
    originScopeId: values.scopeId,
  };
  return createAudited<Issue>(
    db,
    actor,
    'issue',
    issues,
    row,
    async (tx) => {
      await requireAtLevel(tx, actor, level, 'manage_risks');
      if (values.riskId) await markRiskOccurred(tx, actor, values.riskId);
      row.reference = await nextReference(tx, 'issues', actor.orgId);
    },
    async (tx, id) => {
      await notify(
        tx,
        actor,
        [values.ownerId],
        'assignment',
        { type: 'issue', id },
        ownerMessage(row as Issue),
      );
      await applyEscalationRules(tx, actor, 'issue', id, new Date());
    },
  );
}

export async function updateIssue(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
): Promise<Issue> {
  const patch = parseInput(issuePatch, input);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRow<Issue>(tx, issues, actor.orgId, id);
      if (!before) throw new NotFoundError('issue', id);
      await requireIssueManager(tx, actor, before);
      if (version === undefined) throw new PreconditionRequiredError();
      if (patch.riskId && patch.riskId !== before.riskId) await markRiskOccurred(tx, actor, patch.riskId);
      if (!(await updateRow(tx, issues, actor.orgId, id, version, patch)))
        throw new ConflictError(
          `the issue changed since you read it (it is now at version ${before.version})`,
        );
      const after = (await findRow<Issue>(tx, issues, actor.orgId, id)) as Issue;
      await audit(tx, actor, 'issue', id, 'update', before, after);
      if (after.ownerId !== before.ownerId)
        await notify(tx, actor, [after.ownerId], 'assignment', { type: 'issue', id }, ownerMessage(after));
      if ((await applyEscalationRules(tx, actor, 'issue', id, new Date())) > 0)
        return (await findRow<Issue>(tx, issues, actor.orgId, id)) as Issue;
      return after;
    }),
  );
}

export async function deleteIssue(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Issue>(db, actor, 'issue', issues, id, version, (tx, before) =>
    requireIssueManager(tx, actor, before),
  );
}

export async function getIssue(db: Database, actor: Actor, id: string): Promise<Issue> {
  const issue = await findRow<Issue>(db, issues, actor.orgId, id);
  if (!issue) throw new NotFoundError('issue', id);
  const seen = visibility(actor);
  if (!seen.all && !(await isItemWithin(db, 'issues', actor.orgId, id, seen))) throw new ForbiddenError();
  return issue;
}

export async function listIssues(
  db: Database,
  actor: Actor,
  query: ListQuery & IssueFilters,
): Promise<Page<Issue>> {
  const seen = visibility(actor);
  const page = await listRows<Issue>(db, issues, actor.orgId, {
    ...query,
    sort: query.sort ?? 'priority',
    order: query.sort ? query.order : 'desc',
    equals: {
      scopeType: query.scopeType,
      scopeId: query.scopeId,
      status: query.status,
      priority: query.priority,
      ownerId: query.ownerId,
      riskId: query.riskId,
    },
    where: (params: SqlParams) => {
      const conditions: string[] = [];
      if (!seen.all) conditions.push(itemWithin('t', params, actor.orgId, seen, false));
      if (query.projectId) conditions.push(itemOfProject('t', params, query.projectId, false));
      if (query.programId) conditions.push(itemOfProgram('t', params, query.programId, false));
      if (query.escalated) conditions.push(`t.escalation_level ${query.escalated === 'true' ? '>' : '='} 0`);
      return conditions.length > 0 ? conditions.join(' AND ') : null;
    },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

/** The escalation history of a risk or an issue, for whoever reads the item. */
export async function escalationsOf(db: Database, actor: Actor, type: 'risk' | 'issue', id: string) {
  if (type === 'risk') await readableRisk(db, actor, id);
  else await getIssue(db, actor, id);
  return escalationHistory(db, actor, type, id);
}
