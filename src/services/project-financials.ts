import type { Database, Queryable } from '../db/connection.ts';
import {
  type AmountRow,
  allOrganizationIds,
  allProjectIds,
  type EvmTaskRow,
  loadActualsByDay,
  loadBudgetByMonth,
  loadCurrentForecastByMonth,
  loadEvmTasks,
  loadProjectsForMoney,
  projectIdsWithForecast,
  readFinancials,
  writeFinancials,
} from '../db/repositories/finance-figures.ts';
import type { ProjectFinancials } from '../model/finance.ts';
import { analyzeProjectMoney, type ProjectMoneyResult } from './earned-value-phasing.ts';
import { NotFoundError } from './errors.ts';
import type { Actor } from './policy.ts';
import { requireOnProject } from './scoped.ts';

/**
 * The stored money figures other areas read (dashboards, status reports, roll-ups):
 * `project_financials` (one row per project) and `project_period_figures` (per project and month,
 * not cumulative). They are rewritten here, in the caller's transaction, after every budget, actual
 * or forecast write, and nightly for every project (`orrery finance refresh`) because the status
 * date moves. EAC is the CPI method (BAC / CPI) unless the project has a forecast: then it is
 * AC + the current forecast's remaining months (bottom-up). With no actual cost yet (CPI
 * undefined) it is the budgeted-rate EAC, AC + BAC − EV.
 */

/** Projects per batch: bounds memory on an organization of thousands while keeping one query per table. */
const BATCH = 250;

const today = () => new Date().toISOString().slice(0, 10);

function groupBy<T extends { projectId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.projectId);
    if (list) list.push(row);
    else map.set(row.projectId, [row]);
  }
  return map;
}

/** Loads and analyzes these projects (one query per table for all of them). */
export async function analyzeProjects(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
  asOf: string,
): Promise<Map<string, ProjectMoneyResult & { currency: string }>> {
  const [projects, tasks, budgets, actuals, forecasts, withForecast] = await Promise.all([
    loadProjectsForMoney(q, orgId, projectIds),
    loadEvmTasks(q, orgId, projectIds),
    loadBudgetByMonth(q, orgId, projectIds),
    loadActualsByDay(q, orgId, projectIds),
    loadCurrentForecastByMonth(q, orgId, projectIds),
    projectIdsWithForecast(q, orgId, projectIds),
  ]);
  const tasksOf = groupBy<EvmTaskRow>(tasks);
  const budgetsOf = groupBy<AmountRow>(budgets);
  const actualsOf = groupBy<AmountRow>(actuals);
  const forecastsOf = groupBy<AmountRow>(forecasts);
  const results = new Map<string, ProjectMoneyResult & { currency: string }>();
  for (const project of projects) {
    const id = project.projectId;
    const result = analyzeProjectMoney({
      projectId: id,
      asOf,
      targetStart: project.targetStart,
      tasks: tasksOf.get(id) ?? [],
      budgetByMonth: budgetsOf.get(id) ?? [],
      actualsByDay: actualsOf.get(id) ?? [],
      forecastByMonth: forecastsOf.get(id) ?? [],
      hasForecast: withForecast.has(id),
      ended: project.ended,
    });
    results.set(id, { ...result, currency: project.currency });
  }
  return results;
}

/**
 * Recomputes and stores the figures of `projectIds` as of `asOf` (today by default), inside the
 * caller's transaction. Set-based: a handful of queries per batch of projects, whatever their size.
 */
export async function refreshProjectFinancials(
  tx: Queryable,
  orgId: string,
  projectIds: readonly string[],
  asOf: string = today(),
): Promise<void> {
  for (let i = 0; i < projectIds.length; i += BATCH) {
    const batch = projectIds.slice(i, i + BATCH);
    const results = await analyzeProjects(tx, orgId, batch, asOf);
    const analyzed = [...results.keys()];
    await writeFinancials(
      tx,
      orgId,
      analyzed,
      [...results.values()].map((r) => r.financials),
      [...results.values()].flatMap((r) => r.periods),
    );
  }
}

const SPENDING_ENDED = new Set(['closed', 'terminated']);

/**
 * Closing, terminating or reopening a project decides whether it will spend any more (its EAC is what it
 * cost once it has ended), so its figures follow the stage at once rather than at the nightly refresh.
 */
export async function refreshOnStageChange(
  tx: Queryable,
  orgId: string,
  projectId: string,
  from: string,
  to: string,
): Promise<void> {
  if (from !== to && (SPENDING_ENDED.has(from) || SPENDING_ENDED.has(to)))
    await refreshProjectFinancials(tx, orgId, [projectId]);
}

/** The nightly job: every project of the organization, one transaction per batch. */
export async function refreshOrganizationFinancials(
  db: Database,
  orgId: string,
  asOf: string = today(),
): Promise<{ projects: number }> {
  const ids = await allProjectIds(db, orgId);
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await db.transaction((tx) => refreshProjectFinancials(tx, orgId, batch, asOf));
  }
  return { projects: ids.length };
}

/** The nightly job over every organization (`orrery finance refresh`). */
export async function refreshAllFinancials(
  db: Database,
  asOf: string = today(),
): Promise<{ orgId: string; projects: number }[]> {
  const results: { orgId: string; projects: number }[] = [];
  for (const orgId of await allOrganizationIds(db))
    results.push({ orgId, ...(await refreshOrganizationFinancials(db, orgId, asOf)) });
  return results;
}

export async function getProjectFinancials(
  db: Database,
  actor: Actor,
  projectId: string,
): Promise<ProjectFinancials> {
  await requireOnProject(db, actor, projectId, 'read');
  let stored = await readFinancials(db, actor.orgId, projectId);
  if (!stored) {
    // A project nobody has costed yet: compute its (mostly zero) figures once so the reader sees rows.
    await db.transaction((tx) => refreshProjectFinancials(tx, actor.orgId, [projectId]));
    stored = await readFinancials(db, actor.orgId, projectId);
  }
  if (!stored) throw new NotFoundError('project', projectId);
  return { projectId, ...stored };
}
