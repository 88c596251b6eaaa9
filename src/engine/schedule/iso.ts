import { formatLocalDateTime, parseLocalDateTime } from '../calendar/epoch.ts';
import { scheduleProject } from './schedule-project.ts';
import type { ScheduleInput, ScheduleLink, ScheduleProjectOptions, ScheduleTask, TaskId } from './types.ts';

type Iso<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]?: string | null };
type DateTaskFields =
  | 'constraintDate'
  | 'deadline'
  | 'actualStart'
  | 'actualFinish'
  | 'manualStart'
  | 'manualFinish';

/** {@link ScheduleInput} with local date-time strings (`2024-01-08T08:00`) instead of epoch minutes. */
export interface IsoScheduleInput {
  readonly tasks: readonly Iso<ScheduleTask, DateTaskFields>[];
  readonly links: readonly ScheduleLink[];
  readonly calendars: ScheduleInput['calendars'];
  readonly projects: readonly Iso<ScheduleProjectOptions, 'start' | 'finish' | 'statusDate'>[];
  readonly options?: ScheduleInput['options'];
}

export interface IsoTaskResult {
  readonly id: TaskId;
  readonly earlyStart: string;
  readonly earlyFinish: string;
  readonly lateStart: string;
  readonly lateFinish: string;
  readonly start: string;
  readonly finish: string;
  readonly totalSlackMinutes: number;
  readonly freeSlackMinutes: number;
  readonly critical: boolean;
}

const date = (v: string | null | undefined, field: string) =>
  v === null || v === undefined ? null : parseLocalDateTime(v, field);

/**
 * The same schedule with dates as `YYYY-MM-DDTHH:MM:SS` strings at both ends.
 *
 * @example
 * scheduleIso({ calendars: [{ id: 1, week: standardWeek() }],
 *   projects: [{ calendarId: 1, start: '2024-01-08T08:00' }],
 *   tasks: [{ id: 'A', duration: 480 }], links: [] }).tasks[0].earlyFinish // '2024-01-08T17:00:00'
 */
export function scheduleIso(input: IsoScheduleInput): { tasks: IsoTaskResult[]; projectFinish: string } {
  const tasks: ScheduleTask[] = input.tasks.map((t, k) => {
    const w = `tasks[${k}]`;
    return {
      ...t,
      constraintDate: date(t.constraintDate, `${w}.constraintDate`),
      deadline: date(t.deadline, `${w}.deadline`),
      actualStart: date(t.actualStart, `${w}.actualStart`),
      actualFinish: date(t.actualFinish, `${w}.actualFinish`),
      manualStart: date(t.manualStart, `${w}.manualStart`),
      manualFinish: date(t.manualFinish, `${w}.manualFinish`),
    };
  });
  const projects: ScheduleProjectOptions[] = input.projects.map((p, k) => ({
    ...p,
    start: date(p.start, `projects[${k}].start`),
    finish: date(p.finish, `projects[${k}].finish`),
    statusDate: date(p.statusDate, `projects[${k}].statusDate`),
  }));
  const r = scheduleProject({ ...input, tasks, projects });
  return {
    tasks: r.taskIds.map((id, i) => ({
      id,
      earlyStart: formatLocalDateTime(r.earlyStart[i]),
      earlyFinish: formatLocalDateTime(r.earlyFinish[i]),
      lateStart: formatLocalDateTime(r.lateStart[i]),
      lateFinish: formatLocalDateTime(r.lateFinish[i]),
      start: formatLocalDateTime(r.start[i]),
      finish: formatLocalDateTime(r.finish[i]),
      totalSlackMinutes: r.totalSlack[i],
      freeSlackMinutes: r.freeSlack[i],
      critical: r.critical[i] === 1,
    })),
    projectFinish: formatLocalDateTime(r.projectFinish),
  };
}
