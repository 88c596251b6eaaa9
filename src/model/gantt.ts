import { z } from 'zod';
import { idSchema } from './common.ts';
import { linkTypes } from './plan.ts';

/** Minutes since 1970-01-01T00:00 of a stored local wall-clock time, or null when not scheduled. */
const minutes = z.number().int().nullable();

/**
 * A Gantt chart's data in columns: one array per field, all of a table's arrays the same length,
 * so 10,000 tasks cost one small JSON document and no per-row objects. Tasks are in WBS order
 * (each parent before its children, projects by code); `parent`, `project`, `from` and `to` are
 * indexes into those arrays. Dates are the engine's stored schedule, never recomputed.
 */
export const ganttColumnsSchema = z.object({
  projects: z.array(
    z.object({
      id: idSchema,
      code: z.string(),
      name: z.string(),
      start: minutes,
      finish: minutes,
      statusDate: minutes,
    }),
  ),
  baseline: z.number().int().nullable().describe('The baseline number whose dates fill baselineStart/Finish'),
  tasks: z.object({
    id: z.array(idSchema),
    project: z.array(z.number().int()),
    parent: z.array(z.number().int()).describe('Index of the parent task, -1 at the top'),
    depth: z.array(z.number().int()),
    wbs: z.array(z.string()),
    name: z.array(z.string()),
    durationMinutes: z.array(z.number().int()),
    percentComplete: z.array(z.number()),
    start: z.array(minutes),
    finish: z.array(minutes),
    baselineStart: z.array(minutes),
    baselineFinish: z.array(minutes),
    flags: z.array(z.number().int()).describe('Bit 1: summary, 2: milestone, 4: critical'),
    version: z.array(z.number().int()),
  }),
  links: z.object({
    id: z.array(idSchema),
    from: z.array(z.number().int()),
    to: z.array(z.number().int()),
    type: z.array(z.enum(linkTypes)),
    lagMinutes: z.array(z.number().int()),
    version: z.array(z.number().int()),
  }),
});
export type GanttColumns = z.infer<typeof ganttColumnsSchema>;

export const GANTT_SUMMARY = 1;
export const GANTT_MILESTONE = 2;
export const GANTT_CRITICAL = 4;
