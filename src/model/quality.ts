import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';
import { methodologies } from './organization.ts';

const title = z.string().trim().min(1, 'is required').max(300);

/** How much oversight a project is under; standards name the least oversight they apply from. */
export const oversightLevels = ['intensive', 'standard', 'light'] as const;
export type OversightLevel = (typeof oversightLevels)[number];

export const checklistItemSchema = z.object({ id: idSchema, position: z.number().int(), text: z.string() });

export const qualityStandardInput = z.object({
  code: z.string().trim().min(1, 'is required').max(40),
  name: title,
  description: z.string().max(4000).default(''),
  /** The project type (methodology) it applies to; null for every type. */
  projectType: z.enum(methodologies).nullable().default(null),
  /** 'light': every project; 'standard': projects under standard or intensive oversight; 'intensive': those only. */
  requiredFrom: z.enum(oversightLevels).default('light'),
  active: z.boolean().default(true),
  checklist: z.array(z.string().trim().min(1, 'is required').max(1000)).max(200).default([]),
});
export const qualityStandardPatch = patchOf(qualityStandardInput);
export const qualityStandardSchema = versionedSchema.extend({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  projectType: z.enum(methodologies).nullable(),
  requiredFrom: z.enum(oversightLevels),
  active: z.boolean(),
  checklist: z.array(checklistItemSchema),
});
export type QualityStandard = z.infer<typeof qualityStandardSchema>;

export const checkResults = ['pass', 'fail', 'na'] as const;
export const inspectionKinds = ['inspection', 'audit'] as const;
const checkResultInput = z.object({
  itemId: idSchema,
  result: z.enum(checkResults),
  note: z.string().max(2000).default(''),
});

export const inspectionInput = z.object({
  projectId: idSchema,
  standardId: idSchema,
  kind: z.enum(inspectionKinds),
  title,
  heldOn: isoDateSchema,
  inspectorId: idSchema.nullable().default(null),
  notes: z.string().max(4000).default(''),
  results: z.array(checkResultInput).max(200).default([]),
});
export const inspectionPatch = patchOf(inspectionInput.omit({ projectId: true, standardId: true }));
export const inspectionSchema = versionedSchema.extend({
  projectId: idSchema,
  projectName: z.string(),
  standardId: idSchema,
  standardName: z.string(),
  kind: z.enum(inspectionKinds),
  title: z.string(),
  heldOn: z.string(),
  inspectorId: idSchema.nullable(),
  inspectorName: z.string().nullable(),
  notes: z.string(),
  results: z.array(
    z.object({ itemId: idSchema, text: z.string(), result: z.enum(checkResults), note: z.string() }),
  ),
  passed: z.number().int(),
  failed: z.number().int(),
});
export type Inspection = z.infer<typeof inspectionSchema>;

export const findingSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const findingInput = z.object({
  inspectionId: idSchema,
  severity: z.enum(findingSeverities),
  description: z.string().trim().min(1, 'is required').max(4000),
  status: z.enum(['open', 'closed']).default('open'),
});
export const findingPatch = patchOf(findingInput.omit({ inspectionId: true }));
export const findingSchema = versionedSchema.extend({
  inspectionId: idSchema,
  projectId: idSchema,
  severity: z.enum(findingSeverities),
  description: z.string(),
  status: z.enum(['open', 'closed']),
});
export type Finding = z.infer<typeof findingSchema>;

export const correctiveActionStatuses = ['open', 'in_progress', 'done'] as const;
export const correctiveActionInput = z.object({
  findingId: idSchema,
  title,
  ownerId: idSchema.nullable().default(null),
  dueDate: isoDateSchema.nullable().default(null),
  status: z.enum(correctiveActionStatuses).default('open'),
});
export const correctiveActionPatch = patchOf(correctiveActionInput.omit({ findingId: true }));
export const correctiveActionSchema = versionedSchema.extend({
  findingId: idSchema,
  projectId: idSchema,
  title: z.string(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(correctiveActionStatuses),
  doneOn: z.string().nullable(),
});
export type CorrectiveAction = z.infer<typeof correctiveActionSchema>;

const severityCounts = z.object({
  low: z.number().int(),
  medium: z.number().int(),
  high: z.number().int(),
  critical: z.number().int(),
});
export const complianceStatuses = ['compliant', 'at_risk', 'non_compliant', 'not_assessed'] as const;
export const complianceFigures = z.object({
  applicableChecks: z.number().int(),
  checksPassed: z.number().int(),
  /** Share of applicable checks whose latest result is a pass, 0..1; null when none was checked. */
  passRate: z.number().nullable(),
  openFindings: severityCounts,
  overdueActions: z.number().int(),
  status: z.enum(complianceStatuses),
});
export type ComplianceFigures = z.infer<typeof complianceFigures>;
export const projectComplianceSchema = complianceFigures.extend({
  projectId: idSchema,
  oversight: z.enum(oversightLevels),
});
export const complianceRollupRowSchema = complianceFigures.extend({
  id: idSchema,
  name: z.string(),
  projects: z.number().int(),
});
export const complianceRollupSchema = z.object({
  portfolios: z.array(complianceRollupRowSchema),
  programs: z.array(complianceRollupRowSchema.extend({ portfolioId: idSchema })),
});
