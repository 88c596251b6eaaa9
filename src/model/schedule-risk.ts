import { z } from 'zod';
import { idSchema } from './common.ts';

const minutes = z.number().int().min(0).max(100_000_000);
export const distributionSchema = z.enum(['triangular', 'pert', 'uniform']);

export const estimateInput = z
  .object({
    taskId: idSchema,
    distribution: distributionSchema.default('pert'),
    optimisticMinutes: minutes,
    likelyMinutes: minutes,
    pessimisticMinutes: minutes,
  })
  .refine((e) => e.optimisticMinutes <= e.likelyMinutes, {
    message: 'must not exceed likelyMinutes',
    path: ['optimisticMinutes'],
  })
  .refine((e) => e.likelyMinutes <= e.pessimisticMinutes, {
    message: 'must not exceed pessimisticMinutes',
    path: ['likelyMinutes'],
  });

/** Bulk set: the estimates to create or replace, and the tasks whose estimate is removed. */
export const estimatesPut = z.object({
  estimates: z.array(estimateInput).max(20_000),
  remove: z.array(idSchema).max(20_000).default([]),
});

export const estimateSchema = z.object({
  id: idSchema,
  taskId: idSchema,
  projectId: idSchema,
  taskName: z.string(),
  durationMinutes: z.number().int(),
  distribution: distributionSchema,
  optimisticMinutes: z.number().int(),
  likelyMinutes: z.number().int(),
  pessimisticMinutes: z.number().int(),
  version: z.number().int(),
});

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, 'must be YYYY-MM-DD or YYYY-MM-DDTHH:MM');

export const simulateInput = z.object({
  iterations: z.number().int().min(1).max(50_000).default(2000),
  seed: z.number().int().min(0).max(2_147_483_647).default(1),
  /** A date alone means by the end of that day. */
  targetDate: localDateTime.nullable().default(null),
  /** Spread for tasks without an estimate; null simulates only the estimated tasks. */
  defaultSpread: z
    .object({
      distribution: distributionSchema.default('pert'),
      optimisticPercent: z.number().min(-100).max(0),
      pessimisticPercent: z.number().min(0).max(1000),
    })
    .nullable()
    .default({ distribution: 'pert', optimisticPercent: -10, pessimisticPercent: 25 }),
});

const finishPoint = z.object({ workingMinutes: z.number(), date: z.number(), iso: z.string() });
const finishDistribution = z.object({
  percentiles: z.array(finishPoint.extend({ p: z.number() })),
  mean: finishPoint,
  stdDev: z.number(),
  min: finishPoint,
  max: finishPoint,
  histogram: z.array(
    z.object({ from: z.number(), to: z.number(), fromIso: z.string(), toIso: z.string(), count: z.number() }),
  ),
  cumulative: z.array(finishPoint.extend({ probability: z.number() })),
  deterministic: finishPoint.extend({ probability: z.number() }),
  target: finishPoint.extend({ probability: z.number() }).nullable(),
});

export const simulationResultSchema = z.object({
  iterations: z.number().int(),
  seed: z.number(),
  calendarId: z.union([z.string(), z.number()]),
  start: finishPoint,
  finish: finishDistribution,
  projects: z.array(finishDistribution.extend({ id: z.union([z.string(), z.number()]) })),
  tasks: z.array(
    z.object({
      taskId: z.union([z.string(), z.number()]),
      name: z.string(),
      criticality: z.number(),
      sensitivity: z.number(),
      meanDuration: z.number(),
    }),
  ),
  sensitivityRanking: z.array(z.union([z.string(), z.number()])),
  sensitivitySample: z.number().int(),
  uncertainTasks: z.number().int(),
  riskEvents: z.number().int(),
  timings: z.object({ compileMs: z.number(), simulateMs: z.number(), analyseMs: z.number() }),
});

export const simulationRunSchema = z.object({
  id: idSchema,
  scopeType: z.enum(['project', 'program']),
  projectId: idSchema.nullable(),
  programId: idSchema.nullable(),
  iterations: z.number().int(),
  seed: z.number(),
  targetDate: z.string().nullable(),
  p50Finish: z.string(),
  p80Finish: z.string(),
  targetProbability: z.number().nullable(),
  createdBy: idSchema.nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});

export const simulationRunDetailSchema = simulationRunSchema.extend({
  options: simulateInput,
  result: simulationResultSchema,
});
