import { describe, expect, it } from 'vitest';
import {
  computeIndicators,
  findDisagreements,
  type IndicatorFigures,
  type IndicatorThresholds,
} from '../../../src/engine/status/index.ts';

const thresholds: IndicatorThresholds = {
  spiAmber: 0.95,
  spiRed: 0.9,
  cpiAmber: 0.95,
  cpiRed: 0.9,
  lateMilestonesAmber: 1,
  lateMilestonesRed: 3,
  highRisksAmber: 1,
  highRisksRed: 3,
  slipDaysAmber: 5,
  slipDaysRed: 20,
};

const healthy: IndicatorFigures = {
  statusDate: '2027-03-31',
  spi: 1.01,
  cpi: 0.99,
  financialsAsOf: '2027-03-31',
  lateMilestones: [],
  openHighRisks: [],
  baselineFinish: '2027-06-30',
  forecastFinish: '2027-06-30',
};

describe('computeIndicators', () => {
  it('rates a project on plan green in every measured dimension and leaves the others unmeasured', () => {
    const result = computeIndicators(healthy, thresholds);
    expect(result.dimensions).toEqual({ schedule: 'green', cost: 'green', risk: 'green' });
    expect(result.overall).toBe('green');
  });

  it('turns amber below the amber threshold and red below the red one', () => {
    const amber = computeIndicators({ ...healthy, spi: 0.93 }, thresholds);
    expect(amber.indicators.find((i) => i.key === 'spi')).toMatchObject({ rag: 'amber', value: 0.93 });
    const red = computeIndicators({ ...healthy, cpi: 0.85 }, thresholds);
    expect(red.dimensions.cost).toBe('red');
    expect(red.indicators.find((i) => i.key === 'cpi')?.explanation).toBe(
      'CPI 0.85 is below the red threshold 0.90',
    );
    expect(red.overall).toBe('red');
  });

  it('rates the schedule by its worst indicator: late milestones and slip against the baseline', () => {
    const late = {
      taskId: '0190d3a0-0000-7000-8000-000000000001',
      name: 'Design approved',
      finish: '2027-03-01',
    };
    const result = computeIndicators(
      { ...healthy, lateMilestones: [late], forecastFinish: '2027-07-25' },
      thresholds,
    );
    expect(result.indicators.find((i) => i.key === 'lateMilestones')?.rag).toBe('amber');
    expect(result.indicators.find((i) => i.key === 'scheduleSlip')).toMatchObject({ value: 25, rag: 'red' });
    expect(result.dimensions.schedule).toBe('red');
  });

  it('leaves an index unrated without earned-value figures, and slip unrated without a baseline', () => {
    const result = computeIndicators({ ...healthy, spi: null, cpi: null, baselineFinish: null }, thresholds);
    expect(result.indicators.find((i) => i.key === 'spi')?.rag).toBeNull();
    expect(result.indicators.find((i) => i.key === 'scheduleSlip')?.rag).toBeNull();
    expect(result.dimensions.cost).toBeUndefined();
    expect(result.dimensions.schedule).toBe('green');
  });

  it('counts open high risks against the risk thresholds', () => {
    const risk = (n: number) => ({
      riskId: `0190d3a0-0000-7000-8000-00000000000${n}`,
      reference: n,
      title: `R${n}`,
      score: 20,
    });
    const result = computeIndicators({ ...healthy, openHighRisks: [risk(1), risk(2), risk(3)] }, thresholds);
    expect(result.dimensions.risk).toBe('red');
  });
});

describe('findDisagreements', () => {
  const computed = computeIndicators({ ...healthy, spi: 0.86, cpi: 0.93 }, thresholds);

  it('flags a rosier self-assessment per dimension and overall, explaining with the indicators', () => {
    const found = findDisagreements(
      { overall: 'green', schedule: 'amber', cost: 'green', risk: 'green', scope: 'green' },
      computed,
    );
    expect(found.map((d) => [d.dimension, d.selfAssessed, d.computed])).toEqual([
      ['schedule', 'amber', 'red'],
      ['cost', 'green', 'amber'],
      ['overall', 'green', 'red'],
    ]);
    expect(found[0].reason).toBe('self-assessed amber, but SPI 0.86 is below the red threshold 0.90');
  });

  it('accepts a self-assessment as bad as the data or worse, and unmeasured dimensions', () => {
    expect(
      findDisagreements(
        { overall: 'red', schedule: 'red', cost: 'red', risk: 'amber', quality: 'green' },
        computed,
      ),
    ).toEqual([]);
  });
});
