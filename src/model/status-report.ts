import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

// Status reports: a project's periodic self-assessment, the indicators computed beside it, reviews.

export const rags = ['green', 'amber', 'red'] as const;
export const ragSchema = z.enum(rags);
export const statusReportStatuses = ['draft', 'submitted', 'reviewed'] as const;
export const reportingFrequencies = ['weekly', 'fortnightly', 'monthly'] as const;
/** The self-assessed ratings, as the API names them (each stored in `<name>_rag`). */
export const ragFields = [
  'overallRag',
  'scheduleRag',
  'costRag',
  'scopeRag',
  'resourcesRag',
  'riskRag',
  'qualityRag',
] as const;

const text = (max: number) => z.string().max(max).default('');

const reportFields = z.object({
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  overallRag: ragSchema.nullable().default(null),
  scheduleRag: ragSchema.nullable().default(null),
  costRag: ragSchema.nullable().default(null),
  scopeRag: ragSchema.nullable().default(null),
  resourcesRag: ragSchema.nullable().default(null),
  riskRag: ragSchema.nullable().default(null),
  qualityRag: ragSchema.nullable().default(null),
  narrative: text(20_000),
  achievements: text(20_000),
  nextSteps: text(20_000),
  decisionsNeeded: text(20_000),
});

const periodInOrder = (value: { periodStart?: string; periodEnd?: string }, ctx: z.RefinementCtx) => {
  if (value.periodStart && value.periodEnd && value.periodEnd < value.periodStart)
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before periodStart' });
};

export const statusReportInput = reportFields.strict().superRefine(periodInOrder);
export const statusReportPatch = patchOf(reportFields).superRefine(periodInOrder);

const thresholdFields = z.object({
  spiAmber: z.number().min(0).max(5),
  spiRed: z.number().min(0).max(5),
  cpiAmber: z.number().min(0).max(5),
  cpiRed: z.number().min(0).max(5),
  lateMilestonesAmber: z.number().int().min(0).max(1000),
  lateMilestonesRed: z.number().int().min(0).max(1000),
  highRisksAmber: z.number().int().min(0).max(1000),
  highRisksRed: z.number().int().min(0).max(1000),
  slipDaysAmber: z.number().int().min(0).max(3650),
  slipDaysRed: z.number().int().min(0).max(3650),
});

export const indicatorSchema = z.object({
  key: z.enum(['spi', 'cpi', 'lateMilestones', 'highRisks', 'scheduleSlip']),
  dimension: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  rag: ragSchema.nullable(),
  explanation: z.string(),
});

export const computedIndicatorsSchema = z.object({
  statusDate: z.string(),
  financialsAsOf: z.string().nullable(),
  indicators: z.array(indicatorSchema),
  lateMilestones: z.array(z.object({ taskId: idSchema, name: z.string(), finish: z.string() })),
  openHighRisks: z.array(
    z.object({ riskId: idSchema, reference: z.number().int(), title: z.string(), score: z.number() }),
  ),
  baselineFinish: z.string().nullable(),
  forecastFinish: z.string().nullable(),
  dimensions: z.record(z.string(), ragSchema),
  overall: ragSchema.nullable(),
  thresholds: thresholdFields,
});
export type ComputedIndicatorsRead = z.infer<typeof computedIndicatorsSchema>;

export const disagreementSchema = z.object({
  dimension: z.string(),
  selfAssessed: ragSchema,
  computed: ragSchema,
  reason: z.string(),
});

export const statusReportSchema = versionedSchema.extend({
  projectId: idSchema,
  projectCode: z.string(),
  projectName: z.string(),
  programId: idSchema.nullable(),
  programName: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(statusReportStatuses),
  overallRag: ragSchema.nullable(),
  scheduleRag: ragSchema.nullable(),
  costRag: ragSchema.nullable(),
  scopeRag: ragSchema.nullable(),
  resourcesRag: ragSchema.nullable(),
  riskRag: ragSchema.nullable(),
  qualityRag: ragSchema.nullable(),
  narrative: z.string(),
  achievements: z.string(),
  nextSteps: z.string(),
  decisionsNeeded: z.string(),
  createdByName: z.string().nullable(),
  submittedBy: idSchema.nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  indicators: computedIndicatorsSchema.nullable(),
  disagreements: z.array(disagreementSchema),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  commentCount: z.number().int(),
});
export type StatusReport = z.infer<typeof statusReportSchema>;

export const statusReportCommentSchema = z.object({
  id: idSchema,
  reportId: idSchema,
  parentId: idSchema.nullable(),
  authorLabel: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type StatusReportComment = z.infer<typeof statusReportCommentSchema>;

export const statusReportDetailSchema = statusReportSchema.extend({
  /** For a draft, what the indicators say now; for a submitted report, the same as `indicators`. */
  liveIndicators: computedIndicatorsSchema,
  liveDisagreements: z.array(disagreementSchema),
  comments: z.array(statusReportCommentSchema),
  allowed: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean(), comment: z.boolean() }),
});
export type StatusReportDetail = z.infer<typeof statusReportDetailSchema>;

export const reviewInput = z.object({ note: z.string().max(5000).default('') }).strict();
export const commentInput = z
  .object({ body: z.string().trim().min(1).max(10_000), parentId: idSchema.nullable().default(null) })
  .strict();

export const reportingCadenceInput = z
  .object({
    frequency: z.enum(reportingFrequencies),
    anchorDate: isoDateSchema,
    graceDays: z.number().int().min(0).max(30).default(0),
  })
  .strict();
export const reportingCadenceSchema = z.object({
  projectId: idSchema,
  /** Null when the project has no cadence: it is not expected to report. */
  cadence: z
    .object({
      frequency: z.enum(reportingFrequencies),
      anchorDate: z.string(),
      graceDays: z.number().int(),
      version: z.number().int(),
    })
    .nullable(),
  nextDueDate: z.string().nullable(),
  /** The due date the project missed, when it is late now. */
  missedDueDate: z.string().nullable(),
});
export type ReportingCadenceRead = z.infer<typeof reportingCadenceSchema>;

export const statusThresholdsPatch = patchOf(thresholdFields);
export const statusThresholdsSchema = thresholdFields.extend({ version: z.number().int() });
export type StatusThresholds = z.infer<typeof statusThresholdsSchema>;

export const lateReportSchema = z.object({
  projectId: idSchema,
  projectCode: z.string(),
  projectName: z.string(),
  programId: idSchema.nullable(),
  programName: z.string().nullable(),
  managerName: z.string().nullable(),
  frequency: z.enum(reportingFrequencies),
  dueDate: z.string(),
  daysLate: z.number().int(),
  lastPeriodEnd: z.string().nullable(),
  lastSubmittedAt: z.string().nullable(),
});
export type LateReport = z.infer<typeof lateReportSchema>;

export const reportScopeQuery = z.object({
  scopeType: z
    .enum(['organization', 'business_unit', 'portfolio', 'program', 'project'])
    .default('organization'),
  scopeId: idSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
