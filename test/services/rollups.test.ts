import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { dashboardEpoch } from '../../src/db/repositories/rollups.ts';
import { getDashboard } from '../../src/services/dashboard.ts';
import { exportDashboard } from '../../src/services/dashboard-export.ts';
import type { Actor } from '../../src/services/policy.ts';
import { getProject, updateProject } from '../../src/services/projects.ts';
import { getContributors } from '../../src/services/rollups.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization } from '../support/factories.ts';
import { buildRollupTree } from '../support/rollup-fixtures.ts';

let db: Database;
let system: Actor;
let pmo: Actor;
let programManager: Actor;
let tree: Awaited<ReturnType<typeof buildRollupTree>>;
const today = '2027-04-01';

beforeAll(async () => {
  db = await openTestDatabase();
  ({ system } = await makeOrganization(db));
  pmo = await makeActor(db, system.orgId, 'pmo_admin');
  tree = await buildRollupTree(db, system, pmo.userId as string);
  programManager = await makeActor(db, system.orgId, 'program_manager', 'program', tree.g1.id);
}, 120_000);
afterAll(async () => db?.close());

const dashboard = (actor: Actor, query: Record<string, unknown> = {}) =>
  getDashboard(db, actor, { scopeType: 'organization', ...query }, { today });
const contributors = (actor: Actor, query: Record<string, unknown>) =>
  getContributors(db, actor, { scopeType: 'organization', ...query }, { today });

describe('organization roll-up', () => {
  it('sums the stored figures exactly, falling back to the project budget where none are stored', async () => {
    const { kpis } = await dashboard(pmo);
    expect(kpis).toMatchObject({
      projects: 4,
      budget: 420_000,
      actual: 100_000.75,
      eac: 365_000,
      pv: 150_000,
      ev: 145_000,
      ac: 105_000,
      red: 1,
      amber: 1,
      green: 1,
      unrated: 1,
      late: 1,
      overdue: 1,
      start: '2026-10-01',
      finish: '2027-12-31',
    });
  });

  it('computes the indices as ratios of sums, not as averages of the projects', async () => {
    const { kpis } = await dashboard(pmo);
    expect(kpis.spi).toBe(0.9667);
    expect(kpis.cpi).toBe(1.381);
  });

  it('rolls sub-units into their top-level business unit', async () => {
    const { children, childScopeType } = await dashboard(pmo);
    expect(childScopeType).toBe('business_unit');
    expect(children.map((c) => [c.name, c.projects, c.budget])).toEqual([
      ['North', 3, 350_000],
      ['South', 1, 70_000],
    ]);
  });

  it('counts the RAG matrix by health and stage', async () => {
    const { ragMatrix } = await dashboard(pmo);
    const cells = ragMatrix.map((c) => `${c.health}/${c.stage}=${c.projects}`).sort();
    expect(cells).toEqual(['amber/planning=1', 'green/execution=1', 'none/execution=1', 'red/execution=1']);
  });

  it('draws the S-curve as running totals of the monthly figures and the burn per month', async () => {
    const { sCurve, burn } = await dashboard(pmo);
    expect(burn.map((m) => [m.month, m.budget, m.actual])).toEqual([
      ['2027-01', 10_000, 8_000],
      ['2027-02', 20_000, 9_000],
      ['2027-03', 10_000, 8_000],
    ]);
    expect(sCurve.map((m) => [m.month, m.budget, m.actual, m.pv, m.ev])).toEqual([
      ['2027-01', 10_000, 8_000, 7_000, 6_000],
      ['2027-02', 30_000, 17_000, 21_000, 18_000],
      ['2027-03', 40_000, 25_000, 28_000, 24_000],
    ]);
  });

  it('lays out programs by their earliest start with the worst health of their projects', async () => {
    const { programTimeline } = await dashboard(pmo);
    expect(programTimeline.items.map((p) => [p.name, p.start, p.finish, p.health, p.projects])).toEqual([
      ['G2 Grid', '2026-10-01', '2027-09-30', 'none', 1],
      ['G1 Platform', '2027-01-04', '2027-12-31', 'red', 2],
    ]);
  });

  it('lists the next unfinished milestones from the status date on', async () => {
    const { nextMilestones } = await dashboard(pmo);
    expect(nextMilestones.map((m) => [m.name, m.date, m.projectCode])).toEqual([
      ['Grid live', '2027-04-01', 'D'],
      ['Design approved', '2027-04-15', 'A'],
    ]);
  });

  it('pages and sorts the project list, with the total of the whole selection', async () => {
    const first = await dashboard(pmo, { sort: '-eac', pageSize: 2 });
    expect(first.projects.items.map((p) => p.code)).toEqual(['B', 'A']);
    expect(first.projects.total).toBe(4);
    const second = await dashboard(pmo, { sort: '-eac', pageSize: 2, page: 2 });
    expect(second.projects.items.map((p) => p.code)).toEqual(['C', 'D']);
  });
});

describe('scopes and filters', () => {
  it('rolls a portfolio up by program, with the projects outside programs as their own row', async () => {
    const result = await dashboard(pmo, { scopeType: 'portfolio', scopeId: tree.p1.id });
    expect(result.scope.name).toBe('P1 Growth');
    expect(result.children.map((c) => [c.id, c.name, c.projects])).toEqual([
      [tree.g1.id, 'G1 Platform', 2],
      [null, 'Outside any program', 1],
    ]);
    expect(result.burn.map((m) => [m.month, m.budget])).toEqual([
      ['2027-01', 10_000],
      ['2027-02', 20_000],
    ]);
  });

  it('includes a business unit’s sub-units in its scope', async () => {
    const result = await dashboard(pmo, { scopeType: 'business_unit', scopeId: tree.north.id });
    expect(result.kpis.projects).toBe(3);
    expect(result.children.map((c) => c.name)).toEqual(['P1 Growth']);
  });

  it('filters by business unit, manager, health and stage', async () => {
    const codes = async (query: Record<string, unknown>) =>
      (await dashboard(pmo, query)).projects.items.map((p) => p.code);
    expect(await codes({ businessUnitId: tree.northEast.id })).toEqual(['B']);
    expect(await codes({ managerId: pmo.userId })).toEqual(['A']);
    expect(await codes({ health: 'none' })).toEqual(['D']);
    expect(await codes({ stage: 'planning' })).toEqual(['C']);
    expect(await codes({ portfolioId: tree.p2.id, health: 'red' })).toEqual([]);
  });

  it('refuses a scope id for the organization and asks for one elsewhere', async () => {
    await expect(dashboard(pmo, { scopeId: tree.p1.id })).rejects.toThrow(/scopeId/);
    await expect(dashboard(pmo, { scopeType: 'program' })).rejects.toThrow(/scopeId/);
  });
});

describe('visibility', () => {
  it('shows a program manager only the projects of their program', async () => {
    const result = await dashboard(programManager);
    expect(result.kpis.projects).toBe(2);
    expect(result.kpis.budget).toBe(300_000);
    expect(result.children.map((c) => [c.name, c.projects])).toEqual([['North', 2]]);
    expect(result.projects.items.map((p) => p.code)).toEqual(['A', 'B']);
    const budget = await contributors(programManager, { figure: 'budget' });
    expect(budget.items.map((c) => c.code)).toEqual(['B', 'A']);
  });

  it('refuses a program the reader has no part in', async () => {
    await expect(dashboard(programManager, { scopeType: 'program', scopeId: tree.g2.id })).rejects.toThrow(
      /permission/,
    );
  });
});

describe('contributors', () => {
  it('lists the rows of a sum whose values add up to the figure', async () => {
    const result = await contributors(pmo, { figure: 'budget' });
    expect(result.value).toBe(420_000);
    expect(result.items.map((c) => [c.code, c.value])).toEqual([
      ['B', 200_000],
      ['A', 100_000],
      ['D', 70_000],
      ['C', 50_000],
    ]);
    expect(result.items.reduce((sum, c) => sum + (c.value ?? 0), 0)).toBe(result.value);
  });

  it('gives an index its numerators and denominators, which sum to the rolled-up ratio', async () => {
    const result = await contributors(pmo, { figure: 'spi' });
    // The project without stored figures has no index, so it is no part of the scope's index either.
    expect(result).toMatchObject({ value: 0.9667, numerator: 145_000, denominator: 150_000, total: 3 });
    const numerator = result.items.reduce((sum, c) => sum + (c.numerator ?? 0), 0);
    const denominator = result.items.reduce((sum, c) => sum + (c.denominator ?? 0), 0);
    expect(numerator).toBe(145_000);
    expect(denominator).toBe(150_000);
  });

  it('traces a RAG cell, a stage, a late count and a child row to their projects', async () => {
    const codes = async (query: Record<string, unknown>) =>
      (await contributors(pmo, query)).items.map((c) => c.code);
    expect(await codes({ figure: 'cell:red:execution' })).toEqual(['A']);
    expect(await codes({ figure: 'stage:execution' })).toEqual(['A', 'B', 'D']);
    expect(await codes({ figure: 'late' })).toEqual(['A']);
    expect(await codes({ figure: 'overdue' })).toEqual(['C']);
    const north = await contributors(pmo, {
      figure: 'eac',
      scopeType: 'business_unit',
      scopeId: tree.north.id,
    });
    expect(north.value).toBe(365_000);
    expect(north.total).toBe(3);
  });

  it('traces a month of the burn and a point of the S-curve to the projects with figures in them', async () => {
    const month = await contributors(pmo, { figure: 'month:2027-02:budget' });
    expect(month.items.map((c) => [c.code, c.value])).toEqual([
      ['A', 10_000],
      ['B', 10_000],
    ]);
    expect(month.value).toBe(20_000);
    const upTo = await contributors(pmo, { figure: 'upto:2027-02:actual' });
    expect(upTo.items.map((c) => [c.code, c.value])).toEqual([
      ['A', 16_000],
      ['B', 1_000],
    ]);
    const { sCurve } = await dashboard(pmo);
    expect(upTo.value).toBe(sCurve.find((m) => m.month === '2027-02')?.actual);
    // The forecast line is the running outturn (spent plus still to come): its projects add up to that.
    const forecastMonth = sCurve.find((m) => m.forecast > 0 && m.actual > 0);
    expect(forecastMonth).toBeDefined();
    const outturn = await contributors(pmo, { figure: `upto:${forecastMonth!.month}:outturn` });
    expect(outturn.value).toBeCloseTo(forecastMonth!.actual + forecastMonth!.forecast, 6);
    expect(outturn.items.reduce((sum, c) => sum + (c.value ?? 0), 0)).toBeCloseTo(outturn.value ?? 0, 6);
    await expect(contributors(pmo, { figure: 'month:2027-13:pv' })).rejects.toThrow(/figure/);
    await expect(contributors(pmo, { figure: 'upto:2027-02:happiness' })).rejects.toThrow(/figure/);
  });

  it('keeps the figure on a page past the end', async () => {
    const result = await contributors(pmo, { figure: 'ac', page: 9, pageSize: 2 });
    expect(result).toMatchObject({ value: 105_000, total: 4, items: [] });
  });

  it('names a figure it does not know', async () => {
    await expect(contributors(pmo, { figure: 'happiness' })).rejects.toThrow(/figure/);
  });
});

describe('kept dashboards', () => {
  it('moves the epoch once per changing transaction, and a kept dashboard follows every change', async () => {
    const { kpis } = await dashboard(pmo, { scopeType: 'program', scopeId: tree.g2.id });
    expect(kpis.red).toBe(0);
    const before = await dashboardEpoch(db, system.orgId);
    const project = await getProject(db, pmo, tree.d.id);
    await updateProject(db, pmo, tree.d.id, project.version, { health: 'red' });
    expect(Number(await dashboardEpoch(db, system.orgId))).toBe(Number(before) + 1);
    const after = await dashboard(pmo, { scopeType: 'program', scopeId: tree.g2.id });
    expect(after.kpis.red).toBe(1);
    await db.transaction(async (tx) => {
      // Bulk plan writes turn ordinary triggers off where they may; the epoch's triggers fire anyway.
      if (tx.superuser) await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(
        `INSERT INTO project_period_figures (org_id, project_id, period, budget, actual, forecast, pv, ev)
         VALUES ($1, $2, '2027-04-01', 5000, 0, 0, 0, 0), ($1, $2, '2027-05-01', 5000, 0, 0, 0, 0)`,
        [system.orgId, tree.d.id],
      );
    });
    expect(Number(await dashboardEpoch(db, system.orgId))).toBe(Number(before) + 2);
    const months = await dashboard(pmo, { scopeType: 'program', scopeId: tree.g2.id });
    expect(months.burn.map((m) => m.month)).toEqual(['2027-03', '2027-04', '2027-05']);
    await db.query(
      `DELETE FROM project_period_figures WHERE org_id = $1 AND project_id = $2 AND period > '2027-03-01'`,
      [system.orgId, tree.d.id],
    );
    await updateProject(db, pmo, tree.d.id, project.version + 1, { health: null });
    expect((await dashboard(pmo, { scopeType: 'program', scopeId: tree.g2.id })).burn).toHaveLength(1);
  });
});

describe('XLSX export', () => {
  it('writes a workbook exceljs reads back, with the totals of the dashboard', async () => {
    const file = await exportDashboard(db, pmo, { scopeType: 'organization' }, { today });
    const chunks: Buffer[] = [];
    for await (const chunk of file.body) chunks.push(chunk as Buffer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet('Summary');
    const values = new Map<string, unknown>();
    summary?.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Budget')).toBe(420_000);
    expect(values.get('EAC')).toBe(365_000);
    expect(values.get('SPI')).toBe(0.9667);
    const children = workbook.getWorksheet('Children');
    expect(children?.getRow(2).getCell(1).value).toBe('North');
    expect(children?.getRow(2).getCell(3).value).toBe(350_000);
    const projects = workbook.getWorksheet('Projects');
    expect(projects?.actualRowCount).toBe(5);
    expect(projects?.getRow(2).getCell(1).value).toBe('A');
    expect(file.fileName).toMatch(/^dashboard-.+-2027-04-01\.xlsx$/);
  });
});
