import type { Database } from '../db/connection.ts';
import type { CostCategory } from '../model/finance.ts';
import type { Project } from '../model/organization.ts';
import { importActualCosts } from './actual-costs.ts';
import { createEnvelope } from './budget-envelopes.ts';
import { setBudgetGrid } from './budgets.ts';
import { createCostForecast } from './cost-forecasts.ts';
import type { Actor } from './policy.ts';
import { refreshOrganizationFinancials } from './project-financials.ts';
import { listProjects } from './projects.ts';

/**
 * Money for the demo: each project's budget (its headline budget spread over its months as a bell,
 * split labour 60%, capital 20%, operating 15%, other 5%), actual costs for the months already past
 * (imported from a generated CSV of timesheets and invoices),
 * a forecast (two versions for projects in trouble), envelopes for programs and portfolios (one
 * program deliberately tight), and the stored figures refreshed so dashboards show real numbers.
 */

const SPLIT: [CostCategory, number][] = [
  ['labour', 0.6],
  ['capital', 0.2],
  ['operating', 0.15],
  ['other', 0.05],
];
/** How much more than planned each health spends. */
const OVERRUN = { green: 0.97, amber: 1.09, red: 1.2 } as const;

function monthsBetween(start: string, finish: string): string[] {
  const months: string[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const last = finish.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

const round100 = (value: number) => Math.round(value / 100) * 100;

/** A bell over the months: little at the start and end, most in the middle. */
function bell(count: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => Math.sin((Math.PI * (i + 0.5)) / count) + 0.15);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

export async function seedDemoFinance(
  db: Database,
  system: Actor,
  orgId: string,
  today: string,
): Promise<void> {
  const page = await listProjects(db, system, { page: 1, pageSize: 500, order: 'asc' });
  const budgetsByProgram = new Map<string, Map<string, number>>();
  const budgetsByPortfolio = new Map<string, Map<string, number>>();
  const thisMonth = today.slice(0, 7);
  for (const [index, project] of page.items.entries()) {
    if (!project.targetStart || !project.targetFinish || project.budget <= 0) continue;
    const months = monthsBetween(project.targetStart, project.targetFinish);
    const shares = bell(months.length);
    const cells = months.flatMap((period, i) =>
      SPLIT.map(([category, part]) => ({
        category,
        period,
        amount: round100(project.budget * shares[i] * part),
      })),
    );
    await setBudgetGrid(db, system, project.id, { cells });
    for (const [map, key] of [
      [budgetsByProgram, project.programId],
      [budgetsByPortfolio, project.portfolioId],
    ] as const) {
      if (!key) continue;
      const totals = map.get(key) ?? new Map<string, number>();
      for (const cell of cells) totals.set(cell.period, (totals.get(cell.period) ?? 0) + cell.amount);
      map.set(key, totals);
    }
    await seedActuals(db, system, project, cells, thisMonth, index);
    await seedForecasts(db, system, project, cells, thisMonth, today);
  }
  await seedEnvelopes(db, system, budgetsByProgram, budgetsByPortfolio);
  await refreshOrganizationFinancials(db, orgId, today);
}

async function seedActuals(
  db: Database,
  system: Actor,
  project: Project,
  cells: { category: CostCategory; period: string; amount: number }[],
  thisMonth: string,
  index: number,
) {
  const factor = OVERRUN[project.health ?? 'green'];
  const lines = ['date,category,amount,description'];
  for (const cell of cells) {
    if (cell.period >= thisMonth || cell.amount === 0) continue;
    const wobble = 1 + (((index * 7 + cell.period.charCodeAt(6)) % 9) - 4) / 100;
    const day = String(10 + ((index + cell.period.charCodeAt(6)) % 15)).padStart(2, '0');
    const what = {
      labour: 'Timesheets',
      capital: 'Equipment invoice',
      operating: 'Services and licences',
      other: 'Travel and fees',
    }[cell.category];
    lines.push(
      `${cell.period}-${day},${cell.category},${(cell.amount * factor * wobble).toFixed(2)},${what} ${cell.period}`,
    );
  }
  if (lines.length > 1) await importActualCosts(db, system, project.id, lines.join('\n'));
}

async function seedForecasts(
  db: Database,
  system: Actor,
  project: Project,
  cells: { category: CostCategory; period: string; amount: number }[],
  thisMonth: string,
  today: string,
) {
  const remaining = cells.filter((c) => c.period >= thisMonth && c.amount > 0);
  const started = cells.some((c) => c.period < thisMonth);
  if (!started || remaining.length === 0) return;
  const factor = OVERRUN[project.health ?? 'green'];
  const asOf = today < (project.targetFinish ?? today) ? today : (project.targetFinish as string);
  await createCostForecast(db, system, project.id, {
    asOf,
    note: 'Quarterly re-forecast',
    lines: remaining.map((c) => ({ ...c, amount: round100(c.amount * (1 + (factor - 1) / 2)) })),
  });
  if (project.health === 'amber' || project.health === 'red')
    await createCostForecast(db, system, project.id, {
      asOf,
      note: 'Revised after the overrun review',
      lines: remaining.map((c) => ({ ...c, amount: round100(c.amount * factor) })),
    });
}

async function seedEnvelopes(
  db: Database,
  system: Actor,
  byProgram: Map<string, Map<string, number>>,
  byPortfolio: Map<string, Map<string, number>>,
) {
  let tight = true;
  for (const [programId, totals] of byProgram) {
    for (const [period, amount] of totals) {
      // The first program's envelope was cut by 10% mid-year: its check shows the months over.
      const cut = tight && period >= '2026-06' && period <= '2026-09' ? 0.9 : 1.05;
      await createEnvelope(db, system, {
        programId,
        period,
        amount: round100(amount * cut),
        note: 'Approved plan',
      });
    }
    tight = false;
  }
  for (const [portfolioId, totals] of byPortfolio)
    for (const [period, amount] of totals)
      await createEnvelope(db, system, {
        portfolioId,
        period,
        amount: round100(amount * 1.1),
        note: 'Annual envelope',
      });
}
