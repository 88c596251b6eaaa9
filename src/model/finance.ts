import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

/** Money is in the organization's one currency (organizations.currency). */
export const costCategories = ['labour', 'capital', 'operating', 'other'] as const;
export type CostCategory = (typeof costCategories)[number];
export const actualCostSources = ['entered', 'imported', 'derived'] as const;

/** A month, written `YYYY-MM`; stored as its first day. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
  .describe('A month, YYYY-MM');
const amount = z
  .number({ error: 'must be a number' })
  .finite('must be a finite number')
  .min(0, 'must not be negative')
  .max(1e14, 'is too large');
const note = z.string().max(2000).default('');
const category = z.enum(costCategories);

export const budgetLineInput = z.object({ category, period: monthSchema, amount, note });
export const budgetLinePatch = patchOf(budgetLineInput);
export const budgetLineSchema = versionedSchema.extend({
  projectId: idSchema,
  category,
  period: z.string(),
  amount: z.number(),
  note: z.string(),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

/** The whole grid at once: every cell named replaces that cell; cells not named are removed. */
export const budgetGridInput = z.object({
  cells: z
    .array(z.object({ category, period: monthSchema, amount }))
    .max(10_000)
    .refine(
      (cells) => new Set(cells.map((c) => `${c.category} ${c.period}`)).size === cells.length,
      'names the same category and month twice',
    ),
});

export const envelopeInput = z
  .object({
    programId: idSchema.nullable().default(null),
    portfolioId: idSchema.nullable().default(null),
    category: category.nullable().default(null),
    period: monthSchema,
    amount,
    note,
  })
  .refine((e) => (e.programId === null) !== (e.portfolioId === null), {
    message: 'give exactly one of programId and portfolioId',
    path: ['programId'],
  });
export const envelopePatch = z
  .object({ amount: amount.optional(), note: z.string().max(2000).optional() })
  .strict();
export const envelopeSchema = versionedSchema.extend({
  programId: idSchema.nullable(),
  portfolioId: idSchema.nullable(),
  category: category.nullable(),
  period: z.string(),
  amount: z.number(),
  note: z.string(),
});
export type Envelope = z.infer<typeof envelopeSchema>;
export const envelopeFilters = { programId: idSchema.optional(), portfolioId: idSchema.optional() };

export const envelopeCheckSchema = z.object({
  scopeType: z.enum(['program', 'portfolio']),
  scopeId: idSchema,
  rows: z.array(
    z.object({
      period: z.string(),
      category: category.nullable(),
      envelope: z.number(),
      budget: z.number().describe("Sum of the budgets of the scope's projects for this month (and category)"),
      remaining: z.number(),
      over: z.boolean(),
    }),
  ),
  overCount: z.number().int(),
});
export type EnvelopeCheck = z.infer<typeof envelopeCheckSchema>;

export const actualCostInput = z.object({
  category,
  incurredOn: isoDateSchema,
  amount,
  description: z.string().max(2000).default(''),
  taskId: idSchema.nullable().default(null),
  resourceId: idSchema.nullable().default(null),
});
export const actualCostPatch = patchOf(actualCostInput);
export const actualCostSchema = versionedSchema.extend({
  projectId: idSchema,
  taskId: idSchema.nullable(),
  taskName: z.string().nullable(),
  resourceId: idSchema.nullable(),
  resourceName: z.string().nullable(),
  category,
  incurredOn: z.string(),
  amount: z.number(),
  description: z.string(),
  source: z.enum(actualCostSources),
  importId: idSchema.nullable(),
});
export type ActualCost = z.infer<typeof actualCostSchema>;
export const actualCostFilters = {
  source: z.enum(actualCostSources).optional(),
  category: category.optional(),
};

export const actualImportResultSchema = z.object({
  importId: idSchema,
  rows: z.number().int(),
  total: z.number(),
});
export const derivedActualsResultSchema = z.object({
  rows: z.number().int(),
  total: z.number(),
  replaced: z.number().int().describe('Derived rows of the project removed first'),
});

export const forecastInput = z.object({
  asOf: isoDateSchema,
  note,
  lines: z
    .array(z.object({ category, period: monthSchema, amount }))
    .max(10_000)
    .refine(
      (lines) => new Set(lines.map((l) => `${l.category} ${l.period}`)).size === lines.length,
      'names the same category and month twice',
    ),
});
const forecastLineSchema = z.object({ category, period: z.string(), amount: z.number() });
export const forecastSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  number: z.number().int(),
  asOf: z.string(),
  note: z.string(),
  createdBy: idSchema.nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  total: z.number(),
  lines: z.array(forecastLineSchema),
});
export type Forecast = z.infer<typeof forecastSchema>;
export const forecastComparisonSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  rows: z.array(
    z.object({
      category,
      period: z.string(),
      from: z.number(),
      to: z.number(),
      change: z.number(),
    }),
  ),
  totalFrom: z.number(),
  totalTo: z.number(),
});

const nullableNumber = z.number().nullable();
const figuresSchema = z.object({
  pv: z.number(),
  ev: z.number(),
  ac: z.number(),
  sv: z.number(),
  cv: z.number(),
  spi: nullableNumber,
  cpi: nullableNumber,
});
const byMethod = z.object({
  cpi: nullableNumber,
  cpiSpi: nullableNumber,
  budgetedRate: nullableNumber,
  bottomUp: nullableNumber,
});
export const earnedValueSchema = z.object({
  projectId: idSchema,
  asOf: z.string(),
  currency: z.string(),
  basis: z
    .enum(['baseline_cost', 'baseline_budget', 'budget_lines', 'none'])
    .describe(
      'Where planned value came from: baseline tasks with cost, the budget spread over baseline task dates, the budget lines by month, or nothing',
    ),
  bac: z.number(),
  status: figuresSchema.extend({
    eac: byMethod,
    etc: byMethod,
    vac: byMethod,
    tcpi: z.object({ toBac: nullableNumber, toEac: byMethod }),
    es: nullableNumber.describe('Earned schedule, in days from the start'),
    at: z.number().describe('Actual time, in days from the start'),
    svt: nullableNumber,
    spiT: nullableNumber,
    plannedFinish: z.string().nullable(),
    forecastFinish: z.string().nullable(),
  }),
  start: z.string().nullable(),
  months: z.array(
    z.object({
      period: z.string(),
      current: figuresSchema,
      cumulative: figuresSchema.describe(
        "PV to the month's end (the whole plan); EV and AC to the month's end, or to the status date from its month on",
      ),
      reported: z.boolean().describe('false for months after the status date: plan only'),
    }),
  ),
});
export type EarnedValueReport = z.infer<typeof earnedValueSchema>;

export const earnedValueQuery = z.object({ asOf: isoDateSchema.optional() });

export const projectFinancialsSchema = z.object({
  projectId: idSchema,
  asOf: z.string(),
  currency: z.string(),
  budget: z.number(),
  actual: z.number(),
  forecastToComplete: z.number(),
  bac: z.number(),
  pv: z.number(),
  ev: z.number(),
  ac: z.number(),
  eac: z.number(),
  etc: z.number(),
  vac: z.number(),
  spi: nullableNumber,
  cpi: nullableNumber,
  tcpi: nullableNumber,
  spiT: nullableNumber,
  forecastFinish: z.string().nullable(),
  computedAt: z.string(),
  periods: z.array(
    z.object({
      period: z.string(),
      budget: z.number(),
      actual: z.number(),
      forecast: z.number(),
      pv: z.number(),
      ev: z.number(),
    }),
  ),
});
export type ProjectFinancials = z.infer<typeof projectFinancialsSchema>;
