import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';
import { candidateRef, candidateTypes } from './intake.ts';

/** Portfolio optimization and scenarios: limits over a horizon of months, flags, results, comparison. */

const month = isoDateSchema.refine((value) => value.endsWith('-01'), 'must be the first day of a month');
const limit = z.number().min(0, 'must not be negative').max(1e15).nullable();
const flagsInput = z.object({
  candidate: candidateRef,
  mandatory: z.boolean().default(false),
  excluded: z.boolean().default(false),
});

const settingsFields = {
  portfolioId: idSchema.nullable().default(null),
  horizonStart: month,
  periods: z.number().int().min(1).max(60),
  /** One entry per period (missing or null: no limit). */
  budget: z.array(limit).max(60).default([]),
  /** Hours per role per period (missing or null: no limit). */
  capacity: z.record(idSchema, z.array(limit).max(60)).default({}),
  maxShift: z.number().int().min(0).max(24).default(0),
  items: z.array(flagsInput).max(2000).default([]),
};

const settingsRules = <
  T extends z.ZodType<{ periods: number; budget: unknown[]; capacity: Record<string, unknown[]> }>,
>(
  schema: T,
) =>
  schema
    .refine((s) => s.budget.length <= s.periods, {
      message: 'has more entries than periods',
      path: ['budget'],
    })
    .refine((s) => Object.values(s.capacity).every((series) => series.length <= s.periods), {
      message: 'has a role with more entries than periods',
      path: ['capacity'],
    });

export const optimizeInput = settingsRules(z.object(settingsFields));
export type OptimizeInput = z.infer<typeof optimizeInput>;

const scenarioFields = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().max(4000).default(''),
  ...settingsFields,
});
export const scenarioInput = settingsRules(scenarioFields);
export const scenarioPatch = patchOf(scenarioFields);

const candidateKey = { candidateType: z.enum(candidateTypes), candidateId: idSchema };

export const candidateSchema = z.object({
  ...candidateKey,
  code: z.string(),
  title: z.string(),
  /** A proposal's status or a project's stage. */
  status: z.string(),
  score: z.number(),
  scored: z.boolean(),
  cost: z.array(z.number()),
  demand: z.record(z.string(), z.array(z.number())),
  requires: z.array(z.object(candidateKey)),
  objectiveIds: z.array(idSchema),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const candidatesQuery = z.object({
  horizonStart: month,
  periods: z.coerce.number().int().min(1).max(60),
  portfolioId: idSchema.optional(),
});

const selectedSchema = z.object({
  ...candidateKey,
  code: z.string(),
  title: z.string(),
  score: z.number(),
  shift: z.number().int(),
});
export const frontierPointSchema = z.object({
  budget: z.number(),
  feasible: z.boolean(),
  totalScore: z.number().nullable(),
  totalCost: z.number().nullable(),
  selectedCount: z.number().int().nullable(),
});

export const optimizationResultSchema = z.object({
  method: z.enum(['exact', 'branch-and-bound-limit', 'heuristic']),
  optimal: z.boolean(),
  gap: z.number(),
  bound: z.number(),
  totalScore: z.number(),
  candidateCount: z.number().int(),
  months: z.array(z.string()),
  selected: z.array(selectedSchema),
  rejected: z.array(z.object({ ...candidateKey, code: z.string(), title: z.string() })),
  costPerPeriod: z.array(z.number()),
  demandPerRole: z.record(z.string(), z.array(z.number())),
  frontier: z.array(frontierPointSchema),
});
export type OptimizationResult = z.infer<typeof optimizationResultSchema>;

export const scenarioItemSchema = z.object({
  ...candidateKey,
  code: z.string(),
  title: z.string(),
  mandatory: z.boolean(),
  excluded: z.boolean(),
  included: z.boolean(),
  shiftMonths: z.number().int(),
  holdFlagged: z.boolean(),
});
export type ScenarioItem = z.infer<typeof scenarioItemSchema>;

export const scenarioStatuses = ['draft', 'promoted'] as const;
export const scenarioSchema = versionedSchema.extend({
  name: z.string(),
  description: z.string(),
  portfolioId: idSchema.nullable(),
  portfolioName: z.string().nullable(),
  horizonStart: z.string(),
  periods: z.number().int(),
  budget: z.array(z.number().nullable()),
  capacity: z.record(z.string(), z.array(z.number().nullable())),
  maxShift: z.number().int(),
  status: z.enum(scenarioStatuses),
  optimizedAt: z.string().nullable(),
  promotedAt: z.string().nullable(),
  result: optimizationResultSchema.nullable(),
  items: z.array(scenarioItemSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const compareInput = z.object({
  ids: z
    .array(idSchema)
    .min(2, 'compare at least two scenarios')
    .max(4, 'compare at most four scenarios')
    .refine((ids) => new Set(ids).size === ids.length, 'names a scenario twice'),
});

export const comparisonSchema = z.object({
  months: z.array(z.string()),
  scenarios: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      status: z.enum(scenarioStatuses),
      optimized: z.boolean(),
      totalScore: z.number(),
      method: z.string().nullable(),
      gap: z.number().nullable(),
      selectedCount: z.number().int(),
      totalCost: z.number(),
      /** Cost per month of the comparison's months (0 outside the scenario's horizon). */
      costPerPeriod: z.array(z.number()),
      budgetPerPeriod: z.array(z.number().nullable()),
      capacityUse: z.array(
        z.object({
          roleId: idSchema,
          roleName: z.string(),
          used: z.array(z.number()),
          limit: z.array(z.number().nullable()),
          peakPercent: z.number().nullable(),
        }),
      ),
      objectivesCovered: z.array(
        z.object({ objectiveId: idSchema, name: z.string(), candidates: z.number().int() }),
      ),
    }),
  ),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const promotionSchema = z.object({
  scenario: scenarioSchema,
  createdProjects: z.array(z.object({ proposalId: idSchema, projectId: idSchema, code: z.string() })),
  holdFlagged: z.array(z.object({ projectId: idSchema, code: z.string(), name: z.string() })),
});
