import { formatLocalDateTime, parseLocalDateTime, standardWeek } from '../../../src/engine/calendar/index.ts';
import type { ScheduleInput, ScheduleLink, ScheduleTask } from '../../../src/engine/schedule/index.ts';
import { scheduleProject } from '../../../src/engine/schedule/index.ts';

export const at = parseLocalDateTime;
export const fmt = (m: number) => formatLocalDateTime(m).slice(0, 16);
export const DAY = 480;

/** A one-project input on MS Project's Standard calendar starting Monday 2024-01-08 08:00. */
export function plan(
  tasks: ScheduleTask[],
  links: ScheduleLink[] = [],
  project: Partial<ScheduleInput['projects'][number]> = {},
): ScheduleInput {
  return {
    tasks,
    links,
    calendars: [{ id: 'std', week: standardWeek() }],
    projects: [{ calendarId: 'std', start: at('2024-01-08T08:00'), ...project }],
  };
}

/** Schedules and returns per-task dates by id, formatted for readable assertions. */
export function run(input: ScheduleInput) {
  const r = scheduleProject(input);
  const byId = new Map(
    r.taskIds.map((id, i) => [
      id,
      {
        es: fmt(r.earlyStart[i]),
        ef: fmt(r.earlyFinish[i]),
        ls: fmt(r.lateStart[i]),
        lf: fmt(r.lateFinish[i]),
        start: fmt(r.start[i]),
        ts: r.totalSlack[i],
        fs: r.freeSlack[i],
        critical: r.critical[i] === 1,
      },
    ]),
  );
  return { r, t: (id: string | number) => byId.get(id)! };
}
