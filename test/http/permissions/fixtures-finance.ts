import { createActualCost } from '../../../src/services/actual-costs.ts';
import { createEnvelope } from '../../../src/services/budget-envelopes.ts';
import { createBudgetLine } from '../../../src/services/budgets.ts';
import { createCostForecast } from '../../../src/services/cost-forecasts.ts';
import { db, orgOf, systemFor, type Target, tree } from './world.ts';

// Finance: the project's money is kept by those who manage finance there (the project's editors);
// envelopes by those who may change the program or portfolio. Target dates wide enough for any month used.
export async function moneyProject(t: Target): Promise<string> {
  await db.query(
    `UPDATE projects SET target_start = '2020-01-01', target_finish = '2099-12-31' WHERE org_id = $1 AND id = $2`,
    [orgOf(t), tree[t].project],
  );
  return tree[t].project;
}
/** A month no earlier fixture used, so a budget cell or an envelope never collides with another. */
let moneyMonths = 0;
export const freshMonth = () => {
  const n = ++moneyMonths;
  return `${2030 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};
export const budgetLineAt = async (t: Target) =>
  createBudgetLine(db, systemFor(t), await moneyProject(t), {
    category: 'other',
    period: freshMonth(),
    amount: 100,
  });
export const actualCostAt = async (t: Target) =>
  createActualCost(db, systemFor(t), await moneyProject(t), {
    category: 'other',
    incurredOn: '2027-05-05',
    amount: 10,
  });
export const forecastAt = async (t: Target) =>
  createCostForecast(db, systemFor(t), await moneyProject(t), {
    asOf: '2027-05-01',
    lines: [{ category: 'labour', period: '2027-06', amount: 50 }],
  });
export const portfolioEnvelopeAt = (t: Target) =>
  createEnvelope(db, systemFor(t), { portfolioId: tree[t].portfolio, period: freshMonth(), amount: 1000 });
