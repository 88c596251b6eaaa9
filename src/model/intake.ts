import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

/** Intake (proposals with a business case), scoring models and evaluations, and portfolio scenarios. */

const title = z.string().trim().min(1, 'is required').max(200);
const text = (max: number) => z.string().max(max);
const optionalId = idSchema.nullable();
/** Months are their first day: "2027-03-01". */
const month = isoDateSchema.refine((value) => value.endsWith('-01'), 'must be the first day of a month');
const money = z.number().min(0, 'must not be negative').max(1e15);

export const proposalStatuses = [
  'draft',
  'submitted',
  'in_triage',
  'accepted',
  'rejected',
  'deferred',
] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
export const triageDecisions = ['in_triage', 'accepted', 'rejected', 'deferred'] as const;
export const costCategories = ['labour', 'capital', 'operating', 'other'] as const;

const uniqueBy =
  <T>(key: (item: T) => string) =>
  (items: T[]) =>
    new Set(items.map(key)).size === items.length;

const proposalFields = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dot, dash or underscore'),
  title,
  businessUnitId: idSchema,
  portfolioId: idSchema,
  programId: optionalId.default(null),
  sponsorId: optionalId.default(null),
  businessCase: text(20_000).default(''),
  expectedBenefits: text(8000).default(''),
  keyRisks: text(8000).default(''),
  proposedStart: month.nullable().default(null),
  durationMonths: z.number().int().min(1).max(120).default(6),
  objectives: z
    .array(z.object({ objectiveId: idSchema, contribution: z.number().min(0).max(10) }))
    .max(100)
    .refine(
      uniqueBy((o: { objectiveId: string }) => o.objectiveId),
      'names an objective twice',
    )
    .default([]),
  costLines: z
    .array(z.object({ period: month, category: z.enum(costCategories).default('other'), amount: money }))
    .max(2000)
    .refine(
      uniqueBy((l: { period: string; category: string }) => `${l.period}/${l.category}`),
      'has two lines for the same month and category',
    )
    .default([]),
  roleDemand: z
    .array(z.object({ roleId: idSchema, period: month, hours: z.number().min(0).max(1e6) }))
    .max(5000)
    .refine(
      uniqueBy((d: { roleId: string; period: string }) => `${d.roleId}/${d.period}`),
      'has two entries for the same role and month',
    )
    .default([]),
  dependencies: z
    .array(
      z
        .object({ proposalId: optionalId.default(null), projectId: optionalId.default(null) })
        .refine((d) => (d.proposalId === null) !== (d.projectId === null), 'name a proposal or a project'),
    )
    .max(100)
    .default([]),
});
export const proposalInput = proposalFields;
export const proposalPatch = patchOf(proposalFields);
export type ProposalInput = z.infer<typeof proposalInput>;

export const proposalSchema = versionedSchema.extend({
  code: z.string(),
  title: z.string(),
  businessUnitId: idSchema,
  businessUnitName: z.string().nullable(),
  portfolioId: idSchema,
  portfolioName: z.string().nullable(),
  programId: idSchema.nullable(),
  programName: z.string().nullable(),
  sponsorId: idSchema.nullable(),
  sponsorName: z.string().nullable(),
  submitterId: idSchema.nullable(),
  submitterName: z.string().nullable(),
  status: z.enum(proposalStatuses),
  businessCase: z.string(),
  expectedBenefits: z.string(),
  keyRisks: z.string(),
  proposedStart: z.string().nullable(),
  durationMonths: z.number().int(),
  triageNote: z.string(),
  triagedById: idSchema.nullable(),
  triagedByName: z.string().nullable(),
  triagedAt: z.string().nullable(),
  projectId: idSchema.nullable(),
  totalCost: z.number(),
  objectives: z.array(
    z.object({ objectiveId: idSchema, objectiveName: z.string(), contribution: z.number() }),
  ),
  costLines: z.array(z.object({ period: z.string(), category: z.enum(costCategories), amount: z.number() })),
  roleDemand: z.array(
    z.object({ roleId: idSchema, roleName: z.string(), period: z.string(), hours: z.number() }),
  ),
  dependencies: z.array(
    z.object({
      proposalId: idSchema.nullable(),
      projectId: idSchema.nullable(),
      label: z.string(),
    }),
  ),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalFilters = {
  status: z.enum(proposalStatuses).optional(),
  portfolioId: idSchema.optional(),
  businessUnitId: idSchema.optional(),
};

export const triageInput = z.object({
  decision: z.enum(triageDecisions),
  note: text(4000).default(''),
});

// Scoring models.

export const criterionKinds = ['objective_alignment', 'value', 'risk', 'urgency', 'custom'] as const;
const criterionInput = z
  .object({
    /** Keep an existing criterion (and its scores) by naming its id; new ones have none. */
    id: idSchema.optional(),
    name: title,
    kind: z.enum(criterionKinds).default('custom'),
    objectiveId: optionalId.default(null),
    weight: z.number().min(0, 'must not be negative').max(1000),
  })
  .refine((c) => c.kind !== 'objective_alignment' || c.objectiveId !== null, {
    message: 'is required for an objective-alignment criterion',
    path: ['objectiveId'],
  });

const scoringModelFields = z.object({
  name: title,
  description: text(4000).default(''),
  active: z.boolean().default(false),
  scaleMin: z.number().min(-1000).max(1000).default(0),
  scaleMax: z.number().min(-1000).max(1000).default(5),
  criteria: z
    .array(criterionInput)
    .min(1, 'needs at least one criterion')
    .max(50)
    .refine(
      uniqueBy((c: { name: string }) => c.name.toLowerCase()),
      'names a criterion twice',
    ),
  evaluatorIds: z
    .array(idSchema)
    .max(200)
    .refine(
      uniqueBy((id: string) => id),
      'names a person twice',
    )
    .default([]),
});
export const scoringModelInput = scoringModelFields.refine((m) => m.scaleMax > m.scaleMin, {
  message: 'must be greater than scaleMin',
  path: ['scaleMax'],
});
export const scoringModelPatch = patchOf(scoringModelFields);

export const criterionSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(criterionKinds),
  objectiveId: idSchema.nullable(),
  objectiveName: z.string().nullable(),
  weight: z.number(),
  position: z.number().int(),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const scoringModelSchema = versionedSchema.extend({
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  scaleMin: z.number(),
  scaleMax: z.number(),
  criteria: z.array(criterionSchema),
  evaluators: z.array(z.object({ userId: idSchema, name: z.string() })),
});
export type ScoringModel = z.infer<typeof scoringModelSchema>;

export const candidateTypes = ['proposal', 'project'] as const;
export type CandidateType = (typeof candidateTypes)[number];
export const candidateRef = z.object({ type: z.enum(candidateTypes), id: idSchema });
export type CandidateRef = z.infer<typeof candidateRef>;

export const evaluationInput = z.object({
  modelId: idSchema,
  candidate: candidateRef,
  scores: z
    .array(z.object({ criterionId: idSchema, score: z.number(), comment: text(2000).default('') }))
    .min(1)
    .max(50)
    .refine(
      uniqueBy((s: { criterionId: string }) => s.criterionId),
      'names a criterion twice',
    ),
});

export const evaluationSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  modelId: idSchema,
  criterionId: idSchema,
  criterionName: z.string(),
  evaluatorId: idSchema,
  evaluatorName: z.string(),
  candidateType: z.enum(candidateTypes),
  candidateId: idSchema,
  score: z.number(),
  comment: z.string(),
  updatedAt: z.string(),
});
export type EvaluationRow = z.infer<typeof evaluationSchema>;

export const evaluationQuery = z.object({
  modelId: idSchema,
  candidateType: z.enum(candidateTypes),
  candidateId: idSchema,
});

const spreadSchema = z.object({ min: z.number(), max: z.number(), stdDev: z.number() });
export const rankingEntrySchema = z.object({
  candidateType: z.enum(candidateTypes),
  candidateId: idSchema,
  code: z.string(),
  title: z.string(),
  status: z.string(),
  rank: z.number().int(),
  score: z.number(),
  percent: z.number(),
  evaluators: z.number().int(),
  /** Evaluators who have not scored every criterion yet; left out of the combined score. */
  incomplete: z.number().int(),
  spread: spreadSchema,
  criteria: z.array(
    z.object({ criterionId: idSchema, name: z.string(), mean: z.number(), spread: spreadSchema }),
  ),
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;
export const rankingSchema = z.object({
  modelId: idSchema,
  modelName: z.string(),
  scaleMin: z.number(),
  scaleMax: z.number(),
  items: z.array(rankingEntrySchema),
});
export type Ranking = z.infer<typeof rankingSchema>;
