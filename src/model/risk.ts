import { z } from 'zod';
import { scopeTypes } from './access.ts';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

const title = z.string().trim().min(1, 'is required').max(300);
const text = (max: number) => z.string().max(max);
const optionalId = idSchema.nullable();

export const riskKinds = ['threat', 'opportunity'] as const;
export const riskStatuses = ['open', 'monitoring', 'occurred', 'closed'] as const;
export const threatStrategies = ['avoid', 'mitigate', 'transfer', 'accept'] as const;
export const opportunityStrategies = ['exploit', 'enhance', 'share', 'accept'] as const;
export const riskStrategies = [
  'avoid',
  'mitigate',
  'transfer',
  'accept',
  'exploit',
  'enhance',
  'share',
] as const;
export const ragBands = ['green', 'amber', 'red'] as const;
export const issuePriorities = ['low', 'medium', 'high', 'critical'] as const;
export const issueStatuses = ['open', 'in_progress', 'resolved', 'closed'] as const;
export const actionStatuses = ['planned', 'in_progress', 'done', 'cancelled'] as const;
/** The levels a risk or an issue sits at, lowest first; escalation moves one step up this ladder. */
export const riskLevels = scopeTypes;
export type RiskLevel = (typeof riskLevels)[number];

const probability = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
/** Checked against the organization's matrix by the service; the schema only knows it is a level. */
const impact = z.number().int().min(1, 'must be an impact level of the matrix (1 or more)');

// The matrix: probability levels cut 0..1 at `upTo`, impact levels are labelled, each cell has a score and a band.
export const probabilityLevelSchema = z.object({
  level: z.number().int(),
  label: z.string().trim().min(1).max(60),
  upTo: probability,
});
export const impactLevelSchema = z.object({
  level: z.number().int(),
  label: z.string().trim().min(1).max(60),
});
export const riskMatrixInput = z.object({
  probabilityLevels: z.array(probabilityLevelSchema).min(2).max(10),
  impactLevels: z.array(impactLevelSchema).min(2).max(10),
  scores: z.array(z.array(z.number().int().min(0).max(10_000))),
  bands: z.array(z.array(z.enum(ragBands))),
});
export const riskMatrixSchema = riskMatrixInput.extend({ version: z.number().int() });
export type RiskMatrix = z.infer<typeof riskMatrixSchema>;

const riskFields = {
  title,
  cause: text(4000).default(''),
  event: text(4000).default(''),
  effect: text(4000).default(''),
  categoryId: optionalId.default(null),
  probability,
  impactSchedule: impact,
  impactCost: impact,
  impactScope: impact,
  impactQuality: impact,
  residualProbability: probability.nullable().default(null),
  residualImpactSchedule: impact.nullable().default(null),
  residualImpactCost: impact.nullable().default(null),
  residualImpactScope: impact.nullable().default(null),
  residualImpactQuality: impact.nullable().default(null),
  proximity: isoDateSchema.nullable().default(null),
  trigger: text(2000).default(''),
  ownerId: optionalId.default(null),
  strategy: z.enum(riskStrategies).nullable().default(null),
  status: z.enum(riskStatuses).default('open'),
  /** Projects the risk threatens besides its own (a shared risk). */
  projectIds: z.array(idSchema).max(200).default([]),
};
const riskEditable = z.object(riskFields);
export const riskInput = z.object({
  kind: z.enum(riskKinds).default('threat'),
  scopeType: z.enum(riskLevels),
  scopeId: optionalId.default(null),
  ...riskFields,
});
export const riskPatch = patchOf(riskEditable);
export type RiskInput = z.infer<typeof riskInput>;

export function strategiesFor(kind: (typeof riskKinds)[number]): readonly string[] {
  return kind === 'threat' ? threatStrategies : opportunityStrategies;
}

const level = z.enum(riskLevels);
export const riskSchema = versionedSchema.extend({
  reference: z.number().int(),
  kind: z.enum(riskKinds),
  scopeType: level,
  scopeId: idSchema.nullable(),
  scopeName: z.string().nullable(),
  originScopeType: level,
  originScopeId: idSchema.nullable(),
  originScopeName: z.string().nullable(),
  escalationLevel: z.number().int(),
  escalatedAt: z.string().nullable(),
  title: z.string(),
  cause: z.string(),
  event: z.string(),
  effect: z.string(),
  categoryId: idSchema.nullable(),
  categoryName: z.string().nullable(),
  probability: z.number(),
  impactSchedule: z.number().int(),
  impactCost: z.number().int(),
  impactScope: z.number().int(),
  impactQuality: z.number().int(),
  probabilityLevel: z.number().int(),
  impactLevel: z.number().int(),
  score: z.number().int(),
  band: z.enum(ragBands).nullable(),
  residualProbability: z.number().nullable(),
  residualImpactSchedule: z.number().int().nullable(),
  residualImpactCost: z.number().int().nullable(),
  residualImpactScope: z.number().int().nullable(),
  residualImpactQuality: z.number().int().nullable(),
  residualProbabilityLevel: z.number().int().nullable(),
  residualImpactLevel: z.number().int().nullable(),
  residualScore: z.number().int().nullable(),
  proximity: z.string().nullable(),
  trigger: z.string(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  strategy: z.enum(riskStrategies).nullable(),
  status: z.enum(riskStatuses),
  projectIds: z.array(idSchema),
  projectNames: z.array(z.string()),
});
export type Risk = z.infer<typeof riskSchema>;

export const riskFilters = {
  scopeType: level.optional(),
  scopeId: idSchema.optional(),
  projectId: idSchema.optional(),
  programId: idSchema.optional(),
  portfolioId: idSchema.optional(),
  status: z.enum(riskStatuses).optional(),
  kind: z.enum(riskKinds).optional(),
  categoryId: idSchema.optional(),
  ownerId: idSchema.optional(),
  minScore: z.coerce.number().int().optional(),
  escalated: z.enum(['true', 'false']).optional(),
  /** A heat-map cell: the risks at this probability level and worst impact level. */
  probabilityLevel: z.coerce.number().int().min(1).optional(),
  impactLevel: z.coerce.number().int().min(1).optional(),
  /** Read the cell from the residual levels instead of the inherent ones. */
  residual: z.enum(['true', 'false']).optional(),
};
export type RiskFilters = { [K in keyof typeof riskFilters]?: z.infer<(typeof riskFilters)[K]> };

export const heatMapSchema = z.object({
  residual: z.boolean(),
  probabilityLevels: z.array(probabilityLevelSchema),
  impactLevels: z.array(impactLevelSchema),
  /** Rows per probability level (lowest first) of cells per impact level (lowest first). */
  cells: z.array(
    z.array(z.object({ count: z.number().int(), score: z.number().int(), band: z.enum(ragBands) })),
  ),
  total: z.number().int(),
});
export type HeatMap = z.infer<typeof heatMapSchema>;

export const riskTaskInput = z.object({
  taskId: idSchema,
  impactOptimisticMinutes: z.number().int(),
  impactLikelyMinutes: z.number().int(),
  impactPessimisticMinutes: z.number().int(),
});
export const riskTasksInput = z.object({ tasks: z.array(riskTaskInput).max(500) });
export const riskTaskSchema = riskTaskInput.extend({
  taskName: z.string(),
  projectId: idSchema,
  projectCode: z.string(),
});
export type RiskTask = z.infer<typeof riskTaskSchema>;

export const riskActionInput = z.object({
  title,
  description: text(4000).default(''),
  ownerId: optionalId.default(null),
  dueDate: isoDateSchema.nullable().default(null),
  status: z.enum(actionStatuses).default('planned'),
  doneDate: isoDateSchema.nullable().default(null),
});
export const riskActionPatch = patchOf(riskActionInput);
export const riskActionSchema = versionedSchema.extend({
  riskId: idSchema,
  title: z.string(),
  description: z.string(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(actionStatuses),
  doneDate: z.string().nullable(),
  overdue: z.boolean(),
});
export type RiskAction = z.infer<typeof riskActionSchema>;

const issueFields = {
  title,
  description: text(4000).default(''),
  priority: z.enum(issuePriorities).default('medium'),
  ownerId: optionalId.default(null),
  dueDate: isoDateSchema.nullable().default(null),
  status: z.enum(issueStatuses).default('open'),
  resolution: text(4000).default(''),
  riskId: optionalId.default(null),
};
export const issueInput = z.object({
  scopeType: z.enum(riskLevels),
  scopeId: optionalId.default(null),
  ...issueFields,
});
export const issuePatch = patchOf(z.object(issueFields));
export const issueSchema = versionedSchema.extend({
  reference: z.number().int(),
  scopeType: level,
  scopeId: idSchema.nullable(),
  scopeName: z.string().nullable(),
  originScopeType: level,
  originScopeId: idSchema.nullable(),
  originScopeName: z.string().nullable(),
  escalationLevel: z.number().int(),
  escalatedAt: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  priority: z.enum(issuePriorities),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(issueStatuses),
  resolution: z.string(),
  riskId: idSchema.nullable(),
  riskTitle: z.string().nullable(),
});
export type Issue = z.infer<typeof issueSchema>;
export const issueFilters = {
  scopeType: level.optional(),
  scopeId: idSchema.optional(),
  projectId: idSchema.optional(),
  programId: idSchema.optional(),
  status: z.enum(issueStatuses).optional(),
  priority: z.enum(issuePriorities).optional(),
  ownerId: idSchema.optional(),
  riskId: idSchema.optional(),
  escalated: z.enum(['true', 'false']).optional(),
};
export type IssueFilters = { [K in keyof typeof issueFilters]?: z.infer<(typeof issueFilters)[K]> };

export const escalateInput = z.object({ reason: z.string().trim().min(1, 'is required').max(2000) });
export const escalationSchema = z.object({
  id: idSchema,
  itemType: z.enum(['risk', 'issue']),
  itemId: idSchema,
  itemTitle: z.string().nullable(),
  fromScopeType: level,
  fromScopeId: idSchema.nullable(),
  fromScopeName: z.string().nullable(),
  toScopeType: level,
  toScopeId: idSchema.nullable(),
  toScopeName: z.string().nullable(),
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  reason: z.string(),
  automatic: z.boolean(),
  ruleId: idSchema.nullable(),
  at: z.string(),
});
export type Escalation = z.infer<typeof escalationSchema>;

export const escalationRuleKinds = ['score_at_least', 'action_overdue'] as const;
export const escalationRuleInput = z
  .object({
    name: title,
    kind: z.enum(escalationRuleKinds),
    minScore: z.number().int().min(0).nullable().default(null),
    overdueDays: z.number().int().min(0).max(3650).nullable().default(null),
    fromLevel: z.enum(['project', 'program', 'portfolio', 'business_unit']).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, context) => {
    if (rule.kind === 'score_at_least' && rule.minScore === null)
      context.addIssue({ code: 'custom', path: ['minScore'], message: 'is required for a score rule' });
    if (rule.kind === 'action_overdue' && rule.overdueDays === null)
      context.addIssue({ code: 'custom', path: ['overdueDays'], message: 'is required for an overdue rule' });
  });
export const escalationRulePatch = patchOf(escalationRuleInput);
export const escalationRuleSchema = versionedSchema.extend({
  name: z.string(),
  kind: z.enum(escalationRuleKinds),
  minScore: z.number().int().nullable(),
  overdueDays: z.number().int().nullable(),
  fromLevel: z.enum(['project', 'program', 'portfolio', 'business_unit']).nullable(),
  enabled: z.boolean(),
});
export type EscalationRule = z.infer<typeof escalationRuleSchema>;

export const riskCategoryInput = z.object({
  code: z.string().trim().min(1, 'is required').max(40),
  name: title,
  description: text(2000).default(''),
  parentId: optionalId.default(null),
});
export const riskCategoryPatch = patchOf(riskCategoryInput);
export const riskCategorySchema = versionedSchema.extend({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: idSchema.nullable(),
});
export type RiskCategory = z.infer<typeof riskCategorySchema>;

export const notificationKinds = [
  'escalation',
  'assignment',
  'action_overdue',
  'project_terminated',
  'report_late',
  'report_reviewed',
  'report_comment',
  'announcement',
  'reminder',
] as const;
export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(notificationKinds),
  entityType: z.string(),
  entityId: idSchema,
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const inboxItemSchema = z.object({
  itemType: z.enum(['risk', 'issue']),
  id: idSchema,
  reference: z.number().int(),
  title: z.string(),
  scopeType: level,
  scopeId: idSchema.nullable(),
  scopeName: z.string().nullable(),
  originScopeType: level,
  originScopeName: z.string().nullable(),
  score: z.number().int().nullable(),
  priority: z.enum(issuePriorities).nullable(),
  escalatedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
