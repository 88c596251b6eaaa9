import { z } from 'zod';
import { idSchema, patchOf, versionedSchema } from './common.ts';

/** Configuration management: a project's controlled items, their approved versions and baselines. */
export const ciKinds = ['deliverable', 'specification', 'document'] as const;
export const ciVersionStatuses = ['proposed', 'current', 'superseded'] as const;

const ciFields = z.object({
  kind: z.enum(ciKinds).default('document'),
  identifier: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(60)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'use letters, digits, dot, slash, dash or underscore'),
  title: z.string().trim().min(1, 'is required').max(300),
  description: z.string().max(4000).default(''),
  ownerId: idSchema.nullable().default(null),
});
export const ciInput = ciFields.strict();
export const ciPatch = patchOf(ciFields);

export const ciSchema = versionedSchema.extend({
  projectId: idSchema,
  kind: z.enum(ciKinds),
  identifier: z.string(),
  title: z.string(),
  description: z.string(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  currentNumber: z.number().int().nullable(),
  latestNumber: z.number().int().nullable(),
  /** In at least one baseline: its next version needs an approved change request. */
  baselined: z.boolean(),
});
export type ConfigurationItem = z.infer<typeof ciSchema>;

export const ciVersionSchema = versionedSchema.extend({
  ciId: idSchema,
  number: z.number().int(),
  content: z.string(),
  reference: z.string(),
  note: z.string(),
  fileName: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  status: z.enum(ciVersionStatuses),
  changeRequestId: idSchema.nullable(),
  changeRequestNumber: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type CiVersion = z.infer<typeof ciVersionSchema>;

export const ciDetailSchema = ciSchema.extend({ versions: z.array(ciVersionSchema) });

export const ciVersionFields = z
  .object({
    content: z.string().max(100_000).default(''),
    reference: z.string().trim().max(2000).default(''),
    note: z.string().max(2000).default(''),
  })
  .strict();
export const ciVersionInput = ciVersionFields.refine((v) => v.content.trim() !== '' || v.reference !== '', {
  message: 'give the content or a reference (URL, document number)',
  path: ['content'],
});
export const MAX_CI_FILE_BYTES = 5 * 1024 * 1024;

export const ciApproveInput = z.object({ changeRequestId: idSchema.nullable().default(null) }).strict();

export const baselineInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().max(4000).default(''),
    /** The items to baseline (their current versions); every item with a current version when absent. */
    ciIds: z.array(idSchema).max(5000).optional(),
  })
  .strict();
export const baselineItemSchema = z.object({
  ciId: idSchema,
  identifier: z.string(),
  title: z.string(),
  ciVersionId: idSchema,
  number: z.number().int(),
});
export const configBaselineSchema = versionedSchema.extend({
  projectId: idSchema,
  name: z.string(),
  description: z.string(),
  baselinedAt: z.string(),
  createdByName: z.string().nullable(),
  items: z.array(baselineItemSchema),
});
export type ConfigBaseline = z.infer<typeof configBaselineSchema>;

export const asOfQuery = z.object({
  /** A date (the end of that day, UTC) or an instant; now when absent. */
  asOf: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});
export const configurationEntrySchema = z.object({
  ciId: idSchema,
  kind: z.enum(ciKinds),
  identifier: z.string(),
  title: z.string(),
  ciVersionId: idSchema.nullable(),
  number: z.number().int().nullable(),
  approvedAt: z.string().nullable(),
  changeRequestNumber: z.number().int().nullable(),
  reference: z.string().nullable(),
});
export const configurationSchema = z.object({
  projectId: idSchema,
  asOf: z.string(),
  items: z.array(configurationEntrySchema),
});
export type Configuration = z.infer<typeof configurationSchema>;
