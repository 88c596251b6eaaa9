import { z } from 'zod';
import { idSchema } from './common.ts';
import { linkInput, linkTypes, projectScheduleSchema, taskInput, taskPatch } from './plan.ts';

/** A client's name for a task created earlier in the same batch, so later operations can point at it. */
const refSchema = z.string().trim().min(1).max(100);
const versionField = z.number().int().min(1);

const createTask = z
  .object({
    op: z.literal('create_task'),
    ref: refSchema.optional(),
    /** The parent is a task created earlier in this batch; otherwise `task.parentId` names it. */
    parentRef: refSchema.optional(),
    task: taskInput,
  })
  .strict();
const updateTask = z
  .object({
    op: z.literal('update_task'),
    id: idSchema,
    version: versionField,
    parentRef: refSchema.optional(),
    changes: taskPatch,
  })
  .strict();
const deleteTask = z.object({ op: z.literal('delete_task'), id: idSchema, version: versionField }).strict();
const createLink = linkInput
  .extend({
    op: z.literal('create_link'),
    ref: refSchema.optional(),
    predecessorId: idSchema.optional(),
    predecessorRef: refSchema.optional(),
    successorId: idSchema.optional(),
    successorRef: refSchema.optional(),
  })
  .strict();
const updateLink = z
  .object({
    op: z.literal('update_link'),
    id: idSchema,
    version: versionField,
    type: z.enum(linkTypes).optional(),
    lagMinutes: linkInput.shape.lagMinutes.unwrap().optional(),
    lagPercent: linkInput.shape.lagPercent.unwrap().optional(),
    lagElapsed: z.boolean().optional(),
  })
  .strict();
const deleteLink = z.object({ op: z.literal('delete_link'), id: idSchema, version: versionField }).strict();

export const MAX_BULK_OPERATIONS = 5000;

export const planOperationSchema = z.discriminatedUnion('op', [
  createTask,
  updateTask,
  deleteTask,
  createLink,
  updateLink,
  deleteLink,
]);
export type PlanOperation = z.infer<typeof planOperationSchema>;

export const planBulkInput = z
  .object({ operations: z.array(planOperationSchema).min(1).max(MAX_BULK_OPERATIONS) })
  .strict();

export const planBulkResult = z.object({
  /** The ids of the tasks and links created, by the `ref` the client gave them. */
  created: z.record(z.string(), idSchema),
  applied: z.number().int(),
  schedule: projectScheduleSchema,
});
export type PlanBulkResult = z.infer<typeof planBulkResult>;
