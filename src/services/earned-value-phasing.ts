import type {
  AmountRow,
  EvmTaskRow,
  FinancialsRow,
  PeriodFiguresRow,
} from '../db/repositories/finance-figures.ts';
import { type ByMethod, computeEarnedValue, type EarnedValueFigures } from '../engine/evm/index.ts';
import type { EarnedValueReport } from '../model/finance.ts';

/**
 * Time-phasing of one project's money into calendar days, then the earned-value engine over those
 * days. Pure: rows in, figures out, so the same code serves one project on a request and thousands
 * in a nightly refresh.
 *
 * Rules (the "basis" of planned value, first that applies):
 * 1. `baseline_cost` — some baseline 0 task has a cost: each baselined leaf task's budget is its
 *    baseline cost (or, when the baseline holds none, its assignments' current cost), spread evenly
 *    over the calendar days from its baseline start to its baseline finish. BAC is their sum.
 * 2. `baseline_budget` — a baseline 0 exists but holds no cost: the project's budget (sum of its
 *    budget lines) is shared among the baselined leaf tasks by baseline duration (equally when all
 *    are milestones) and spread over their baseline dates.
 * 3. `budget_lines` — no baseline: the budget lines themselves are the plan, each month's amount
 *    spread evenly over that month's days; progress is weighed by the leaf tasks' durations.
 * 4. `none` — no budget and no baseline cost: BAC is 0.
 * Earned value of a task is its budget × percent complete, earned evenly from its actual start
 * (or scheduled start) to its actual finish (or the status date, if still running): we keep no
 * history of percent complete, so this is the least-surprising spread of what is known today.
 * Actual cost is the project's actual_costs rows dated on or before the status date. Days are
 * calendar days; earned schedule (ES, SPI(t)) is therefore in calendar days from the start.
 */

const DAY_MS = 86_400_000;
export const dayOf = (iso: string) => Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
export const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const monthOf = (day: number) => isoOf(day).slice(0, 7);
const daysInMonth = (firstDay: number) => {
  const d = new Date(firstDay * DAY_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).getTime() / DAY_MS - firstDay;
};

export interface ProjectMoneyInput {
  projectId: string;
  asOf: string;
  targetStart: string | null;
  tasks: readonly EvmTaskRow[];
  budgetByMonth: readonly AmountRow[];
  actualsByDay: readonly AmountRow[];
  forecastByMonth: readonly AmountRow[];
  hasForecast: boolean;
  /** Closed or terminated: its estimate at completion is what it has cost, whatever its indices say. */
  ended?: boolean;
}

export type EvmBasis = EarnedValueReport['basis'];

interface Spread {
  budget: number;
  start: number;
  finish: number;
}

interface Phased {
  basis: EvmBasis;
  bac: number;
  /** Planned value items (baseline) and earned-value items (progress) with their budgets. */
  planned: Spread[] | null;
  earning: { task: EvmTaskRow; budget: number }[];
}

function share(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return sum > 0 ? weights.map((w) => (total * w) / sum) : weights.map(() => total / weights.length);
}

function phase(input: ProjectMoneyInput, budgetTotal: number): Phased {
  const baselined = input.tasks.filter((t) => t.baselineStart !== null && t.baselineFinish !== null);
  const costOf = (t: EvmTaskRow) => t.baselineCost ?? t.assignmentCost;
  const spreadOf = (t: EvmTaskRow, budget: number): Spread => {
    const start = dayOf(t.baselineStart as string);
    return { budget, start, finish: Math.max(start, dayOf(t.baselineFinish as string)) };
  };
  if (baselined.some((t) => costOf(t) > 0)) {
    const earning = baselined.map((task) => ({ task, budget: costOf(task) }));
    const bac = earning.reduce((sum, e) => sum + e.budget, 0);
    return { basis: 'baseline_cost', bac, planned: earning.map((e) => spreadOf(e.task, e.budget)), earning };
  }
  if (budgetTotal > 0 && baselined.length > 0) {
    const budgets = share(
      budgetTotal,
      baselined.map((t) => t.baselineDuration ?? t.durationMinutes),
    );
    const earning = baselined.map((task, i) => ({ task, budget: budgets[i] }));
    return {
      basis: 'baseline_budget',
      bac: budgetTotal,
      planned: earning.map((e) => spreadOf(e.task, e.budget)),
      earning,
    };
  }
  if (budgetTotal > 0) {
    const budgets = share(
      budgetTotal,
      input.tasks.map((t) => t.durationMinutes),
    );
    return {
      basis: 'budget_lines',
      bac: budgetTotal,
      planned: null,
      earning: input.tasks.map((task, i) => ({ task, budget: budgets[i] })),
    };
  }
  return { basis: 'none', bac: 0, planned: [], earning: [] };
}

/** Adds `amount` spread evenly over days `start..finish` of a series starting at `origin`. */
function spreadInto(series: number[], origin: number, amount: number, start: number, finish: number) {
  const days = finish - start + 1;
  for (let d = start; d <= finish; d++) series[d - origin] += amount / days;
}

export interface ProjectMoneyResult {
  report: Omit<EarnedValueReport, 'projectId' | 'currency'>;
  financials: FinancialsRow;
  periods: PeriodFiguresRow[];
}

// numeric(10, 4) holds less than a million: a ratio beyond that is noise from a near-zero denominator.
const storedIndex = (value: number | null) =>
  value === null ? null : Math.max(-999_999, Math.min(999_999, value));
const nullMethods: ByMethod = { cpi: null, cpiSpi: null, budgetedRate: null, bottomUp: null };

export function analyzeProjectMoney(input: ProjectMoneyInput): ProjectMoneyResult {
  const asOfDay = dayOf(input.asOf);
  const budgetTotal = input.budgetByMonth.reduce((s, r) => s + r.amount, 0);
  const phased = phase(input, budgetTotal);
  const forecastToComplete = input.forecastByMonth
    .filter((r) => r.day.slice(0, 7) >= input.asOf.slice(0, 7))
    .reduce((s, r) => s + r.amount, 0);

  // Where each earning task earns, given what is known today.
  const earnings = phased.earning
    .filter((e) => e.budget > 0 && e.task.percentComplete > 0)
    .map((e) => {
      const t = e.task;
      const finish = Math.min(asOfDay, dayOf(t.actualFinish ?? input.asOf));
      const startIso = t.actualStart ?? t.start ?? t.baselineStart;
      const start = Math.min(finish, startIso ? dayOf(startIso) : finish);
      return { amount: (e.budget * t.percentComplete) / 100, start, finish };
    });
  const budgetMonths = input.budgetByMonth.map((r) => ({ start: dayOf(r.day), amount: r.amount }));
  const plannedSpans =
    phased.planned ??
    budgetMonths.map((m) => ({
      budget: m.amount,
      start: m.start,
      finish: m.start + daysInMonth(m.start) - 1,
    }));
  const actualDays = input.actualsByDay.map((r) => ({ day: dayOf(r.day), amount: r.amount }));

  const starts = [
    ...plannedSpans.map((s) => s.start),
    ...earnings.map((e) => e.start),
    ...actualDays.filter((a) => a.day <= asOfDay).map((a) => a.day),
  ];
  if (input.targetStart) starts.push(dayOf(input.targetStart));
  const origin = starts.length > 0 ? Math.min(...starts) : asOfDay;
  const end = Math.max(asOfDay, origin, ...plannedSpans.map((s) => s.finish));
  const horizon = end - origin + 1;
  const reported = Math.max(0, asOfDay - origin + 1);

  const pvDaily = new Array<number>(horizon).fill(0);
  for (const s of plannedSpans) spreadInto(pvDaily, origin, s.budget, s.start, s.finish);
  const evDaily = new Array<number>(horizon).fill(0);
  for (const e of earnings) spreadInto(evDaily, origin, e.amount, e.start, e.finish);
  const acDaily = new Array<number>(horizon).fill(0);
  for (const a of actualDays) if (a.day >= origin && a.day <= asOfDay) acDaily[a.day - origin] += a.amount;

  const etcSeries: (number | null)[] = new Array<number | null>(reported).fill(null);
  if (input.hasForecast && reported > 0) etcSeries[reported - 1] = forecastToComplete;
  const analysis = computeEarnedValue({
    plannedValue: pvDaily,
    earnedValue: evDaily.slice(0, reported),
    actualCost: acDaily.slice(0, reported),
    estimateToComplete: etcSeries,
  });
  const bac = analysis.bac;
  const status = reported > 0 ? analysis.periods[reported - 1] : null;
  const zero: EarnedValueFigures = { pv: 0, ev: 0, ac: 0, sv: 0, cv: 0, spi: null, cpi: null };
  const cumulative = status?.cumulative ?? zero;
  const eacByMethod: ByMethod = status?.eac ?? {
    ...nullMethods,
    budgetedRate: bac,
    bottomUp: input.hasForecast ? forecastToComplete : null,
  };
  const eac = input.ended
    ? cumulative.ac
    : input.hasForecast
      ? (eacByMethod.bottomUp ?? cumulative.ac + forecastToComplete)
      : (eacByMethod.cpi ?? eacByMethod.budgetedRate ?? bac);
  const plannedFinish = analysis.plannedDuration > 0 ? isoOf(origin + analysis.plannedDuration - 1) : null;
  const schedule = status?.schedule;
  const forecastFinish =
    schedule && schedule.forecastFinishPeriod !== null ? isoOf(origin + schedule.forecastFinishPeriod) : null;

  // Months: planned value to each month's end (the whole plan, also past the status date); earned
  // value and actual cost to the month's end, or to the status date in its month and after it.
  const months: EarnedValueReport['months'] = [];
  let previous = zero;
  for (let first = origin - (new Date(origin * DAY_MS).getUTCDate() - 1); first <= end; ) {
    const last = first + daysInMonth(first) - 1;
    const isReported = first <= asOfDay && reported > 0;
    const pvIndex = Math.min(last, end) - origin;
    const done = isReported ? analysis.periods[Math.min(last, asOfDay) - origin].cumulative : cumulative;
    const cum = figuresOf(pvIndex >= 0 ? (analysis.plannedCumulative[pvIndex] ?? bac) : 0, done.ev, done.ac);
    months.push({
      period: monthOf(first),
      current: figuresOf(cum.pv - previous.pv, cum.ev - previous.ev, cum.ac - previous.ac),
      cumulative: cum,
      reported: isReported,
    });
    previous = cum;
    first = last + 1;
  }

  const report: ProjectMoneyResult['report'] = {
    asOf: input.asOf,
    basis: phased.basis,
    bac,
    start: starts.length > 0 ? isoOf(origin) : null,
    status: {
      ...cumulative,
      eac: eacByMethod,
      etc: status?.etc ?? mapNull(eacByMethod, (v) => v - cumulative.ac),
      vac: status?.vac ?? mapNull(eacByMethod, (v) => bac - v),
      tcpi: status?.tcpi ?? { toBac: bac > 0 ? 1 : null, toEac: nullMethods },
      es: schedule?.es ?? null,
      at: schedule?.at ?? 0,
      svt: schedule?.svt ?? null,
      spiT: schedule?.spit ?? null,
      plannedFinish,
      forecastFinish,
    },
    months,
  };
  // Progress is measured once some task of the plan has been statused (started or partly done); a plan
  // never statused, or no plan at all, leaves the indices unknown rather than zero.
  const measured = phased.earning.some((e) => e.task.percentComplete > 0 || e.task.actualStart !== null);
  const financials: FinancialsRow = {
    projectId: input.projectId,
    asOf: input.asOf,
    budget: budgetTotal,
    actual: input.actualsByDay.reduce((s, r) => s + r.amount, 0),
    forecastToComplete,
    bac,
    pv: cumulative.pv,
    ev: cumulative.ev,
    ac: cumulative.ac,
    eac,
    etc: eac - cumulative.ac,
    vac: bac - eac,
    spi: measured ? storedIndex(cumulative.spi) : null,
    cpi: measured ? storedIndex(cumulative.cpi) : null,
    tcpi: measured ? storedIndex(report.status.tcpi.toBac) : null,
    spiT: measured ? storedIndex(report.status.spiT) : null,
    forecastFinish,
  };
  const periods = periodFigures(input, pvDaily, evDaily, origin);
  if (input.ended) for (const period of periods) period.forecast = 0;
  else if (!input.hasForecast)
    spreadEstimateToComplete(periods, input, pvDaily, origin, asOfDay, financials.etc, forecastFinish);
  return { report, financials, periods };
}

function figuresOf(pv: number, ev: number, ac: number): EarnedValueFigures {
  return { pv, ev, ac, sv: ev - pv, cv: ev - ac, spi: pv ? ev / pv : null, cpi: ac ? ev / ac : null };
}

function mapNull(methods: ByMethod, f: (value: number) => number): ByMethod {
  const apply = (v: number | null) => (v === null ? null : f(v));
  return {
    cpi: apply(methods.cpi),
    cpiSpi: apply(methods.cpiSpi),
    budgetedRate: apply(methods.budgetedRate),
    bottomUp: apply(methods.bottomUp),
  };
}

const emptyPeriod = (projectId: string, month: string): PeriodFiguresRow => ({
  projectId,
  period: `${month}-01`,
  budget: 0,
  actual: 0,
  forecast: 0,
  pv: 0,
  ev: 0,
});

/** Per month, not cumulative: budget, actual (all rows, also past the status date), current forecast, PV, EV. */
function periodFigures(
  input: ProjectMoneyInput,
  pvDaily: readonly number[],
  evDaily: readonly number[],
  origin: number,
): PeriodFiguresRow[] {
  const byMonth = new Map<string, PeriodFiguresRow>();
  const row = (month: string) => {
    let found = byMonth.get(month);
    if (!found) {
      found = emptyPeriod(input.projectId, month);
      byMonth.set(month, found);
    }
    return found;
  };
  for (const r of input.budgetByMonth) row(r.day.slice(0, 7)).budget += r.amount;
  for (const r of input.actualsByDay) row(r.day.slice(0, 7)).actual += r.amount;
  // A forecast month before the status date's month was overtaken by the actuals: EAC counts only the rest.
  const asOfMonth = input.asOf.slice(0, 7);
  for (const r of input.forecastByMonth)
    if (r.day.slice(0, 7) >= asOfMonth) row(r.day.slice(0, 7)).forecast += r.amount;
  // Month by month over the daily series (one date conversion per month, not per day).
  const horizon = pvDaily.length;
  for (let first = origin - (new Date(origin * DAY_MS).getUTCDate() - 1); first < origin + horizon; ) {
    const next = first + daysInMonth(first);
    let pv = 0;
    let ev = 0;
    for (let d = Math.max(first, origin); d < Math.min(next, origin + horizon); d++) {
      pv += pvDaily[d - origin];
      ev += evDaily[d - origin];
    }
    if (pv !== 0 || ev !== 0) {
      const r = row(monthOf(first));
      r.pv += pv;
      r.ev += ev;
    }
    first = next;
  }
  return [...byMonth.values()].sort((a, b) => a.period.localeCompare(b.period));
}

/**
 * A project without a forecast of its own still forecasts EAC − AC: that remainder goes to the months
 * from the status date on in the shape of the planned value still to come (all into the status date's
 * month when the plan has none left), so the months' forecasts add up to the EAC the project reports.
 */
function spreadEstimateToComplete(
  periods: PeriodFiguresRow[],
  input: ProjectMoneyInput,
  pvDaily: readonly number[],
  origin: number,
  asOfDay: number,
  etc: number,
  forecastFinish: string | null,
): void {
  if (!(etc > 0) || !Number.isFinite(etc)) return;
  const asOfMonth = input.asOf.slice(0, 7);
  const remaining = new Map<string, number>();
  let total = 0;
  // Month by month, as periodFigures walks the plan: one date conversion per month, not per day.
  const end = origin + pvDaily.length;
  for (let first = asOfDay - (new Date(asOfDay * DAY_MS).getUTCDate() - 1); first < end; ) {
    const next = first + daysInMonth(first);
    let pv = 0;
    for (let day = Math.max(first, asOfDay + 1, origin); day < Math.min(next, end); day++)
      pv += pvDaily[day - origin];
    if (pv > 0) {
      remaining.set(monthOf(first), pv);
      total += pv;
    }
    first = next;
  }
  if (total <= 0) {
    // Past its planned end: the remainder runs evenly to the finish earned schedule forecasts, or, where
    // progress was never measured (no forecast finish), for as long as it takes at the project's average
    // monthly spend so far; only a project with neither lands its remainder in the status month.
    const lastMonth =
      forecastFinish && forecastFinish.slice(0, 7) > asOfMonth
        ? forecastFinish.slice(0, 7)
        : (monthAtRunRate(input.actualsByDay, asOfMonth, etc) ?? asOfMonth);
    for (let first = asOfDay - (new Date(asOfDay * DAY_MS).getUTCDate() - 1); monthOf(first) <= lastMonth; ) {
      remaining.set(monthOf(first), 1);
      total += 1;
      first += daysInMonth(first);
    }
  }
  for (const [month, pv] of remaining) {
    let row = periods.find((p) => p.period.startsWith(month));
    if (!row) {
      row = emptyPeriod(input.projectId, month);
      periods.push(row);
    }
    row.forecast += (etc * pv) / total;
  }
  periods.sort((a, b) => a.period.localeCompare(b.period));
}

/** Longest a run-rate forecast reaches: beyond three years an average says nothing. */
const RUN_RATE_MONTHS_MAX = 36;

/**
 * The month in which `remaining` is spent at the average monthly spend of the months from the first
 * actual up to (not including) the status month; null without spend to go on.
 */
function monthAtRunRate(
  actualsByDay: ProjectMoneyInput['actualsByDay'],
  asOfMonth: string,
  remaining: number,
): string | null {
  let firstMonth: string | null = null;
  let spent = 0;
  for (const r of actualsByDay) {
    const month = r.day.slice(0, 7);
    if (month >= asOfMonth) continue;
    spent += r.amount;
    if (firstMonth === null || month < firstMonth) firstMonth = month;
  }
  if (firstMonth === null || !(spent > 0)) return null;
  const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const perMonth = spent / (monthIndex(asOfMonth) - monthIndex(firstMonth));
  const months = Math.min(RUN_RATE_MONTHS_MAX, Math.max(1, Math.ceil(remaining / perMonth - 1e-9)));
  const last = monthIndex(asOfMonth) + months - 1;
  return `${Math.floor(last / 12)}-${String((last % 12) + 1).padStart(2, '0')}`;
}
