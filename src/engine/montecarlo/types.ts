import type { ScheduleInput, TaskId } from '../schedule/types.ts';

export type DistributionKind = 'triangular' | 'pert' | 'uniform';

/** A three-point estimate of a task's duration, in working minutes. */
export interface TaskEstimate {
  readonly taskId: TaskId;
  readonly distribution: DistributionKind;
  readonly optimistic: number;
  readonly mostLikely: number;
  readonly pessimistic: number;
}

/** The spread applied to tasks without an estimate: percents of the task's duration (e.g. -10 and +25). */
export interface DefaultSpread {
  readonly distribution: DistributionKind;
  readonly optimisticPercent: number;
  readonly pessimisticPercent: number;
}

/** Minutes a risk adds to a task when it occurs (a triangular distribution); negative for an opportunity. */
export interface RiskImpact {
  readonly taskId: TaskId;
  readonly optimistic: number;
  readonly mostLikely: number;
  readonly pessimistic: number;
}

export interface RiskEvent {
  readonly id: string | number;
  readonly name?: string;
  /** Chance that the risk occurs in one iteration, 0..1. */
  readonly probability: number;
  readonly impacts: readonly RiskImpact[];
}

/**
 * Tasks whose durations move together: a one-factor Gaussian copula where every pair of the
 * group has latent correlation `coefficient`.
 */
export interface CorrelationGroup {
  readonly taskIds: readonly TaskId[];
  readonly coefficient: number;
}

export interface SimulationOptions {
  readonly iterations: number;
  readonly seed: number;
  readonly estimates?: readonly TaskEstimate[];
  readonly defaultSpread?: DefaultSpread | null;
  readonly risks?: readonly RiskEvent[];
  readonly correlations?: readonly CorrelationGroup[];
  /** Epoch minutes (local wall clock). */
  readonly targetDate?: number | null;
  readonly histogramBins?: number;
  /** Iterations whose task durations are kept for the sensitivity ranks (default 1,000). */
  readonly sensitivitySample?: number;
  /** Keeps every iteration's finish in the result (tests and the CLI). */
  readonly keepSamples?: boolean;
}

export interface SimulationInput extends SimulationOptions {
  readonly schedule: ScheduleInput;
}

/** A point of the finish distribution: working minutes after the start and the date. */
export interface FinishPoint {
  readonly workingMinutes: number;
  /** Epoch minutes. */
  readonly date: number;
  readonly iso: string;
}

export interface FinishDistribution {
  readonly percentiles: readonly (FinishPoint & { readonly p: number })[];
  readonly mean: FinishPoint;
  /** Working minutes. */
  readonly stdDev: number;
  readonly min: FinishPoint;
  readonly max: FinishPoint;
  readonly histogram: readonly {
    readonly from: number;
    readonly to: number;
    readonly fromIso: string;
    readonly toIso: string;
    readonly count: number;
  }[];
  /** The S-curve: probability of finishing at or before each point. */
  readonly cumulative: readonly (FinishPoint & { readonly probability: number })[];
  readonly deterministic: FinishPoint & { readonly probability: number };
  readonly target: (FinishPoint & { readonly probability: number }) | null;
}

export interface TaskRisk {
  readonly taskId: TaskId;
  readonly name: string;
  /** Share of iterations in which the task is on a driving path to the finish. */
  readonly criticality: number;
  /** Spearman rank correlation of the task's duration with the finish; 0 for tasks never critical. */
  readonly sensitivity: number;
  /** Mean sampled duration (risk impacts included) over the sensitivity subsample of iterations. */
  readonly meanDuration: number;
}

export interface SimulationResult {
  readonly iterations: number;
  readonly seed: number;
  /** Working minutes are counted on this calendar from `start`. */
  readonly calendarId: string | number;
  readonly start: FinishPoint;
  readonly finish: FinishDistribution;
  readonly projects: readonly ({ readonly id: string | number } & FinishDistribution)[];
  readonly tasks: readonly TaskRisk[];
  /** Task ids by |sensitivity|, strongest first (the tornado). */
  readonly sensitivityRanking: readonly TaskId[];
  readonly sensitivitySample: number;
  /** Tasks with a sampled duration (estimate, default spread or risk impact). */
  readonly uncertainTasks: number;
  readonly timings: { readonly compileMs: number; readonly simulateMs: number; readonly analyseMs: number };
  /** Every iteration's finish in epoch minutes, when `keepSamples`. */
  readonly samples?: Float64Array;
  readonly projectSamples?: readonly Float64Array[];
}
