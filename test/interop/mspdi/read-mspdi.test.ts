import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../../src/engine/calendar/epoch.ts';
import { scheduleProject } from '../../../src/engine/schedule/index.ts';
import {
  compareWithStored,
  MspdiFormatError,
  mspdiToScheduleInput,
  readMspdi,
} from '../../../src/interop/mspdi/index.ts';

const minimal = (tasks: string, extra = '') => `<?xml version="1.0"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2024-01-08T08:00:00</StartDate><CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay>
  ${extra}
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>
    <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
    ${[2, 3, 4, 5, 6]
      .map(
        (d) =>
          `<WeekDay><DayType>${d}</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>`,
      )
      .join('')}
    <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
    <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2024-01-10T00:00:00</FromDate><ToDate>2024-01-10T23:59:00</ToDate></TimePeriod></WeekDay>
  </WeekDays></Calendar></Calendars>
  <Tasks>${tasks}</Tasks>
</Project>`;

const task = (uid: number, body: string) =>
  `<Task><UID>${uid}</UID><ID>${uid}</ID><Name>T${uid}</Name>${body}</Task>`;

describe('readMspdi', () => {
  it('reads tasks, outline, links with lag, and a holiday, and schedules around it', () => {
    const xml = minimal(
      task(0, '<OutlineLevel>0</OutlineLevel><Summary>1</Summary>') +
        task(1, '<OutlineLevel>1</OutlineLevel><Summary>1</Summary><Duration>PT16H0M0S</Duration>') +
        task(2, '<OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration>') +
        task(
          3,
          '<OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration><PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink>',
        ),
    );
    const plan = readMspdi(xml, 'mem.xml');
    expect(plan.tasks.map((t) => [t.uid, t.parentUid])).toEqual([
      [1, null],
      [2, 1],
      [3, 1],
    ]);
    expect(plan.tasks[2].predecessors[0]).toMatchObject({ predecessorUid: 2, type: 'FS', lag: 480 });
    const { input } = mspdiToScheduleInput(plan);
    const r = scheduleProject(input);
    // T2 Monday, one day lag Tuesday, Wednesday is a holiday: T3 on Thursday
    expect(formatLocalDateTime(r.earlyStart[2])).toBe('2024-01-11T08:00:00');
  });

  it('names the element of a malformed value', () => {
    const bad = minimal(task(1, '<OutlineLevel>1</OutlineLevel><Duration>eight hours</Duration>'));
    expect(() => readMspdi(bad, 'bad.xml')).toThrow(MspdiFormatError);
    expect(() => readMspdi(bad, 'bad.xml')).toThrow(
      /bad.xml: <Task UID 1\/Duration> is not an ISO 8601 duration/,
    );
    const badDate = minimal(task(1, '<Start>yesterday</Start>'));
    expect(() => readMspdi(badDate, 'd.xml')).toThrow(/Task UID 1\/Start/);
  });

  it('rejects a file that is not MSPDI or not XML', () => {
    expect(() => readMspdi('<Workbook/>', 'x.xml')).toThrow(/<Project> is missing/);
    expect(() => readMspdi('<Project><Tasks>', 'y.xml')).toThrow(/not well-formed/);
  });

  it('names a link to a task UID that is not in the file', () => {
    const xml = minimal(
      task(
        1,
        '<OutlineLevel>1</OutlineLevel><PredecessorLink><PredecessorUID>99</PredecessorUID><Type>1</Type></PredecessorLink>',
      ),
    );
    expect(() => mspdiToScheduleInput(readMspdi(xml), 'z.xml')).toThrow(
      /Task UID 1\/PredecessorLink> names unknown task UID 99/,
    );
  });

  it('reads percent and elapsed lag formats', () => {
    const xml = minimal(
      task(1, '<Duration>PT8H0M0S</Duration>') +
        task(
          2,
          '<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>3</Type><LinkLag>500</LinkLag><LagFormat>19</LagFormat></PredecessorLink><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>0</Type><LinkLag>14400</LinkLag><LagFormat>8</LagFormat></PredecessorLink>',
        ),
    );
    const links = readMspdi(xml).tasks[1].predecessors;
    expect(links[0]).toMatchObject({ type: 'SS', lagPercent: 50, lagElapsed: false });
    expect(links[1]).toMatchObject({ type: 'FF', lag: 1440, lagElapsed: true });
  });
});

const sample = '/work/shared/data/mspdi/mpxj/generated/task-links/task-links-project2019-mspdi.xml';
describe.skipIf(!existsSync(sample))('readMspdi on MS Project files', () => {
  it('reproduces every early date MS Project stored for the task-links file', () => {
    const plan = readMspdi(readFileSync(sample, 'utf8'), sample);
    const { input } = mspdiToScheduleInput(plan);
    const cmp = compareWithStored(plan, input, scheduleProject(input));
    expect(cmp.tasks).toBe(16);
    expect(cmp.matched.ES).toBe(16);
    expect(cmp.matched.EF).toBe(16);
  });
});
