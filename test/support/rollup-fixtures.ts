import type { Database } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import type { Actor } from '../../src/services/policy.ts';
import { createProject } from '../../src/services/projects.ts';
import { createBusinessUnit, createPortfolio, createProgram } from '../../src/services/structure.ts';

/**
 * The stored figures the finance service keeps (project_financials, project_period_figures), written
 * directly: roll-ups only read them, and these tests pin exact values.
 */
export interface StoredFigures {
  budget: number;
  actual: number;
  eac: number;
  bac: number;
  pv: number;
  ev: number;
  ac: number;
  forecastFinish?: string;
}

export async function storeFinancials(db: Database, orgId: string, projectId: string, f: StoredFigures) {
  await db.query(
    `INSERT INTO project_financials (org_id, project_id, as_of, budget, actual, forecast_to_complete, bac, pv, ev, ac,
       eac, etc, vac, spi, cpi, forecast_finish)
     SELECT $1, $2, '2027-03-31', v.budget, v.actual, v.eac - v.actual, v.bac, v.pv, v.ev, v.ac, v.eac, v.eac - v.ac,
       v.bac - v.eac, round(v.ev / nullif(v.pv, 0), 4), round(v.ev / nullif(v.ac, 0), 4), $10::date
     FROM (SELECT $3::numeric AS budget, $4::numeric AS actual, $5::numeric AS eac, $6::numeric AS bac,
       $7::numeric AS pv, $8::numeric AS ev, $9::numeric AS ac) v`,
    [orgId, projectId, f.budget, f.actual, f.eac, f.bac, f.pv, f.ev, f.ac, f.forecastFinish ?? null],
  );
}

export async function storeMonth(
  db: Database,
  orgId: string,
  projectId: string,
  month: string,
  m: { budget: number; actual: number; forecast: number; pv: number; ev: number },
) {
  await db.query(
    `INSERT INTO project_period_figures (org_id, project_id, period, budget, actual, forecast, pv, ev)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [orgId, projectId, `${month}-01`, m.budget, m.actual, m.forecast, m.pv, m.ev],
  );
}

export async function storeMilestone(
  db: Database,
  orgId: string,
  projectId: string,
  name: string,
  date: string,
) {
  await db.query(
    `INSERT INTO tasks (org_id, id, project_id, position, name, milestone, early_start, early_finish)
     VALUES ($1, $2, $3, 0, $4, true, $5, $5)`,
    [orgId, uuidv7(), projectId, name, `${date} 08:00`],
  );
}

/**
 * A small enterprise with known figures:
 * North (with sub-unit North-East) holds portfolio P1 with program G1 (A, B) and C outside programs;
 * South holds portfolio P2 with program G2 (D, which has no stored figures yet).
 */
export async function buildRollupTree(db: Database, system: Actor, managerId: string) {
  const orgId = system.orgId;
  const north = await createBusinessUnit(db, system, { name: 'North', code: 'N' });
  const northEast = await createBusinessUnit(db, system, {
    name: 'North-East',
    code: 'NE',
    parentId: north.id,
  });
  const south = await createBusinessUnit(db, system, { name: 'South', code: 'S' });
  const p1 = await createPortfolio(db, system, { name: 'P1 Growth', businessUnitId: north.id });
  const p2 = await createPortfolio(db, system, { name: 'P2 Run', businessUnitId: south.id });
  const g1 = await createProgram(db, system, { name: 'G1 Platform', portfolioId: p1.id });
  const g2 = await createProgram(db, system, { name: 'G2 Grid', portfolioId: p2.id });
  const project = (code: string, extra: Record<string, unknown>) =>
    createProject(db, system, { code, name: `Project ${code}`, budget: 0, ...extra });
  const a = await project('A', {
    businessUnitId: north.id,
    portfolioId: p1.id,
    programId: g1.id,
    stage: 'execution',
    health: 'red',
    managerId,
    targetStart: '2027-01-04',
    targetFinish: '2027-06-30',
  });
  const b = await project('B', {
    businessUnitId: northEast.id,
    portfolioId: p1.id,
    programId: g1.id,
    stage: 'execution',
    health: 'green',
    targetStart: '2027-02-01',
    targetFinish: '2027-12-31',
  });
  const c = await project('C', {
    businessUnitId: north.id,
    portfolioId: p1.id,
    programId: null,
    stage: 'planning',
    health: 'amber',
    targetStart: '2027-03-01',
    targetFinish: '2027-03-31',
  });
  const d = await project('D', {
    businessUnitId: south.id,
    portfolioId: p2.id,
    programId: g2.id,
    stage: 'execution',
    budget: 70_000,
    targetStart: '2026-10-01',
    targetFinish: '2027-09-30',
  });
  await storeFinancials(db, orgId, a.id, {
    budget: 100_000,
    actual: 40_000.5,
    eac: 120_000,
    bac: 100_000,
    pv: 50_000,
    ev: 40_000,
    ac: 45_000,
    forecastFinish: '2027-08-15',
  });
  await storeFinancials(db, orgId, b.id, {
    budget: 200_000,
    actual: 50_000.25,
    eac: 190_000,
    bac: 200_000,
    pv: 80_000,
    ev: 90_000,
    ac: 50_000,
  });
  await storeFinancials(db, orgId, c.id, {
    budget: 50_000,
    actual: 10_000,
    eac: 55_000,
    bac: 50_000,
    pv: 20_000,
    ev: 15_000,
    ac: 10_000,
  });
  const month = { budget: 10_000, actual: 8_000, forecast: 9_000, pv: 7_000, ev: 6_000 };
  await storeMonth(db, orgId, a.id, '2027-01', month);
  await storeMonth(db, orgId, a.id, '2027-02', month);
  await storeMonth(db, orgId, b.id, '2027-02', { ...month, actual: 1_000 });
  await storeMonth(db, orgId, d.id, '2027-03', month);
  await storeMilestone(db, orgId, a.id, 'Design approved', '2027-04-15');
  await storeMilestone(db, orgId, d.id, 'Grid live', '2027-04-01');
  await storeMilestone(db, orgId, b.id, 'Kick-off', '2027-01-10');
  return { north, northEast, south, p1, p2, g1, g2, a, b, c, d };
}
