import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

const name = z.string().trim().min(1, 'is required').max(200);
const text = (max: number) => z.string().max(max);
const optionalId = idSchema.nullable();

export const pmoModes = ['centralized', 'decentralized'] as const;
export const businessUnitInput = z.object({
  name,
  code: z.string().trim().min(1, 'is required').max(40),
  parentId: optionalId.default(null),
  pmoMode: z.enum(pmoModes).default('centralized'),
});
export const businessUnitPatch = patchOf(businessUnitInput);
export const businessUnitSchema = versionedSchema.extend({
  name: z.string(),
  code: z.string(),
  parentId: idSchema.nullable(),
  parentName: z.string().nullable(),
  pmoMode: z.enum(pmoModes),
});
export type BusinessUnit = z.infer<typeof businessUnitSchema>;

export const objectiveInput = z.object({
  name,
  description: text(4000).default(''),
  weight: z.number().min(0).max(100).default(0),
  ownerId: optionalId.default(null),
  measure: text(1000).default(''),
});
export const objectivePatch = patchOf(objectiveInput);
export const objectiveSchema = versionedSchema.extend({
  name: z.string(),
  description: z.string(),
  weight: z.number(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  measure: z.string(),
});
export type Objective = z.infer<typeof objectiveSchema>;

export const portfolioInput = z.object({
  name,
  description: text(4000).default(''),
  businessUnitId: optionalId.default(null),
  managerId: optionalId.default(null),
});
export const portfolioPatch = patchOf(portfolioInput);
export const portfolioSchema = versionedSchema.extend({
  name: z.string(),
  description: z.string(),
  businessUnitId: idSchema.nullable(),
  businessUnitName: z.string().nullable(),
  managerId: idSchema.nullable(),
  managerName: z.string().nullable(),
});
export type Portfolio = z.infer<typeof portfolioSchema>;

export const programInput = z.object({
  name,
  goal: text(4000).default(''),
  portfolioId: idSchema,
  managerId: optionalId.default(null),
  expectedBenefits: text(4000).default(''),
});
export const programPatch = patchOf(programInput);
export const programSchema = versionedSchema.extend({
  name: z.string(),
  goal: z.string(),
  portfolioId: idSchema,
  portfolioName: z.string().nullable(),
  managerId: idSchema.nullable(),
  managerName: z.string().nullable(),
  expectedBenefits: z.string(),
});
export type Program = z.infer<typeof programSchema>;

export const projectStages = [
  'proposal',
  'initiation',
  'planning',
  'execution',
  'closing',
  'closed',
  'on_hold',
  'terminated',
] as const;
export const methodologies = ['predictive', 'agile', 'hybrid'] as const;
export const healths = ['green', 'amber', 'red'] as const;

const projectFields = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dot, dash or underscore'),
  name,
  description: text(8000).default(''),
  managerId: optionalId.default(null),
  sponsorId: optionalId.default(null),
  businessUnitId: idSchema,
  portfolioId: idSchema,
  programId: optionalId.default(null),
  stage: z.enum(projectStages).default('proposal'),
  methodology: z.enum(methodologies).default('predictive'),
  targetStart: isoDateSchema.nullable().default(null),
  targetFinish: isoDateSchema.nullable().default(null),
  budget: z.number().min(0).max(1e15).default(0),
  priority: z.number().int().min(1).max(100).default(50),
  health: z.enum(healths).nullable().default(null),
});
const finishAfterStart = (value: { targetStart?: string | null; targetFinish?: string | null }) =>
  !value.targetStart || !value.targetFinish || value.targetFinish >= value.targetStart;
export const projectInput = projectFields.refine(finishAfterStart, {
  message: 'must not be before targetStart',
  path: ['targetFinish'],
});
export const projectPatch = patchOf(projectFields);
export { finishAfterStart };
export const projectSchema = versionedSchema.extend({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  managerId: idSchema.nullable(),
  managerName: z.string().nullable(),
  sponsorId: idSchema.nullable(),
  sponsorName: z.string().nullable(),
  businessUnitId: idSchema,
  businessUnitName: z.string().nullable(),
  portfolioId: idSchema,
  portfolioName: z.string().nullable(),
  programId: idSchema.nullable(),
  programName: z.string().nullable(),
  stage: z.enum(projectStages),
  methodology: z.enum(methodologies),
  targetStart: z.string().nullable(),
  targetFinish: z.string().nullable(),
  budget: z.number(),
  priority: z.number().int(),
  health: z.enum(healths).nullable(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectObjectivesInput = z.object({
  items: z.array(z.object({ objectiveId: idSchema, contribution: z.number().min(0).max(10) })).max(100),
});
export const projectObjectiveSchema = z.object({
  objectiveId: idSchema,
  objectiveName: z.string(),
  contribution: z.number(),
});

export const projectMemberInput = z.object({
  userId: idSchema,
  memberRole: z.string().trim().min(1).max(60).default('member'),
});
export const projectMemberSchema = z.object({
  userId: idSchema,
  name: z.string(),
  email: z.string(),
  memberRole: z.string(),
});
