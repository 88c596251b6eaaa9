import { z } from 'zod';
import { idSchema, isoDateSchema, versionedSchema } from './common.ts';
import { methodologies } from './organization.ts';
import { linkTypes } from './plan.ts';

/**
 * A project template's content: the WBS (tasks keyed by the template's own keys, with their parent,
 * duration in working days and milestones), the links between them, standard risks, the documents a
 * project must produce (they become configuration items) and the checklists of its gates.
 */
const key = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dot, dash or underscore');
const MAX_DAYS = 5000;

export const templateTaskSchema = z
  .object({
    key,
    name: z.string().trim().min(1, 'is required').max(500),
    parentKey: key.nullable().default(null),
    durationDays: z.number().min(0).max(MAX_DAYS).default(1),
    milestone: z.boolean().default(false),
  })
  .strict();
export const templateLinkSchema = z
  .object({
    from: key,
    to: key,
    type: z.enum(linkTypes).default('FS'),
    lagDays: z.number().min(-MAX_DAYS).max(MAX_DAYS).default(0),
  })
  .strict();
export const templateRiskSchema = z
  .object({
    title: z.string().trim().min(1, 'is required').max(300),
    cause: z.string().max(4000).default(''),
    effect: z.string().max(4000).default(''),
    probability: z.number().min(0).max(1),
    impact: z.number().int().min(1).max(5),
  })
  .strict();
export const templateDocumentSchema = z
  .object({
    identifier: z.string().trim().min(1, 'is required').max(60),
    title: z.string().trim().min(1, 'is required').max(300),
    kind: z.enum(['deliverable', 'specification', 'document']).default('document'),
  })
  .strict();
export const templateGateSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    checklist: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
  })
  .strict();

export const templateContentSchema = z
  .object({
    tasks: z.array(templateTaskSchema).max(5000).default([]),
    links: z.array(templateLinkSchema).max(20000).default([]),
    risks: z.array(templateRiskSchema).max(500).default([]),
    documents: z.array(templateDocumentSchema).max(500).default([]),
    gates: z.array(templateGateSchema).max(50).default([]),
  })
  .strict();
export type TemplateContent = z.infer<typeof templateContentSchema>;

export const templateStatuses = ['draft', 'published', 'retired'] as const;

export const templateInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().max(4000).default(''),
    methodology: z.enum(methodologies).default('predictive'),
    content: templateContentSchema.default({ tasks: [], links: [], risks: [], documents: [], gates: [] }),
  })
  .strict();
export const templatePatch = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    description: z.string().max(4000).optional(),
    methodology: z.enum(methodologies).optional(),
  })
  .strict();

export const templateSchema = versionedSchema.extend({
  name: z.string(),
  description: z.string(),
  methodology: z.enum(methodologies),
  publishedNumber: z.number().int().nullable(),
  latestNumber: z.number().int(),
  latestStatus: z.enum(templateStatuses),
  taskCount: z.number().int(),
});
export type ProjectTemplate = z.infer<typeof templateSchema>;

export const templateVersionSchema = versionedSchema.extend({
  templateId: idSchema,
  number: z.number().int(),
  status: z.enum(templateStatuses),
  changeNote: z.string(),
  authorName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  content: templateContentSchema,
});
export type TemplateVersion = z.infer<typeof templateVersionSchema>;
export const templateVersionSummarySchema = templateVersionSchema.omit({ content: true });

export const templateDetailSchema = templateSchema.extend({
  versions: z.array(templateVersionSummarySchema),
  canManage: z.boolean(),
});
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

export const templateVersionInput = z
  .object({ content: templateContentSchema, changeNote: z.string().max(1000).default('') })
  .strict();
export const templateVersionPatch = z
  .object({ content: templateContentSchema.optional(), changeNote: z.string().max(1000).optional() })
  .strict();

export const instantiateInput = z
  .object({
    /** A published version of the template; its latest published one when absent. */
    templateVersionId: idSchema.optional(),
    code: z.string().trim().min(1, 'is required').max(40),
    name: z.string().trim().min(1, 'is required').max(200),
    businessUnitId: idSchema,
    portfolioId: idSchema,
    programId: idSchema.nullable().default(null),
    managerId: idSchema.nullable().default(null),
    startDate: isoDateSchema,
  })
  .strict();
export const instantiateResultSchema = z.object({
  projectId: idSchema,
  templateVersionId: idSchema,
  tasks: z.number().int(),
  links: z.number().int(),
  risks: z.number().int(),
  configurationItems: z.number().int(),
  /** Checks the template's gate checklists added to the gates of the project's lifecycle. */
  gateCriteria: z.number().int(),
  finish: z.string().nullable(),
});
export type InstantiateResult = z.infer<typeof instantiateResultSchema>;
