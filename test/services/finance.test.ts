import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import {
  createActualCost,
  deleteActualCost,
  deriveProjectActualCosts,
  importActualCosts,
  listActualCosts,
  updateActualCost,
} from '../../src/services/actual-costs.ts';
import { checkEnvelopes, createEnvelope } from '../../src/services/budget-envelopes.ts';
import {
  createBudgetLine,
  deleteBudgetLine,
  getBudgetGrid,
  setBudgetGrid,
  updateBudgetLine,
} from '../../src/services/budgets.ts';
import {
  compareCostForecasts,
  createCostForecast,
  listCostForecasts,
} from '../../src/services/cost-forecasts.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  getProjectFinancials,
  refreshOrganizationFinancials,
} from '../../src/services/project-financials.ts';
import { createProject } from '../../src/services/projects.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { insertAssignment, insertResource } from '../support/leveling-fixtures.ts';

let db: Database;
let orgId: string;
let system: Actor;
let project: Project;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  project = await makeProject(db, orgId);
}, 120_000);
afterAll(async () => db?.close());

const count = async (table: string, projectId = project.id) =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1 AND project_id = $2`,
      [orgId, projectId],
    )
  )[0].n;

async function expectInvalid(work: Promise<unknown>, field: string | RegExp) {
  await expect(work).rejects.toMatchObject({
    status: 400,
    errors: expect.arrayContaining([
      expect.objectContaining({ field: typeof field === 'string' ? field : expect.stringMatching(field) }),
    ]),
  });
}

async function freshProject(): Promise<Project> {
  return makeProject(db, orgId, {
    businessUnitId: project.businessUnitId,
    portfolioId: project.portfolioId,
    programId: project.programId,
  });
}

describe('budgets', () => {
  it('sets the whole grid in one go and keeps the stored figures in step', async () => {
    const grid = await setBudgetGrid(db, system, project.id, {
      cells: [
        { category: 'labour', period: '2027-01', amount: 10_000 },
        { category: 'labour', period: '2027-02', amount: 12_000 },
        { category: 'capital', period: '2027-02', amount: 5_000 },
      ],
    });
    expect(grid.total).toBe(27_000);
    expect(grid.cells).toHaveLength(3);
    const financials = await getProjectFinancials(db, system, project.id);
    expect(financials.budget).toBe(27_000);
    expect(financials.periods.find((p) => p.period === '2027-02')?.budget).toBe(17_000);

    // Cells left out are removed; a changed cell keeps its row and bumps its version.
    const again = await setBudgetGrid(db, system, project.id, {
      cells: [{ category: 'labour', period: '2027-01', amount: 11_000 }],
    });
    expect(again.cells).toEqual([{ category: 'labour', period: '2027-01', amount: 11_000 }]);
    expect((await getProjectFinancials(db, system, project.id)).budget).toBe(11_000);
  });

  it('refuses negative, non-numeric and out-of-project cells and changes nothing', async () => {
    const before = await getBudgetGrid(db, system, project.id);
    await expectInvalid(
      setBudgetGrid(db, system, project.id, {
        cells: [{ category: 'labour', period: '2027-03', amount: -1 }],
      }),
      'cells.0.amount',
    );
    await expectInvalid(
      setBudgetGrid(db, system, project.id, {
        cells: [{ category: 'labour', period: '2027-03', amount: 'lots' }],
      }),
      'cells.0.amount',
    );
    await expectInvalid(
      setBudgetGrid(db, system, project.id, {
        cells: [
          { category: 'labour', period: '2027-03', amount: 1 },
          { category: 'labour', period: '2028-01', amount: 1 },
        ],
      }),
      'cells.1.period',
    );
    await expectInvalid(
      setBudgetGrid(db, system, project.id, {
        cells: [{ category: 'travel', period: '2027-03', amount: 1 }],
      }),
      'cells.0.category',
    );
    expect(await getBudgetGrid(db, system, project.id)).toEqual(before);
  });

  it('keeps single lines with optimistic versions', async () => {
    const p = await freshProject();
    const line = await createBudgetLine(db, system, p.id, {
      category: 'other',
      period: '2027-04',
      amount: 500,
    });
    await expectInvalid(
      createBudgetLine(db, system, p.id, { category: 'other', period: '2026-12', amount: 500 }),
      'period',
    );
    const changed = await updateBudgetLine(db, system, line.id, line.version, { amount: 750 });
    expect(changed).toMatchObject({ amount: 750, version: 2, period: '2027-04' });
    await expect(updateBudgetLine(db, system, line.id, line.version, { amount: 1 })).rejects.toMatchObject({
      status: 409,
    });
    await expect(
      createBudgetLine(db, system, p.id, { category: 'other', period: '2027-04', amount: 1 }),
    ).rejects.toMatchObject({ status: 409, errors: [{ field: 'period' }] });
    expect((await getProjectFinancials(db, system, p.id)).budget).toBe(750);
    await deleteBudgetLine(db, system, line.id, changed.version);
    expect((await getProjectFinancials(db, system, p.id)).budget).toBe(0);
  });

  it('lets only the project side with manage_finance write', async () => {
    const teamMember = await makeActor(db, orgId, 'team_member', 'project', project.id);
    const otherPm = await makeActor(db, orgId, 'project_manager', 'project', (await freshProject()).id);
    const pm = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    const cells = { cells: [{ category: 'labour', period: '2027-01', amount: 11_000 }] };
    await expect(setBudgetGrid(db, teamMember, project.id, cells)).rejects.toMatchObject({ status: 403 });
    await expect(setBudgetGrid(db, otherPm, project.id, cells)).rejects.toMatchObject({ status: 403 });
    await expect(getBudgetGrid(db, otherPm, project.id)).rejects.toMatchObject({ status: 403 });
    expect((await setBudgetGrid(db, pm, project.id, cells)).total).toBe(11_000);
    expect((await getBudgetGrid(db, teamMember, project.id)).total).toBe(11_000);
  });
});

describe('actual costs', () => {
  it('enters, edits and deletes a cost, refusing bad amounts and dates outside the project', async () => {
    const p = await freshProject();
    const cost = await createActualCost(db, system, p.id, {
      category: 'operating',
      incurredOn: '2027-02-10',
      amount: 1234.5,
      description: 'Site cabin hire',
    });
    expect(cost).toMatchObject({ source: 'entered', amount: 1234.5, incurredOn: '2027-02-10' });
    await expectInvalid(
      createActualCost(db, system, p.id, { category: 'operating', incurredOn: '2027-02-10', amount: -5 }),
      'amount',
    );
    await expectInvalid(
      createActualCost(db, system, p.id, { category: 'operating', incurredOn: '2027-02-10', amount: '12a' }),
      'amount',
    );
    await expectInvalid(
      createActualCost(db, system, p.id, { category: 'operating', incurredOn: '2029-01-01', amount: 5 }),
      'incurredOn',
    );
    expect(await count('actual_costs', p.id)).toBe(1);
    const edited = await updateActualCost(db, system, cost.id, cost.version, { amount: 1000 });
    expect((await getProjectFinancials(db, system, p.id)).actual).toBe(1000);
    await deleteActualCost(db, system, cost.id, edited.version);
    expect((await getProjectFinancials(db, system, p.id)).actual).toBe(0);
  });

  it('imports a CSV all at once, matching task WBS codes', async () => {
    const p = await freshProject();
    const csv = [
      'date,category,amount,description,task',
      '2027-01-15,labour,1500.00,"Survey crew, week 2",',
      '2027-02-01,capital,"20000",Transformer deposit,',
      '',
    ].join('\n');
    const result = await importActualCosts(db, system, p.id, csv);
    expect(result).toMatchObject({ rows: 2, total: 21_500 });
    const listed = await listActualCosts(db, system, p.id, { page: 1, pageSize: 50, order: 'asc' });
    expect(listed.items.map((c) => [c.incurredOn, c.amount, c.source, c.description])).toEqual([
      ['2027-01-15', 1500, 'imported', 'Survey crew, week 2'],
      ['2027-02-01', 20_000, 'imported', 'Transformer deposit'],
    ]);
    expect((await getProjectFinancials(db, system, p.id)).actual).toBe(21_500);
  });

  it('reports every bad CSV row by line and field and imports nothing', async () => {
    const p = await freshProject();
    const csv = [
      'date,category,amount,description,task',
      '2027-01-15,labour,1500,ok,',
      '2027-13-01,labour,10,bad date,',
      '2027-02-01,travel,10,bad category,',
      '2027-02-02,labour,-3,negative,',
      '2027-02-03,labour,abc,not a number,',
      '2031-02-03,labour,5,outside,',
      '2027-02-04,labour,5,unknown task,X.9',
    ].join('\n');
    const failure = await importActualCosts(db, system, p.id, csv).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 400 });
    const fields = (failure as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual([
      'line 3: date',
      'line 4: category',
      'line 5: amount',
      'line 6: amount',
      'line 7: date',
      'line 8: task',
    ]);
    expect(await count('actual_costs', p.id)).toBe(0);
  });

  it('derives labour cost from assignments, replacing earlier derived rows', async () => {
    const p = await freshProject();
    const [taskId] = await db.query<{ id: string }>(
      `INSERT INTO tasks (org_id, id, project_id, position, name, duration_minutes, percent_complete, early_start,
         early_finish, actual_start)
       VALUES ($1, gen_random_uuid(), $2, 0, 'Cabling', 9600, 50, '2027-01-25T08:00', '2027-02-19T17:00', '2027-01-25T08:00')
       RETURNING id`,
      [orgId, p.id],
    );
    const resourceId = await insertResource(db, orgId, { code: `EL-${p.code}` });
    await db.query(
      `INSERT INTO resource_rates (org_id, id, resource_id, effective_from, standard_rate)
       VALUES ($1, gen_random_uuid(), $2, '2020-01-01', 100), ($1, gen_random_uuid(), $2, '2027-02-01', 120)`,
      [orgId, resourceId],
    );
    // 160 h of work, 50% complete → 80 h, from Jan 25 to the status date Feb 3 (10 days): 7 in January, 3 in February.
    await insertAssignment(db, orgId, { taskId: taskId.id, resourceId });
    const first = await deriveProjectActualCosts(db, system, p.id, '2027-02-03');
    expect(first).toMatchObject({ rows: 2, replaced: 0 });
    const rows = await listActualCosts(db, system, p.id, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      source: 'derived',
    });
    expect(rows.items.map((r) => [r.incurredOn, r.amount, r.category])).toEqual([
      ['2027-01-31', 5600, 'labour'], // 56 h × 100
      ['2027-02-03', 2880, 'labour'], // 24 h × 120
    ]);
    const second = await deriveProjectActualCosts(db, system, p.id, '2027-02-03');
    expect(second).toMatchObject({ rows: 2, replaced: 2, total: 8480 });
    expect(await count('actual_costs', p.id)).toBe(2);
    const [derived] = (await listActualCosts(db, system, p.id, { page: 1, pageSize: 1, order: 'asc' })).items;
    await expect(
      updateActualCost(db, system, derived.id, derived.version, { amount: 1 }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });
});

describe('forecasts', () => {
  it('numbers versions, lists them newest first and compares two', async () => {
    const p = await freshProject();
    const v1 = await createCostForecast(db, system, p.id, {
      asOf: '2027-02-01',
      note: 'first cut',
      lines: [
        { category: 'labour', period: '2027-02', amount: 1000 },
        { category: 'labour', period: '2027-03', amount: 1000 },
      ],
    });
    const v2 = await createCostForecast(db, system, p.id, {
      asOf: '2027-03-01',
      lines: [
        { category: 'labour', period: '2027-03', amount: 1500 },
        { category: 'capital', period: '2027-04', amount: 400 },
      ],
    });
    expect([v1.number, v2.number]).toEqual([1, 2]);
    expect((await listCostForecasts(db, system, p.id)).map((f) => [f.number, f.total])).toEqual([
      [2, 1900],
      [1, 2000],
    ]);
    const comparison = await compareCostForecasts(db, system, p.id, 1, 2);
    expect(comparison.rows).toEqual([
      { category: 'labour', period: '2027-02', from: 1000, to: 0, change: -1000 },
      { category: 'labour', period: '2027-03', from: 1000, to: 1500, change: 500 },
      { category: 'capital', period: '2027-04', from: 0, to: 400, change: 400 },
    ]);
    await expectInvalid(
      createCostForecast(db, system, p.id, {
        asOf: '2027-03-01',
        lines: [{ category: 'labour', period: '2030-03', amount: 1 }],
      }),
      'lines.0.period',
    );
    expect((await listCostForecasts(db, system, p.id)).length).toBe(2);
  });
});

describe('envelopes', () => {
  it('flags the months where the projects of a program budget more than its envelope', async () => {
    const base = await makeProject(db, orgId);
    const sibling = await createProject(db, system, {
      code: `SIB-${base.code}`,
      name: 'Sibling',
      businessUnitId: base.businessUnitId,
      portfolioId: base.portfolioId,
      programId: base.programId,
      targetStart: '2027-01-04',
      targetFinish: '2027-06-30',
    });
    await setBudgetGrid(db, system, base.id, {
      cells: [{ category: 'labour', period: '2027-01', amount: 6000 }],
    });
    await setBudgetGrid(db, system, sibling.id, {
      cells: [
        { category: 'labour', period: '2027-01', amount: 5000 },
        { category: 'capital', period: '2027-02', amount: 100 },
      ],
    });
    const programId = base.programId as string;
    await createEnvelope(db, system, { programId, period: '2027-01', amount: 10_000 });
    await createEnvelope(db, system, { programId, period: '2027-02', category: 'capital', amount: 500 });
    const check = await checkEnvelopes(db, system, 'program', programId);
    expect(check.rows.map((r) => [r.period, r.category, r.envelope, r.budget, r.over])).toEqual([
      ['2027-01', null, 10_000, 11_000, true],
      ['2027-02', 'capital', 500, 100, false],
    ]);
    expect(check.overCount).toBe(1);
    const pm = await makeActor(db, orgId, 'project_manager', 'project', base.id);
    await expect(createEnvelope(db, pm, { programId, period: '2027-03', amount: 1 })).rejects.toMatchObject({
      status: 403,
    });
    await expectInvalid(createEnvelope(db, system, { period: '2027-03', amount: 1 }), 'programId');
    await expect(
      createEnvelope(db, system, { programId, period: '2027-01', amount: 1 }),
    ).rejects.toMatchObject({
      status: 409,
      errors: [{ field: 'period' }],
    });
  });
});

describe('the nightly refresh', () => {
  it('writes a financials row for every project of the organization', async () => {
    const result = await refreshOrganizationFinancials(db, orgId, '2027-02-14');
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM project_financials WHERE org_id = $1 AND as_of = $2',
      [orgId, '2027-02-14'],
    );
    expect(row.n).toBe(result.projects);
    expect(result.projects).toBeGreaterThan(5);
  });
});
