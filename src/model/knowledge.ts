import { z } from 'zod';
import { idSchema, patchOf, versionedSchema } from './common.ts';
import { methodologies } from './organization.ts';

/** Process assets: the organization's methodology, standards, policies and the rest, with versions. */
export const assetKinds = [
  'methodology',
  'standard',
  'guideline',
  'policy',
  'procedure',
  'template',
  'checklist',
] as const;
export type AssetKind = (typeof assetKinds)[number];
export const assetVersionStatuses = ['draft', 'in_review', 'published', 'retired'] as const;
export type AssetVersionStatus = (typeof assetVersionStatuses)[number];

const title = z.string().trim().min(1, 'is required').max(200);
const tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'use letters, digits, space, dot, dash or underscore');
/** A quarter of a million characters: a long standard, not a book. */
const body = z.string().max(250_000, 'must be at most 250,000 characters');

const assetFields = z.object({
  kind: z.enum(assetKinds),
  title,
  summary: z.string().max(1000).default(''),
  ownerId: idSchema.nullable().default(null),
  tags: z
    .array(tag)
    .max(20)
    .default([])
    .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, 'names a tag twice'),
  methodology: z.enum(methodologies).nullable().default(null),
  businessUnitId: idSchema.nullable().default(null),
  projectType: z.string().trim().max(60).nullable().default(null),
});
/** Creating an asset writes its first draft too. */
export const assetInput = assetFields.extend({
  body: body.default(''),
  changeNote: z.string().max(1000).default('First version'),
});
export const assetPatch = patchOf(assetFields);

export const assetSchema = versionedSchema.extend({
  kind: z.enum(assetKinds),
  title: z.string(),
  summary: z.string(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  tags: z.array(z.string()),
  methodology: z.enum(methodologies).nullable(),
  businessUnitId: idSchema.nullable(),
  businessUnitName: z.string().nullable(),
  projectType: z.string().nullable(),
  publishedVersionId: idSchema.nullable(),
  publishedNumber: z.number().int().nullable(),
  latestNumber: z.number().int(),
  latestStatus: z.enum(assetVersionStatuses),
});
export type ProcessAsset = z.infer<typeof assetSchema>;

export const assetFilters = {
  kind: z.enum(assetKinds).optional(),
  tag: z.string().trim().max(40).optional(),
  methodology: z.enum(methodologies).optional(),
  businessUnitId: idSchema.optional(),
  projectType: z.string().trim().max(60).optional(),
  /** published: only what every member reads; all (the default): drafts the reader may see too. */
  status: z.enum(['published', 'all']).optional(),
};

export const assetVersionSchema = versionedSchema.extend({
  assetId: idSchema,
  number: z.number().int(),
  body: z.string(),
  changeNote: z.string(),
  status: z.enum(assetVersionStatuses),
  authorId: idSchema.nullable(),
  authorName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export type AssetVersion = z.infer<typeof assetVersionSchema>;
/** The versions list leaves the bodies out; GET /asset-versions/:id has one. */
export const assetVersionSummarySchema = assetVersionSchema.omit({ body: true });
export type AssetVersionSummary = z.infer<typeof assetVersionSummarySchema>;

export const assetVersionInput = z
  .object({ body: body.optional(), changeNote: z.string().max(1000).default('') })
  .strict();
export const assetVersionPatch = z
  .object({ body: body.optional(), changeNote: z.string().max(1000).optional() })
  .strict();
export const assetTransitionInput = z
  .object({
    /** in_review: the owner submits; published and retired: the PMO decides; draft: back for rework. */
    to: z.enum(assetVersionStatuses),
  })
  .strict();

export const attachmentSchema = z.object({
  id: idSchema,
  assetId: idSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type AssetAttachment = z.infer<typeof attachmentSchema>;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const assetDetailSchema = assetSchema.extend({
  versions: z.array(assetVersionSummarySchema),
  attachments: z.array(attachmentSchema),
  /** What this reader may do, so the web shows only buttons that work. */
  canManage: z.boolean(),
  canDraft: z.boolean(),
});
export type AssetDetail = z.infer<typeof assetDetailSchema>;

export const diffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const diffLineSchema = z.object({
  kind: z.enum(['same', 'added', 'removed']),
  text: z.string(),
  /** For a changed line: its words, marked, against the line it replaced. */
  words: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })).optional(),
  oldLine: z.number().int().nullable(),
  newLine: z.number().int().nullable(),
});
export const assetDiffSchema = z.object({
  assetId: idSchema,
  from: z.number().int(),
  to: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  lines: z.array(diffLineSchema),
});
export type AssetDiff = z.infer<typeof assetDiffSchema>;

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'is required').max(200),
  kind: z.enum(assetKinds).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const searchHitSchema = z.object({
  id: idSchema,
  kind: z.enum(assetKinds),
  title: z.string(),
  tags: z.array(z.string()),
  publishedNumber: z.number().int().nullable(),
  rank: z.number(),
  /** The best passage, with matches between « and » (the web highlights them; no HTML travels). */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
export const searchResultSchema = z.object({
  query: z.string(),
  items: z.array(searchHitSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
