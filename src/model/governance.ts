import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

const name = z.string().trim().min(1, 'is required').max(200);
const longText = z.string().max(8000);

/** The project stages a configured stage may map onto; on hold and terminated are states, not stages. */
export const mappableStages = [
  'proposal',
  'initiation',
  'planning',
  'execution',
  'closing',
  'closed',
] as const;
export const deciderRoles = ['pmo', 'portfolio_manager', 'program_manager'] as const;
export type DeciderRole = (typeof deciderRoles)[number];
export const criterionKinds = ['document', 'check'] as const;
export const criterionResults = ['met', 'not_met', 'waived'] as const;
export const gateDecisions = ['go', 'hold', 'recycle', 'terminate'] as const;
export type GateDecision = (typeof gateDecisions)[number];

// Lifecycles are written whole: stages in order, each with the gate that ends it and the gate's criteria.
// Ids of existing stages, gates and criteria may be sent back so reviews keep pointing at them.
const criterionInput = z.object({
  id: idSchema.optional(),
  kind: z.enum(criterionKinds).default('check'),
  text: z.string().trim().min(1, 'is required').max(1000),
  required: z.boolean().default(true),
});
const gateInput = z.object({
  id: idSchema.optional(),
  name,
  deciderRole: z.enum(deciderRoles).default('pmo'),
  pmoReviewRequired: z.boolean().default(false),
  criteria: z.array(criterionInput).max(100).default([]),
});
const stageInput = z.object({
  id: idSchema.optional(),
  name,
  projectStage: z.enum(mappableStages),
  gate: gateInput.nullable().default(null),
});
const lifecycleFields = z.object({
  name,
  description: longText.default(''),
  businessUnitId: idSchema.nullable().default(null),
  stages: z.array(stageInput).min(2, 'needs at least two stages').max(30),
});
/** The last stage ends the lifecycle, so it has no gate; every other stage needs one to be left. */
const gatesBetweenStages = (lifecycle: { stages: Array<{ gate: unknown }> }, ctx: z.RefinementCtx) => {
  lifecycle.stages.forEach((stage, index) => {
    const last = index === lifecycle.stages.length - 1;
    if (last && stage.gate !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['stages', index, 'gate'],
        message: 'the last stage has no gate',
      });
    if (!last && stage.gate === null)
      ctx.addIssue({
        code: 'custom',
        path: ['stages', index, 'gate'],
        message: 'is required to leave the stage',
      });
  });
};
export const lifecycleInput = lifecycleFields.superRefine(gatesBetweenStages);
export const lifecycleReplace = lifecycleFields
  .omit({ businessUnitId: true })
  .superRefine(gatesBetweenStages);

export const criterionSchema = z.object({
  id: idSchema,
  kind: z.enum(criterionKinds),
  text: z.string(),
  required: z.boolean(),
});
export const gateSchema = z.object({
  id: idSchema,
  name: z.string(),
  deciderRole: z.enum(deciderRoles),
  pmoReviewRequired: z.boolean(),
  criteria: z.array(criterionSchema),
});
export type Gate = z.infer<typeof gateSchema>;
export const stageSchema = z.object({
  id: idSchema,
  name: z.string(),
  position: z.number().int(),
  projectStage: z.enum(mappableStages),
  gate: gateSchema.nullable(),
});
export type Stage = z.infer<typeof stageSchema>;
export const lifecycleSchema = versionedSchema.extend({
  name: z.string(),
  description: z.string(),
  businessUnitId: idSchema.nullable(),
  businessUnitName: z.string().nullable(),
  stages: z.array(stageSchema),
});
export type Lifecycle = z.infer<typeof lifecycleSchema>;

export const criterionResultSchema = z.object({
  criterionId: idSchema,
  kind: z.enum(criterionKinds),
  text: z.string(),
  required: z.boolean(),
  result: z.enum(criterionResults).nullable(),
  evidence: z.string(),
});
export const gateReviewSchema = versionedSchema.extend({
  projectId: idSchema,
  gateId: idSchema,
  gateName: z.string(),
  stageName: z.string(),
  status: z.enum(['open', 'decided']),
  decision: z.enum(gateDecisions).nullable(),
  reason: z.string().nullable(),
  decidedBy: idSchema.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  pmoReviewedBy: idSchema.nullable(),
  pmoReviewedByName: z.string().nullable(),
  pmoReviewedAt: z.string().nullable(),
  pmoReviewNote: z.string().nullable(),
  results: z.array(criterionResultSchema),
});
export type GateReview = z.infer<typeof gateReviewSchema>;

export const openReviewInput = z.object({ gateId: idSchema });
export const reviewResultsInput = z.object({
  results: z
    .array(
      z.object({
        criterionId: idSchema,
        result: z.enum(criterionResults).nullable(),
        evidence: z.string().max(4000).default(''),
      }),
    )
    .max(100),
});
export const pmoReviewInput = z.object({ note: z.string().max(4000).default('') });
export const gateDecisionInput = z.object({
  decision: z.enum(gateDecisions),
  reason: z.string().trim().min(1, 'is required').max(4000),
  /** The project's version as read: a go or a hold changes its stage. */
  expectedVersion: z.number().int(),
});

export const projectGatesSchema = z.object({
  projectId: idSchema,
  projectStage: z.string(),
  projectVersion: z.number().int(),
  lifecycle: lifecycleSchema.nullable(),
  currentStageId: idSchema.nullable(),
  /** The gate in front of the project now; null when it has none (last stage, terminated, no lifecycle). */
  currentGate: gateSchema.nullable(),
  openReview: gateReviewSchema.nullable(),
  reviews: z.array(gateReviewSchema),
  canDecide: z.boolean(),
  canTerminate: z.boolean(),
});
export type ProjectGates = z.infer<typeof projectGatesSchema>;

export const decisionResultSchema = z.object({
  review: gateReviewSchema,
  projectStage: z.string(),
  projectVersion: z.number().int(),
  /** The UI asks for lessons learned next: at closure and at termination. */
  lessonsRequested: z.enum(['closure', 'termination']).nullable(),
});
export type DecisionResult = z.infer<typeof decisionResultSchema>;

export const terminationImpactSchema = z.object({
  projectId: idSchema,
  projectName: z.string(),
  projectStage: z.string(),
  projectVersion: z.number().int(),
  successors: z.array(
    z.object({
      projectId: idSchema,
      projectCode: z.string(),
      projectName: z.string(),
      managerName: z.string().nullable(),
      links: z.number().int(),
    }),
  ),
  sharedRisks: z.array(
    z.object({
      riskId: idSchema,
      title: z.string(),
      otherProjects: z.array(z.string()),
    }),
  ),
  bookings: z.array(
    z.object({
      bookingId: idSchema,
      resourceName: z.string(),
      kind: z.string(),
      startDate: z.string(),
      finishDate: z.string(),
      units: z.number(),
      /** What termination does to it: ends it yesterday, or cancels it when it has not started. */
      release: z.enum(['cancel', 'end']),
    }),
  ),
  openStaffingRequests: z.number().int(),
  assignments: z.number().int(),
});
export type TerminationImpact = z.infer<typeof terminationImpactSchema>;
export const terminateInput = z.object({
  reason: z.string().trim().min(1, 'is required').max(4000),
  expectedVersion: z.number().int(),
});
export const terminationResultSchema = z.object({
  projectStage: z.string(),
  projectVersion: z.number().int(),
  bookingsCancelled: z.number().int(),
  bookingsEnded: z.number().int(),
  staffingRequestsCancelled: z.number().int(),
  notified: z.number().int(),
  review: gateReviewSchema.nullable(),
  lessonsRequested: z.literal('termination'),
});

// Benefits.
export const benefitStatuses = [
  'planned',
  'tracking',
  'achieved',
  'at_risk',
  'not_achieved',
  'cancelled',
] as const;
const quantity = z.number().min(-1e12).max(1e12);
const benefitFields = z.object({
  programId: idSchema.nullable().default(null),
  projectId: idSchema.nullable().default(null),
  name,
  description: longText.default(''),
  measure: z.string().trim().min(1, 'is required').max(400),
  unit: z.string().trim().max(40).default(''),
  baseline: quantity.default(0),
  target: quantity,
  targetDate: isoDateSchema.nullable().default(null),
  ownerId: idSchema.nullable().default(null),
  status: z.enum(benefitStatuses).default('planned'),
});
export const benefitInput = benefitFields.refine((b) => (b.programId === null) !== (b.projectId === null), {
  message: 'name either a program or a project',
  path: ['projectId'],
});
export const benefitPatch = patchOf(benefitFields.omit({ programId: true, projectId: true }));
export const measurementSchema = z.object({
  id: idSchema,
  measuredOn: z.string(),
  value: z.number(),
  note: z.string(),
});
export const benefitSchema = versionedSchema.extend({
  programId: idSchema.nullable(),
  programName: z.string().nullable(),
  projectId: idSchema.nullable(),
  projectName: z.string().nullable(),
  projectStage: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  measure: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  targetDate: z.string().nullable(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(benefitStatuses),
  latestValue: z.number().nullable(),
  /** Share of the way from baseline to target reached by the latest measurement, 0–1 and beyond. */
  progress: z.number().nullable(),
  measurements: z.array(measurementSchema),
});
export type Benefit = z.infer<typeof benefitSchema>;
export const measurementInput = z.object({
  measuredOn: isoDateSchema,
  value: quantity,
  note: z.string().max(2000).default(''),
});

// Lessons.
export const lessonKinds = ['success', 'problem', 'recommendation'] as const;
export const lessonSources = ['gate_review', 'closure', 'termination', 'ad_hoc'] as const;
const lessonFields = z.object({
  projectId: idSchema.nullable().default(null),
  gateReviewId: idSchema.nullable().default(null),
  title: name,
  body: longText.default(''),
  category: z.string().trim().min(1, 'is required').max(80),
  kind: z.enum(lessonKinds),
  source: z.enum(lessonSources).default('ad_hoc'),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  riskIds: z.array(idSchema).max(50).default([]),
});
export const lessonInput = lessonFields;
export const lessonPatch = patchOf(lessonFields.omit({ projectId: true, gateReviewId: true, source: true }));
export const lessonSchema = versionedSchema.extend({
  projectId: idSchema.nullable(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  gateReviewId: idSchema.nullable(),
  title: z.string(),
  body: z.string(),
  category: z.string(),
  kind: z.enum(lessonKinds),
  source: z.enum(lessonSources),
  tags: z.array(z.string()),
  authorId: idSchema.nullable(),
  authorName: z.string().nullable(),
  risks: z.array(z.object({ id: idSchema, title: z.string() })),
  /** Full-text rank when the list was searched; null otherwise. */
  rank: z.number().nullable(),
});
export type Lesson = z.infer<typeof lessonSchema>;
export const suggestedLessonSchema = lessonSchema.extend({
  /** Why it is offered: same methodology, business unit, portfolio, words of the name. */
  reasons: z.array(z.string()),
  score: z.number(),
});
export type SuggestedLesson = z.infer<typeof suggestedLessonSchema>;

export const proposalTargetKinds = ['template', 'standard', 'checklist', 'process', 'other'] as const;
export const proposalStatuses = ['proposed', 'accepted', 'rejected', 'implemented'] as const;
export const changeProposalInput = z.object({
  targetKind: z.enum(proposalTargetKinds),
  targetReference: z.string().trim().min(1, 'is required').max(400),
  /** The knowledge hub's process asset (a standard, checklist, procedure…) the change is for. */
  targetAssetId: idSchema.nullable().default(null),
  /** The project template the change is for (target kind 'template'). */
  targetTemplateId: idSchema.nullable().default(null),
  proposedText: z.string().trim().min(1, 'is required').max(8000),
});
export const changeProposalPatch = z
  .object({
    status: z.enum(proposalStatuses).optional(),
    decisionNote: z.string().max(4000).optional(),
  })
  .strict();
export const changeProposalSchema = versionedSchema.extend({
  lessonId: idSchema,
  lessonTitle: z.string(),
  targetKind: z.enum(proposalTargetKinds),
  targetReference: z.string(),
  targetAssetId: idSchema.nullable(),
  targetTemplateId: idSchema.nullable(),
  /** The linked asset's title or template's name. */
  targetTitle: z.string().nullable(),
  proposedText: z.string(),
  status: z.enum(proposalStatuses),
  decisionNote: z.string(),
  proposedBy: idSchema.nullable(),
  proposedByName: z.string().nullable(),
});
export type ChangeProposal = z.infer<typeof changeProposalSchema>;
