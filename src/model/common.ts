import { z } from 'zod';

export const idSchema = z.uuid();
export const isoDateSchema = z.iso.date();

export const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(40).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Columns every mutable entity shares. */
export const versionedSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const entityTypes = [
  'organization',
  'user',
  'business_unit',
  'objective',
  'portfolio',
  'program',
  'project',
  'role_grant',
  'api_token',
] as const;
export type EntityType = (typeof entityTypes)[number];
