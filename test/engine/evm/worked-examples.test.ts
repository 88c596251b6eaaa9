// Published earned-value worked examples, transcribed in /work/shared/data/evm/worked_examples.json.
// Each test names its source; 'published' figures are asserted at the precision they were
// printed, 'exact' ones (recomputed without intermediate rounding) tightly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEarnedValue, buildPlannedValue, computeEarnedValue } from '../../../src/engine/evm/index.ts';

interface Example {
  id: string;
  source: string;
  inputs: Record<string, unknown>;
  published: Record<string, number>;
  exact: Record<string, number>;
}
const data = JSON.parse(readFileSync('/work/shared/data/evm/worked_examples.json', 'utf8')) as {
  examples: Example[];
};
const example = (id: string): Example => {
  const found = data.examples.find((e) => e.id === id);
  if (!found) throw new Error(`worked example ${id} missing`);
  return found;
};

describe('fence with four sides (Mulcahy, PMP Exam Prep p.210, via studylib "Earned Value Exercise")', () => {
  const ex = example('fence-4-sides');
  // One side per day, $1,000 each, built in sequence; status at the end of day 3.
  const pv = buildPlannedValue(
    [0, 1, 2, 3].map((day) => ({ id: `side${day + 1}`, budget: 1000, start: day, finish: day })),
    4,
  );
  const ev = buildEarnedValue(
    [
      { id: 'side1', budget: 1000, percentComplete: [1, 1, 1] },
      { id: 'side2', budget: 1000, percentComplete: [0, 1, 1] },
      { id: 'side3', budget: 1000, percentComplete: [0, 0, 0.5] },
      { id: 'side4', budget: 1000, percentComplete: [0, 0, 0] },
    ],
    3,
  );
  const analysis = computeEarnedValue({
    plannedValue: pv.perPeriod,
    earnedValue: ev.perPeriod,
    actualCost: [1000, 1200, 600],
  });
  const status = analysis.periods[2];

  it('reproduces the published PV, EV, AC, BAC, CV and SV at the end of day 3', () => {
    expect(status.cumulative.pv).toBe(ex.published.PV);
    expect(status.cumulative.ev).toBe(ex.published.EV);
    expect(status.cumulative.ac).toBe(ex.published.AC);
    expect(analysis.bac).toBe(ex.published.BAC);
    expect(status.cumulative.cv).toBe(ex.published.CV);
    expect(status.cumulative.sv).toBe(ex.published.SV);
  });

  it('reproduces the published CPI 0.893 and SPI 0.833 to three decimals', () => {
    expect(status.cumulative.cpi).toBeCloseTo(ex.published.CPI, 3);
    expect(status.cumulative.spi).toBeCloseTo(ex.published.SPI, 3);
    expect(status.cumulative.cpi).toBeCloseTo(ex.exact.CPI, 10);
  });

  it('gives EAC 4480, ETC 1680, VAC −480 (the book printed 4479/1679/−479 from CPI rounded to 0.893)', () => {
    expect(status.eac.cpi).toBeCloseTo(ex.exact.EAC, 6);
    expect(status.etc.cpi).toBeCloseTo(ex.exact.ETC, 6);
    expect(status.vac.cpi).toBeCloseTo(ex.exact.VAC, 6);
    // The printed figures follow from the rounded index.
    expect(Math.round(ex.published.BAC / 0.893)).toBe(4479);
  });

  it('places the earned schedule half-way through day 3 and forecasts 4.8 days', () => {
    expect(status.schedule.es).toBeCloseTo(2.5, 12);
    expect(status.schedule.svt).toBeCloseTo(-0.5, 12);
    expect(status.schedule.spit).toBeCloseTo(2.5 / 3, 12);
    expect(status.schedule.ieac).toBeCloseTo(4.8, 12);
    expect(status.schedule.forecastFinishPeriod).toBe(4);
  });

  it('keeps TCPI to BAC consistent with the standard formula (BAC−EV)/(BAC−AC)', () => {
    expect(status.tcpi.toBac).toBeCloseTo((4000 - 2500) / (4000 - 2800), 12);
    // TCPI to an EAC of BAC/CPI is the CPI itself.
    expect(status.tcpi.toEac.cpi).toBeCloseTo(ex.exact.CPI, 10);
  });
});

// The two single-task tutorials define percent complete as AC / EAC with a bottom-up EAC.
function singleTask(ex: Example) {
  const rate = ex.inputs.rate as number;
  const bac = rate * (ex.inputs.baseline_hours as number);
  const ac = rate * (ex.inputs.actual_hours as number);
  const etc = rate * (ex.inputs.etc_hours as number);
  const ev = buildEarnedValue([{ id: 'task', budget: bac, percentComplete: [ac / (ac + etc)] }], 1);
  return computeEarnedValue({
    plannedValue: [bac],
    earnedValue: ev.perPeriod,
    actualCost: [ac],
    estimateToComplete: [etc],
  });
}

describe('single 8-hour task (tutorialspoint, "Earned Value Management - EVM example")', () => {
  const ex = example('single-task-8h');
  const status = singleTask(ex).periods[0];

  it('reproduces PV 800, AC 1100, bottom-up EAC 1200 and VAC −400', () => {
    expect(status.cumulative.pv).toBe(ex.published.PV);
    expect(status.cumulative.ac).toBe(ex.published.AC);
    expect(status.eac.bottomUp).toBe(ex.published.EAC);
    expect(status.vac.bottomUp).toBe(ex.published.VAC);
  });

  it('reproduces EV 733.33, SV −66.67 and CV −366.67 (published rounded to 734, −66, −366)', () => {
    expect(status.cumulative.ev).toBeCloseTo(ex.exact.EV, 5);
    expect(status.cumulative.sv).toBeCloseTo(ex.exact.SV, 5);
    expect(status.cumulative.cv).toBeCloseTo(ex.exact.CV, 5);
    expect(Math.abs(status.cumulative.ev - ex.published.EV)).toBeLessThan(1);
  });

  it('reproduces SPI 0.9167 and CPI 0.6667 (published truncated to 0.91 and 0.66)', () => {
    expect(status.cumulative.spi).toBeCloseTo(ex.exact.SPI, 8);
    expect(status.cumulative.cpi).toBeCloseTo(ex.exact.CPI, 8);
    expect(Math.trunc((status.cumulative.spi ?? 0) * 100) / 100).toBe(ex.published.SPI);
    expect(Math.trunc((status.cumulative.cpi ?? 0) * 100) / 100).toBe(ex.published.CPI);
  });
});

describe('single 100-hour task (Simplilearn, "What\'s in Earned Value Management? Part IV", Example I)', () => {
  const ex = example('single-task-100h');
  const status = singleTask(ex).periods[0];

  it('reproduces PV, AC, EV, bottom-up EAC, VAC, SV and SPI as published', () => {
    expect(status.cumulative.pv).toBe(ex.published.PV);
    expect(status.cumulative.ac).toBe(ex.published.AC);
    expect(status.cumulative.ev).toBeCloseTo(ex.published.EV, 3);
    expect(status.eac.bottomUp).toBe(ex.published.EAC);
    expect(status.vac.bottomUp).toBe(ex.published.VAC);
    expect(status.cumulative.sv).toBeCloseTo(ex.published.SV, 2);
    expect(status.cumulative.spi).toBeCloseTo(ex.published.SPI, 4);
  });

  it('gives CV −1833.33 and CPI 0.8333 (recomputed; not in the stored excerpt)', () => {
    expect(status.cumulative.cv).toBeCloseTo(ex.exact.CV, 5);
    expect(status.cumulative.cpi).toBeCloseTo(ex.exact.CPI, 8);
  });
});

describe('EAC question (CE board exam generator, "Project control and earned value")', () => {
  const ex = example('ce-board-eac');
  const { BAC, EV, AC } = ex.inputs as { BAC: number; EV: number; AC: number };
  // Only BAC, EV and AC are given; the whole budget is planned in one period so BAC = ΣPV.
  const status = computeEarnedValue({ plannedValue: [BAC], earnedValue: [EV], actualCost: [AC] }).periods[0];

  it('gives CPI 0.8333, CV −300,000, EAC 6,000,000, ETC 4,200,000 and VAC −1,000,000', () => {
    expect(status.cumulative.cpi).toBeCloseTo(ex.exact.CPI, 8);
    expect(status.cumulative.cv).toBe(ex.exact.CV);
    expect(status.eac.cpi).toBeCloseTo(ex.exact.EAC, 4);
    expect(status.etc.cpi).toBeCloseTo(ex.exact.ETC, 4);
    expect(status.vac.cpi).toBeCloseTo(ex.exact.VAC, 4);
  });
});

describe('six-task project at period 12 (student solution "HW 9 IE5411", Course Hero; low authority, cross-check)', () => {
  const ex = example('ie5411-hw9-multiperiod');
  const tasks = (ex.inputs as { tasks_at_period_12: { EV: number; AC: number; PV: number }[] })
    .tasks_at_period_12;
  const bac = ex.inputs.BAC as number;
  const sum = (key: 'EV' | 'AC' | 'PV') => tasks.reduce((s, task) => s + task[key], 0);
  // Only the period-12 totals are reliable; the planned value still to come (BAC − PV) is
  // placed after the status period so that BAC = ΣPV.
  const status = computeEarnedValue({
    plannedValue: [sum('PV'), bac - sum('PV')],
    earnedValue: [sum('EV')],
    actualCost: [sum('AC')],
  }).periods[0];

  it('reproduces EV 148, AC 210, PV 158, CV −62, SV −10, CPI 0.7047', () => {
    expect(status.cumulative.ev).toBe(ex.published.EV);
    expect(status.cumulative.ac).toBe(ex.published.AC);
    expect(status.cumulative.pv).toBe(ex.published.PV);
    expect(status.cumulative.cv).toBe(ex.published.CV);
    expect(status.cumulative.sv).toBe(ex.published.SV);
    // Printed truncated: 148 / 210 = 0.704761…
    expect(Math.trunc((status.cumulative.cpi ?? 0) * 1e4) / 1e4).toBe(ex.published.CPI);
    expect(status.cumulative.ev / bac).toBeCloseTo(ex.published.PCIB, 2);
  });

  it('reproduces the period-12 row of the index table: SPI 0.94, CPI 0.71 (0.7048, printed within 0.01)', () => {
    const table = (
      ex.published as unknown as { index_by_period: { period: number; SPI: number; CPI: number }[] }
    ).index_by_period;
    const row = table.find((r) => r.period === 12)!;
    expect(status.cumulative.spi).toBeCloseTo(row.SPI, 2);
    expect(Math.abs((status.cumulative.cpi ?? 0) - row.CPI)).toBeLessThan(0.01);
  });

  it('reproduces EAC 352 and VAC −104 by BAC/CPI, rounded to whole units', () => {
    expect(Math.round(status.eac.cpi ?? 0)).toBe(ex.published.EAC);
    expect(Math.round(status.vac.cpi ?? 0)).toBe(ex.published.VAC);
  });

  it('reproduces the revised EAC 310 and VAC −62 as the budgeted-rate EAC (the printed ETC 90 is inconsistent: 310 − 210 = 100)', () => {
    const revised = (ex.published as unknown as { revised: { EAC: number; VAC: number } }).revised;
    expect(status.eac.budgetedRate).toBe(revised.EAC);
    expect(status.vac.budgetedRate).toBe(revised.VAC);
    expect(status.etc.budgetedRate).toBe(100);
  });
});
