import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PortfolioInputError,
  ScoreOutOfScaleError,
  type ScoringModel,
  scoreCandidates,
} from '../../../src/engine/portfolio/index.ts';

const model: ScoringModel = {
  scale: { min: 1, max: 5 },
  criteria: [
    { id: 'alignment', weight: 4 },
    { id: 'value', weight: 3 },
    { id: 'risk', weight: 2 },
    { id: 'urgency', weight: 1 },
  ],
};

describe('scoreCandidates', () => {
  it('weights each evaluation, averages the evaluators and reports their spread', () => {
    const ranked = scoreCandidates(model, [
      { evaluator: 'ana', candidate: 'crm', scores: { alignment: 5, value: 4, risk: 3, urgency: 2 } },
      { evaluator: 'ben', candidate: 'crm', scores: { alignment: 3, value: 4, risk: 5, urgency: 4 } },
    ]);
    // ana: (20 + 12 + 6 + 2) / 10 = 4.0; ben: (12 + 12 + 10 + 4) / 10 = 3.8
    expect(ranked).toHaveLength(1);
    expect(ranked[0].score).toBeCloseTo(3.9, 12);
    expect(ranked[0].percent).toBeCloseTo(72.5, 12);
    expect(ranked[0].spread.min).toBeCloseTo(3.8, 12);
    expect(ranked[0].spread.max).toBeCloseTo(4, 12);
    expect(ranked[0].spread.stdDev).toBeCloseTo(0.1, 12);
    expect(ranked[0].criteria[0]).toEqual({
      criterion: 'alignment',
      mean: 4,
      spread: { min: 3, max: 5, stdDev: 1 },
    });
  });

  it('ranks by score, equal scores sharing a rank, the tighter panel first', () => {
    const all = (v: number) => ({ alignment: v, value: v, risk: v, urgency: v });
    const ranked = scoreCandidates(model, [
      { evaluator: 'a', candidate: 'low', scores: all(2) },
      { evaluator: 'a', candidate: 'split', scores: all(5) },
      { evaluator: 'b', candidate: 'split', scores: all(3) },
      { evaluator: 'a', candidate: 'steady', scores: all(4) },
      { evaluator: 'b', candidate: 'steady', scores: all(4) },
    ]);
    expect(ranked.map((r) => [r.candidate, r.rank])).toEqual([
      ['steady', 1],
      ['split', 1],
      ['low', 3],
    ]);
  });

  it('refuses a score outside the scale, naming evaluator, candidate and criterion', () => {
    const call = () =>
      scoreCandidates(model, [
        { evaluator: 'ana', candidate: 'crm', scores: { alignment: 6, value: 4, risk: 3, urgency: 2 } },
      ]);
    expect(call).toThrow(ScoreOutOfScaleError);
    expect(call).toThrow(
      expect.objectContaining({ evaluator: 'ana', candidate: 'crm', criterion: 'alignment', value: 6 }),
    );
  });

  it('refuses a missing or unknown criterion and a second evaluation by the same person', () => {
    expect(() =>
      scoreCandidates(model, [
        { evaluator: 'ana', candidate: 'crm', scores: { alignment: 3, value: 4, risk: 3 } },
      ]),
    ).toThrow(expect.objectContaining({ criterion: 'urgency', field: 'scores' }));
    expect(() =>
      scoreCandidates(model, [
        {
          evaluator: 'ana',
          candidate: 'crm',
          scores: { alignment: 3, value: 4, risk: 3, urgency: 1, cost: 2 },
        },
      ]),
    ).toThrow(/"cost", which is not a criterion/);
    const once = {
      evaluator: 'ana',
      candidate: 'crm',
      scores: { alignment: 3, value: 4, risk: 3, urgency: 1 },
    };
    expect(() => scoreCandidates(model, [once, once])).toThrow(/evaluated "crm" twice/);
  });

  it('refuses negative weights, all-zero weights and an empty scale', () => {
    expect(() => scoreCandidates({ ...model, criteria: [{ id: 'a', weight: -1 }] }, [])).toThrow(
      expect.objectContaining({ field: 'weight', criterion: 'a' }),
    );
    expect(() => scoreCandidates({ ...model, criteria: [{ id: 'a', weight: 0 }] }, [])).toThrow(
      PortfolioInputError,
    );
    expect(() => scoreCandidates({ ...model, scale: { min: 5, max: 5 } }, [])).toThrow(/scale/);
  });

  it('requires an evaluation for every listed candidate and none for others', () => {
    const e = { evaluator: 'ana', candidate: 'crm', scores: { alignment: 3, value: 4, risk: 3, urgency: 1 } };
    expect(() => scoreCandidates(model, [e], ['crm', 'erp'])).toThrow(/"erp" has no evaluations/);
    expect(() => scoreCandidates(model, [e], ['erp'])).toThrow(/not a candidate/);
  });

  it('keeps every score within the scale and the mean within the evaluators’ range (property)', () => {
    const score = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ alignment: score, value: score, risk: score, urgency: score }), {
          minLength: 1,
          maxLength: 6,
        }),
        (panel) => {
          const [r] = scoreCandidates(
            model,
            panel.map((scores, k) => ({ evaluator: `e${k}`, candidate: 'x', scores })),
          );
          expect(r.score).toBeGreaterThanOrEqual(r.spread.min - 1e-12);
          expect(r.score).toBeLessThanOrEqual(r.spread.max + 1e-12);
          expect(r.spread.min).toBeGreaterThanOrEqual(1);
          expect(r.spread.max).toBeLessThanOrEqual(5);
          expect(r.percent).toBeGreaterThanOrEqual(-1e-9);
          expect(r.percent).toBeLessThanOrEqual(100 + 1e-9);
          expect(r.evaluators).toBe(panel.length);
        },
      ),
    );
  });
});
