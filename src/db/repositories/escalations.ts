import type { Queryable } from '../connection.ts';
import { isoDate, isoTimestamp, SqlParams } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';
import { itemWithin, scopeNameSql } from './risks.ts';
import type { ScopeIds } from './scope.ts';

// Escalation history, the levels items move between, and what the automatic rules read.

export async function insertEscalation(
  q: Queryable,
  orgId: string,
  row: {
    itemType: 'risk' | 'issue';
    itemId: string;
    fromScopeType: string;
    fromScopeId: string | null;
    toScopeType: string;
    toScopeId: string | null;
    actorId: string | null;
    reason: string;
    automatic: boolean;
    ruleId: string | null;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO escalations (org_id, id, item_type, item_id, from_scope_type, from_scope_id, to_scope_type,
       to_scope_id, actor_id, reason, automatic, rule_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      orgId,
      uuidv7(),
      row.itemType,
      row.itemId,
      row.fromScopeType,
      row.fromScopeId,
      row.toScopeType,
      row.toScopeId,
      row.actorId,
      row.reason,
      row.automatic,
      row.ruleId,
    ],
  );
}

export const escalationSelect = `SELECT e.id, e.item_type AS "itemType", e.item_id AS "itemId",
    CASE e.item_type WHEN 'risk' THEN (SELECT r.title FROM risks r WHERE r.org_id = e.org_id AND r.id = e.item_id)
      ELSE (SELECT i.title FROM issues i WHERE i.org_id = e.org_id AND i.id = e.item_id) END AS "itemTitle",
    e.from_scope_type AS "fromScopeType", e.from_scope_id AS "fromScopeId",
    ${scopeNameSql('e.from_scope_type', 'e.from_scope_id', 'e.org_id')} AS "fromScopeName",
    e.to_scope_type AS "toScopeType", e.to_scope_id AS "toScopeId",
    ${scopeNameSql('e.to_scope_type', 'e.to_scope_id', 'e.org_id')} AS "toScopeName",
    e.actor_id AS "actorId", u.name AS "actorName", e.reason, e.automatic, e.rule_id AS "ruleId",
    ${isoTimestamp('e.at')} AS at
  FROM escalations e LEFT JOIN users u ON u.org_id = e.org_id AND u.id = e.actor_id`;

export async function listEscalationsOf(q: Queryable, orgId: string, itemType: string, itemId: string) {
  return q.query(
    `${escalationSelect} WHERE e.org_id = $1 AND e.item_type = $2 AND e.item_id = $3 ORDER BY e.at, e.id`,
    [orgId, itemType, itemId],
  );
}

export async function ruleAlreadyApplied(q: Queryable, orgId: string, ruleId: string, itemId: string) {
  const rows = await q.query(
    'SELECT 1 FROM escalations WHERE org_id = $1 AND rule_id = $2 AND item_id = $3',
    [orgId, ruleId, itemId],
  );
  return rows.length > 0;
}

export async function decentralizedUnitIds(q: Queryable, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM business_units WHERE org_id = $1 AND id = ANY($2::uuid[]) AND pmo_mode = 'decentralized'`,
    [orgId, ids],
  );
  return new Set(rows.map((row) => row.id));
}

/** Moves a risk or an issue to another level, one escalation step higher. */

export async function moveItem(
  q: Queryable,
  table: 'risks' | 'issues',
  orgId: string,
  id: string,
  scopeType: string,
  scopeId: string | null,
): Promise<void> {
  await q.query(
    `UPDATE ${table} SET scope_type = $3, scope_id = $4, escalation_level = escalation_level + 1,
       escalated_at = now(), version = version + 1, updated_at = now()
     WHERE org_id = $1 AND id = $2`,
    [orgId, id, scopeType, scopeId],
  );
}

/** Whether the item is one the reader sees (the same predicate the lists filter with). */

export async function isItemWithin(
  q: Queryable,
  table: 'risks' | 'issues',
  orgId: string,
  id: string,
  scope: ScopeIds,
): Promise<boolean> {
  const params = new SqlParams();
  const predicate = itemWithin('t', params, orgId, scope, table === 'risks');
  const rows = await q.query(
    `SELECT 1 FROM ${table} t WHERE t.org_id = ${params.add(orgId)} AND t.id = ${params.add(id)} AND ${predicate}`,
    params.values,
  );
  return rows.length > 0;
}

/** Open actions of a risk due before `cutoff` (an ISO date). */

export async function countActionsDueBefore(q: Queryable, orgId: string, riskId: string, cutoff: string) {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM risk_actions
     WHERE org_id = $1 AND risk_id = $2 AND status IN ('planned', 'in_progress') AND due_date < $3::date`,
    [orgId, riskId, cutoff],
  );
  return rows[0]?.n ?? 0;
}

/** Open actions overdue at `today` whose owner has not been told yet; marks them told. */

export async function takeUnnotifiedOverdueActions(q: Queryable, orgId: string, today: string) {
  return q.query<{ id: string; riskId: string; title: string; ownerId: string; dueDate: string }>(
    `UPDATE risk_actions SET overdue_notified_at = now()
     WHERE org_id = $1 AND status IN ('planned', 'in_progress') AND due_date < $2::date
       AND owner_id IS NOT NULL AND overdue_notified_at IS NULL
     RETURNING id, risk_id AS "riskId", title, owner_id AS "ownerId", ${isoDate('due_date')} AS "dueDate"`,
    [orgId, today],
  );
}

export async function openItemIds(q: Queryable, orgId: string) {
  const [riskRows, issueRows] = await Promise.all([
    q.query<{ id: string }>(
      `SELECT id FROM risks WHERE org_id = $1 AND status IN ('open', 'monitoring') ORDER BY id`,
      [orgId],
    ),
    q.query<{ id: string }>(
      `SELECT id FROM issues WHERE org_id = $1 AND status IN ('open', 'in_progress') ORDER BY id`,
      [orgId],
    ),
  ]);
  return { riskIds: riskRows.map((r) => r.id), issueIds: issueRows.map((r) => r.id) };
}

export async function enabledRules(q: Queryable, orgId: string) {
  return q.query<{
    id: string;
    name: string;
    kind: 'score_at_least' | 'action_overdue';
    minScore: number | null;
    overdueDays: number | null;
    fromLevel: string | null;
  }>(
    `SELECT id, name, kind, min_score AS "minScore", overdue_days AS "overdueDays", from_level AS "fromLevel"
     FROM escalation_rules WHERE org_id = $1 AND enabled ORDER BY created_at, id`,
    [orgId],
  );
}

export async function organizationIds(q: Queryable): Promise<string[]> {
  return (await q.query<{ id: string }>('SELECT id FROM organizations ORDER BY id')).map((row) => row.id);
}

/** Escalated, unsettled items with the reason of their last escalation, seen by the reader. */

export async function escalatedItems(q: Queryable, orgId: string, scope: ScopeIds | null) {
  const query = (table: 'risks' | 'issues') => {
    const params = new SqlParams();
    const org = params.add(orgId);
    const visible = scope ? `AND ${itemWithin('t', params, orgId, scope, table === 'risks')}` : '';
    const open = table === 'risks' ? `('open', 'monitoring')` : `('open', 'in_progress')`;
    return q.query<{
      id: string;
      reference: number;
      title: string;
      scopeType: string;
      scopeId: string | null;
      scopeName: string | null;
      originScopeType: string;
      originScopeName: string | null;
      score: number | null;
      priority: string | null;
      escalatedAt: string | null;
      reason: string | null;
    }>(
      `SELECT t.id, t.reference, t.title, t.scope_type AS "scopeType", t.scope_id AS "scopeId",
         ${scopeNameSql('t.scope_type', 't.scope_id')} AS "scopeName", t.origin_scope_type AS "originScopeType",
         ${scopeNameSql('t.origin_scope_type', 't.origin_scope_id')} AS "originScopeName",
         ${table === 'risks' ? 't.score' : 'NULL::int'} AS score, ${table === 'issues' ? 't.priority' : 'NULL::text'} AS priority,
         ${isoTimestamp('t.escalated_at')} AS "escalatedAt",
         (SELECT e.reason FROM escalations e WHERE e.org_id = t.org_id AND e.item_id = t.id ORDER BY e.at DESC, e.id DESC LIMIT 1) AS reason
       FROM ${table} t WHERE t.org_id = ${org} AND t.escalation_level > 0 AND t.status IN ${open} ${visible}
       ORDER BY t.escalated_at DESC`,
      params.values,
    );
  };
  const [riskRows, issueRows] = await Promise.all([query('risks'), query('issues')]);
  return { risks: riskRows, issues: issueRows };
}
