import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildEarnedValue,
  buildPlannedValue,
  computeEarnedSchedule,
  computeEarnedValue,
  EvmInputError,
} from '../../../src/engine/evm/index.ts';

const amount = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });

/** A horizon with PV, and EV never above the BAC, plus AC, over the same reported periods. */
const scenario = fc
  .record({
    pv: fc.array(amount, { minLength: 1, maxLength: 12 }),
    reported: fc.integer({ min: 1, max: 15 }),
    evShares: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 15, maxLength: 15 }),
    ac: fc.array(amount, { minLength: 15, maxLength: 15 }),
  })
  .map(({ pv, reported, evShares, ac }) => {
    const bac = pv.reduce((s, v) => s + v, 0);
    // Earn a share of what remains each period so that ΣEV ≤ BAC.
    let left = bac;
    const ev = evShares.slice(0, reported).map((share) => {
      const e = (left * share) / 2;
      left -= e;
      return e;
    });
    return { plannedValue: pv, earnedValue: ev, actualCost: ac.slice(0, reported) };
  });

/** The documented index rule: undefined (null) for a zero or subnormal denominator. */
const index = (numerator: number, denominator: number) =>
  denominator === 0 || !Number.isFinite(numerator / denominator) ? null : numerator / denominator;

describe('computeEarnedValue', () => {
  it('keeps cumulative PV, EV and AC non-decreasing when every amount is non-negative', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { periods } = computeEarnedValue(input);
        for (let t = 1; t < periods.length; t++) {
          expect(periods[t].cumulative.pv).toBeGreaterThanOrEqual(periods[t - 1].cumulative.pv);
          expect(periods[t].cumulative.ev).toBeGreaterThanOrEqual(periods[t - 1].cumulative.ev);
          expect(periods[t].cumulative.ac).toBeGreaterThanOrEqual(periods[t - 1].cumulative.ac);
        }
      }),
    );
  });

  it('satisfies SV = EV − PV, CV = EV − AC, ETC = EAC − AC and VAC = BAC − EAC in every period', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const analysis = computeEarnedValue(input);
        for (const p of analysis.periods) {
          for (const f of [p.current, p.cumulative]) {
            expect(f.sv).toBe(f.ev - f.pv);
            expect(f.cv).toBe(f.ev - f.ac);
            expect(f.spi).toBe(index(f.ev, f.pv));
            expect(f.cpi).toBe(index(f.ev, f.ac));
          }
          for (const method of ['cpi', 'cpiSpi', 'budgetedRate', 'bottomUp'] as const) {
            const eac = p.eac[method];
            if (eac === null) {
              expect(p.etc[method]).toBeNull();
              expect(p.vac[method]).toBeNull();
            } else {
              expect(Number.isFinite(eac)).toBe(true);
              expect(p.etc[method]).toBe(eac - p.cumulative.ac);
              expect(p.vac[method]).toBe(analysis.bac - eac);
            }
          }
        }
      }),
    );
  });

  it('never returns NaN or Infinity anywhere in the analysis', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const text = JSON.stringify(computeEarnedValue(input), (_key, value) =>
          typeof value === 'number' && !Number.isFinite(value) ? 'NOT-FINITE' : value,
        );
        expect(text).not.toContain('NOT-FINITE');
      }),
    );
  });

  it('keeps the earned schedule between 0 and the planned duration and equal to it once EV reaches BAC', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const analysis = computeEarnedValue(input);
        for (const p of analysis.periods) {
          if (analysis.plannedDuration === 0) {
            expect(p.schedule.es).toBeNull();
            continue;
          }
          const es = p.schedule.es!;
          expect(es).toBeGreaterThanOrEqual(0);
          expect(es).toBeLessThanOrEqual(analysis.plannedDuration);
          expect(p.schedule.svt).toBeCloseTo(es - p.schedule.at, 9);
        }
      }),
    );
  });

  it('makes the CPI method equal BAC / CPI', () => {
    const { periods } = computeEarnedValue({
      plannedValue: [100, 100, 100, 100],
      earnedValue: [80, 90],
      actualCost: [100, 110],
    });
    const p = periods[1];
    expect(p.eac.cpi).toBeCloseTo(400 / (170 / 210), 9);
    expect(p.eac.cpiSpi).toBeCloseTo(210 + (400 - 170) / ((170 / 210) * (170 / 200)), 9);
    expect(p.eac.budgetedRate).toBe(210 + 400 - 170);
    expect(p.eac.bottomUp).toBeNull();
  });

  it('leaves CPI and the index-based EACs null while nothing has been spent', () => {
    const { periods } = computeEarnedValue({ plannedValue: [50, 50], earnedValue: [0], actualCost: [0] });
    expect(periods[0].cumulative.cpi).toBeNull();
    expect(periods[0].eac.cpi).toBeNull();
    expect(periods[0].eac.cpiSpi).toBeNull();
    expect(periods[0].eac.budgetedRate).toBe(100);
    expect(periods[0].tcpi.toBac).toBe(1);
  });

  it('leaves the CPI-based EAC null when money is spent but nothing is earned (CPI = 0)', () => {
    const { periods } = computeEarnedValue({ plannedValue: [50, 50], earnedValue: [0], actualCost: [30] });
    expect(periods[0].cumulative.cpi).toBe(0);
    expect(periods[0].eac.cpi).toBeNull();
    expect(periods[0].schedule.es).toBe(0);
    expect(periods[0].schedule.ieac).toBeNull();
  });

  it('leaves SPI null in a period with no planned value, and keeps reporting after the baseline ends', () => {
    const { periods } = computeEarnedValue({
      plannedValue: [60, 40],
      earnedValue: [50, 30, 20],
      actualCost: [50, 40, 30],
    });
    expect(periods[2].current.spi).toBeNull();
    expect(periods[2].cumulative.pv).toBe(100);
    expect(periods[2].cumulative.spi).toBe(1);
    // Finished one period late: ES is the planned 2 periods against 3 elapsed.
    expect(periods[2].schedule.es).toBe(2);
    expect(periods[2].schedule.spit).toBeCloseTo(2 / 3, 12);
    expect(periods[2].schedule.ieac).toBeCloseTo(3, 12);
    // Nothing remains: every EAC is the actual cost.
    expect(periods[2].eac.cpi).toBe(120);
    expect(periods[2].eac.cpiSpi).toBe(120);
  });

  it('leaves TCPI to BAC null once the budget is spent', () => {
    const { periods } = computeEarnedValue({ plannedValue: [100], earnedValue: [50], actualCost: [120] });
    expect(periods[0].tcpi.toBac).toBeNull();
    expect(periods[0].tcpi.toEac.budgetedRate).toBe(1);
  });

  it('uses the bottom-up ETC supplied for a period and nothing where it is null', () => {
    const { periods } = computeEarnedValue({
      plannedValue: [100, 100],
      earnedValue: [40, 50],
      actualCost: [50, 60],
      estimateToComplete: [null, 120],
    });
    expect(periods[0].eac.bottomUp).toBeNull();
    expect(periods[1].eac.bottomUp).toBe(230);
    expect(periods[1].tcpi.toEac.bottomUp).toBeCloseTo(110 / 120, 12);
  });

  it('names the field and period of a negative amount', () => {
    expect(() =>
      computeEarnedValue({ plannedValue: [10, 10], earnedValue: [5, -1], actualCost: [5, 5] }),
    ).toThrow(expect.objectContaining({ name: 'EvmInputError', field: 'earnedValue', period: 1, value: -1 }));
  });

  it('names the field and period of a NaN amount', () => {
    expect(() =>
      computeEarnedValue({ plannedValue: [10, Number.NaN], earnedValue: [5], actualCost: [5] }),
    ).toThrow(/plannedValue at period 1 must be a finite number/);
  });

  it('rejects actual costs and earned value over different numbers of periods', () => {
    expect(() =>
      computeEarnedValue({ plannedValue: [10, 10], earnedValue: [5, 5], actualCost: [5] }),
    ).toThrow(expect.objectContaining({ field: 'actualCost' }));
    expect(() =>
      computeEarnedValue({ plannedValue: [10], earnedValue: [5], actualCost: [5], estimateToComplete: [] }),
    ).toThrow(EvmInputError);
  });

  it('rejects earned value above the budget at completion', () => {
    expect(() => computeEarnedValue({ plannedValue: [10], earnedValue: [11], actualCost: [5] })).toThrow(
      /exceeds the BAC/,
    );
  });

  it('rejects every negative or non-finite amount with its period (property)', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom('plannedValue', 'earnedValue', 'actualCost'),
        fc.nat(),
        fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY),
        (input, field, index, bad) => {
          const series = [...input[field]];
          const t = index % series.length;
          series[t] = bad;
          try {
            computeEarnedValue({ ...input, [field]: series });
            expect.unreachable();
          } catch (error) {
            expect(error).toBeInstanceOf(EvmInputError);
            expect((error as EvmInputError).field).toBe(field);
            expect((error as EvmInputError).period).toBe(t);
          }
        },
      ),
    );
  });
});

describe('buildPlannedValue', () => {
  it('spreads a budget flat, front-loaded or back-loaded over the baseline periods', () => {
    const pv = buildPlannedValue(
      [
        { id: 'flat', budget: 90, start: 0, finish: 2 },
        { id: 'front', budget: 60, start: 1, finish: 3, profile: 'front-loaded' },
        { id: 'back', budget: 60, start: 1, finish: 3, profile: 'back-loaded' },
      ],
      5,
    );
    expect(pv.items[1].perPeriod).toEqual([0, 30, 20, 10, 0]);
    expect(pv.items[2].perPeriod).toEqual([0, 10, 20, 30, 0]);
    expect(pv.perPeriod).toEqual([30, 70, 70, 40, 0]);
    expect(pv.cumulative).toEqual([30, 100, 170, 210, 210]);
    expect(pv.bac).toBe(210);
  });

  it('follows explicit weights such as an assignment’s baseline work', () => {
    const pv = buildPlannedValue([{ id: 'a', budget: 100, start: 2, finish: 3, weights: [1, 3] }], 4);
    expect(pv.perPeriod).toEqual([0, 0, 25, 75]);
  });

  it('sums to the BAC for any set of items (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            budget: amount,
            a: fc.nat(9),
            b: fc.nat(9),
            profile: fc.constantFrom('flat', 'front-loaded', 'back-loaded') as fc.Arbitrary<
              'flat' | 'front-loaded' | 'back-loaded'
            >,
          }),
          { maxLength: 8 },
        ),
        (raw) => {
          const items = raw.map((r, i) => ({
            id: `t${i}`,
            budget: r.budget,
            start: Math.min(r.a, r.b),
            finish: Math.max(r.a, r.b),
            profile: r.profile,
          }));
          const pv = buildPlannedValue(items, 10);
          const total = pv.perPeriod.reduce((s, v) => s + v, 0);
          expect(total).toBeCloseTo(pv.bac, 6);
          for (const v of pv.perPeriod) expect(v).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('names the item whose finish is before its start or outside the horizon', () => {
    expect(() => buildPlannedValue([{ id: 'x', budget: 1, start: 2, finish: 1 }], 4)).toThrow(
      /finish of item "x" \(1\) is before its start \(2\)/,
    );
    expect(() => buildPlannedValue([{ id: 'y', budget: 1, start: 0, finish: 4 }], 4)).toThrow(
      expect.objectContaining({ field: 'finish', item: 'y' }),
    );
    expect(() => buildPlannedValue([{ id: 'z', budget: -5, start: 0, finish: 1 }], 4)).toThrow(
      expect.objectContaining({ field: 'budget', item: 'z' }),
    );
  });
});

describe('buildEarnedValue', () => {
  const items = [{ id: 'a', budget: 100, percentComplete: [0, 0.3, 0.8, 1] }];

  it('earns budget × percent complete under the percent-complete rule', () => {
    expect(buildEarnedValue(items, 4).perPeriod).toEqual([0, 30, 50, 20]);
  });

  it('earns nothing until completion under the 0/100 rule', () => {
    expect(buildEarnedValue(items, 4, '0/100').perPeriod).toEqual([0, 0, 0, 100]);
  });

  it('earns half at the start and half at completion under the 50/50 rule', () => {
    expect(buildEarnedValue(items, 4, '50/50').perPeriod).toEqual([0, 50, 0, 50]);
  });

  it('names the item and period where percent complete decreases or leaves [0, 1]', () => {
    expect(() => buildEarnedValue([{ id: 'a', budget: 1, percentComplete: [0.5, 0.4] }], 2)).toThrow(
      expect.objectContaining({ field: 'percentComplete', item: 'a', period: 1 }),
    );
    expect(() => buildEarnedValue([{ id: 'b', budget: 1, percentComplete: [1.5] }], 1)).toThrow(
      expect.objectContaining({ field: 'percentComplete', item: 'b', period: 0 }),
    );
    expect(() => buildEarnedValue([{ id: 'c', budget: 1, percentComplete: [0.5] }], 2)).toThrow(
      /must have 2 entries/,
    );
  });
});

describe('computeEarnedSchedule', () => {
  it('interpolates within the period the earned value falls in', () => {
    // Lipke's definition: ES = C + (EV − PV_C) / (PV_{C+1} − PV_C).
    const s = computeEarnedSchedule([100, 300, 600, 1000], 4, 450, 3);
    expect(s.es).toBeCloseTo(2.5, 12);
    expect(s.spit).toBeCloseTo(2.5 / 3, 12);
    expect(s.ieac).toBeCloseTo(4.8, 12);
  });

  it('reports ahead of schedule when EV runs ahead of PV', () => {
    const s = computeEarnedSchedule([100, 200, 300, 400], 4, 250, 1);
    expect(s.es).toBe(2.5);
    expect(s.svt).toBe(1.5);
    expect(s.forecastFinishPeriod).toBe(1);
  });
});
