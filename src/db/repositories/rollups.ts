import type {
  DashboardProject,
  HealthKey,
  MonthFigures,
  ProjectSortKey,
  RollupFilters,
  RollupScopeType,
} from '../../model/dashboard.ts';
import type { Queryable } from '../connection.ts';
import { SqlParams } from '../sql.ts';
import { projectWithin, type ScopeIds } from './scope.ts';

/**
 * Set-based roll-ups over the stored per-project figures (`project_financials`,
 * `project_period_figures`, `project_schedules`): every figure is one aggregate over the projects a
 * scope, its filters and the reader's grants select, so nothing is summed in memory and every figure
 * can be traced back to the rows that make it (`listContributors`).
 */
export interface RollupSelection {
  orgId: string;
  scopeType: RollupScopeType;
  scopeId: string | null;
  filters: RollupFilters;
  /** Null when the reader sees the whole organization. */
  visible: ScopeIds | null;
  /** The status date: what "overdue" and "next" are measured against (YYYY-MM-DD). */
  today: string;
}

const unitSubtree = (params: SqlParams, orgId: string, id: string) =>
  `(WITH RECURSIVE d(id) AS (
      SELECT id FROM business_units WHERE org_id = ${params.add(orgId)} AND id = ${params.add(id)}
      UNION SELECT b.id FROM business_units b JOIN d ON b.parent_id = d.id WHERE b.org_id = ${params.add(orgId)})
    SELECT id FROM d)`;

/** The predicate choosing the projects (aliased `p`) of a selection. */
function selectionWhere(params: SqlParams, s: RollupSelection): string {
  const where = [`p.org_id = ${params.add(s.orgId)}`];
  const { filters } = s;
  if (s.scopeType !== 'organization' && s.scopeId) {
    if (s.scopeType === 'business_unit')
      where.push(`p.business_unit_id IN ${unitSubtree(params, s.orgId, s.scopeId)}`);
    if (s.scopeType === 'portfolio') where.push(`p.portfolio_id = ${params.add(s.scopeId)}`);
    if (s.scopeType === 'program') where.push(`p.program_id = ${params.add(s.scopeId)}`);
  }
  if (filters.businessUnitId)
    where.push(`p.business_unit_id IN ${unitSubtree(params, s.orgId, filters.businessUnitId)}`);
  if (filters.portfolioId) where.push(`p.portfolio_id = ${params.add(filters.portfolioId)}`);
  if (filters.programId) where.push(`p.program_id = ${params.add(filters.programId)}`);
  if (filters.stage) where.push(`p.stage = ${params.add(filters.stage)}`);
  if (filters.health === 'none') where.push('p.health IS NULL');
  else if (filters.health) where.push(`p.health = ${params.add(filters.health)}`);
  if (filters.managerId) where.push(`p.manager_id = ${params.add(filters.managerId)}`);
  if (s.visible) where.push(projectWithin('p', params, s.orgId, s.visible));
  return where.join(' AND ');
}

/**
 * A project with no plan to measure progress against has neither index; its planned value and cost
 * must not weigh on a scope's SPI and CPI (its earned value would read as zero), so the indices of a
 * scope are ratios of sums over measured projects only.
 */
const measured = (column: 'pv' | 'ev' | 'ac') =>
  `CASE WHEN f.spi IS NOT NULL OR f.cpi IS NOT NULL THEN coalesce(f.${column}, 0) ELSE 0 END AS ${column}_measured`;

/** Each project's figures, as every query of this file reads them. */
const figureColumns = `
  coalesce(f.budget, p.budget) AS budget, coalesce(f.actual, 0) AS actual, coalesce(f.eac, 0) AS eac,
  coalesce(f.etc, 0) AS etc, coalesce(f.bac, 0) AS bac, coalesce(f.pv, 0) AS pv, coalesce(f.ev, 0) AS ev,
  coalesce(f.ac, 0) AS ac, coalesce(f.vac, 0) AS vac, f.spi, f.cpi,
  ${measured('pv')}, ${measured('ev')}, ${measured('ac')},
  coalesce(s.computed_start::date, p.target_start) AS start,
  coalesce(f.forecast_finish, s.computed_finish::date, p.target_finish) AS finish`;

const figureJoins = `
  LEFT JOIN project_financials f ON f.org_id = p.org_id AND f.project_id = p.id
  LEFT JOIN project_schedules s ON s.org_id = p.org_id AND s.project_id = p.id`;

/**
 * The selected projects with their figures, as a CTE named `scoped`. Late: forecast to finish after its
 * target. Overdue: past its target finish and still open.
 */
function scopedCte(params: SqlParams, s: RollupSelection, childColumn: string, childJoin = ''): string {
  const today = params.add(s.today);
  return `scoped AS (
    SELECT p.id, p.code, p.name, p.stage, coalesce(p.health, 'none') AS health, p.program_id,
      p.target_finish, ${childColumn} AS child_id, ${figureColumns},
      (coalesce(f.forecast_finish, s.computed_finish::date, p.target_finish) > p.target_finish) AS late,
      (p.target_finish < ${today}::date AND p.stage NOT IN ('closed', 'terminated')) AS overdue
    FROM projects p ${figureJoins} ${childJoin}
    WHERE ${selectionWhere(params, s)})`;
}

/** Which column groups the selection into the next level down, and what that level is. */
export function childLevel(scopeType: RollupScopeType): RollupScopeType | null {
  return scopeType === 'organization'
    ? 'business_unit'
    : scopeType === 'business_unit'
      ? 'portfolio'
      : scopeType === 'portfolio'
        ? 'program'
        : null;
}

const aggregateColumns = `count(*)::int AS projects,
  coalesce(sum(budget), 0)::float8 AS budget, coalesce(sum(actual), 0)::float8 AS actual,
  coalesce(sum(eac), 0)::float8 AS eac, coalesce(sum(etc), 0)::float8 AS etc,
  coalesce(sum(bac), 0)::float8 AS bac, coalesce(sum(pv), 0)::float8 AS pv,
  coalesce(sum(ev), 0)::float8 AS ev, coalesce(sum(ac), 0)::float8 AS ac, coalesce(sum(vac), 0)::float8 AS vac,
  coalesce(sum(pv_measured), 0)::float8 AS pv_measured, coalesce(sum(ev_measured), 0)::float8 AS ev_measured,
  coalesce(sum(ac_measured), 0)::float8 AS ac_measured,
  to_char(min(start), 'YYYY-MM-DD') AS start, to_char(max(finish), 'YYYY-MM-DD') AS finish,
  count(*) FILTER (WHERE late)::int AS late, count(*) FILTER (WHERE overdue)::int AS overdue,
  count(*) FILTER (WHERE health = 'red')::int AS red, count(*) FILTER (WHERE health = 'amber')::int AS amber,
  count(*) FILTER (WHERE health = 'green')::int AS green, count(*) FILTER (WHERE health = 'none')::int AS unrated`;

export interface AggregateRow {
  kind: 'total' | 'child' | 'cell' | 'program';
  key: string | null;
  health: HealthKey | null;
  stage: string | null;
  name: string | null;
  projects: number;
  budget: number;
  actual: number;
  eac: number;
  etc: number;
  bac: number;
  pv: number;
  ev: number;
  ac: number;
  vac: number;
  /** Planned value, earned value and actual cost of the projects whose progress is measured. */
  pv_measured: number;
  ev_measured: number;
  ac_measured: number;
  start: string | null;
  finish: string | null;
  late: number;
  overdue: number;
  red: number;
  amber: number;
  green: number;
  unrated: number;
}

/**
 * One pass over the selection with grouping sets: the totals, the rows of the next level, the RAG
 * matrix (health × stage) and the programs of the timeline.
 */
export async function aggregateSelection(q: Queryable, s: RollupSelection): Promise<AggregateRow[]> {
  const params = new SqlParams();
  const level = childLevel(s.scopeType);
  const org = params.add(s.orgId);
  // A project of a sub-unit counts for the top-level unit above it.
  const roots = `roots(id, root_id) AS (
      SELECT id, id FROM business_units WHERE org_id = ${org} AND parent_id IS NULL
      UNION ALL SELECT b.id, r.root_id FROM business_units b JOIN roots r ON b.parent_id = r.id WHERE b.org_id = ${org})`;
  const childColumn =
    level === 'business_unit'
      ? 'ur.root_id'
      : level === 'portfolio'
        ? 'p.portfolio_id'
        : level === 'program'
          ? 'p.program_id'
          : 'NULL::uuid';
  const childName =
    level === 'business_unit'
      ? `(SELECT x.name FROM business_units x WHERE x.org_id = ${org} AND x.id = a.child_id)`
      : level === 'portfolio'
        ? `(SELECT x.name FROM portfolios x WHERE x.org_id = ${org} AND x.id = a.child_id)`
        : `(SELECT x.name FROM programs x WHERE x.org_id = ${org} AND x.id = a.child_id)`;
  const childJoin = level === 'business_unit' ? 'LEFT JOIN roots ur ON ur.id = p.business_unit_id' : '';
  const sql = `WITH RECURSIVE ${roots}, ${scopedCte(params, s, childColumn, childJoin)}
    SELECT CASE WHEN a.gc = 0 THEN 'child' WHEN a.gh = 0 THEN 'cell' WHEN a.gp = 0 THEN 'program' ELSE 'total' END AS kind,
      coalesce(a.child_id, a.program_id)::text AS key, a.health, a.stage,
      CASE WHEN a.gc = 0 THEN ${childName}
           WHEN a.gp = 0 THEN (SELECT x.name FROM programs x WHERE x.org_id = ${org} AND x.id = a.program_id) END AS name,
      a.projects, a.budget, a.actual, a.eac, a.etc, a.bac, a.pv, a.ev, a.ac, a.vac,
      a.pv_measured, a.ev_measured, a.ac_measured, a.start, a.finish,
      a.late, a.overdue, a.red, a.amber, a.green, a.unrated
    FROM (
      SELECT GROUPING(child_id) AS gc, GROUPING(health, stage) AS gh, GROUPING(program_id) AS gp,
        child_id, health, stage, program_id, ${aggregateColumns}
      FROM scoped
      GROUP BY GROUPING SETS ((), (child_id), (health, stage), (program_id))
    ) a
    WHERE NOT (a.gp = 0 AND a.program_id IS NULL)`;
  return q.query<AggregateRow>(sql, params.values);
}

/** Whether a selection is the whole organization as it is: no scope, no filter, every project visible. */
const wholeOrganization = (s: RollupSelection) =>
  s.scopeType === 'organization' &&
  s.visible === null &&
  Object.values(s.filters).every((v) => v === undefined);

/**
 * Per month over the selection, not cumulative. The whole organization needs no join to its
 * projects (the figures' own org_id selects them), which halves the work of the busiest dashboard.
 */
export async function monthlyFigures(q: Queryable, s: RollupSelection): Promise<MonthFigures[]> {
  const params = new SqlParams();
  const org = params.add(s.orgId);
  const join = wholeOrganization(s)
    ? ''
    : `JOIN projects p ON p.org_id = x.org_id AND p.id = x.project_id AND ${selectionWhere(params, s)}`;
  return q.query<MonthFigures>(
    `SELECT to_char(x.period, 'YYYY-MM') AS month, sum(x.budget)::float8 AS budget, sum(x.actual)::float8 AS actual,
       sum(x.forecast)::float8 AS forecast, sum(x.pv)::float8 AS pv, sum(x.ev)::float8 AS ev
     FROM project_period_figures x ${join}
     WHERE x.org_id = ${org}
     GROUP BY x.period ORDER BY x.period`,
    params.values,
  );
}

export interface MilestoneRow {
  taskId: string;
  name: string;
  date: string;
  projectId: string;
  projectCode: string;
  projectName: string;
}

/** The next unfinished milestones of the selection, read in date order from the milestone index. */
export async function nextMilestones(
  q: Queryable,
  s: RollupSelection,
  limit: number,
): Promise<MilestoneRow[]> {
  const params = new SqlParams();
  return q.query<MilestoneRow>(
    `SELECT t.id AS "taskId", t.name, to_char(t.early_start, 'YYYY-MM-DD') AS date, p.id AS "projectId",
       p.code AS "projectCode", p.name AS "projectName"
     FROM tasks t JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
     WHERE t.org_id = ${params.add(s.orgId)} AND t.milestone AND t.early_start >= ${params.add(s.today)}::date
       AND t.percent_complete < 100 AND ${selectionWhere(params, s)}
     ORDER BY t.early_start, t.id LIMIT ${params.add(limit)}`,
    params.values,
  );
}

const sortColumns: Record<ProjectSortKey, string> = {
  code: 'p.code',
  name: 'p.name',
  stage: 'p.stage',
  health: "CASE p.health WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 ELSE 3 END",
  budget: 'coalesce(f.budget, p.budget)',
  actual: 'coalesce(f.actual, 0)',
  eac: 'coalesce(f.eac, 0)',
  vac: 'coalesce(f.vac, 0)',
  spi: 'f.spi',
  cpi: 'f.cpi',
  start: 'coalesce(s.computed_start::date, p.target_start)',
  finish: 'coalesce(f.forecast_finish, s.computed_finish::date, p.target_finish)',
};

const projectRowColumns = `p.id, p.code, p.name, p.stage, p.health,
  b.name AS "businessUnitName", g.name AS "portfolioName", r.name AS "programName", m.name AS "managerName",
  coalesce(f.budget, p.budget)::float8 AS budget, coalesce(f.actual, 0)::float8 AS actual,
  coalesce(f.eac, 0)::float8 AS eac, coalesce(f.vac, 0)::float8 AS vac, f.spi::float8 AS spi, f.cpi::float8 AS cpi,
  to_char(coalesce(s.computed_start::date, p.target_start), 'YYYY-MM-DD') AS start,
  to_char(coalesce(f.forecast_finish, s.computed_finish::date, p.target_finish), 'YYYY-MM-DD') AS finish,
  to_char(p.target_finish, 'YYYY-MM-DD') AS "targetFinish"`;

const nameJoins = `
  LEFT JOIN business_units b ON b.org_id = p.org_id AND b.id = p.business_unit_id
  LEFT JOIN portfolios g ON g.org_id = p.org_id AND g.id = p.portfolio_id
  LEFT JOIN programs r ON r.org_id = p.org_id AND r.id = p.program_id
  LEFT JOIN users m ON m.org_id = p.org_id AND m.id = p.manager_id`;

/**
 * One page of the selection's projects with their figures; the total comes from `aggregateSelection`.
 * The page is chosen first and only its rows get their names joined.
 */
export async function pageOfProjects(
  q: Queryable,
  s: RollupSelection,
  page: { sort: ProjectSortKey; descending: boolean; limit: number; offset: number },
): Promise<DashboardProject[]> {
  const params = new SqlParams();
  const direction = page.descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  return q.query<DashboardProject>(
    `WITH chosen AS (
       SELECT p.id, ${sortColumns[page.sort]} AS sort_key, p.code
       FROM projects p ${figureJoins}
       WHERE ${selectionWhere(params, s)}
       ORDER BY sort_key ${direction}, p.code, p.id
       LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)})
     SELECT ${projectRowColumns}
     FROM chosen c JOIN projects p ON p.org_id = ${params.add(s.orgId)} AND p.id = c.id ${figureJoins} ${nameJoins}
     ORDER BY c.sort_key ${direction}, c.code, c.id`,
    params.values,
  );
}

/** How a figure is read per project: its value, or for an index its numerator and denominator. */
export type FigureDefinition =
  | { kind: 'sum'; value: string }
  | { kind: 'ratio'; numerator: string; denominator: string }
  | { kind: 'count'; where: string }
  /** A month's figure of the projects (or its running total up to the month), from the monthly rows. */
  | { kind: 'period'; value: string; month: string; cumulative: boolean };

const summable = new Set(['budget', 'actual', 'eac', 'etc', 'bac', 'pv', 'ev', 'ac', 'vac']);
/** Each monthly figure's value in a month's row; outturn is what was spent there plus what is forecast. */
const monthlyValue: Record<string, string> = {
  budget: 'x.budget',
  actual: 'x.actual',
  forecast: 'x.forecast',
  outturn: 'x.actual + x.forecast',
  pv: 'x.pv',
  ev: 'x.ev',
};

/**
 * The figure's reading over the `scoped` columns. The model's schema validates figures; column names
 * are checked here again because they are written into the SQL.
 */
export function figureDefinition(figure: string, params: SqlParams): FigureDefinition {
  const [head, a, b] = figure.split(':');
  if ((head === 'month' || head === 'upto') && !Object.hasOwn(monthlyValue, b))
    throw new Error(`unknown monthly figure ${b}`);
  if (
    !['spi', 'cpi', 'projects', 'late', 'overdue', 'health', 'stage', 'cell', 'month', 'upto'].includes(
      head,
    ) &&
    !summable.has(head)
  )
    throw new Error(`unknown figure ${figure}`);
  switch (head) {
    case 'spi':
      return { kind: 'ratio', numerator: 'ev_measured', denominator: 'pv_measured' };
    case 'cpi':
      return { kind: 'ratio', numerator: 'ev_measured', denominator: 'ac_measured' };
    case 'projects':
      return { kind: 'count', where: 'true' };
    case 'late':
      return { kind: 'count', where: 'late' };
    case 'overdue':
      return { kind: 'count', where: 'overdue' };
    case 'health':
      return { kind: 'count', where: `health = ${params.add(a)}` };
    case 'stage':
      return { kind: 'count', where: `stage = ${params.add(a)}` };
    case 'cell':
      return { kind: 'count', where: `health = ${params.add(a)} AND stage = ${params.add(b)}` };
    case 'month':
    case 'upto':
      return {
        kind: 'period',
        value: monthlyValue[b],
        month: params.add(`${a}-01`),
        cumulative: head === 'upto',
      };
    default:
      return { kind: 'sum', value: head };
  }
}

export interface ContributorRow {
  projectId: string | null;
  code: string;
  name: string;
  stage: string;
  health: string | null;
  businessUnitName: string | null;
  portfolioName: string | null;
  programName: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  total: number;
  sumValue: number | null;
  sumNumerator: number | null;
  sumDenominator: number | null;
}

/**
 * The projects that make up one figure of a selection, largest first, each row carrying the figure's
 * sums over all of them; a page past the end still returns one row with the sums and no project.
 */
export async function listContributors(
  q: Queryable,
  s: RollupSelection,
  figure: string,
  page: { limit: number; offset: number },
): Promise<ContributorRow[]> {
  const params = new SqlParams();
  const scoped = scopedCte(params, s, 'NULL::uuid');
  const definition = figureDefinition(figure, params);
  const value =
    definition.kind === 'period'
      ? 'c.period_value'
      : definition.kind === 'sum'
        ? `c.${definition.value}`
        : definition.kind === 'ratio'
          ? `c.${definition.numerator} / nullif(c.${definition.denominator}, 0)`
          : '1';
  const numerator = definition.kind === 'ratio' ? `c.${definition.numerator}` : 'NULL::numeric';
  const denominator = definition.kind === 'ratio' ? `c.${definition.denominator}` : 'NULL::numeric';
  const where =
    definition.kind === 'count'
      ? definition.where
      : definition.kind === 'ratio'
        ? '(spi IS NOT NULL OR cpi IS NOT NULL)'
        : 'true';
  const order = definition.kind === 'count' ? '' : `(${value}) DESC NULLS LAST,`;
  const org = params.add(s.orgId);
  // Only projects with something in the month(s) contribute to a monthly figure.
  const chosen =
    definition.kind === 'period'
      ? `SELECT sc.*, m.v AS period_value FROM scoped sc JOIN (
           SELECT x.project_id, sum(${definition.value}) AS v FROM project_period_figures x
           WHERE x.org_id = ${org} AND x.period ${definition.cumulative ? '<=' : '='} ${definition.month}::date
           GROUP BY x.project_id) m ON m.project_id = sc.id
         WHERE m.v <> 0`
      : `SELECT * FROM scoped WHERE ${where}`;
  return q.query<ContributorRow>(
    `WITH ${scoped}, c AS (${chosen}),
     sums AS (SELECT count(*)::int AS total, sum(${value})::float8 AS "sumValue",
       sum(${numerator})::float8 AS "sumNumerator", sum(${denominator})::float8 AS "sumDenominator" FROM c)
     SELECT sums.*, rows.* FROM sums LEFT JOIN LATERAL (
       SELECT c.id AS "projectId", c.code, c.name, c.stage, p.health,
         b.name AS "businessUnitName", g.name AS "portfolioName", r.name AS "programName",
         (${value})::float8 AS value, ${numerator}::float8 AS numerator, ${denominator}::float8 AS denominator
       FROM c JOIN projects p ON p.org_id = ${org} AND p.id = c.id ${nameJoins}
       ORDER BY ${order} c.code, c.id
       LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}) rows ON true`,
    params.values,
  );
}

export async function organizationName(q: Queryable, orgId: string): Promise<string> {
  const rows = await q.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [orgId]);
  return rows[0]?.name ?? '';
}

/** The organization's dashboard epoch: it moves, at commit, with every change a dashboard aggregates. */
export async function dashboardEpoch(q: Queryable, orgId: string): Promise<string> {
  const rows = await q.query<{ epoch: string }>(
    "SELECT epoch::text AS epoch FROM rollup_epochs WHERE org_id = $1 AND subject = 'dashboard'",
    [orgId],
  );
  return rows[0]?.epoch ?? '0';
}
