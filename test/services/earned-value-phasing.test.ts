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
        forecast: 0,
        pv: expect.closeTo(3100, 6),
        ev: 0,
      },
    ]);
  });
});
