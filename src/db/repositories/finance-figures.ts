import type { Queryable } from '../connection.ts';
import { isoDate, isoTimestamp } from '../sql.ts';

/**
 * What earned value reads, loaded for many projects at once (one query per table, never one per
 * project), and the stored figures it writes back: `project_financials` and `project_period_figures`.
 */

export interface ProjectMoneyRow {
  projectId: string;
  targetStart: string | null;
  currency: string;
  /** Closed or terminated: nothing more will be spent on it. */
  ended: boolean;
}

/** A leaf task with what earned value needs: its baseline 0 dates and cost, its assignments' cost, its progress. */
export interface EvmTaskRow {
  projectId: string;
  taskId: string;
  percentComplete: number;
  durationMinutes: number;
  start: string | null;
  finish: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  baselineStart: string | null;
  baselineFinish: string | null;
  baselineDuration: number | null;
  baselineCost: number | null;
  assignmentCost: number;
}

export interface AmountRow {
  projectId: string;
  day: string;
  amount: number;
}

export async function loadProjectsForMoney(q: Queryable, orgId: string, projectIds: readonly string[]) {
  return q.query<ProjectMoneyRow>(
    `SELECT p.id AS "projectId", ${isoDate('p.target_start')} AS "targetStart", o.currency,
        p.stage IN ('closed', 'terminated') AS ended
     FROM projects p JOIN organizations o ON o.id = p.org_id
     WHERE p.org_id = $1 AND p.id = ANY($2::uuid[])`,
    [orgId, [...projectIds]],
  );
}

export async function loadEvmTasks(q: Queryable, orgId: string, projectIds: readonly string[]) {
  return q.query<EvmTaskRow>(
    `SELECT k.project_id AS "projectId", k.id AS "taskId", k.percent_complete::float8 AS "percentComplete",
        k.duration_minutes AS "durationMinutes",
        ${isoDate('k.early_start')} AS start, ${isoDate('k.early_finish')} AS finish,
        ${isoDate('k.actual_start')} AS "actualStart", ${isoDate('k.actual_finish')} AS "actualFinish",
        ${isoDate('bt.start_date')} AS "baselineStart", ${isoDate('bt.finish_date')} AS "baselineFinish",
        bt.duration_minutes AS "baselineDuration", bt.cost::float8 AS "baselineCost",
        coalesce(a.cost, 0)::float8 AS "assignmentCost"
     FROM tasks k
     LEFT JOIN baselines b ON b.org_id = k.org_id AND b.project_id = k.project_id AND b.number = 0
     LEFT JOIN baseline_tasks bt ON bt.org_id = k.org_id AND bt.baseline_id = b.id AND bt.task_id = k.id
     LEFT JOIN (SELECT task_id, sum(cost) AS cost FROM assignments
                WHERE org_id = $1 AND project_id = ANY($2::uuid[]) GROUP BY task_id) a ON a.task_id = k.id
     WHERE k.org_id = $1 AND k.project_id = ANY($2::uuid[]) AND NOT k.is_summary
     ORDER BY k.project_id, k.id`,
    [orgId, [...projectIds]],
  );
}

/** Budget per project and month (first day), over all categories. */
export async function loadBudgetByMonth(q: Queryable, orgId: string, projectIds: readonly string[]) {
  return q.query<AmountRow>(
    `SELECT project_id AS "projectId", ${isoDate('period')} AS day, sum(amount)::float8 AS amount
     FROM budget_lines WHERE org_id = $1 AND project_id = ANY($2::uuid[])
     GROUP BY project_id, period ORDER BY project_id, period`,
    [orgId, [...projectIds]],
  );
}

/** Actual cost per project and day. */
export async function loadActualsByDay(q: Queryable, orgId: string, projectIds: readonly string[]) {
  return q.query<AmountRow>(
    `SELECT project_id AS "projectId", ${isoDate('incurred_on')} AS day, sum(amount)::float8 AS amount
     FROM actual_costs WHERE org_id = $1 AND project_id = ANY($2::uuid[])
     GROUP BY project_id, incurred_on ORDER BY project_id, incurred_on`,
    [orgId, [...projectIds]],
  );
}

/** The current (highest-numbered) forecast of each project, per month. */
export async function loadCurrentForecastByMonth(q: Queryable, orgId: string, projectIds: readonly string[]) {
  return q.query<AmountRow>(
    `SELECT f.project_id AS "projectId", ${isoDate('l.period')} AS day, sum(l.amount)::float8 AS amount
     FROM cost_forecasts f
     JOIN cost_forecast_lines l ON l.org_id = f.org_id AND l.forecast_id = f.id
     WHERE f.org_id = $1 AND f.project_id = ANY($2::uuid[])
       AND f.number = (SELECT max(g.number) FROM cost_forecasts g WHERE g.org_id = f.org_id AND g.project_id = f.project_id)
     GROUP BY f.project_id, l.period ORDER BY f.project_id, l.period`,
    [orgId, [...projectIds]],
  );
}

export async function projectIdsWithForecast(q: Queryable, orgId: string, projectIds: readonly string[]) {
  const rows = await q.query<{ projectId: string }>(
    `SELECT DISTINCT project_id AS "projectId" FROM cost_forecasts WHERE org_id = $1 AND project_id = ANY($2::uuid[])`,
    [orgId, [...projectIds]],
  );
  return new Set(rows.map((r) => r.projectId));
}

export async function allProjectIds(q: Queryable, orgId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>('SELECT id FROM projects WHERE org_id = $1 ORDER BY id', [
    orgId,
  ]);
  return rows.map((r) => r.id);
}

export interface FinancialsRow {
  projectId: string;
  asOf: string;
  budget: number;
  actual: number;
  forecastToComplete: number;
  bac: number;
  pv: number;
  ev: number;
  ac: number;
  eac: number;
  etc: number;
  vac: number;
  spi: number | null;
  cpi: number | null;
  tcpi: number | null;
  spiT: number | null;
  forecastFinish: string | null;
}

export interface PeriodFiguresRow {
  projectId: string;
  period: string;
  budget: number;
  actual: number;
  forecast: number;
  pv: number;
  ev: number;
}

/** Rewrites the stored figures of these projects in two statements each, whatever their number. */
export async function writeFinancials(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
  financials: readonly FinancialsRow[],
  periods: readonly PeriodFiguresRow[],
): Promise<void> {
  await q.query(
    `INSERT INTO project_financials (org_id, project_id, as_of, budget, actual, forecast_to_complete, bac, pv, ev, ac,
       eac, etc, vac, spi, cpi, tcpi, spi_t, forecast_finish, computed_at)
     SELECT $1, x."projectId", x."asOf", x.budget, x.actual, x."forecastToComplete", x.bac, x.pv, x.ev, x.ac,
       x.eac, x.etc, x.vac, x.spi, x.cpi, x.tcpi, x."spiT", x."forecastFinish", now()
     FROM jsonb_to_recordset($2::jsonb) AS x("projectId" uuid, "asOf" date, budget numeric, actual numeric,
       "forecastToComplete" numeric, bac numeric, pv numeric, ev numeric, ac numeric, eac numeric, etc numeric,
       vac numeric, spi numeric, cpi numeric, tcpi numeric, "spiT" numeric, "forecastFinish" date)
     ON CONFLICT (org_id, project_id) DO UPDATE SET as_of = excluded.as_of, budget = excluded.budget,
       actual = excluded.actual, forecast_to_complete = excluded.forecast_to_complete, bac = excluded.bac,
       pv = excluded.pv, ev = excluded.ev, ac = excluded.ac, eac = excluded.eac, etc = excluded.etc,
       vac = excluded.vac, spi = excluded.spi, cpi = excluded.cpi, tcpi = excluded.tcpi, spi_t = excluded.spi_t,
       forecast_finish = excluded.forecast_finish, computed_at = excluded.computed_at`,
    [orgId, JSON.stringify(financials)],
  );
  await q.query('DELETE FROM project_period_figures WHERE org_id = $1 AND project_id = ANY($2::uuid[])', [
    orgId,
    [...projectIds],
  ]);
  await q.query(
    `INSERT INTO project_period_figures (org_id, project_id, period, budget, actual, forecast, pv, ev)
     SELECT $1, x."projectId", x.period, x.budget, x.actual, x.forecast, x.pv, x.ev
     FROM jsonb_to_recordset($2::jsonb) AS x("projectId" uuid, period date, budget numeric, actual numeric,
       forecast numeric, pv numeric, ev numeric)`,
    [orgId, JSON.stringify(periods)],
  );
}

export async function readFinancials(q: Queryable, orgId: string, projectId: string) {
  const [row] = await q.query<Omit<FinancialsRow, 'projectId'> & { computedAt: string; currency: string }>(
    `SELECT ${isoDate('f.as_of')} AS "asOf", o.currency, f.budget::float8 AS budget, f.actual::float8 AS actual,
        f.forecast_to_complete::float8 AS "forecastToComplete", f.bac::float8 AS bac, f.pv::float8 AS pv,
        f.ev::float8 AS ev, f.ac::float8 AS ac, f.eac::float8 AS eac, f.etc::float8 AS etc, f.vac::float8 AS vac,
        f.spi::float8 AS spi, f.cpi::float8 AS cpi, f.tcpi::float8 AS tcpi, f.spi_t::float8 AS "spiT",
        ${isoDate('f.forecast_finish')} AS "forecastFinish", ${isoTimestamp('f.computed_at')} AS "computedAt"
     FROM project_financials f JOIN organizations o ON o.id = f.org_id
     WHERE f.org_id = $1 AND f.project_id = $2`,
    [orgId, projectId],
  );
  const periods = await q.query<Omit<PeriodFiguresRow, 'projectId'>>(
    `SELECT to_char(period, 'YYYY-MM') AS period, budget::float8 AS budget, actual::float8 AS actual,
        forecast::float8 AS forecast, pv::float8 AS pv, ev::float8 AS ev
     FROM project_period_figures WHERE org_id = $1 AND project_id = $2 ORDER BY period`,
    [orgId, projectId],
  );
  return row ? { ...row, periods } : null;
}

export async function allOrganizationIds(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>('SELECT id FROM organizations ORDER BY id');
  return rows.map((r) => r.id);
}
