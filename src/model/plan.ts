import { z } from 'zod';
import { idSchema, patchOf, versionedSchema } from './common.ts';

/** A wall-clock local date-time as MS Project writes it: `2027-01-04T08:00:00` (seconds optional). */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, 'must be a local date-time YYYY-MM-DDTHH:MM[:SS]');

export const constraintTypes = ['ASAP', 'ALAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO'] as const;
export const linkTypes = ['FS', 'SS', 'FF', 'SF'] as const;
const MAX_MINUTES = 60 * 24 * 366 * 50;

const taskFields = z.object({
  parentId: idSchema.nullable().default(null),
  name: z.string().trim().min(1, 'is required').max(500),
  wbsCode: z.string().max(60).default(''),
  durationMinutes: z.number().int().min(0).max(MAX_MINUTES).default(480),
  durationElapsed: z.boolean().default(false),
  milestone: z.boolean().default(false),
  constraintType: z.enum(constraintTypes).default('ASAP'),
  constraintDate: localDateTimeSchema.nullable().default(null),
  deadline: localDateTimeSchema.nullable().default(null),
  actualStart: localDateTimeSchema.nullable().default(null),
  actualFinish: localDateTimeSchema.nullable().default(null),
  percentComplete: z.number().min(0).max(100).default(0),
});
const constraintNeedsDate = (task: { constraintType?: string; constraintDate?: string | null }) =>
  task.constraintType === undefined ||
  (task.constraintType === 'ASAP' || task.constraintType === 'ALAP') === !task.constraintDate;
export const taskInput = taskFields.refine(constraintNeedsDate, {
  message: 'is required for SNET, SNLT, FNET, FNLT, MSO and MFO, and must be empty for ASAP and ALAP',
  path: ['constraintDate'],
});
export const taskPatch = patchOf(taskFields);
export { constraintNeedsDate };

export const taskSchema = versionedSchema.extend({
  projectId: idSchema,
  parentId: idSchema.nullable(),
  position: z.number().int(),
  depth: z.number().int(),
  wbsCode: z.string(),
  name: z.string(),
  durationMinutes: z.number().int(),
  durationElapsed: z.boolean(),
  milestone: z.boolean(),
  constraintType: z.enum(constraintTypes),
  constraintDate: z.string().nullable(),
  deadline: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualFinish: z.string().nullable(),
  percentComplete: z.number(),
  isSummary: z.boolean(),
  earlyStart: z.string().nullable(),
  earlyFinish: z.string().nullable(),
  lateStart: z.string().nullable(),
  lateFinish: z.string().nullable(),
  totalSlackMinutes: z.number().int().nullable(),
  freeSlackMinutes: z.number().int().nullable(),
  critical: z.boolean(),
});
export type Task = z.infer<typeof taskSchema>;

export const linkInput = z.object({
  predecessorId: idSchema,
  successorId: idSchema,
  type: z.enum(linkTypes).default('FS'),
  lagMinutes: z.number().int().min(-MAX_MINUTES).max(MAX_MINUTES).default(0),
  lagPercent: z.number().min(-10000).max(10000).nullable().default(null),
  lagElapsed: z.boolean().default(false),
});
export const linkSchema = versionedSchema.extend({
  predecessorId: idSchema,
  predecessorProjectId: idSchema,
  successorId: idSchema,
  successorProjectId: idSchema,
  type: z.enum(linkTypes),
  lagMinutes: z.number().int(),
  lagPercent: z.number().nullable(),
  lagElapsed: z.boolean(),
});
export type Link = z.infer<typeof linkSchema>;

export const scheduleSettingsInput = z.object({
  startDate: localDateTimeSchema,
  scheduleFromFinish: z.boolean(),
  finishDate: localDateTimeSchema.nullable(),
  statusDate: localDateTimeSchema.nullable(),
  criticalSlackMinutes: z.number().int().min(0).max(MAX_MINUTES),
});
export const scheduleSettingsPatch = scheduleSettingsInput.partial().strict();
export const projectScheduleSchema = z.object({
  projectId: idSchema,
  calendarId: idSchema,
  calendarName: z.string(),
  startDate: z.string(),
  scheduleFromFinish: z.boolean(),
  finishDate: z.string().nullable(),
  statusDate: z.string().nullable(),
  criticalSlackMinutes: z.number().int(),
  computedStart: z.string().nullable(),
  computedFinish: z.string().nullable(),
  computedAt: z.string().nullable(),
  taskCount: z.number().int(),
  criticalPath: z.array(
    z.object({ id: idSchema, name: z.string(), earlyStart: z.string(), earlyFinish: z.string() }),
  ),
  version: z.number().int(),
});
export type ProjectSchedule = z.infer<typeof projectScheduleSchema>;
