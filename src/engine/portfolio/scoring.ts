import { PortfolioInputError, ScoreOutOfScaleError } from './errors.ts';

export interface ScoringCriterion {
  readonly id: string;
  readonly name?: string;
  /** Relative weight (≥ 0); weights need not sum to 1. */
  readonly weight: number;
}

/** A scoring model: criteria with weights, every criterion scored on one scale. */
export interface ScoringModel {
  readonly scale: { readonly min: number; readonly max: number };
  readonly criteria: readonly ScoringCriterion[];
}

/** One evaluator's scores for one candidate, one per criterion. */
export interface Evaluation {
  readonly evaluator: string;
  readonly candidate: string;
  readonly scores: Readonly<Record<string, number>>;
}

/** How far evaluators disagree: population standard deviation over the panel that scored. */
export interface Spread {
  readonly min: number;
  readonly max: number;
  readonly stdDev: number;
}

export interface CandidateScore {
  readonly candidate: string;
  /** Competition rank (1, 2, 2, 4): equal scores share a rank. */
  readonly rank: number;
  /** Mean over evaluators of each evaluator's weighted score, on the model's scale. */
  readonly score: number;
  /** `score` as a percentage of the scale (min → 0, max → 100). */
  readonly percent: number;
  readonly evaluators: number;
  /** Spread of the evaluators' weighted scores. */
  readonly spread: Spread;
  /** Per criterion: the evaluators' mean and spread. */
  readonly criteria: { readonly criterion: string; readonly mean: number; readonly spread: Spread }[];
}

function spreadOf(values: readonly number[]): { mean: number; spread: Spread } {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, spread: { min, max, stdDev: Math.sqrt(squares / values.length) } };
}

/**
 * Combines several evaluators' criterion scores into one weighted score per candidate and
 * ranks the candidates. Each evaluation's weighted score is Σ w·s / Σ w; a candidate's
 * score is the mean over its evaluators, with the spread (min, max, standard deviation)
 * shown beside it and per criterion. Ties are ordered by smaller spread, then id.
 *
 * @param candidates when given, every one must have at least one evaluation and evaluations
 *   of anything else are refused.
 * @throws ScoreOutOfScaleError for a score outside the scale (names evaluator, candidate, criterion).
 * @throws PortfolioInputError for bad weights, a missing or unknown criterion, or a duplicate evaluation.
 * @example
 * ```ts
 * const ranked = scoreCandidates(
 *   { scale: { min: 0, max: 5 }, criteria: [{ id: 'value', weight: 3 }, { id: 'risk', weight: 1 }] },
 *   [
 *     { evaluator: 'ana', candidate: 'crm', scores: { value: 4, risk: 2 } },
 *     { evaluator: 'ben', candidate: 'crm', scores: { value: 5, risk: 3 } },
 *   ],
 * );
 * ranked[0].score; // 4 — mean of 3.5 and 4.5
 * ranked[0].spread; // { min: 3.5, max: 4.5, stdDev: 0.5 }
 * ```
 */
export function scoreCandidates(
  model: ScoringModel,
  evaluations: readonly Evaluation[],
  candidates?: readonly string[],
): CandidateScore[] {
  const { min, max } = model.scale ?? ({} as { min: number; max: number });
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new PortfolioInputError(`scale must have finite min < max, got ${String(min)}..${String(max)}`, {
      field: 'scale',
      value: model.scale,
    });
  }
  if (!Array.isArray(model.criteria) || model.criteria.length === 0) {
    throw new PortfolioInputError('a scoring model needs at least one criterion', { field: 'criteria' });
  }
  const criterionIds = new Set<string>();
  let weightSum = 0;
  for (const c of model.criteria) {
    if (typeof c.id !== 'string' || c.id === '' || criterionIds.has(c.id)) {
      throw new PortfolioInputError(`criterion id "${String(c.id)}" is empty or appears twice`, {
        field: 'criteria',
        criterion: c.id,
      });
    }
    criterionIds.add(c.id);
    if (typeof c.weight !== 'number' || !Number.isFinite(c.weight) || c.weight < 0) {
      throw new PortfolioInputError(
        `weight of criterion "${c.id}" must be a finite number ≥ 0, got ${String(c.weight)}`,
        {
          field: 'weight',
          criterion: c.id,
          value: c.weight,
        },
      );
    }
    weightSum += c.weight;
  }
  if (weightSum <= 0) {
    throw new PortfolioInputError('criterion weights must not all be zero', { field: 'weight' });
  }
  const known = candidates ? new Set(candidates) : null;
  const byCandidate = new Map<string, { weighted: number[]; perCriterion: number[][] }>();
  for (const id of candidates ?? [])
    byCandidate.set(id, { weighted: [], perCriterion: model.criteria.map(() => []) });
  const seen = new Set<string>();
  for (const e of evaluations) {
    const { evaluator, candidate } = e;
    if (known && !known.has(candidate)) {
      throw new PortfolioInputError(
        `evaluation by "${evaluator}" is for "${candidate}", which is not a candidate`,
        {
          field: 'candidate',
          candidate,
          evaluator,
        },
      );
    }
    const key = JSON.stringify([evaluator, candidate]);
    if (seen.has(key)) {
      throw new PortfolioInputError(`"${evaluator}" evaluated "${candidate}" twice`, {
        field: 'evaluator',
        candidate,
        evaluator,
      });
    }
    seen.add(key);
    for (const criterion of Object.keys(e.scores ?? {})) {
      if (!criterionIds.has(criterion)) {
        throw new PortfolioInputError(
          `"${evaluator}" scored "${candidate}" on "${criterion}", which is not a criterion of the model`,
          { field: 'scores', candidate, evaluator, criterion },
        );
      }
    }
    let entry = byCandidate.get(candidate);
    if (!entry) {
      entry = { weighted: [], perCriterion: model.criteria.map(() => []) };
      byCandidate.set(candidate, entry);
    }
    let weighted = 0;
    model.criteria.forEach((c, k) => {
      const value = e.scores?.[c.id];
      if (value === undefined) {
        throw new PortfolioInputError(`"${evaluator}" gave "${candidate}" no score for "${c.id}"`, {
          field: 'scores',
          candidate,
          evaluator,
          criterion: c.id,
        });
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
        throw new ScoreOutOfScaleError(
          `score ${String(value)} by "${evaluator}" for "${candidate}" on "${c.id}" is outside the scale ${min}..${max}`,
          { candidate, criterion: c.id, evaluator, value: value as number, min, max },
        );
      }
      weighted += c.weight * value;
      entry.perCriterion[k].push(value);
    });
    entry.weighted.push(weighted / weightSum);
  }
  const results: Omit<CandidateScore, 'rank'>[] = [];
  for (const [candidate, entry] of byCandidate) {
    if (entry.weighted.length === 0) {
      throw new PortfolioInputError(`candidate "${candidate}" has no evaluations`, {
        field: 'evaluations',
        candidate,
      });
    }
    const overall = spreadOf(entry.weighted);
    results.push({
      candidate,
      score: overall.mean,
      percent: ((overall.mean - min) / (max - min)) * 100,
      evaluators: entry.weighted.length,
      spread: overall.spread,
      criteria: model.criteria.map((c, k) => {
        const s = spreadOf(entry.perCriterion[k]);
        return { criterion: c.id, mean: s.mean, spread: s.spread };
      }),
    });
  }
  results.sort(
    (a, b) =>
      b.score - a.score ||
      a.spread.stdDev - b.spread.stdDev ||
      (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0),
  );
  let rank = 0;
  return results.map((r, k) => {
    if (k === 0 || r.score !== results[k - 1].score) rank = k + 1;
    return { ...r, rank };
  });
}
