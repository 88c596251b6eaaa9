import { describe, expect, it } from 'vitest';
import type { EvmTaskRow } from '../../src/db/repositories/finance-figures.ts';
import { analyzeProjectMoney, type ProjectMoneyInput } from '../../src/services/earned-value-phasing.ts';

const base: ProjectMoneyInput = {
  projectId: 'p',
  asOf: '2027-03-15',
  targetStart: null,
  tasks: [],
  budgetByMonth: [],
  actualsByDay: [],
  forecastByMonth: [],
  hasForecast: false,
};

const task = (overrides: Partial<EvmTaskRow>): EvmTaskRow => ({
  projectId: 'p',
  taskId: overrides.taskId ?? 't',
  percentComplete: 0,
  durationMinutes: 480,
  start: null,
  finish: null,
  actualStart: null,
  actualFinish: null,
  baselineStart: null,
  baselineFinish: null,
  baselineDuration: null,
  baselineCost: null,
  assignmentCost: 0,
  ...overrides,
});

describe('time-phasing a project for earned value', () => {
  it('gives zeros and no indices for a project with no money at all', () => {
    const result = analyzeProjectMoney(base);
    expect(result.report.basis).toBe('none');
    expect(result.financials).toMatchObject({ bac: 0, pv: 0, ev: 0, ac: 0, eac: 0, spi: null, cpi: null });
    expect(result.periods).toEqual([]);
  });

  it('leaves the indices unknown, not zero, for a budgeted project with no tasks to earn from', () => {
    const result = analyzeProjectMoney({
      ...base,
      budgetByMonth: [
        { projectId: 'p', day: '2027-01-01', amount: 3100 },
        { projectId: 'p', day: '2027-02-01', amount: 2800 },
      ],
      actualsByDay: [{ projectId: 'p', day: '2027-01-20', amount: 4000 }],
    });
    expect(result.financials.pv).toBeGreaterThan(0);
    expect(result.financials).toMatchObject({
      ev: 0,
      ac: 4000,
      spi: null,
      cpi: null,
      tcpi: null,
      spiT: null,
    });
  });

  it('leaves the indices unknown for a plan nobody has statused yet', () => {
    const result = analyzeProjectMoney({
      ...base,
      budgetByMonth: [{ projectId: 'p', day: '2027-01-01', amount: 3100 }],
      tasks: [task({ taskId: 'a', start: '2027-01-04T08:00:00', finish: '2027-01-29T17:00:00' })],
    });
    expect(result.financials).toMatchObject({ ev: 0, spi: null, cpi: null });
    const statused = analyzeProjectMoney({
      ...base,
      budgetByMonth: [{ projectId: 'p', day: '2027-01-01', amount: 3100 }],
      tasks: [task({ taskId: 'a', start: '2027-01-04T08:00:00', actualStart: '2027-01-04T08:00:00' })],
    });
    expect(statused.financials.spi).toBe(0);
  });

  it('reports nothing earned or spent when the status date is before the plan starts', () => {
    const result = analyzeProjectMoney({
      ...base,
      asOf: '2026-12-01',
      budgetByMonth: [{ projectId: 'p', day: '2027-01-01', amount: 3100 }],
    });
    expect(result.report.status).toMatchObject({ pv: 0, ev: 0, ac: 0, spiT: null, forecastFinish: null });
    expect(result.financials.eac).toBe(3100);
    expect(result.report.months.every((m) => !m.reported)).toBe(true);
  });

  it("uses the assignments' cost when the baseline holds none, and shares the budget by duration when neither has cost", () => {
    const withAssignments = analyzeProjectMoney({
      ...base,
      tasks: [
        task({
          taskId: 'a',
          baselineStart: '2027-01-01',
          baselineFinish: '2027-01-10',
          assignmentCost: 1000,
          percentComplete: 50,
          actualStart: '2027-01-01',
        }),
      ],
    });
    expect(withAssignments.report.basis).toBe('baseline_cost');
    expect(withAssignments.financials).toMatchObject({ bac: 1000, pv: 1000, ev: expect.closeTo(500, 6) });

    const byDuration = analyzeProjectMoney({
      ...base,
      budgetByMonth: [{ projectId: 'p', day: '2027-01-01', amount: 900 }],
      tasks: [
        task({
          taskId: 'a',
          baselineStart: '2027-01-01',
          baselineFinish: '2027-01-10',
          baselineDuration: 960,
          percentComplete: 100,
        }),
        task({
          taskId: 'b',
          baselineStart: '2027-01-11',
          baselineFinish: '2027-01-20',
          baselineDuration: 480,
        }),
      ],
    });
    expect(byDuration.report.basis).toBe('baseline_budget');
    expect(byDuration.financials.ev).toBeCloseTo(600, 9);
  });

  it('counts actual cost only up to the status date but keeps every actual in the monthly figures', () => {
    const result = analyzeProjectMoney({
      ...base,
      budgetByMonth: [{ projectId: 'p', day: '2027-03-01', amount: 3100 }],
      actualsByDay: [
        { projectId: 'p', day: '2027-03-10', amount: 100 },
        { projectId: 'p', day: '2027-03-20', amount: 50 },
      ],
    });
    expect(result.financials).toMatchObject({ ac: 100, actual: 150 });
    expect(result.periods).toEqual([
      {
        projectId: 'p',
        period: '2027-03-01',
        budget: 3100,
        actual: 150,
        forecast: result.financials.etc,
        pv: expect.closeTo(3100, 6),
        ev: 0,
      },
    ]);
  });

  it('forecasts the EAC of a project without a forecast over the months its plan has left', () => {
    const result = analyzeProjectMoney({
      ...base,
      budgetByMonth: [
        { projectId: 'p', day: '2027-02-01', amount: 2800 },
        { projectId: 'p', day: '2027-03-01', amount: 3100 },
        { projectId: 'p', day: '2027-04-01', amount: 3000 },
      ],
      actualsByDay: [{ projectId: 'p', day: '2027-02-10', amount: 4000 }],
    });
    const { ac, eac, etc } = result.financials;
    expect(etc).toBeCloseTo(eac - ac, 6);
    const forecast = Object.fromEntries(result.periods.map((p) => [p.period.slice(0, 7), p.forecast]));
    expect(forecast['2027-02']).toBe(0);
    // Sixteen days of March's 100 a day are still to come, and all of April's 3,000.
    expect(forecast['2027-03']).toBeCloseTo((etc * 1600) / 4600, 6);
    expect(forecast['2027-04']).toBeCloseTo((etc * 3000) / 4600, 6);
  });

  it("keeps only the forecast's months from the status date on, which are what its EAC counts", () => {
    const result = analyzeProjectMoney({
      ...base,
      hasForecast: true,
      budgetByMonth: [{ projectId: 'p', day: '2027-03-01', amount: 3100 }],
      actualsByDay: [{ projectId: 'p', day: '2027-02-10', amount: 500 }],
      forecastByMonth: [
        { projectId: 'p', day: '2027-02-01', amount: 900 },
        { projectId: 'p', day: '2027-03-01', amount: 1200 },
        { projectId: 'p', day: '2027-04-01', amount: 800 },
      ],
    });
    expect(result.financials).toMatchObject({ forecastToComplete: 2000, eac: 2500 });
    expect(result.periods.map((p) => [p.period.slice(0, 7), p.forecast])).toEqual([
      ['2027-02', 0],
      ['2027-03', 1200],
      ['2027-04', 800],
    ]);
  });

  it('forecasts nothing more for a closed or terminated project: its EAC is what it cost', () => {
    const result = analyzeProjectMoney({
      ...base,
      ended: true,
      budgetByMonth: [
        { projectId: 'p', day: '2027-03-01', amount: 3100 },
        { projectId: 'p', day: '2027-04-01', amount: 3000 },
      ],
      actualsByDay: [{ projectId: 'p', day: '2027-03-05', amount: 700 }],
    });
    expect(result.financials).toMatchObject({ ac: 700, eac: 700, etc: 0, vac: 5400 });
    expect(result.periods.every((p) => p.forecast === 0)).toBe(true);
  });

  it("spreads a late project's remainder evenly over the months to its forecast finish", () => {
    const result = analyzeProjectMoney({
      ...base,
      asOf: '2027-05-15',
      budgetByMonth: [{ projectId: 'p', day: '2027-03-01', amount: 3100 }],
      actualsByDay: [{ projectId: 'p', day: '2027-03-10', amount: 2000 }],
      tasks: [
        task({
          baselineStart: '2027-03-01',
          baselineFinish: '2027-03-31',
          percentComplete: 40,
          actualStart: '2027-03-01',
        }),
      ],
    });
    const { etc } = result.financials;
    expect(etc).toBeGreaterThan(0);
    const future = result.periods.filter((p) => p.forecast > 0);
    expect(future[0].period).toBe('2027-05-01');
    expect(future.length).toBeGreaterThan(1);
    expect(future.at(-1)!.period.slice(0, 7)).toBe(result.financials.forecastFinish?.slice(0, 7));
    expect(future.reduce((sum, p) => sum + p.forecast, 0)).toBeCloseTo(etc, 6);
    for (const p of future) expect(p.forecast).toBeCloseTo(etc / future.length, 6);
  });

  it('spreads the remainder of a late, never-statused project at its average monthly spend so far', () => {
    // Planned January to March, 3,000 budgeted; 1,000 a month spent in January to April; nothing statused,
    // so earned schedule cannot say when it finishes.
    const result = analyzeProjectMoney({
      ...base,
      asOf: '2027-05-10',
      budgetByMonth: [
        { projectId: 'p', day: '2027-01-01', amount: 1000 },
        { projectId: 'p', day: '2027-02-01', amount: 1000 },
        { projectId: 'p', day: '2027-03-01', amount: 1000 },
      ],
      actualsByDay: ['01', '02', '03', '04'].map((m) => ({
        projectId: 'p',
        day: `2027-${m}-15`,
        amount: 1000,
      })),
    });
    const { etc, forecastFinish } = result.financials;
    expect(forecastFinish).toBeNull();
    expect(etc).toBeCloseTo(3000, 6);
    const future = result.periods
      .filter((p) => p.forecast > 0)
      .map((p) => [p.period.slice(0, 7), Math.round(p.forecast * 100) / 100]);
    expect(future).toEqual([
      ['2027-05', 1000],
      ['2027-06', 1000],
      ['2027-07', 1000],
    ]);
  });

  it('puts the remainder in the status month when there is neither a forecast finish nor any spend', () => {
    const result = analyzeProjectMoney({
      ...base,
      asOf: '2027-05-10',
      budgetByMonth: [{ projectId: 'p', day: '2027-01-01', amount: 1000 }],
    });
    expect(
      result.periods
        .filter((p) => p.forecast > 0)
        .map((p) => [p.period.slice(0, 7), Math.round(p.forecast * 100) / 100]),
    ).toEqual([['2027-05', 1000]]);
  });
});
