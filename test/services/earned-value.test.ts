import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import { createActualCost } from '../../src/services/actual-costs.ts';
import { setBudgetGrid } from '../../src/services/budgets.ts';
import { createCostForecast } from '../../src/services/cost-forecasts.ts';
import { getEarnedValue } from '../../src/services/earned-value.ts';
import type { Actor } from '../../src/services/policy.ts';
import { getProjectFinancials, refreshProjectFinancials } from '../../src/services/project-financials.ts';
import { getProject, updateProject } from '../../src/services/projects.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { insertBaselinedTasks } from '../support/finance-fixtures.ts';

/**
 * A project small enough to check by hand. Baseline: task A costs 3,100 over January 2027 (31 days,
 * 100 a day), task B 2,800 over February (28 days, 100 a day); BAC 5,900. Status 14 February: A is
 * done, B is 25% done since 1 February (700 earned over 14 days); 3,000 was spent on 15 January and
 * 1,000 on 10 February.
 *   PV = 3,100 + 14 × 100 = 4,500     EV = 3,100 + 700 = 3,800     AC = 4,000
 *   SV = −700   CV = −200   SPI = 0.8444   CPI = 0.95   EAC(CPI) = 5,900 / 0.95 = 6,210.53
 *   EAC(budgeted rate) = 4,000 + 2,100 = 6,100   TCPI = 2,100 / 1,900 = 1.1053
 *   ES: 3,800 of PV is reached after exactly 38 days; AT = 45 days; SPI(t) = 38/45 = 0.8444;
 *   IEAC(t) = 59 / 0.8444 = 69.87 days → the work finishes in day 70, 11 March 2027.
 */

let db: Database;
let orgId: string;
let system: Actor;
let project: Project;
const asOf = '2027-02-14';

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  project = await makeProject(db, orgId);
  await db.query(`UPDATE projects SET target_start = '2027-01-01' WHERE org_id = $1 AND id = $2`, [
    orgId,
    project.id,
  ]);
  await insertBaselinedTasks(db, orgId, project.id, [
    {
      name: 'A',
      baselineStart: '2027-01-01',
      baselineFinish: '2027-01-31',
      baselineCost: 3100,
      percentComplete: 100,
      actualStart: '2027-01-01',
      actualFinish: '2027-01-31',
    },
    {
      name: 'B',
      baselineStart: '2027-02-01',
      baselineFinish: '2027-02-28',
      baselineCost: 2800,
      percentComplete: 25,
      actualStart: '2027-02-01',
    },
  ]);
  await createActualCost(db, system, project.id, {
    category: 'labour',
    incurredOn: '2027-01-15',
    amount: 3000,
  });
  await createActualCost(db, system, project.id, {
    category: 'labour',
    incurredOn: '2027-02-10',
    amount: 1000,
  });
  // A cost after the status date is an actual of the project but not of this status.
  await createActualCost(db, system, project.id, {
    category: 'labour',
    incurredOn: '2027-02-20',
    amount: 50,
  });
}, 120_000);
afterAll(async () => db?.close());

describe('earned value of a hand-checkable project', () => {
  it('computes the status figures from the baseline costs, progress and actuals', async () => {
    const ev = await getEarnedValue(db, system, project.id, asOf);
    expect(ev.basis).toBe('baseline_cost');
    expect(ev.bac).toBeCloseTo(5900, 6);
    const s = ev.status;
    expect(s.pv).toBeCloseTo(4500, 6);
    expect(s.ev).toBeCloseTo(3800, 6);
    expect(s.ac).toBe(4000);
    expect(s.sv).toBeCloseTo(-700, 6);
    expect(s.cv).toBeCloseTo(-200, 6);
    expect(s.spi).toBeCloseTo(3800 / 4500, 9);
    expect(s.cpi).toBeCloseTo(0.95, 9);
    expect(s.eac.cpi).toBeCloseTo(5900 / 0.95, 6);
    expect(s.eac.budgetedRate).toBeCloseTo(6100, 6);
    expect(s.eac.cpiSpi).toBeCloseTo(4000 + 2100 / (0.95 * (3800 / 4500)), 6);
    expect(s.eac.bottomUp).toBeNull();
    expect(s.etc.cpi).toBeCloseTo(5900 / 0.95 - 4000, 6);
    expect(s.vac.cpi).toBeCloseTo(5900 - 5900 / 0.95, 6);
    expect(s.tcpi.toBac).toBeCloseTo(2100 / 1900, 9);
    expect(s.es).toBeCloseTo(38, 6);
    expect(s.at).toBe(45);
    expect(s.spiT).toBeCloseTo(38 / 45, 9);
    expect(s.plannedFinish).toBe('2027-02-28');
    expect(s.forecastFinish).toBe('2027-03-11');
  });

  it('gives the months cumulative and per month: the whole plan, and progress to the status date', async () => {
    const ev = await getEarnedValue(db, system, project.id, asOf);
    const [jan, feb] = ev.months;
    expect(ev.months.map((m) => [m.period, m.reported])).toEqual([
      ['2027-01', true],
      ['2027-02', true],
    ]);
    expect(jan.current.pv).toBeCloseTo(3100, 6);
    expect(jan.current.ev).toBeCloseTo(3100, 6);
    expect(jan.current.ac).toBe(3000);
    expect(feb.current.pv).toBeCloseTo(2800, 6);
    expect(feb.cumulative.pv).toBeCloseTo(5900, 6);
    expect(feb.cumulative.ev).toBeCloseTo(3800, 6);
    expect(feb.cumulative.ac).toBe(4000);
    const early = await getEarnedValue(db, system, project.id, '2027-01-20');
    expect(early.months.map((m) => m.reported)).toEqual([true, false]);
    expect(early.months[1].cumulative.pv).toBeCloseTo(5900, 6);
  });

  it('stores the figures dashboards read, switching EAC to the forecast once there is one', async () => {
    await db.transaction((tx) => refreshProjectFinancials(tx, orgId, [project.id], asOf));
    let stored = await getProjectFinancials(db, system, project.id);
    expect(stored).toMatchObject({ asOf, bac: 5900, pv: 4500, ev: 3800, ac: 4000, actual: 4050 });
    expect(stored.eac).toBeCloseTo(6210.53, 2);
    expect(stored.vac).toBeCloseTo(-310.53, 2);
    expect(stored.cpi).toBe(0.95);
    expect(stored.spiT).toBeCloseTo(0.8444, 4);
    expect(stored.forecastFinish).toBe('2027-03-11');
    const feb = stored.periods.find((p) => p.period === '2027-02');
    expect(feb).toMatchObject({ pv: 2800, ev: 700, actual: 1050 });

    await createCostForecast(db, system, project.id, {
      asOf,
      lines: [
        { category: 'labour', period: '2027-02', amount: 1000 },
        { category: 'labour', period: '2027-03', amount: 1500 },
      ],
    });
    await db.transaction((tx) => refreshProjectFinancials(tx, orgId, [project.id], asOf));
    stored = await getProjectFinancials(db, system, project.id);
    expect(stored).toMatchObject({ forecastToComplete: 2500, eac: 6500, etc: 2500, vac: -600 });
    const ev = await getEarnedValue(db, system, project.id, asOf);
    expect(ev.status.eac.bottomUp).toBe(6500);
  });

  it('falls back to the budget lines when no baseline holds cost', async () => {
    const plain = await makeProject(db, orgId);
    await setBudgetGrid(db, system, plain.id, {
      cells: [
        { category: 'labour', period: '2027-02', amount: 2800 },
        { category: 'capital', period: '2027-03', amount: 3100 },
      ],
    });
    const ev = await getEarnedValue(db, system, plain.id, '2027-03-01');
    expect(ev.basis).toBe('budget_lines');
    expect(ev.bac).toBeCloseTo(5900, 6);
    expect(ev.status.pv).toBeCloseTo(2900, 6); // all of February and 1 of March's 31 days
    expect(ev.status.ev).toBe(0);
    expect(ev.status.cpi).toBeNull();
    expect(ev.status.eac.budgetedRate).toBeCloseTo(5900, 6);
  });

  it('is read by anyone who reads the project and by no one else', async () => {
    const member = await makeActor(db, orgId, 'team_member', 'project', project.id);
    expect((await getEarnedValue(db, member, project.id, asOf)).bac).toBeCloseTo(5900, 6);
    const outsider = await makeActor(db, orgId, 'team_member', 'project', (await makeProject(db, orgId)).id);
    await expect(getEarnedValue(db, outsider, project.id, asOf)).rejects.toMatchObject({ status: 403 });
  });

  it('makes a project cost what it has cost from the moment its PMO closes it', async () => {
    const closing = await makeProject(db, orgId);
    await db.query(`UPDATE projects SET target_start = '2026-01-05' WHERE org_id = $1 AND id = $2`, [
      orgId,
      closing.id,
    ]);
    await setBudgetGrid(db, system, closing.id, {
      cells: [
        { category: 'labour', period: '2026-05', amount: 5000 },
        { category: 'labour', period: '2027-03', amount: 5000 },
      ],
    });
    await createActualCost(db, system, closing.id, {
      category: 'labour',
      incurredOn: '2026-05-11',
      amount: 1200,
    });
    const open = await getProjectFinancials(db, system, closing.id);
    expect(open.eac).toBeGreaterThan(1200);
    expect(open.periods.some((p) => p.forecast > 0)).toBe(true);
    const pmo = await makeActor(db, orgId, 'pmo_admin');
    const current = await getProject(db, system, closing.id);
    await updateProject(db, pmo, closing.id, current.version, { stage: 'closed' });
    const closed = await getProjectFinancials(db, system, closing.id);
    expect(closed).toMatchObject({ ac: 1200, eac: 1200, etc: 0, vac: 8800 });
    expect(closed.periods.every((p) => p.forecast === 0)).toBe(true);
  });
});
