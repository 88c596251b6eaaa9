import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { readMspdi } from '../../../src/interop/mspdi/index.ts';
import {
  escapeXml,
  isoDuration,
  MspdiWriteError,
  type MspdiWriteProject,
  writeMspdi,
} from '../../../src/interop/mspdi-write/index.ts';

const day = [
  { from: 480, to: 720 },
  { from: 780, to: 1020 },
];
const plan: MspdiWriteProject = {
  properties: {
    name: 'Bridge <north> & "south"',
    startDate: '2024-01-08T08:00:00',
    scheduleFromStart: true,
    statusDate: '2024-01-10T17:00:00',
    minutesPerDay: 480,
    calendarUid: 1,
  },
  calendars: [
    {
      id: 1,
      name: 'Standard',
      baseId: null,
      week: [[], day, day, day, day, day, []],
      exceptions: [{ from: '2024-01-15', to: '2024-01-16', intervals: [], name: 'Holiday' }],
      workWeeks: [
        {
          name: 'February crunch',
          from: '2024-02-01',
          to: '2024-02-29',
          week: [null, [{ from: 420, to: 900 }], null, null, null, null, null],
        },
      ],
    },
    {
      id: 2,
      name: 'Night',
      baseId: 1,
      week: [null, [{ from: 1200, to: 1440 }], null, null, null, null, null],
    },
  ],
  tasks: [
    {
      uid: 1,
      name: 'Phase',
      outlineLevel: 1,
      outlineNumber: '1',
      durationMinutes: 1440,
      milestone: false,
      summary: true,
      constraintType: 'ASAP',
      percentComplete: 0,
      predecessors: [],
    },
    {
      uid: 2,
      name: 'Dig',
      outlineLevel: 2,
      outlineNumber: '1.1',
      durationMinutes: 960,
      milestone: false,
      summary: false,
      constraintType: 'SNET',
      constraintDate: '2024-01-09T08:00:00',
      deadline: '2024-01-20T17:00:00',
      actualStart: '2024-01-09T08:00:00',
      percentComplete: 50,
      calendarUid: 2,
      totalSlack: 480,
      freeSlack: 0,
      critical: true,
      earlyStart: '2024-01-09T08:00:00',
      predecessors: [],
    },
    {
      uid: 3,
      name: 'Pour',
      outlineLevel: 2,
      outlineNumber: '1.2',
      durationMinutes: 0,
      milestone: true,
      summary: false,
      constraintType: 'ASAP',
      percentComplete: 0,
      predecessors: [
        { predecessorUid: 2, type: 'SS', lagMinutes: 960 },
        { predecessorUid: 1, type: 'FF', lagMinutes: -480, lagElapsed: true },
      ],
    },
    {
      uid: 4,
      name: 'Cure',
      outlineLevel: 1,
      outlineNumber: '2',
      durationMinutes: 2880,
      durationElapsed: true,
      milestone: false,
      summary: false,
      constraintType: 'MFO',
      constraintDate: '2024-02-01T17:00:00',
      percentComplete: 0,
      predecessors: [{ predecessorUid: 3, type: 'FS', lagMinutes: 0, lagPercent: 25 }],
    },
  ],
};

describe('writeMspdi', () => {
  it('writes durations as MSPDI ISO 8601 working time', () => {
    expect(isoDuration(480)).toBe('PT8H0M0S');
    expect(isoDuration(90.5)).toBe('PT1H30M30S');
    expect(isoDuration(0)).toBe('PT0H0M0S');
  });

  it('escapes names so the document stays well-formed', () => {
    const xml = writeMspdi(plan);
    expect(xml).toContain('<Name>Bridge &lt;north&gt; &amp; &quot;south&quot;</Name>');
    const doc = new XMLParser().parse(xml, true);
    expect(doc.Project).toBeDefined();
    expect(xml).toContain('<Project xmlns="http://schemas.microsoft.com/project">');
    expect(escapeXml("a\u0001b<c>'d'")).toBe('ab&lt;c&gt;&apos;d&apos;');
    expect(escapeXml('plain 2024-01-08T08:00:00')).toBe('plain 2024-01-08T08:00:00');
  });

  it('writes what the MSPDI reader reads back field by field', () => {
    const back = readMspdi(writeMspdi(plan), 'out.xml');
    expect(back.properties).toMatchObject({
      name: plan.properties.name,
      scheduleFromStart: true,
      calendarUid: 1,
      minutesPerDay: 480,
    });
    const [cal1, cal2] = back.calendars;
    expect(cal1.week).toEqual(plan.calendars[0].week);
    expect(cal1.exceptions).toHaveLength(1);
    expect(cal1.exceptions?.[0]).toMatchObject({ intervals: [], name: 'Holiday' });
    expect(cal1.workWeeks?.[0].week[1]).toEqual([{ from: 420, to: 900 }]);
    expect(cal1.workWeeks?.[0].name).toBe('February crunch');
    expect(cal2).toMatchObject({ id: 2, baseId: 1 });
    expect(cal2.week?.[1]).toEqual([{ from: 1200, to: 1440 }]);
    expect(
      back.tasks.map((t) => [t.uid, t.parentUid, t.outlineNumber, t.duration, t.durationElapsed]),
    ).toEqual([
      [1, null, '1', 1440, false],
      [2, 1, '1.1', 960, false],
      [3, 1, '1.2', 0, false],
      [4, null, '2', 2880, true],
    ]);
    const dig = back.tasks[1];
    expect(dig).toMatchObject({ constraintType: 'SNET', percentComplete: 50, calendarUid: 2 });
    expect(dig.stored).toMatchObject({ totalSlack: 480, freeSlack: 0, critical: true });
    expect(back.tasks[2].predecessors).toMatchObject([
      { predecessorUid: 2, type: 'SS', lag: 960, lagElapsed: false, lagPercent: null },
      { predecessorUid: 1, type: 'FF', lag: -480, lagElapsed: true },
    ]);
    expect(back.tasks[3].predecessors[0]).toMatchObject({ type: 'FS', lagPercent: 25 });
    expect(back.tasks[3].constraintType).toBe('MFO');
  });

  it('names the task when a dated constraint has no date', () => {
    const bad = { ...plan, tasks: [{ ...plan.tasks[3], constraintDate: null, predecessors: [] }] };
    expect(() => writeMspdi(bad)).toThrow(MspdiWriteError);
    expect(() => writeMspdi(bad)).toThrow(/Task UID 4 \(Cure\): constraintDate is required by MFO/);
  });

  it('refuses an outline that skips a level', () => {
    const bad = { ...plan, tasks: [{ ...plan.tasks[1], predecessors: [] }] };
    expect(() => writeMspdi(bad)).toThrow(/outlineLevel 2 does not follow level 0/);
  });
});
