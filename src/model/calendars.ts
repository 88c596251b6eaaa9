import { z } from 'zod';
import { idSchema, isoDateSchema, patchOf, versionedSchema } from './common.ts';

/**
 * Calendars as the API reads and writes them: the engine's CalendarDefinition (src/engine/calendar/types.ts)
 * with dates as ISO days and minutes from midnight, checked here with the engine's own rules so a bad
 * calendar is a 400 naming the field (`week.1.0.to`, `exceptions.2.to`) before it reaches a schedule.
 */

const minute = z
  .number()
  .int('must be whole minutes')
  .min(0, 'must be 0 to 1440')
  .max(1440, 'must be 0 to 1440');
export const intervalSchema = z
  .object({ from: minute, to: minute })
  .refine((iv) => iv.from < iv.to, { message: 'must be after from', path: ['to'] });

/** A day's working intervals in order and apart; the engine refuses overlapping or unordered ones. */
const intervals = z
  .array(intervalSchema)
  .max(24)
  .superRefine((ivs, ctx) => {
    for (let i = 1; i < ivs.length; i++)
      if (ivs[i].from < ivs[i - 1].to)
        ctx.addIssue({
          code: 'custom',
          message: 'overlaps or comes before the previous interval',
          path: [i, 'from'],
        });
  });

/** One weekday: null inherits from the base calendar (non-working without one); [] is a day off. */
export const dayPatternSchema = intervals.nullable();
export const weekSchema = z.array(dayPatternSchema).length(7, 'must have seven days, Sunday first');

export const exceptionSchema = z
  .object({
    /** Stable handle of a resource's time off, so it can be removed by id. */
    id: idSchema.optional(),
    name: z.string().trim().max(200).optional(),
    from: isoDateSchema,
    to: isoDateSchema.optional(),
    /** [] makes the days non-working; intervals are changed working hours. */
    intervals: intervals.default([]),
    recurYearly: z.boolean().optional(),
  })
  .refine((ex) => ex.to === undefined || ex.to >= ex.from, {
    message: 'must not be before from',
    path: ['to'],
  })
  .refine((ex) => !ex.recurYearly || ex.to === undefined || daysBetween(ex.from, ex.to) < 366, {
    message: 'a yearly exception must span less than a year',
    path: ['to'],
  });
export type CalendarExceptionInput = z.infer<typeof exceptionSchema>;

/**
 * A dated work week (MS Project's "work weeks"): between two days inclusive, its weekdays replace the
 * calendar's own week; a null day there falls back to that week. Exceptions still win over it.
 */
export const workWeekSchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    from: isoDateSchema,
    to: isoDateSchema,
    week: weekSchema,
  })
  .refine((ww) => ww.to >= ww.from, { message: 'must not be before from', path: ['to'] });
export type WorkWeekInput = z.infer<typeof workWeekSchema>;

/**
 * The engine takes the first work week that covers a day, so overlapping periods would silently
 * shadow one another; MS Project refuses them too.
 */
export const workWeeksSchema = z
  .array(workWeekSchema)
  .max(500)
  .superRefine((weeks, ctx) => {
    for (let i = 1; i < weeks.length; i++)
      for (let j = 0; j < i; j++)
        if (weeks[i].from <= weeks[j].to && weeks[j].from <= weeks[i].to) {
          ctx.addIssue({
            code: 'custom',
            message: `overlaps work week ${j + 1} (${weeks[j].from} to ${weeks[j].to})`,
            path: [i, 'from'],
          });
          break;
        }
  });

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

const calendarFields = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  baseCalendarId: idSchema.nullable().default(null),
  /** Omitted: every day inherits from the base (a calendar without a base must give its week). */
  week: weekSchema.default([null, null, null, null, null, null, null]),
  exceptions: z.array(exceptionSchema).max(2000).default([]),
  workWeeks: workWeeksSchema.default([]),
  /** The calendar resources without one of their own work on. */
  isDefault: z.boolean().default(false),
});
export const calendarInput = calendarFields;
export const calendarPatch = patchOf(calendarFields);
export type CalendarInput = z.infer<typeof calendarInput>;
export type CalendarPatch = z.infer<typeof calendarPatch>;

export const calendarUsageSchema = z.object({
  resources: z.number().int(),
  projects: z.number().int(),
  tasks: z.number().int(),
  calendars: z.number().int(),
});

export const calendarSchema = versionedSchema.extend({
  name: z.string(),
  projectId: idSchema.nullable(),
  projectName: z.string().nullable(),
  /** Set on a resource's own calendar, which holds its time off. */
  resourceId: idSchema.nullable(),
  resourceName: z.string().nullable(),
  baseCalendarId: idSchema.nullable(),
  baseCalendarName: z.string().nullable(),
  isDefault: z.boolean(),
  week: z.array(z.array(z.object({ from: z.number(), to: z.number() })).nullable()),
  exceptions: z.array(
    z.object({
      id: z.string().optional(),
      name: z.string().optional(),
      from: z.string(),
      to: z.string().optional(),
      intervals: z.array(z.object({ from: z.number(), to: z.number() })),
      recurYearly: z.boolean().optional(),
    }),
  ),
  workWeeks: z.array(
    z.object({
      name: z.string().optional(),
      from: z.string(),
      to: z.string(),
      week: z.array(z.array(z.object({ from: z.number(), to: z.number() })).nullable()),
    }),
  ),
  usage: calendarUsageSchema,
});
export type Calendar = z.infer<typeof calendarSchema>;

const resolvedWeek = z.array(z.array(z.object({ from: z.number(), to: z.number() })));
/** One calendar with its working week after inheritance: what each weekday really is. */
export const calendarDetailSchema = calendarSchema.extend({ resolvedWeek });
export type CalendarDetail = z.infer<typeof calendarDetailSchema>;
/** The collection's item: lists leave out the resolved week, which only a single read computes. */
export const calendarItemSchema = calendarSchema.extend({
  resolvedWeek: resolvedWeek
    .optional()
    .describe('Each weekday after inheritance; on GET /calendars/{id} only'),
});

export const calendarFilters = {
  scope: z.enum(['organization', 'resource', 'project', 'all']).default('organization'),
  projectId: idSchema.optional(),
};

export const timeOffInput = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    name: z.string().trim().max(200).default('Time off'),
  })
  .refine((t) => t.to >= t.from, { message: 'must not be before from', path: ['to'] })
  .refine((t) => daysBetween(t.from, t.to) <= 366, {
    message: 'time off spans at most a year',
    path: ['to'],
  });

export const timeOffSchema = z.object({
  id: z.string(),
  calendarId: idSchema,
  name: z.string(),
  from: z.string(),
  to: z.string(),
});
export type TimeOff = z.infer<typeof timeOffSchema>;
