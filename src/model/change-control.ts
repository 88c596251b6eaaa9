import { z } from 'zod';
import { idSchema, patchOf, versionedSchema } from './common.ts';
import { constraintTypes, linkTypes, localDateTimeSchema } from './plan.ts';

export const changeStatuses = ['submitted', 'under_review', 'approved', 'rejected', 'deferred'] as const;
export type ChangeStatus = (typeof changeStatuses)[number];
export const changeCategories = ['scope', 'schedule', 'cost', 'quality', 'resource', 'other'] as const;
export const changeDecisions = ['approve', 'reject', 'defer'] as const;
export const changeScopeLevels = ['project', 'program'] as const;
/** The roles that may be named deciders (they hold decide_change); a higher one covering the scope decides too. */
export const deciderRoles = ['pmo_admin', 'portfolio_manager', 'program_manager'] as const;

const MAX_MINUTES = 60 * 24 * 366 * 50;

/** The task fields a change may set; the same rules as a task PATCH. */
const taskChanges = z
  .object({
    name: z.string().trim().min(1, 'is required').max(500),
    durationMinutes: z.number().int().min(0).max(MAX_MINUTES),
    constraintType: z.enum(constraintTypes),
    constraintDate: localDateTimeSchema.nullable(),
    deadline: localDateTimeSchema.nullable(),
    actualStart: localDateTimeSchema.nullable(),
    actualFinish: localDateTimeSchema.nullable(),
    percentComplete: z.number().min(0).max(100),
  })
  .partial()
  .strict();

/**
 * One plan operation of a change, applied in order. Links are named by their two tasks (a pair is
 * linked at most once); a task the change adds carries its id, so later operations can link to it.
 */
export const changeOperationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('update_task'), taskId: idSchema, changes: taskChanges }),
  z.object({
    op: z.literal('add_task'),
    taskId: idSchema.optional(),
    projectId: idSchema,
    parentId: idSchema.nullable().default(null),
    name: z.string().trim().min(1, 'is required').max(500),
    durationMinutes: z.number().int().min(0).max(MAX_MINUTES).default(480),
  }),
  z.object({ op: z.literal('delete_task'), taskId: idSchema }),
  z.object({
    op: z.literal('add_link'),
    predecessorId: idSchema,
    successorId: idSchema,
    type: z.enum(linkTypes).default('FS'),
    lagMinutes: z.number().int().min(-MAX_MINUTES).max(MAX_MINUTES).default(0),
  }),
  z.object({ op: z.literal('remove_link'), predecessorId: idSchema, successorId: idSchema }),
  z.object({
    op: z.literal('update_link'),
    predecessorId: idSchema,
    successorId: idSchema,
    type: z.enum(linkTypes).optional(),
    lagMinutes: z.number().int().min(-MAX_MINUTES).max(MAX_MINUTES).optional(),
  }),
]);
export type ChangeOperation = z.infer<typeof changeOperationSchema>;

const changeFields = z.object({
  title: z.string().trim().min(1, 'is required').max(300),
  reason: z.string().max(5000).default(''),
  description: z.string().max(20000).default(''),
  category: z.enum(changeCategories).default('schedule'),
  costImpact: z.number().min(-1e13).max(1e13).default(0),
  operations: z.array(changeOperationSchema).max(200).default([]),
});
export const changeRequestInput = changeFields;
export const changeRequestPatch = patchOf(changeFields);

export const changeDecisionInput = z.object({
  decision: z.enum(changeDecisions),
  note: z.string().max(5000).default(''),
});

export const changeImpactSchema = z.object({
  computedAt: z.string(),
  projects: z.array(
    z.object({
      projectId: idSchema,
      code: z.string(),
      name: z.string(),
      oldFinish: z.string().nullable(),
      newFinish: z.string().nullable(),
      deltaWorkingDays: z.number(),
      deltaCalendarDays: z.number(),
    }),
  ),
  tasks: z.array(
    z.object({
      taskId: idSchema,
      projectId: idSchema,
      name: z.string(),
      change: z.enum(['moved', 'added', 'removed']),
      oldStart: z.string().nullable(),
      oldFinish: z.string().nullable(),
      newStart: z.string().nullable(),
      newFinish: z.string().nullable(),
    }),
  ),
  criticalPath: z.object({
    added: z.array(z.object({ id: idSchema, name: z.string() })),
    removed: z.array(z.object({ id: idSchema, name: z.string() })),
  }),
  cost: z.object({
    entered: z.number(),
    derived: z.number().nullable(),
    total: z.number(),
    note: z.string(),
  }),
});
export type ChangeImpact = z.infer<typeof changeImpactSchema>;

export const changeDecisionEntrySchema = z.object({
  id: idSchema,
  changeRequestId: idSchema,
  number: z.number().int(),
  title: z.string(),
  fromStatus: z.enum(changeStatuses).nullable(),
  toStatus: z.enum(changeStatuses),
  actorLabel: z.string(),
  note: z.string(),
  at: z.string(),
});
export type ChangeDecisionEntry = z.infer<typeof changeDecisionEntrySchema>;

export const changeRequestSchema = versionedSchema.extend({
  number: z.number().int(),
  scopeType: z.enum(changeScopeLevels),
  projectId: idSchema.nullable(),
  programId: idSchema.nullable(),
  scopeName: z.string(),
  title: z.string(),
  reason: z.string(),
  description: z.string(),
  category: z.enum(changeCategories),
  requestedBy: idSchema.nullable(),
  requestedByName: z.string().nullable(),
  status: z.enum(changeStatuses),
  costImpact: z.number(),
  operations: z.array(changeOperationSchema),
  impact: changeImpactSchema.nullable(),
  impactComputedAt: z.string().nullable(),
  applyError: z.string().nullable(),
  decidedBy: idSchema.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  appliedAt: z.string().nullable(),
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

/** A request with what its reader may do with it, for the web app's buttons. */
export const changeRequestDetailSchema = changeRequestSchema.extend({
  decisions: z.array(changeDecisionEntrySchema),
  allowed: z.object({ edit: z.boolean(), review: z.boolean(), decide: z.boolean(), recompute: z.boolean() }),
});
export type ChangeRequestDetail = z.infer<typeof changeRequestDetailSchema>;

export const changeAuthoritiesSchema = z.object({
  project: z.enum(deciderRoles),
  program: z.enum(deciderRoles),
});
export type ChangeAuthorities = z.infer<typeof changeAuthoritiesSchema>;
export const changeAuthoritiesPatch = changeAuthoritiesSchema.partial().strict();
