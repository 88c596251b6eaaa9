import type { Queryable } from '../connection.ts';
import { isoDate, isoTimestamp, type SqlParams, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';
import { unitSubtree } from './resources.ts';
import type { ScopeIds } from './scope.ts';

/** Saved portfolio scenarios and their items (a candidate's flags and the optimizer's verdict). */

const itemsOf = `COALESCE((SELECT json_agg(json_build_object(
      'candidateType', CASE WHEN i.proposal_id IS NULL THEN 'project' ELSE 'proposal' END,
      'candidateId', COALESCE(i.proposal_id, i.project_id),
      'code', COALESCE(p.code, j.code), 'title', COALESCE(p.title, j.name),
      'mandatory', i.mandatory, 'excluded', i.excluded, 'included', i.included,
      'shiftMonths', i.shift_months, 'holdFlagged', i.hold_flagged) ORDER BY COALESCE(p.code, j.code))
    FROM scenario_items i
    LEFT JOIN proposals p ON p.org_id = i.org_id AND p.id = i.proposal_id
    LEFT JOIN projects j ON j.org_id = i.org_id AND j.id = i.project_id
    WHERE i.org_id = t.org_id AND i.scenario_id = t.id), '[]'::json)`;

const optionalTimestamp = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL ELSE ${isoTimestamp(column)} END`;

export const scenarios: TableSpec = {
  table: 'scenarios',
  columns: {
    name: 'name',
    description: 'description',
    portfolioId: 'portfolio_id',
    horizonStart: 'horizon_start',
    periods: 'periods',
    budget: 'budget',
    capacity: 'capacity',
    maxShift: 'max_shift',
  },
  select: `SELECT ${versionColumns}, t.name, t.description, t.portfolio_id AS "portfolioId", f.name AS "portfolioName",
      ${isoDate('t.horizon_start')} AS "horizonStart", t.periods, t.budget, t.capacity, t.max_shift AS "maxShift",
      t.status, ${optionalTimestamp('t.optimized_at')} AS "optimizedAt", ${optionalTimestamp('t.promoted_at')} AS "promotedAt",
      t.result, ${itemsOf} AS items
    FROM scenarios t LEFT JOIN portfolios f ON f.org_id = t.org_id AND f.id = t.portfolio_id`,
  sortable: { name: 't.name', createdAt: 't.created_at', updatedAt: 't.updated_at' },
  searchable: ['t.name', 't.description'],
};

export interface ItemFlags {
  proposalId: string | null;
  projectId: string | null;
  mandatory: boolean;
  excluded: boolean;
}

/** Sets the user's flags: listed candidates get theirs, unlisted ones lose theirs (the verdict stays). */
export async function replaceItemFlags(
  q: Queryable,
  orgId: string,
  scenarioId: string,
  items: readonly ItemFlags[],
): Promise<void> {
  await q.query(
    'UPDATE scenario_items SET mandatory = false, excluded = false WHERE org_id = $1 AND scenario_id = $2',
    [orgId, scenarioId],
  );
  for (const item of items) {
    await q.query(
      `INSERT INTO scenario_items (org_id, id, scenario_id, proposal_id, project_id, mandatory, excluded)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (org_id, scenario_id, COALESCE(proposal_id, project_id))
       DO UPDATE SET mandatory = EXCLUDED.mandatory, excluded = EXCLUDED.excluded, version = scenario_items.version + 1,
         updated_at = now()`,
      [orgId, uuidv7(), scenarioId, item.proposalId, item.projectId, item.mandatory, item.excluded],
    );
  }
  await q.query(
    `DELETE FROM scenario_items WHERE org_id = $1 AND scenario_id = $2 AND NOT mandatory AND NOT excluded AND NOT included`,
    [orgId, scenarioId],
  );
}

/** Stores the optimizer's verdict: every candidate's inclusion and shift, and the result document. */
export async function saveOptimization(
  q: Queryable,
  orgId: string,
  scenarioId: string,
  verdicts: readonly {
    proposalId: string | null;
    projectId: string | null;
    included: boolean;
    shift: number;
  }[],
  result: unknown,
): Promise<void> {
  await q.query(
    'UPDATE scenario_items SET included = false, shift_months = 0 WHERE org_id = $1 AND scenario_id = $2',
    [orgId, scenarioId],
  );
  for (const v of verdicts) {
    if (!v.included) continue;
    await q.query(
      `INSERT INTO scenario_items (org_id, id, scenario_id, proposal_id, project_id, included, shift_months)
       VALUES ($1, $2, $3, $4, $5, true, $6)
       ON CONFLICT (org_id, scenario_id, COALESCE(proposal_id, project_id))
       DO UPDATE SET included = true, shift_months = EXCLUDED.shift_months, version = scenario_items.version + 1,
         updated_at = now()`,
      [orgId, uuidv7(), scenarioId, v.proposalId, v.projectId, v.shift],
    );
  }
  await q.query(
    `DELETE FROM scenario_items WHERE org_id = $1 AND scenario_id = $2 AND NOT mandatory AND NOT excluded AND NOT included`,
    [orgId, scenarioId],
  );
  await q.query(
    `UPDATE scenarios SET result = $3, optimized_at = now(), version = version + 1, updated_at = now()
     WHERE org_id = $1 AND id = $2`,
    [orgId, scenarioId, JSON.stringify(result)],
  );
}

export async function markPromoted(
  q: Queryable,
  orgId: string,
  scenarioId: string,
  userId: string | null,
  heldProjectIds: readonly string[],
): Promise<void> {
  for (const projectId of heldProjectIds)
    await q.query(
      `INSERT INTO scenario_items (org_id, id, scenario_id, project_id, hold_flagged)
       VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (org_id, scenario_id, COALESCE(proposal_id, project_id))
       DO UPDATE SET hold_flagged = true, version = scenario_items.version + 1, updated_at = now()`,
      [orgId, uuidv7(), scenarioId, projectId],
    );
  await q.query(
    `UPDATE scenarios SET status = 'promoted', promoted_at = now(), promoted_by = $3, version = version + 1,
       updated_at = now() WHERE org_id = $1 AND id = $2`,
    [orgId, scenarioId, userId],
  );
}

/**
 * SQL predicate: the scenario aliased `t` is readable from these grants — a portfolio scenario by
 * grants on its portfolio or on a unit above it; an organization-wide one only by organization readers.
 */
export function scenarioVisibleSql(params: SqlParams, orgId: string, scope: ScopeIds): string {
  const units = scope.businessUnitIds.map((id) => `f.business_unit_id IN ${unitSubtree(params, orgId, id)}`);
  return `(t.portfolio_id = ANY(${params.add(scope.portfolioIds)}::uuid[])
    OR EXISTS (SELECT 1 FROM portfolios f WHERE f.org_id = t.org_id AND f.id = t.portfolio_id
      AND (${units.length > 0 ? units.join(' OR ') : 'false'})))`;
}
