import type { Database, Queryable } from '../db/connection.ts';
import {
  countActionsDueBefore,
  decentralizedUnitIds,
  enabledRules,
  escalatedItems,
  insertEscalation,
  listEscalationsOf,
  moveItem,
  openItemIds,
  organizationIds,
  ruleAlreadyApplied,
  takeUnnotifiedOverdueActions,
} from '../db/repositories/escalations.ts';
import { managersOfScope } from '../db/repositories/notifications.ts';
import { escalationRules, issues, risks } from '../db/repositories/risks.ts';
import {
  businessUnitAncestors,
  placementOfParents,
  placementOfPortfolio,
  placementOfProgram,
  projectParents,
} from '../db/repositories/scope.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type Escalation,
  type EscalationRule,
  escalateInput,
  escalationRuleInput,
  escalationRulePatch,
  type InboxItem,
  type Issue,
  type Risk,
  type RiskLevel,
} from '../model/risk.ts';
import { systemActor } from './access.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { notify } from './notifications.ts';
import {
  type Actor,
  type Capability,
  can,
  organizationChain,
  type ScopeChain,
  visibility,
} from './policy.ts';
import { parseInput } from './validate.ts';

export interface Level {
  scopeType: RiskLevel;
  scopeId: string | null;
}

const levelNames: Record<RiskLevel, string> = {
  project: 'project',
  program: 'program',
  portfolio: 'portfolio',
  business_unit: "business unit's PMO",
  organization: 'PMO',
};

/** Where a level sits for the policy, or null when its scope does not exist. */
export async function chainOfLevel(q: Queryable, orgId: string, level: Level): Promise<ScopeChain | null> {
  const id = level.scopeId;
  if (level.scopeType === 'organization') return organizationChain;
  if (!id) return null;
  switch (level.scopeType) {
    case 'business_unit': {
      const units = await businessUnitAncestors(q, orgId, id);
      return units.length > 0 ? { businessUnitIds: units } : null;
    }
    case 'portfolio':
      return placementOfPortfolio(q, orgId, id);
    case 'program':
      return placementOfProgram(q, orgId, id);
    case 'project': {
      const parents = await projectParents(q, orgId, id);
      return parents && placementOfParents(q, orgId, { ...parents, projectId: id });
    }
  }
}

/** Throws unless the actor holds `capability` at the level; a level that does not exist is a bad scopeId. */
export async function requireAtLevel(q: Queryable, actor: Actor, level: Level, capability: Capability) {
  const chain = await chainOfLevel(q, actor.orgId, level);
  if (!chain)
    throw new ValidationError([{ field: 'scopeId', message: 'does not exist in this organization' }]);
  if (!can(actor, capability, chain)) throw new ForbiddenError();
}

/** The PMO above a chain of units (nearest first): the nearest decentralized unit's, else the organization's. */
async function pmoAbove(q: Queryable, orgId: string, unitIds: readonly string[]): Promise<Level> {
  const decentralized = await decentralizedUnitIds(q, orgId, [...unitIds]);
  const unit = unitIds.find((id) => decentralized.has(id));
  return unit ? { scopeType: 'business_unit', scopeId: unit } : { scopeType: 'organization', scopeId: null };
}

/**
 * The level an item escalates to: a project's program (its portfolio when it has none), then the PMO —
 * the business unit's when the unit is decentralized, else the organization's. Null at the top.
 */
export async function levelAbove(q: Queryable, orgId: string, level: Level): Promise<Level | null> {
  const chain = await chainOfLevel(q, orgId, level);
  if (!chain) return null;
  switch (level.scopeType) {
    case 'project':
      if (chain.programId) return { scopeType: 'program', scopeId: chain.programId };
      return { scopeType: 'portfolio', scopeId: chain.portfolioId ?? null };
    case 'program':
    case 'portfolio':
      return pmoAbove(q, orgId, chain.businessUnitIds);
    case 'business_unit':
      return pmoAbove(q, orgId, chain.businessUnitIds.slice(1));
    case 'organization':
      return null;
  }
}

type ItemType = 'risk' | 'issue';
type Item = Risk | Issue;
const specOf = (type: ItemType) => (type === 'risk' ? risks : issues);
const tableOf = (type: ItemType) => (type === 'risk' ? 'risks' : 'issues');
const labelOf = (type: ItemType, item: Item) =>
  `${type === 'risk' ? 'R' : 'I'}-${item.reference} ${item.title}`;

/**
 * Moves an item one level up, records why, audits it and tells its owner and the receiving scope's
 * managers. Beyond the top is a 400.
 */
async function escalateOneLevel(
  tx: Queryable,
  actor: Actor,
  type: ItemType,
  before: Item,
  reason: string,
  ruleId: string | null,
): Promise<Item> {
  const from: Level = { scopeType: before.scopeType, scopeId: before.scopeId };
  const to = await levelAbove(tx, actor.orgId, from);
  if (!to)
    throw new ValidationError([
      {
        field: 'scopeType',
        message: `the ${type} is already at the organization's PMO, the top level; there is nowhere higher to escalate it`,
      },
    ]);
  await moveItem(tx, tableOf(type), actor.orgId, before.id, to.scopeType, to.scopeId);
  await insertEscalation(tx, actor.orgId, {
    itemType: type,
    itemId: before.id,
    fromScopeType: from.scopeType,
    fromScopeId: from.scopeId,
    toScopeType: to.scopeType,
    toScopeId: to.scopeId,
    actorId: actor.userId,
    reason,
    automatic: ruleId !== null,
    ruleId,
  });
  const after = (await findRow<Item>(tx, specOf(type), actor.orgId, before.id)) as Item;
  await audit(tx, actor, type, before.id, 'update', before, after);
  const managers = await managersOfScope(tx, actor.orgId, to.scopeType, to.scopeId);
  await notify(
    tx,
    actor,
    [before.ownerId, ...managers],
    'escalation',
    { type, id: before.id },
    `${labelOf(type, before)} was escalated from ${before.scopeName ?? levelNames[from.scopeType]} to ${
      after.scopeName ?? levelNames[to.scopeType]
    }${ruleId ? ' by a rule' : ''}: ${reason}`,
  );
  return after;
}

/** Manual escalation by someone who manages risks at the item's current level. */
export async function escalateItem(
  db: Database,
  actor: Actor,
  type: ItemType,
  id: string,
  input: unknown,
): Promise<Item> {
  const { reason } = parseInput(escalateInput, input);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRow<Item>(tx, specOf(type), actor.orgId, id);
      if (!before) throw new NotFoundError(type, id);
      await requireAtLevel(tx, actor, before, 'manage_risks');
      return escalateOneLevel(tx, actor, type, before, reason, null);
    }),
  );
}

export const escalateRisk = (db: Database, actor: Actor, id: string, input: unknown) =>
  escalateItem(db, actor, 'risk', id, input) as Promise<Risk>;
export const escalateIssue = (db: Database, actor: Actor, id: string, input: unknown) =>
  escalateItem(db, actor, 'issue', id, input) as Promise<Issue>;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const daysBefore = (now: Date, days: number) => isoDay(new Date(now.getTime() - days * 86_400_000));

/**
 * Applies the organization's rules to one item, in the caller's transaction: each matching rule
 * moves it one level up, once per rule and item. Returns how many escalations happened.
 */
export async function applyEscalationRules(
  tx: Queryable,
  actor: Actor,
  type: ItemType,
  id: string,
  now: Date,
): Promise<number> {
  const rules = await enabledRules(tx, actor.orgId);
  let moved = 0;
  for (const rule of rules) {
    const item = await findRow<Item>(tx, specOf(type), actor.orgId, id);
    if (!item) return moved;
    const settled = type === 'risk' ? ['occurred', 'closed'] : ['resolved', 'closed'];
    if (settled.includes(item.status) || item.scopeType === 'organization') continue;
    if (rule.fromLevel && rule.fromLevel !== item.scopeType) continue;
    let reason: string | null = null;
    if (rule.kind === 'score_at_least' && type === 'risk' && (item as Risk).score >= (rule.minScore ?? 0))
      reason = `score ${(item as Risk).score} reached ${rule.minScore} (rule "${rule.name}")`;
    if (rule.kind === 'action_overdue') {
      const cutoff = daysBefore(now, rule.overdueDays ?? 0);
      const overdue =
        type === 'risk'
          ? (await countActionsDueBefore(tx, actor.orgId, id, cutoff)) > 0
          : (item as Issue).dueDate !== null && ((item as Issue).dueDate as string) < cutoff;
      if (overdue)
        reason = `${type === 'risk' ? 'an action is' : 'it is'} overdue by more than ${rule.overdueDays} day(s) (rule "${rule.name}")`;
    }
    if (!reason || (await ruleAlreadyApplied(tx, actor.orgId, rule.id, id))) continue;
    await escalateOneLevel(tx, actor, type, item, reason, rule.id);
    moved++;
  }
  return moved;
}

/**
 * The time-based sweep: applies the rules to every open item of an organization (overdue actions
 * and issues escalate as days pass, without anyone writing) and tells owners of newly overdue actions.
 */
export async function runEscalationRules(
  db: Database,
  orgId: string,
  now: Date = new Date(),
): Promise<{ escalated: number; overdueNotified: number }> {
  const actor = systemActor(orgId, 'escalation rules');
  return db.transaction(async (tx) => {
    const { riskIds, issueIds } = await openItemIds(tx, orgId);
    let escalated = 0;
    for (const id of riskIds) escalated += await applyEscalationRules(tx, actor, 'risk', id, now);
    for (const id of issueIds) escalated += await applyEscalationRules(tx, actor, 'issue', id, now);
    const overdue = await takeUnnotifiedOverdueActions(tx, orgId, isoDay(now));
    for (const action of overdue)
      await notify(
        tx,
        actor,
        [action.ownerId],
        'action_overdue',
        { type: 'risk', id: action.riskId },
        `Your action "${action.title}" was due on ${action.dueDate}`,
      );
    return { escalated, overdueNotified: overdue.length };
  });
}

export async function runEscalationRulesForAll(db: Database, now: Date = new Date()) {
  const results = [];
  for (const orgId of await organizationIds(db))
    results.push({ orgId, ...(await runEscalationRules(db, orgId, now)) });
  return results;
}

/** Runs the sweep every `intervalMs` until stopped; a failed run is reported and the next one tried. */
export function startEscalationSweep(
  db: Database,
  intervalMs: number,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runEscalationRulesForAll(db)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export async function escalationHistory(
  q: Queryable,
  actor: Actor,
  type: ItemType,
  id: string,
): Promise<Escalation[]> {
  return (await listEscalationsOf(q, actor.orgId, type, id)) as Escalation[];
}

/** Items escalated to a level the actor manages, newest first: the escalation inbox. */
export async function escalationInbox(db: Database, actor: Actor): Promise<InboxItem[]> {
  const seen = visibility(actor);
  const { risks: riskRows, issues: issueRows } = await escalatedItems(
    db,
    actor.orgId,
    seen.all ? null : seen,
  );
  const chains = new Map<string, ScopeChain | null>();
  const manages = async (level: Level) => {
    const key = `${level.scopeType}:${level.scopeId}`;
    if (!chains.has(key)) chains.set(key, await chainOfLevel(db, actor.orgId, level));
    const chain = chains.get(key);
    return chain !== null && chain !== undefined && can(actor, 'manage_risks', chain);
  };
  const items: InboxItem[] = [];
  for (const [itemType, rows] of [
    ['risk', riskRows],
    ['issue', issueRows],
  ] as const)
    for (const row of rows)
      if (await manages(row as Level)) items.push({ itemType, ...(row as Omit<InboxItem, 'itemType'>) });
  return items.sort((a, b) => (b.escalatedAt ?? '').localeCompare(a.escalatedAt ?? ''));
}

// Rules: the organization's PMO sets them.

const requirePmo = (actor: Actor) => {
  if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
};

export async function listEscalationRules(
  db: Database,
  actor: Actor,
  query: ListQuery,
): Promise<Page<EscalationRule>> {
  const page = await listRows<EscalationRule>(db, escalationRules, actor.orgId, query);
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getEscalationRule(db: Database, actor: Actor, id: string): Promise<EscalationRule> {
  const rule = await findRow<EscalationRule>(db, escalationRules, actor.orgId, id);
  if (!rule) throw new NotFoundError('escalation rule', id);
  return rule;
}

export async function createEscalationRule(db: Database, actor: Actor, input: unknown) {
  const values = parseInput(escalationRuleInput, input);
  const row = {
    ...values,
    minScore: values.kind === 'score_at_least' ? values.minScore : null,
    overdueDays: values.kind === 'action_overdue' ? values.overdueDays : null,
  };
  return createAudited<EscalationRule>(db, actor, 'escalation_rule', escalationRules, row, async () =>
    requirePmo(actor),
  );
}

export async function updateEscalationRule(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  // The patch is known only after merging the input with the stored rule (kind-specific fields), so
  // it is filled in place during authorization, before updateAudited writes it.
  const patch: Record<string, unknown> = {};
  return updateAudited<EscalationRule>(
    db,
    actor,
    'escalation_rule',
    escalationRules,
    id,
    version,
    patch,
    async (_tx, before) => {
      requirePmo(actor);
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...stored } = before;
      const changes = parseInput(escalationRulePatch, input);
      const merged = parseInput(escalationRuleInput, { ...stored, ...stripUndefined(changes) });
      Object.assign(patch, merged, {
        minScore: merged.kind === 'score_at_least' ? merged.minScore : null,
        overdueDays: merged.kind === 'action_overdue' ? merged.overdueDays : null,
      });
    },
  );
}

export async function deleteEscalationRule(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited<EscalationRule>(db, actor, 'escalation_rule', escalationRules, id, version, async () =>
    requirePmo(actor),
  );
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
