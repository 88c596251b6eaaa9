import { z } from 'zod';
import { idSchema } from './common.ts';

export const levelingScopeTypes = ['project', 'program', 'portfolio'] as const;
export const levelingRunStatuses = ['preview', 'applied', 'discarded', 'undone'] as const;

export const levelingPreviewInput = z.object({
  scopeType: z.enum(levelingScopeTypes),
  scopeId: idSchema,
  /** Delay tasks only within their total slack, so no project finishes later; conflicts that remain are counted. */
  withinSlack: z.boolean().default(false),
  /** Budget of generated schedules: more searches longer for a shorter leveled plan. */
  schedules: z.number().int().min(1).max(100_000).default(1000),
  seed: z.number().int().min(0).max(2_147_483_647).default(1),
});
export type LevelingPreviewInput = z.infer<typeof levelingPreviewInput>;

export const levelingRunsQuery = z.object({
  scopeType: z.enum(levelingScopeTypes),
  scopeId: idSchema,
});

/** A page of a run's moved tasks: a 10,000-task program moves thousands. */
export const levelingRunPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type LevelingRunPageQuery = z.infer<typeof levelingRunPageQuery>;

const taskRef = z.object({ taskId: idSchema, name: z.string() });
const resourceRef = z.object({ resourceId: idSchema, code: z.string(), name: z.string() });

export const movedTaskSchema = z.object({
  taskId: idSchema,
  name: z.string(),
  projectId: idSchema,
  /** Start moved by this many working minutes on the task's calendar. */
  delayMinutes: z.number().int(),
  /** The leveling delay (elapsed minutes) the task carries once applied; unchanged when it only follows a predecessor. */
  levelingDelayMinutes: z.number().int(),
  /** The task's version when previewed: apply refuses when the task changed since. */
  version: z.number().int(),
  oldStart: z.string(),
  oldFinish: z.string(),
  newStart: z.string(),
  newFinish: z.string(),
  /** Resources over capacity where the task was, and the tasks it competed with for them. */
  resources: z.array(resourceRef),
  competedWith: z.array(taskRef),
  /** Predecessors whose move pushed this task (when it was not delayed for a resource of its own). */
  followed: z.array(taskRef),
});

export const levelingProjectSchema = z.object({
  projectId: idSchema,
  name: z.string(),
  finishBefore: z.string(),
  finishAfter: z.string(),
});

export const levelingResultSchema = z.object({
  /** Leveling looks for over-allocations day by day: one period is one working day of this calendar. */
  periodMinutes: z.number().int(),
  calendarId: idSchema,
  schedules: z.number().int(),
  tasksConsidered: z.number().int(),
  resources: z.number().int(),
  movedTasks: z.array(movedTaskSchema),
  projects: z.array(levelingProjectSchema),
  /** Resource-days over capacity before and after leveling. */
  overallocationsBefore: z.number().int(),
  overallocationsAfter: z.number().int(),
  /** The leveling engine's own share of the preview: wall time, and CPU time of this process. */
  engineMilliseconds: z.number(),
  engineCpuMilliseconds: z.number(),
});
export type LevelingResult = z.infer<typeof levelingResultSchema>;

export const levelingRunSchema = z.object({
  id: idSchema,
  scopeType: z.enum(levelingScopeTypes),
  scopeId: idSchema,
  status: z.enum(levelingRunStatuses),
  options: z.object({ withinSlack: z.boolean(), schedules: z.number().int(), seed: z.number().int() }),
  movedTasks: z.number().int(),
  overallocationsBefore: z.number().int(),
  overallocationsAfter: z.number().int(),
  createdBy: idSchema.nullable(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  version: z.number().int(),
});
export type LevelingRun = z.infer<typeof levelingRunSchema>;

/**
 * A run with one page of its moved tasks in `result.movedTasks`; `movedTasks` counts them all, and
 * `page` and `pageSize` say which ones these are.
 */
export const levelingRunDetailSchema = levelingRunSchema.extend({
  result: levelingResultSchema,
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type LevelingRunDetail = z.infer<typeof levelingRunDetailSchema>;
