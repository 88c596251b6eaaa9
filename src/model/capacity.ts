import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.ts';
import { resourceKinds } from './resource.ts';

export const capacityGroupings = ['resource', 'skill', 'role', 'business_unit'] as const;
export const granularities = ['day', 'week', 'month'] as const;

/** The label demand of projects the reader may not see is shown under, all together. */
export const OTHER_PROJECTS = 'other projects';

const rangeFields = {
  from: isoDateSchema,
  to: isoDateSchema,
  period: z.enum(granularities).default('week'),
  businessUnitId: idSchema.optional().describe('resources of this unit and every unit below it'),
  roleId: idSchema.optional(),
  skillId: idSchema.optional(),
  resourceId: idSchema.optional(),
  kind: z.enum(resourceKinds).optional(),
};
const toAfterFrom = { message: 'must be on or after from', path: ['to'] };

export const capacityQuery = z
  .object({
    ...rangeFields,
    groupBy: z.enum(capacityGroupings).default('resource'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => q.to >= q.from, toAfterFrom);
export type CapacityQuery = z.infer<typeof capacityQuery>;

export const capacityCellQuery = z
  .object({
    ...rangeFields,
    groupBy: z.enum(capacityGroupings).default('resource'),
    key: z
      .union([idSchema, z.literal('none')])
      .describe('the resource, skill, role or business unit of the row; none for the row without one'),
  })
  .refine((q) => q.to >= q.from, toAfterFrom);
export type CapacityCellQuery = z.infer<typeof capacityCellQuery>;

export const overAllocationQuery = z
  .object({
    ...rangeFields,
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => q.to >= q.from, toAfterFrom);
export type OverAllocationQuery = z.infer<typeof overAllocationQuery>;

const hours = z.array(z.number());
export const capacityRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  resourceCount: z.number().int(),
  capacityHours: hours,
  demandHours: hours.describe('assignments plus hard bookings'),
  softHours: hours.describe('soft bookings, shown apart from demand'),
  overAllocated: z.array(z.boolean()).describe('a resource of the row has more demand than capacity'),
});
export type CapacityRow = z.infer<typeof capacityRowSchema>;

export const capacityReportSchema = z.object({
  groupBy: z.enum(capacityGroupings),
  period: z.enum(granularities),
  periods: z.array(z.string()).describe('the first day of each period'),
  rows: z.array(capacityRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CapacityReport = z.infer<typeof capacityReportSchema>;

export const demandSourceSchema = z.object({
  resourceId: idSchema,
  resourceName: z.string(),
  source: z.enum(['assignment', 'hard_booking', 'soft_booking']),
  projectId: idSchema.nullable().describe('null for projects the reader may not see'),
  projectCode: z.string().nullable(),
  projectName: z.string(),
  taskId: idSchema.nullable(),
  taskName: z.string().nullable(),
  hours: z.number(),
});
export type DemandSource = z.infer<typeof demandSourceSchema>;

export const capacityCellSchema = z.object({
  from: z.string(),
  to: z.string(),
  capacityHours: z.number(),
  demandHours: z.number(),
  softHours: z.number(),
  sources: z.array(demandSourceSchema),
});
export type CapacityCell = z.infer<typeof capacityCellSchema>;

export const overAllocationSchema = z.object({
  resourceId: idSchema,
  resourceName: z.string(),
  periodStart: z.string(),
  capacityHours: z.number(),
  demandHours: z.number(),
  sources: z.array(demandSourceSchema),
});
export const overAllocationPageSchema = z.object({
  items: z.array(overAllocationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OverAllocation = z.infer<typeof overAllocationSchema>;
