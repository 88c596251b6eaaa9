import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MsProjectJsonError,
  readMsProjectJson,
  readMsProjectJsonFile,
} from '../../src/interop/msproject-json.ts';

const doc = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    source: 'test',
    project: { startDate: '2026-01-01T09:00', scheduleFrom: '0', minutesPerDay: 480, defaultCalendar: 1 },
    calendars: [
      {
        uid: 1,
        name: 'split',
        parent: null,
        days: {
          MONDAY: {
            type: 'WORKING',
            hours: [
              ['09:00', '13:00'],
              ['15:00', '19:00'],
            ],
          },
        },
        exceptions: [{ from: '2026-01-06', to: '2026-01-06', working: false, hours: [] }],
      },
    ],
    tasks: [
      {
        uid: 1,
        name: 'A',
        outlineLevel: 1,
        duration: { value: 2, units: 'd' },
        constraintType: 'START_NO_EARLIER_THAN',
        constraintDate: '2026-01-05T09:00',
        predecessors: [],
        resources: [{ resUid: 3, units: 200, work: { value: 32, units: 'h' }, start: null, finish: null }],
      },
      {
        uid: 2,
        name: 'B',
        outlineLevel: 1,
        duration: { value: 1, units: 'ed' },
        predecessors: [{ predUid: 1, type: 'SS', lag: { value: 50, units: '%' } }],
        resources: [],
      },
    ],
    resources: [{ uid: 3, name: 'R', type: 'WORK', maxUnits: 400, calendar: null }],
    ...over,
  });

describe('readMsProjectJson', () => {
  it('reads calendars, tasks, links with percent lag, resources and assignments', () => {
    const plan = readMsProjectJson(doc(), 'mem.json');
    expect(plan.calendars[0].week?.[1]).toEqual([
      { from: 540, to: 780 },
      { from: 900, to: 1140 },
    ]);
    expect(plan.calendars[0].week?.[0]).toEqual([]);
    expect(plan.tasks[0]).toMatchObject({ uid: 1, duration: 960, constraintType: 'SNET' });
    expect(plan.tasks[1]).toMatchObject({ duration: 1440, durationElapsed: true });
    expect(plan.tasks[1].predecessors[0]).toMatchObject({ type: 'SS', lagPercent: 50 });
    expect(plan.resources).toEqual([{ uid: 3, name: 'R', type: 'WORK', maxUnits: 400, calendarUid: null }]);
    expect(plan.assignments[0]).toMatchObject({ taskUid: 1, resourceUid: 3, units: 200, work: 1920 });
    expect(plan.projectOfTask).toBeNull();
  });

  it('names the path of a bad value', () => {
    expect(() =>
      readMsProjectJson(doc({ tasks: [{ uid: 1, duration: { value: 1, units: 'parsecs' } }] }), 'f.json'),
    ).toThrow(/f.json: tasks\[0\].duration has unknown units "parsecs"/);
    expect(() => readMsProjectJson('{', 'g.json')).toThrow(MsProjectJsonError);
    expect(() => readMsProjectJson('{}', 'h.json')).toThrow(/project is missing/);
  });

  const file = '/work/shared/data/msproject/insisoc_mpsplib/6_mp_j30_a2_nr1.json.gz';
  it.skipIf(!existsSync(file))(
    'reads an INSISOC multi-project instance with its resources and demands',
    () => {
      const plan = readMsProjectJsonFile(file);
      expect(plan.tasks.length).toBe(64);
      expect(plan.resources.length).toBeGreaterThan(0);
      expect(plan.assignments.some((a) => a.resourceUid !== null && a.units > 0)).toBe(true);
      expect(new Set(plan.projectOfTask?.values())).toEqual(new Set([1, 2]));
    },
  );
});
