import type { Queryable } from '../connection.ts';
import { isoDate, SqlParams } from '../sql.ts';
import { projectWithin, type ScopeIds } from './scope.ts';

/**
 * What portfolio selection reads: proposals still in the running (submitted, in triage, accepted and not
 * yet a project) and running projects (initiation, planning, execution), with their money and demand by
 * month. Running projects take cost from their budget lines when they have any, else the budget spread
 * over their target dates (done in the service); their role demand comes from open staffing requests.
 */

export interface CandidateRow {
  candidateType: 'proposal' | 'project';
  candidateId: string;
  code: string;
  title: string;
  status: string;
  budget: number;
  targetStart: string | null;
  targetFinish: string | null;
}

export interface MonthlyAmount {
  candidateId: string;
  period: string;
  amount: number;
}

export interface DemandRow {
  candidateId: string;
  roleId: string;
  period: string;
  hours: number;
}

export interface StaffingRow {
  candidateId: string;
  roleId: string;
  startDate: string;
  finishDate: string;
  units: number;
}

export interface CandidateData {
  rows: CandidateRow[];
  costs: MonthlyAmount[];
  demand: DemandRow[];
  staffing: StaffingRow[];
  requires: { candidateId: string; requiresProposalId: string | null; requiresProjectId: string | null }[];
  objectives: { candidateId: string; objectiveId: string }[];
}

export const runningStages = ['initiation', 'planning', 'execution'] as const;
export const competingStatuses = ['submitted', 'in_triage', 'accepted'] as const;

/** Loads every candidate the reader may see, optionally within one portfolio. */
export async function loadCandidateData(
  q: Queryable,
  orgId: string,
  filter: { portfolioId?: string | null | undefined; scope: ScopeIds | null },
): Promise<CandidateData> {
  const where = (alias: string, params: SqlParams) => {
    const conditions = [`${alias}.org_id = ${params.add(orgId)}`];
    if (filter.portfolioId) conditions.push(`${alias}.portfolio_id = ${params.add(filter.portfolioId)}`);
    if (filter.scope) conditions.push(projectWithin(alias, params, orgId, filter.scope));
    return conditions.join(' AND ');
  };
  const pp = new SqlParams();
  const proposalWhere = `${where('t', pp)} AND t.status = ANY(${pp.add(competingStatuses)}::text[]) AND t.project_id IS NULL`;
  const proposals = await q.query<CandidateRow>(
    `SELECT 'proposal' AS "candidateType", t.id AS "candidateId", t.code, t.title, t.status, 0::float8 AS budget,
       NULL AS "targetStart", NULL AS "targetFinish"
     FROM proposals t WHERE ${proposalWhere} ORDER BY t.code`,
    pp.values,
  );
  const jp = new SqlParams();
  const projectWhere = `${where('t', jp)} AND t.stage = ANY(${jp.add(runningStages)}::text[])`;
  const projects = await q.query<CandidateRow>(
    `SELECT 'project' AS "candidateType", t.id AS "candidateId", t.code, t.name AS title, t.stage AS status,
       t.budget::float8 AS budget, ${isoDate('t.target_start')} AS "targetStart", ${isoDate('t.target_finish')} AS "targetFinish"
     FROM projects t WHERE ${projectWhere} ORDER BY t.code`,
    jp.values,
  );
  const proposalIds = proposals.map((r) => r.candidateId);
  const projectIds = projects.map((r) => r.candidateId);
  const [proposalCosts, projectCosts, demand, staffing, requires, proposalObjectives, projectObjectives] =
    await Promise.all([
      q.query<MonthlyAmount>(
        `SELECT proposal_id AS "candidateId", ${isoDate('period')} AS period, sum(amount)::float8 AS amount
         FROM proposal_cost_lines WHERE org_id = $1 AND proposal_id = ANY($2::uuid[]) GROUP BY proposal_id, period`,
        [orgId, proposalIds],
      ),
      q.query<MonthlyAmount>(
        `SELECT project_id AS "candidateId", ${isoDate('period')} AS period, sum(amount)::float8 AS amount
         FROM budget_lines WHERE org_id = $1 AND project_id = ANY($2::uuid[]) GROUP BY project_id, period`,
        [orgId, projectIds],
      ),
      q.query<DemandRow>(
        `SELECT proposal_id AS "candidateId", role_id AS "roleId", ${isoDate('period')} AS period, hours::float8 AS hours
         FROM proposal_role_demand WHERE org_id = $1 AND proposal_id = ANY($2::uuid[])`,
        [orgId, proposalIds],
      ),
      q.query<StaffingRow>(
        `SELECT project_id AS "candidateId", role_id AS "roleId", ${isoDate('start_date')} AS "startDate",
           ${isoDate('finish_date')} AS "finishDate", units::float8 AS units
         FROM staffing_requests WHERE org_id = $1 AND project_id = ANY($2::uuid[]) AND role_id IS NOT NULL
           AND status <> 'cancelled'`,
        [orgId, projectIds],
      ),
      q.query<CandidateData['requires'][number]>(
        `SELECT proposal_id AS "candidateId", requires_proposal_id AS "requiresProposalId",
           requires_project_id AS "requiresProjectId"
         FROM proposal_dependencies WHERE org_id = $1 AND proposal_id = ANY($2::uuid[])`,
        [orgId, proposalIds],
      ),
      q.query<{ candidateId: string; objectiveId: string }>(
        `SELECT proposal_id AS "candidateId", objective_id AS "objectiveId" FROM proposal_objectives
         WHERE org_id = $1 AND proposal_id = ANY($2::uuid[]) AND contribution > 0`,
        [orgId, proposalIds],
      ),
      q.query<{ candidateId: string; objectiveId: string }>(
        `SELECT project_id AS "candidateId", objective_id AS "objectiveId" FROM project_objectives
         WHERE org_id = $1 AND project_id = ANY($2::uuid[]) AND contribution > 0`,
        [orgId, projectIds],
      ),
    ]);
  return {
    rows: [...proposals, ...projects],
    costs: [...proposalCosts, ...projectCosts],
    demand,
    staffing,
    requires,
    objectives: [...proposalObjectives, ...projectObjectives],
  };
}

/** Role names by id, for messages and the comparison. */
export async function roleNames(
  q: Queryable,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; name: string }>(
    'SELECT id, name FROM resource_roles WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, [...ids]],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function objectiveNames(q: Queryable, orgId: string): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; name: string }>(
    'SELECT id, name FROM strategic_objectives WHERE org_id = $1',
    [orgId],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
