import { z } from 'zod';
import { idSchema, versionedSchema } from './common.ts';

export const roles = [
  'pmo_admin',
  'portfolio_manager',
  'program_manager',
  'project_manager',
  'team_member',
  'executive_viewer',
  'resource_manager',
] as const;
export type Role = (typeof roles)[number];

export const scopeTypes = ['organization', 'business_unit', 'portfolio', 'program', 'project'] as const;
export type ScopeType = (typeof scopeTypes)[number];

export const userInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1, 'is required').max(200),
  password: z.string().min(10, 'must be at least 10 characters').max(200),
});
export const userPatch = z
  .object({ name: z.string().trim().min(1).max(200), isActive: z.boolean() })
  .partial()
  .strict();
export const userSchema = versionedSchema.extend({
  email: z.string(),
  name: z.string(),
  isActive: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const roleGrantInput = z
  .object({
    userId: idSchema,
    role: z.enum(roles),
    scopeType: z.enum(scopeTypes),
    scopeId: idSchema.nullable().default(null),
  })
  .refine((grant) => (grant.scopeType === 'organization') === (grant.scopeId === null), {
    message: 'is required for every scope but organization, and must be null for organization',
    path: ['scopeId'],
  });
export const roleGrantSchema = versionedSchema.extend({
  userId: idSchema,
  userName: z.string().nullable(),
  role: z.enum(roles),
  scopeType: z.enum(scopeTypes),
  scopeId: idSchema.nullable(),
  scopeName: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const loginInput = z.object({
  email: z.string().trim().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
});

export const apiTokenInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
});
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
