import type { Queryable } from '../connection.ts';
import type { SqlParams } from '../sql.ts';

/** Business-unit ids from `id` up to the root, nearest first. */
export async function businessUnitAncestors(
  q: Queryable,
  orgId: string,
  id: string | null,
): Promise<string[]> {
  if (!id) return [];
  const rows = await q.query<{ id: string }>(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM business_units WHERE org_id = $1 AND id = $2
       UNION ALL
       SELECT b.id, b.parent_id, up.depth + 1 FROM business_units b JOIN up ON b.id = up.parent_id
       WHERE b.org_id = $1 AND up.depth < 64)
     SELECT id FROM up ORDER BY depth`,
    [orgId, id],
  );
  return rows.map((row) => row.id);
}

/** Whether `candidate` is `id` itself or lies below it: moving a unit under its own descendant would loop. */
export async function isBusinessUnitWithin(
  q: Queryable,
  orgId: string,
  candidate: string,
  id: string,
): Promise<boolean> {
  return (await businessUnitAncestors(q, orgId, candidate)).includes(id);
}

export interface ScopeIds {
  businessUnitIds: string[];
  portfolioIds: string[];
  programIds: string[];
  projectIds: string[];
}

const descendantUnits = (params: SqlParams, orgId: string, ids: string[]) =>
  `(WITH RECURSIVE d(id) AS (
      SELECT id FROM business_units WHERE org_id = ${params.add(orgId)} AND id = ANY(${params.add(ids)}::uuid[])
      UNION SELECT b.id FROM business_units b JOIN d ON b.parent_id = d.id WHERE b.org_id = ${params.add(orgId)})
    SELECT id FROM d)`;

/** SQL predicate: the project aliased `alias` lies within one of the scopes. */
export function projectWithin(alias: string, params: SqlParams, orgId: string, scope: ScopeIds): string {
  return `(${alias}.business_unit_id IN ${descendantUnits(params, orgId, scope.businessUnitIds)}
    OR ${alias}.portfolio_id = ANY(${params.add(scope.portfolioIds)}::uuid[])
    OR ${alias}.program_id = ANY(${params.add(scope.programIds)}::uuid[])
    OR ${alias}.id = ANY(${params.add(scope.projectIds)}::uuid[]))`;
}

/** SQL predicate for a program: in scope itself, or holding a project in scope (so a project's people see its program). */
export function programWithin(alias: string, params: SqlParams, orgId: string, scope: ScopeIds): string {
  return `(${alias}.id = ANY(${params.add(scope.programIds)}::uuid[])
    OR ${alias}.portfolio_id = ANY(${params.add(scope.portfolioIds)}::uuid[])
    OR ${alias}.portfolio_id IN (SELECT f.id FROM portfolios f WHERE f.org_id = ${params.add(orgId)}
         AND f.business_unit_id IN ${descendantUnits(params, orgId, scope.businessUnitIds)})
    OR EXISTS (SELECT 1 FROM projects p WHERE p.org_id = ${alias}.org_id AND p.program_id = ${alias}.id
         AND ${projectWithin('p', params, orgId, scope)}))`;
}

export function portfolioWithin(alias: string, params: SqlParams, orgId: string, scope: ScopeIds): string {
  return `(${alias}.id = ANY(${params.add(scope.portfolioIds)}::uuid[])
    OR ${alias}.business_unit_id IN ${descendantUnits(params, orgId, scope.businessUnitIds)}
    OR EXISTS (SELECT 1 FROM programs g WHERE g.org_id = ${alias}.org_id AND g.portfolio_id = ${alias}.id
         AND g.id = ANY(${params.add(scope.programIds)}::uuid[]))
    OR EXISTS (SELECT 1 FROM projects p WHERE p.org_id = ${alias}.org_id AND p.portfolio_id = ${alias}.id
         AND ${projectWithin('p', params, orgId, scope)}))`;
}

/** Where a record sits in the hierarchy; structurally the policy's scope chain. */
export interface Placement {
  businessUnitIds: string[];
  portfolioId: string | null;
  programId: string | null;
  projectId: string | null;
}

export async function placementOfPortfolio(
  q: Queryable,
  orgId: string,
  portfolioId: string,
): Promise<Placement | null> {
  const rows = await q.query<{ bu: string | null }>(
    'SELECT business_unit_id AS bu FROM portfolios WHERE org_id = $1 AND id = $2',
    [orgId, portfolioId],
  );
  if (!rows[0]) return null;
  return {
    businessUnitIds: await businessUnitAncestors(q, orgId, rows[0].bu),
    portfolioId,
    programId: null,
    projectId: null,
  };
}

export async function placementOfProgram(
  q: Queryable,
  orgId: string,
  programId: string,
): Promise<Placement | null> {
  const rows = await q.query<{ portfolioId: string }>(
    'SELECT portfolio_id AS "portfolioId" FROM programs WHERE org_id = $1 AND id = $2',
    [orgId, programId],
  );
  if (!rows[0]) return null;
  const portfolio = await placementOfPortfolio(q, orgId, rows[0].portfolioId);
  return portfolio && { ...portfolio, programId };
}

/** A project's placement; also used for a project not yet created, from the parents it will have. */
export async function placementOfParents(
  q: Queryable,
  orgId: string,
  parents: {
    businessUnitId: string;
    portfolioId: string;
    programId: string | null;
    projectId?: string | null;
  },
): Promise<Placement> {
  return {
    businessUnitIds: await businessUnitAncestors(q, orgId, parents.businessUnitId),
    portfolioId: parents.portfolioId,
    programId: parents.programId,
    projectId: parents.projectId ?? null,
  };
}

export async function programBelongsToPortfolio(
  q: Queryable,
  orgId: string,
  programId: string,
  portfolioId: string,
): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM programs WHERE org_id = $1 AND id = $2 AND portfolio_id = $3', [
    orgId,
    programId,
    portfolioId,
  ]);
  return rows.length === 1;
}

export async function projectParents(q: Queryable, orgId: string, projectId: string) {
  const rows = await q.query<{ businessUnitId: string; portfolioId: string; programId: string | null }>(
    `SELECT business_unit_id AS "businessUnitId", portfolio_id AS "portfolioId", program_id AS "programId"
     FROM projects WHERE org_id = $1 AND id = $2`,
    [orgId, projectId],
  );
  return rows[0] ?? null;
}
