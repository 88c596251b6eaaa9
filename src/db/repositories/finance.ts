import type { CostCategory } from '../../model/finance.ts';
import type { Queryable } from '../connection.ts';
import { isoDate, isoTimestamp, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

/** Budgets, envelopes, actual costs and forecasts: the rows people enter. Months are stored as their first day. */

/** `YYYY-MM` of a first-of-month date column. */
const month = (column: string) => `to_char(${column}, 'YYYY-MM')`;

export const budgetLines: TableSpec = {
  table: 'budget_lines',
  columns: {
    projectId: 'project_id',
    category: 'category',
    period: 'period',
    amount: 'amount',
    note: 'note',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", t.category, ${month('t.period')} AS period,
      t.amount::float8 AS amount, t.note
    FROM budget_lines t`,
  sortable: { period: 't.period, t.category', category: 't.category', amount: 't.amount' },
  searchable: ['t.note'],
};

export const budgetEnvelopes: TableSpec = {
  table: 'budget_envelopes',
  columns: {
    programId: 'program_id',
    portfolioId: 'portfolio_id',
    category: 'category',
    period: 'period',
    amount: 'amount',
    note: 'note',
  },
  select: `SELECT ${versionColumns}, t.program_id AS "programId", t.portfolio_id AS "portfolioId", t.category,
      ${month('t.period')} AS period, t.amount::float8 AS amount, t.note
    FROM budget_envelopes t`,
  sortable: { period: 't.period, t.category', amount: 't.amount' },
  searchable: ['t.note'],
};

export const actualCosts: TableSpec = {
  table: 'actual_costs',
  columns: {
    projectId: 'project_id',
    taskId: 'task_id',
    resourceId: 'resource_id',
    category: 'category',
    incurredOn: 'incurred_on',
    amount: 'amount',
    description: 'description',
    source: 'source',
    importId: 'import_id',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", t.task_id AS "taskId", k.name AS "taskName",
      t.resource_id AS "resourceId", r.name AS "resourceName", t.category, ${isoDate('t.incurred_on')} AS "incurredOn",
      t.amount::float8 AS amount, t.description, t.source, t.import_id AS "importId"
    FROM actual_costs t
    LEFT JOIN tasks k ON k.org_id = t.org_id AND k.id = t.task_id
    LEFT JOIN resources r ON r.org_id = t.org_id AND r.id = t.resource_id`,
  sortable: { incurredOn: 't.incurred_on', amount: 't.amount', category: 't.category', source: 't.source' },
  searchable: ['t.description', 'k.name', 'r.name'],
};

/** `YYYY-MM` → the first day of that month, as the date columns hold it. */
export const firstDay = (period: string) => `${period}-01`;

export interface BudgetCell {
  category: string;
  period: string;
  amount: number;
}

/** Replaces a project's whole budget grid: cells named are upserted (version bumped when changed), the rest removed. */
export async function replaceBudgetGrid(
  q: Queryable,
  orgId: string,
  projectId: string,
  cells: readonly BudgetCell[],
): Promise<void> {
  const rows = cells.map((c) => ({
    id: uuidv7(),
    category: c.category,
    period: firstDay(c.period),
    amount: c.amount,
  }));
  await q.query(
    `DELETE FROM budget_lines b WHERE b.org_id = $1 AND b.project_id = $2
       AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($3::jsonb) AS x(category text, period date)
                       WHERE x.category = b.category AND x.period = b.period)`,
    [orgId, projectId, JSON.stringify(rows)],
  );
  await q.query(
    `INSERT INTO budget_lines (org_id, id, project_id, category, period, amount)
     SELECT $1, x.id, $2, x.category, x.period, x.amount
     FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, category text, period date, amount numeric)
     ON CONFLICT (org_id, project_id, category, period) DO UPDATE
       SET amount = excluded.amount, version = budget_lines.version + 1, updated_at = now()
       WHERE budget_lines.amount IS DISTINCT FROM excluded.amount`,
    [orgId, projectId, JSON.stringify(rows)],
  );
}

export async function listBudgetGrid(q: Queryable, orgId: string, projectId: string) {
  return q.query<{ category: CostCategory; period: string; amount: number }>(
    `SELECT category, ${month('period')} AS period, amount::float8 AS amount FROM budget_lines
     WHERE org_id = $1 AND project_id = $2 ORDER BY period, category`,
    [orgId, projectId],
  );
}

export interface NewActualCost {
  taskId: string | null;
  resourceId: string | null;
  category: string;
  incurredOn: string;
  amount: number;
  description: string;
}

export async function insertActualCosts(
  q: Queryable,
  orgId: string,
  projectId: string,
  source: 'imported' | 'derived',
  importId: string | null,
  rows: readonly NewActualCost[],
): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO actual_costs (org_id, id, project_id, task_id, resource_id, category, incurred_on, amount,
       description, source, import_id)
     SELECT $1, x.id, $2, x."taskId", x."resourceId", x.category, x."incurredOn", x.amount, x.description, $3, $4
     FROM jsonb_to_recordset($5::jsonb) AS x(id uuid, "taskId" uuid, "resourceId" uuid, category text,
       "incurredOn" date, amount numeric, description text)`,
    [orgId, projectId, source, importId, JSON.stringify(rows.map((r) => ({ ...r, id: uuidv7() })))],
  );
}

export async function deleteDerivedActualCosts(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<number> {
  const rows = await q.query(
    `DELETE FROM actual_costs WHERE org_id = $1 AND project_id = $2 AND source = 'derived' RETURNING id`,
    [orgId, projectId],
  );
  return rows.length;
}

/** Tasks and resources of the organization by code, for a CSV's optional columns. */
export async function taskIdsByWbs(q: Queryable, orgId: string, projectId: string) {
  const rows = await q.query<{ id: string; wbsCode: string; name: string }>(
    `SELECT id, wbs_code AS "wbsCode", name FROM tasks WHERE org_id = $1 AND project_id = $2`,
    [orgId, projectId],
  );
  return rows;
}

export async function resourceIdsByCode(q: Queryable, orgId: string) {
  return q.query<{ id: string; code: string }>('SELECT id, code FROM resources WHERE org_id = $1', [orgId]);
}

export async function taskBelongsToProject(q: Queryable, orgId: string, projectId: string, taskId: string) {
  const rows = await q.query('SELECT 1 FROM tasks WHERE org_id = $1 AND project_id = $2 AND id = $3', [
    orgId,
    projectId,
    taskId,
  ]);
  return rows.length === 1;
}

export async function resourceExists(q: Queryable, orgId: string, resourceId: string) {
  const rows = await q.query('SELECT 1 FROM resources WHERE org_id = $1 AND id = $2', [orgId, resourceId]);
  return rows.length === 1;
}

/**
 * The months a project's money may fall in: its target dates and its schedule's span together. Null
 * bounds when the project has neither (nothing to check against).
 */
export async function projectSpan(q: Queryable, orgId: string, projectId: string) {
  const rows = await q.query<{ first: string | null; last: string | null }>(
    `SELECT ${isoDate('least(p.target_start, s.first)')} AS first, ${isoDate('greatest(p.target_finish, s.last)')} AS last
     FROM projects p
     LEFT JOIN LATERAL (
       SELECT min(coalesce(k.actual_start, k.early_start))::date AS first,
              max(coalesce(k.actual_finish, k.early_finish))::date AS last
       FROM tasks k WHERE k.org_id = p.org_id AND k.project_id = p.id) s ON true
     WHERE p.org_id = $1 AND p.id = $2`,
    [orgId, projectId],
  );
  return rows[0] ?? null;
}

// Forecasts.

export async function nextForecastNumber(q: Queryable, orgId: string, projectId: string): Promise<number> {
  // Locks the project row so two versions made at once cannot take the same number.
  await q.query('SELECT 1 FROM projects WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, projectId]);
  const rows = await q.query<{ n: number }>(
    'SELECT coalesce(max(number), 0)::int + 1 AS n FROM cost_forecasts WHERE org_id = $1 AND project_id = $2',
    [orgId, projectId],
  );
  return rows[0]?.n ?? 1;
}

export async function insertForecast(
  q: Queryable,
  orgId: string,
  forecast: {
    id: string;
    projectId: string;
    number: number;
    asOf: string;
    note: string;
    createdBy: string | null;
  },
  lines: readonly BudgetCell[],
): Promise<void> {
  await q.query(
    `INSERT INTO cost_forecasts (org_id, id, project_id, number, as_of, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      orgId,
      forecast.id,
      forecast.projectId,
      forecast.number,
      forecast.asOf,
      forecast.note,
      forecast.createdBy,
    ],
  );
  await q.query(
    `INSERT INTO cost_forecast_lines (org_id, forecast_id, category, period, amount)
     SELECT $1, $2, x.category, x.period, x.amount
     FROM jsonb_to_recordset($3::jsonb) AS x(category text, period date, amount numeric)`,
    [orgId, forecast.id, JSON.stringify(lines.map((l) => ({ ...l, period: firstDay(l.period) })))],
  );
}

export interface ForecastRow {
  id: string;
  projectId: string;
  number: number;
  asOf: string;
  note: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  total: number;
  lines: { category: string; period: string; amount: number }[];
}

export async function listForecasts(
  q: Queryable,
  orgId: string,
  projectId: string,
  numbers?: readonly number[],
): Promise<ForecastRow[]> {
  return q.query<ForecastRow>(
    `SELECT f.id, f.project_id AS "projectId", f.number, ${isoDate('f.as_of')} AS "asOf", f.note,
        f.created_by AS "createdBy", u.name AS "createdByName", ${isoTimestamp('f.created_at')} AS "createdAt",
        coalesce((SELECT sum(l.amount) FROM cost_forecast_lines l WHERE l.org_id = f.org_id AND l.forecast_id = f.id), 0)::float8 AS total,
        coalesce((SELECT jsonb_agg(jsonb_build_object('category', l.category, 'period', ${month('l.period')},
            'amount', l.amount::float8) ORDER BY l.period, l.category)
          FROM cost_forecast_lines l WHERE l.org_id = f.org_id AND l.forecast_id = f.id), '[]'::jsonb) AS lines
     FROM cost_forecasts f LEFT JOIN users u ON u.org_id = f.org_id AND u.id = f.created_by
     WHERE f.org_id = $1 AND f.project_id = $2 AND ($3::int[] IS NULL OR f.number = ANY($3::int[]))
     ORDER BY f.number DESC`,
    [orgId, projectId, numbers ? [...numbers] : null],
  );
}

// Envelopes.

/** Per month (and category, when the envelope names one): the envelope against its projects' budgets. */
export async function envelopeCheck(
  q: Queryable,
  orgId: string,
  scope: { programId: string | null; portfolioId: string | null },
) {
  return q.query<{ period: string; category: string | null; envelope: number; budget: number }>(
    `SELECT ${month('e.period')} AS period, e.category, e.amount::float8 AS envelope,
        coalesce((SELECT sum(b.amount) FROM budget_lines b
          JOIN projects p ON p.org_id = b.org_id AND p.id = b.project_id
          WHERE b.org_id = e.org_id AND b.period = e.period
            AND (e.category IS NULL OR b.category = e.category)
            AND (($2::uuid IS NOT NULL AND p.program_id = $2::uuid) OR ($3::uuid IS NOT NULL AND p.portfolio_id = $3::uuid))
        ), 0)::float8 AS budget
     FROM budget_envelopes e
     WHERE e.org_id = $1 AND (e.program_id = $2::uuid OR e.portfolio_id = $3::uuid)
     ORDER BY e.period, e.category NULLS FIRST`,
    [orgId, scope.programId, scope.portfolioId],
  );
}

export interface AssignmentWorkRow {
  assignmentId: string;
  taskId: string;
  resourceId: string;
  resourceKind: string;
  workMinutes: number;
  actualWorkMinutes: number;
  percentComplete: number;
  start: string | null;
  finish: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  rates: { effectiveFrom: string; standardRate: number; perUseCost: number }[];
}

/** A project's assignments with their task's progress and dates and the resource's rate table (oldest first). */
export async function assignmentsForDerivation(q: Queryable, orgId: string, projectId: string) {
  return q.query<AssignmentWorkRow>(
    `SELECT a.id AS "assignmentId", a.task_id AS "taskId", a.resource_id AS "resourceId", r.kind AS "resourceKind",
        a.work_minutes AS "workMinutes", a.actual_work_minutes AS "actualWorkMinutes",
        k.percent_complete::float8 AS "percentComplete",
        ${isoDate('k.early_start')} AS start, ${isoDate('k.early_finish')} AS finish,
        ${isoDate('k.actual_start')} AS "actualStart", ${isoDate('k.actual_finish')} AS "actualFinish",
        coalesce((SELECT jsonb_agg(jsonb_build_object('effectiveFrom', ${isoDate('x.effective_from')},
            'standardRate', x.standard_rate::float8, 'perUseCost', x.per_use_cost::float8) ORDER BY x.effective_from)
          FROM resource_rates x WHERE x.org_id = a.org_id AND x.resource_id = a.resource_id), '[]'::jsonb) AS rates
     FROM assignments a
     JOIN tasks k ON k.org_id = a.org_id AND k.id = a.task_id
     JOIN resources r ON r.org_id = a.org_id AND r.id = a.resource_id
     WHERE a.org_id = $1 AND a.project_id = $2
     ORDER BY k.position, a.id`,
    [orgId, projectId],
  );
}

export async function budgetLineExists(
  q: Queryable,
  orgId: string,
  projectId: string,
  category: string,
  period: string,
): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM budget_lines WHERE org_id = $1 AND project_id = $2 AND category = $3 AND period = $4',
    [orgId, projectId, category, firstDay(period)],
  );
  return rows.length > 0;
}

export async function envelopeExists(
  q: Queryable,
  orgId: string,
  scope: { programId: string | null; portfolioId: string | null; category: string | null; period: string },
): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM budget_envelopes WHERE org_id = $1 AND coalesce(program_id, portfolio_id) = $2
       AND coalesce(category, '') = $3 AND period = $4`,
    [orgId, scope.programId ?? scope.portfolioId, scope.category ?? '', firstDay(scope.period)],
  );
  return rows.length > 0;
}
