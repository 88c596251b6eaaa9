import type { Database } from '../db/connection.ts';
import {
  type AggregateRow,
  aggregateSelection,
  childLevel,
  dashboardEpoch,
  monthlyFigures,
  nextMilestones,
  pageOfProjects,
} from '../db/repositories/rollups.ts';
import {
  type Dashboard,
  dashboardQuery,
  type HealthKey,
  type MonthFigures,
  type ProjectSortKey,
  type RollupFigures,
} from '../model/dashboard.ts';
import { cachedValue, computeOnce, dashboardCacheEnabled, storeValue } from './dashboard-cache.ts';
import type { Actor } from './policy.ts';
import { resolveSelection, round4, todayUtc } from './rollups.ts';
import { parseInput } from './validate.ts';

const PROGRAMS_ON_TIMELINE = 60;
const MILESTONES = 8;

/** A row's figures with its indices as ratios of its sums (never an average of the projects' indices). */
export function figuresOf(row: AggregateRow | undefined): RollupFigures {
  if (!row)
    return {
      projects: 0,
      budget: 0,
      actual: 0,
      eac: 0,
      etc: 0,
      bac: 0,
      pv: 0,
      ev: 0,
      ac: 0,
      vac: 0,
      spi: null,
      cpi: null,
      measured: { pv: 0, ev: 0, ac: 0 },
      start: null,
      finish: null,
      late: 0,
      overdue: 0,
      red: 0,
      amber: 0,
      green: 0,
      unrated: 0,
    };
  return {
    projects: row.projects,
    budget: row.budget,
    actual: row.actual,
    eac: row.eac,
    etc: row.etc,
    bac: row.bac,
    pv: row.pv,
    ev: row.ev,
    ac: row.ac,
    vac: row.vac,
    spi: row.pv_measured ? round4(row.ev_measured / row.pv_measured) : null,
    cpi: row.ac_measured ? round4(row.ev_measured / row.ac_measured) : null,
    measured: { pv: row.pv_measured, ev: row.ev_measured, ac: row.ac_measured },
    start: row.start,
    finish: row.finish,
    late: row.late,
    overdue: row.overdue,
    red: row.red,
    amber: row.amber,
    green: row.green,
    unrated: row.unrated,
  };
}

/** Running totals of monthly figures: the S-curves. */
export function cumulative(months: readonly MonthFigures[]): MonthFigures[] {
  const sum = { budget: 0, actual: 0, forecast: 0, pv: 0, ev: 0 };
  return months.map((month) => {
    sum.budget += month.budget;
    sum.actual += month.actual;
    sum.forecast += month.forecast;
    sum.pv += month.pv;
    sum.ev += month.ev;
    const cents = (value: number) => Math.round(value * 100) / 100;
    return {
      month: month.month,
      budget: cents(sum.budget),
      actual: cents(sum.actual),
      forecast: cents(sum.forecast),
      pv: cents(sum.pv),
      ev: cents(sum.ev),
    };
  });
}

const worstHealth = (row: AggregateRow): HealthKey =>
  row.red > 0 ? 'red' : row.amber > 0 ? 'amber' : row.green > 0 ? 'green' : 'none';

/**
 * A scope's dashboard in a handful of set-based queries (run side by side where the driver has a
 * pool): totals, next-level rows, RAG matrix and program timeline in one grouped pass; the months;
 * the next milestones; one page of projects.
 */
export async function getDashboard(
  db: Database,
  actor: Actor,
  input: unknown,
  options: { today?: string } = {},
): Promise<Dashboard> {
  const query = parseInput(dashboardQuery, input);
  const today = options.today ?? todayUtc();
  const { selection, scope } = await resolveSelection(db, actor, query, today);
  const descending = query.sort.startsWith('-');
  const sort = (descending ? query.sort.slice(1) : query.sort) as ProjectSortKey;
  // The epoch is read before the figures: a change committed in between is then cached under the old
  // epoch, which no later reader asks for.
  const key = dashboardCacheEnabled()
    ? JSON.stringify([actor.orgId, await dashboardEpoch(db, actor.orgId), selection, query])
    : null;
  const cached = key ? cachedValue<Omit<Dashboard, 'nextMilestones'>>(db, key) : undefined;
  // Milestones come from the tasks, which the epoch does not follow: always read (one index range).
  // The scope's name was read just now (an organization rename moves no epoch).
  if (cached) return { ...cached, scope, nextMilestones: await nextMilestones(db, selection, MILESTONES) };
  const compute = async (): Promise<Dashboard> => {
    const [aggregates, months, milestones, projects] = await Promise.all([
      aggregateSelection(db, selection),
      monthlyFigures(db, selection),
      nextMilestones(db, selection, MILESTONES),
      pageOfProjects(db, selection, {
        sort,
        descending,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }),
    ]);
    const total = aggregates.find((row) => row.kind === 'total');
    const level = childLevel(scope.type);
    const children = aggregates
      .filter((row) => level !== null && row.kind === 'child')
      .map((row) => ({
        ...figuresOf(row),
        scopeType: level ?? 'program',
        id: row.key,
        name: row.name ?? (row.key === null ? 'Outside any program' : ''),
      }))
      .sort((a, b) => b.eac - a.eac || a.name.localeCompare(b.name));
    const programs = aggregates
      .filter((row) => row.kind === 'program')
      .sort(
        (a, b) =>
          (a.start ?? '9999').localeCompare(b.start ?? '9999') || (a.name ?? '').localeCompare(b.name ?? ''),
      );
    const dashboard: Dashboard = {
      scope,
      filters: selection.filters,
      asOf: today,
      kpis: figuresOf(total),
      ragMatrix: aggregates
        .filter((row) => row.kind === 'cell')
        .map((row) => ({
          health: row.health as HealthKey,
          stage: row.stage as Dashboard['ragMatrix'][number]['stage'],
          projects: row.projects,
          eac: row.eac,
        })),
      childScopeType: level,
      children,
      sCurve: cumulative(months),
      burn: months,
      programTimeline: {
        items: programs.slice(0, PROGRAMS_ON_TIMELINE).map((row) => ({
          id: row.key as string,
          name: row.name ?? '',
          projects: row.projects,
          start: row.start,
          finish: row.finish,
          health: worstHealth(row),
          red: row.red,
          amber: row.amber,
          green: row.green,
          eac: row.eac,
        })),
        total: programs.length,
      },
      nextMilestones: milestones,
      projects: { items: projects, total: total?.projects ?? 0, page: query.page, pageSize: query.pageSize },
    };
    if (key) storeValue(db, key, { ...dashboard, nextMilestones: undefined });
    return dashboard;
  };
  // Readers arriving while the same dashboard is being computed wait for that computation instead of
  // starting their own: a cold dashboard under many clients is computed once, not once per client.
  return key ? computeOnce(db, key, compute) : compute();
}
