import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

const name = z.string().trim().min(1, 'is required').max(200);
const description = z.string().max(4000).default('');
/** Units as MS Project counts them: 1 = one full-time unit; teams and materials go higher. */
const units = z.number().gt(0, 'must be more than 0').max(1000, 'must be at most 1000');
const money = z.number().min(0, 'must not be negative').max(1e12);
const proficiency = z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5');
/** Fifty years of working minutes: more work than any assignment can hold. */
const MAX_WORK_MINUTES = 60 * 24 * 366 * 50;

export const resourceKinds = ['person', 'generic', 'equipment', 'material'] as const;
export const contours = ['flat', 'front_loaded', 'back_loaded', 'bell'] as const;
export const bookingKinds = ['soft', 'hard'] as const;
export const staffingStatuses = ['open', 'partially_filled', 'filled', 'cancelled'] as const;

export const resourceRoleInput = z.object({ name, description });
export const resourceRolePatch = patchOf(resourceRoleInput);
export const resourceRoleSchema = versionedSchema.extend({ name: z.string(), description: z.string() });
export type ResourceRole = z.infer<typeof resourceRoleSchema>;

export const skillInput = resourceRoleInput;
export const skillPatch = resourceRolePatch;
export const skillSchema = resourceRoleSchema;
export type Skill = ResourceRole;

export const resourceSkillSchema = z.object({
  skillId: idSchema,
  skillName: z.string(),
  proficiency: z.number().int(),
});
export type ResourceSkill = z.infer<typeof resourceSkillSchema>;
export const resourceSkillsInput = z.object({
  skills: z
    .array(z.object({ skillId: idSchema, proficiency }))
    .max(200)
    .refine((skills) => new Set(skills.map((s) => s.skillId)).size === skills.length, 'names a skill twice'),
});

const resourceFields = z.object({
  code: z.string().trim().min(1, 'is required').max(40),
  name,
  kind: z.enum(resourceKinds).default('person'),
  userId: idSchema.nullable().default(null),
  roleId: idSchema.nullable().default(null),
  businessUnitId: idSchema.nullable().default(null),
  calendarId: idSchema.nullable().default(null),
  maxUnits: units.default(1),
  materialUnit: z.string().trim().max(20).nullable().default(null),
  email: z.email().max(254).nullable().default(null),
  active: z.boolean().default(true),
});
export const resourceInput = resourceFields
  .refine((r) => r.kind === 'person' || r.userId === null, {
    message: 'only a person can be linked to a user',
    path: ['userId'],
  })
  .refine((r) => r.kind !== 'generic' || r.roleId !== null, {
    message: 'is required for a generic resource',
    path: ['roleId'],
  });
export const resourcePatch = patchOf(resourceFields);
export const resourceSchema = versionedSchema.extend({
  code: z.string(),
  name: z.string(),
  kind: z.enum(resourceKinds),
  userId: idSchema.nullable(),
  userName: z.string().nullable(),
  roleId: idSchema.nullable(),
  roleName: z.string().nullable(),
  businessUnitId: idSchema.nullable(),
  businessUnitName: z.string().nullable(),
  calendarId: idSchema.nullable(),
  calendarName: z.string().nullable(),
  maxUnits: z.number(),
  materialUnit: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  skills: z.array(resourceSkillSchema),
});
export type Resource = z.infer<typeof resourceSchema>;
export const resourceFilters = {
  kind: z.enum(resourceKinds).optional(),
  roleId: idSchema.optional(),
  skillId: idSchema.optional(),
  businessUnitId: idSchema.optional().describe('the unit and every unit below it'),
  active: z.enum(['true', 'false']).optional(),
};

export const rateInput = z.object({
  effectiveFrom: isoDateSchema,
  standardRate: money.default(0),
  overtimeRate: money.default(0),
  perUseCost: money.default(0),
});
export const ratePatch = patchOf(rateInput);
export const rateSchema = versionedSchema.extend({
  resourceId: idSchema,
  effectiveFrom: z.string(),
  standardRate: z.number(),
  overtimeRate: z.number(),
  perUseCost: z.number(),
});
export type Rate = z.infer<typeof rateSchema>;

const assignmentFields = z.object({
  taskId: idSchema,
  resourceId: idSchema,
  units: z.number().min(0, 'must not be negative').max(1000, 'must be at most 1000').default(1),
  /** Absent: units × the task's duration, as MS Project fills it in. */
  workMinutes: z
    .number()
    .int()
    .min(0, 'must not be negative')
    .max(MAX_WORK_MINUTES, 'is more than fifty years of work')
    .optional(),
  actualWorkMinutes: z.number().int().min(0, 'must not be negative').max(MAX_WORK_MINUTES).default(0),
  contour: z.enum(contours).default('flat'),
});
export const assignmentInput = assignmentFields;
export const assignmentPatch = patchOf(assignmentFields.omit({ taskId: true, resourceId: true }));
export const assignmentSchema = versionedSchema.extend({
  taskId: idSchema,
  taskName: z.string(),
  projectId: idSchema,
  projectCode: z.string(),
  projectName: z.string(),
  resourceId: idSchema,
  resourceName: z.string(),
  units: z.number(),
  workMinutes: z.number().int(),
  actualWorkMinutes: z.number().int(),
  contour: z.enum(contours),
  cost: z.number(),
  start: z.string().nullable(),
  finish: z.string().nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

const period = {
  startDate: isoDateSchema,
  finishDate: isoDateSchema,
};
const finishAfterStart = (p: { startDate?: string; finishDate?: string }) =>
  !p.startDate || !p.finishDate || p.finishDate >= p.startDate;
const finishMessage = { message: 'must be on or after startDate', path: ['finishDate'] };

const staffingFields = z.object({
  projectId: idSchema,
  roleId: idSchema.nullable().default(null),
  skillId: idSchema.nullable().default(null),
  minProficiency: proficiency.nullable().default(null),
  ...period,
  units: units.default(1),
  note: z.string().max(4000).default(''),
});
export const staffingRequestInput = staffingFields
  .refine((r) => r.roleId !== null || r.skillId !== null, {
    message: 'a request names a role or a skill (or both)',
    path: ['roleId'],
  })
  .refine(finishAfterStart, finishMessage);
export const staffingRequestPatch = patchOf(
  staffingFields.omit({ projectId: true }).extend({ status: z.enum(['open', 'cancelled']) }),
).refine(finishAfterStart, finishMessage);
export const staffingRequestSchema = versionedSchema.extend({
  projectId: idSchema,
  projectCode: z.string(),
  projectName: z.string(),
  roleId: idSchema.nullable(),
  roleName: z.string().nullable(),
  skillId: idSchema.nullable(),
  skillName: z.string().nullable(),
  minProficiency: z.number().int().nullable(),
  startDate: z.string(),
  finishDate: z.string(),
  units: z.number(),
  bookedUnits: z.number(),
  status: z.enum(staffingStatuses),
  note: z.string(),
  requestedBy: idSchema.nullable(),
});
export type StaffingRequest = z.infer<typeof staffingRequestSchema>;

const bookingFields = z.object({
  resourceId: idSchema,
  projectId: idSchema.optional().describe('taken from the staffing request when one is given'),
  staffingRequestId: idSchema.nullable().default(null),
  kind: z.enum(bookingKinds).default('soft'),
  ...period,
  units: units.default(1),
  note: z.string().max(4000).default(''),
});
export const bookingInput = bookingFields
  .refine((b) => b.projectId !== undefined || b.staffingRequestId !== null, {
    message: 'is required unless the booking fills a staffing request',
    path: ['projectId'],
  })
  .refine(finishAfterStart, finishMessage);
export const bookingPatch = patchOf(
  bookingFields.pick({ kind: true, startDate: true, finishDate: true, units: true, note: true }),
).refine(finishAfterStart, finishMessage);
export const bookingSchema = versionedSchema.extend({
  resourceId: idSchema,
  resourceName: z.string(),
  projectId: idSchema,
  projectCode: z.string(),
  projectName: z.string(),
  staffingRequestId: idSchema.nullable(),
  kind: z.enum(bookingKinds),
  startDate: z.string(),
  finishDate: z.string(),
  units: z.number(),
  note: z.string(),
});
export type Booking = z.infer<typeof bookingSchema>;

export const candidateSchema = z.object({
  resourceId: idSchema,
  code: z.string(),
  name: z.string(),
  kind: z.enum(resourceKinds),
  roleName: z.string().nullable(),
  businessUnitName: z.string().nullable(),
  proficiency: z.number().int().nullable(),
  capacityHours: z.number(),
  demandHours: z.number(),
  freeHours: z.number(),
});
export type Candidate = z.infer<typeof candidateSchema>;
