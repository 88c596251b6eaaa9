import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../../src/engine/calendar/epoch.ts';
import {
  compareXerWithStored,
  decodeXer,
  encodeXer,
  readClndrData,
  readXer,
  scheduleXer,
  writeClndrData,
  XerFormatError,
} from '../../../src/interop/xer/index.ts';

const data = new URL('../../../../shared/data/xer/', import.meta.url);
const bytes = (file: string) => readFileSync(new URL(file, data));
const text = (file: string) => decodeXer(bytes(file));

describe('reading Primavera P6 XER files', () => {
  it('reads projects, calendars, WBS, activities, relationships, resources and assignments', () => {
    const plan = readXer(bytes('XERNative/wk2.xer'), 'wk2.xer');
    expect(plan.version).toBe('8.2');
    expect(plan.projects).toHaveLength(1);
    expect(plan.projects[0]).toMatchObject({
      lagCalendar: 'predecessor',
      floatType: 'finish',
      retainedLogic: true,
    });
    expect(plan.tasks).toHaveLength(198);
    expect(plan.links).toHaveLength(301);
    expect(plan.links.filter((l) => l.type === 'SF')).toHaveLength(20);
    expect(plan.resources).toHaveLength(59);
    expect(plan.tasks.filter((t) => t.status === 'TK_Active')).toHaveLength(1);
    expect(plan.tasks.filter((t) => t.type === 'TT_Mile')).toHaveLength(1);
    const first = plan.tasks[0];
    expect(first.line).toBeGreaterThan(1);
    expect(formatLocalDateTime(first.stored.earlyStart!)).toMatch(/^\d{4}-/);
  });

  it('reads the nested calendar data: weekday intervals and holidays', () => {
    const plan = readXer(bytes('XERNative/sample.xer'), 'sample.xer');
    const standard = plan.calendars.find((c) => c.name === 'Standard 5 Day Workweek')!;
    expect(standard.week![0]).toEqual([]);
    expect(standard.week![1]).toEqual([
      { from: 480, to: 720 },
      { from: 780, to: 1020 },
    ]);
    // d|44557 is 2021-12-27 in P6's 1899-12-30 day count.
    expect(formatLocalDateTime(Number(standard.exceptions![0].from) * 1440).slice(0, 10)).toBe('2021-12-27');
    // The resource calendar without data inherits the default calendar.
    expect(plan.calendars.find((c) => c.name === 'Van Haren')!.baseId).toBe(standard.id);
  });

  it('writes calendar data that reads back the same', () => {
    const plan = readXer(bytes('XERNative/sample.xer'), 'sample.xer');
    const c = plan.calendars[0];
    const again = readClndrData(writeClndrData(c.week!, c.exceptions!));
    expect(again.week).toEqual(c.week);
    expect(again.exceptions.map((e) => e.from)).toEqual(c.exceptions!.map((e) => e.from));
  });

  it('encodes as Windows-1252 when the text fits, else UTF-8, and decodes both', () => {
    const latin = encodeXer('Bétonnage – phase 2 €');
    expect(latin.length).toBe('Bétonnage – phase 2 €'.length);
    expect(decodeXer(latin)).toBe('Bétonnage – phase 2 €');
    const cyrillic = encodeXer('Задача 1');
    expect(cyrillic.toString('utf8')).toBe('Задача 1');
    expect(decodeXer(cyrillic)).toBe('Задача 1');
  });

  it('decodes Windows-1251 text', () => {
    const plan = readXer(bytes('aspose-dotnet/encoding1251.xer'), 'encoding1251.xer');
    expect(plan.tasks[0].name).toBe('Задача 1');
  });

  it('names the table and line of a bad value', () => {
    const good = text('XERNative/sample.xer');
    const lines = good.split('\n');
    const row = lines.findIndex((l) => l.startsWith('%R\t4581'));
    lines[row] = lines[row].replace('PR_FS', 'PR_XX');
    expect(() => readXer(lines.join('\n'), 'bad.xer')).toThrow(
      `bad.xer:${row + 1}: TASKPRED pred_type is unknown: "PR_XX"`,
    );
    const date = good.replace('2021-11-30 08:00', '2021-13-30 08:00');
    expect(() => readXer(date, 'date.xer')).toThrow(/date\.xer:\d+: TASK \w+ is not a date/);
  });

  it('refuses a file with missing tables or fields, naming them', () => {
    const good = text('XERNative/sample.xer');
    const noCalendar = good.replace(/%T\tCALENDAR[\s\S]*?(?=%T\tSCHEDOPTIONS)/, '');
    expect(() => readXer(noCalendar, 'nocal.xer')).toThrow(
      'nocal.xer: CALENDAR table is missing (%T CALENDAR)',
    );
    const noProject = good.replace(/%T\tPROJECT\n[\s\S]*?(?=%T\tCALENDAR)/, '');
    expect(() => readXer(noProject, 'noproj.xer')).toThrow(/PROJECT table is missing/);
    const noField = good.replace('\ttask_type\t', '\ttask_kind\t');
    expect(() => readXer(noField, 'nofield.xer')).toThrow(/nofield\.xer:\d+: TASK has no field task_type/);
    expect(() => readXer('hello', 'x.xer')).toThrow(XerFormatError);
  });

  it('reschedules the TAKT example to P6 dates on every activity and field', () => {
    const plan = readXer(bytes('XERNative/sample.xer'), 'sample.xer');
    const s = scheduleXer(plan);
    const cmp = compareXerWithStored(plan, s.input, s.result, s.activityIndex);
    expect(cmp.allMatch).toBe(25);
    expect(cmp.differences).toEqual([]);
  });

  it('schedules every project of a multi-project file as one network', () => {
    const plan = readXer(bytes('aspose-Java/MultiprojectWithExternal.xer'), 'multi.xer');
    expect(plan.projects).toHaveLength(2);
    const s = scheduleXer(plan);
    expect(s.input.projects.map((p) => p.id)).toEqual(plan.projects.map((p) => p.id));
    expect(new Set(s.input.tasks.map((t) => t.projectId)).size).toBe(2);
  });
});
