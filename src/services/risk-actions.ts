import type { Database, Queryable } from '../db/connection.ts';
import { riskActions, risks } from '../db/repositories/risks.ts';
import { findRow, listRows, updateRow } from '../db/sql.ts';
import { type Risk, type RiskAction, riskActionInput, riskActionPatch } from '../model/risk.ts';
import { ConflictError, NotFoundError, PreconditionRequiredError } from './errors.ts';
import { applyEscalationRules, chainOfLevel, requireAtLevel } from './escalation.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors } from './mutation.ts';
import { notify } from './notifications.ts';
import { type Actor, can } from './policy.ts';
import { readableRisk } from './risks.ts';
import { parseInput } from './validate.ts';

/** Response actions are changed by whoever may change their risk. */
async function managedRisk(q: Queryable, actor: Actor, riskId: string): Promise<Risk> {
  const risk = await findRow<Risk>(q, risks, actor.orgId, riskId);
  if (!risk) throw new NotFoundError('risk', riskId);
  const origin = await chainOfLevel(q, actor.orgId, {
    scopeType: risk.originScopeType,
    scopeId: risk.originScopeId,
  });
  if (origin && can(actor, 'manage_risks', origin)) return risk;
  await requireAtLevel(q, actor, risk, 'manage_risks');
  return risk;
}

/** A done action has a done date (today unless given); an undone one has none. */
function settleDoneDate<T extends { status?: string; doneDate?: string | null }>(
  values: T,
  previous?: RiskAction,
): T {
  const status = values.status ?? previous?.status;
  if (status === 'done')
    return {
      ...values,
      doneDate: values.doneDate ?? previous?.doneDate ?? new Date().toISOString().slice(0, 10),
    };
  if (values.status !== undefined || values.doneDate !== undefined) return { ...values, doneDate: null };
  return values;
}

const assignment = (action: Pick<RiskAction, 'title'>, risk: Risk) =>
  `You own the action "${action.title}" on risk R-${risk.reference} ${risk.title}`;

export async function listRiskActions(db: Database, actor: Actor, riskId: string) {
  await readableRisk(db, actor, riskId);
  const page = await listRows<RiskAction>(db, riskActions, actor.orgId, {
    page: 1,
    pageSize: 500,
    order: 'asc',
    equals: { riskId },
  });
  return page.items;
}

export async function createRiskAction(db: Database, actor: Actor, riskId: string, input: unknown) {
  const values = settleDoneDate(parseInput(riskActionInput, input));
  let risk: Risk | null = null;
  return createAudited<RiskAction>(
    db,
    actor,
    'risk_action',
    riskActions,
    { ...values, riskId },
    async (tx) => {
      risk = await managedRisk(tx, actor, riskId);
    },
    async (tx, id) => {
      await notify(
        tx,
        actor,
        [values.ownerId],
        'assignment',
        { type: 'risk_action', id },
        assignment(values, risk as Risk),
      );
      await applyEscalationRules(tx, actor, 'risk', riskId, new Date());
    },
  );
}

export async function getRiskAction(db: Database, actor: Actor, id: string): Promise<RiskAction> {
  const action = await findRow<RiskAction>(db, riskActions, actor.orgId, id);
  if (!action) throw new NotFoundError('risk action', id);
  await readableRisk(db, actor, action.riskId);
  return action;
}

/** Changes an action; a new owner is told, and the risk's rules run again (an overdue action may escalate it). */
export async function updateRiskAction(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const parsed = parseInput(riskActionPatch, input);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRow<RiskAction>(tx, riskActions, actor.orgId, id);
      if (!before) throw new NotFoundError('risk action', id);
      const risk = await managedRisk(tx, actor, before.riskId);
      if (version === undefined) throw new PreconditionRequiredError();
      const row: Record<string, unknown> = settleDoneDate(parsed, before);
      // A new due date deserves a new overdue notice when it passes too.
      if (parsed.dueDate !== undefined && parsed.dueDate !== before.dueDate) row.overdueNotifiedAt = null;
      if (!(await updateRow(tx, riskActions, actor.orgId, id, version, row)))
        throw new ConflictError(
          `the action changed since you read it (it is now at version ${before.version})`,
        );
      const after = (await findRow<RiskAction>(tx, riskActions, actor.orgId, id)) as RiskAction;
      await audit(tx, actor, 'risk_action', id, 'update', before, after);
      if (after.ownerId !== before.ownerId)
        await notify(
          tx,
          actor,
          [after.ownerId],
          'assignment',
          { type: 'risk_action', id },
          assignment(after, risk),
        );
      await applyEscalationRules(tx, actor, 'risk', before.riskId, new Date());
      return after;
    }),
  );
}

export async function deleteRiskAction(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<RiskAction>(db, actor, 'risk_action', riskActions, id, version, async (tx, before) => {
    await managedRisk(tx, actor, before.riskId);
  });
}
