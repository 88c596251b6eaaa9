import { describe, expect, it } from 'vitest';
import { standardWeek } from '../../../src/engine/calendar/index.ts';
import {
  ScheduleCycleError,
  ScheduleInputError,
  Scheduler,
  scheduleIso,
  scheduleProject,
} from '../../../src/engine/schedule/index.ts';
import { at, DAY, fmt, plan, run } from './helpers.ts';

describe('scheduleProject: links', () => {
  it('schedules an empty network at the project start', () => {
    const r = scheduleProject(plan([]));
    expect(r.taskIds).toEqual([]);
    expect(fmt(r.projectFinish)).toBe('2024-01-08T08:00');
    expect(r.criticalPath).toEqual([]);
  });

  it('moves the successor when the predecessor slips', () => {
    const links = [{ predecessorId: 'A', successorId: 'B' }];
    const { t } = run(
      plan(
        [
          { id: 'A', duration: DAY },
          { id: 'B', duration: DAY },
        ],
        links,
      ),
    );
    expect(t('B').es).toBe('2024-01-09T08:00');
    const { t: t2 } = run(
      plan(
        [
          { id: 'A', duration: 2 * DAY },
          { id: 'B', duration: DAY },
        ],
        links,
      ),
    );
    expect(t2('B').es).toBe('2024-01-10T08:00');
  });

  it('starts a finish-to-start successor on the next working morning, over the weekend', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: 5 * DAY },
          { id: 'B', duration: DAY },
        ],
        [{ predecessorId: 'A', successorId: 'B' }],
      ),
    );
    expect(t('A').ef).toBe('2024-01-12T17:00');
    expect(t('B').es).toBe('2024-01-15T08:00');
  });

  it('applies start-to-start, finish-to-finish and start-to-finish links with lags', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: 2 * DAY },
          { id: 'SS', duration: DAY },
          { id: 'FF', duration: DAY },
          { id: 'SF', duration: DAY },
        ],
        [
          { predecessorId: 'A', successorId: 'SS', type: 'SS', lag: DAY },
          { predecessorId: 'A', successorId: 'FF', type: 'FF', lag: DAY },
          { predecessorId: 'A', successorId: 'SF', type: 'SF', lag: 3 * DAY },
        ],
      ),
    );
    expect(t('SS').es).toBe('2024-01-09T08:00');
    expect(t('FF').ef).toBe('2024-01-10T17:00');
    expect(t('SF').ef).toBe('2024-01-10T17:00');
  });

  it('lets a negative lag overlap the predecessor', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: 3 * DAY },
          { id: 'B', duration: DAY },
        ],
        [{ predecessorId: 'A', successorId: 'B', lag: -DAY }],
      ),
    );
    expect(t('B').es).toBe('2024-01-10T08:00');
  });

  it('measures a percent lag on the predecessor duration', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: 4 * DAY },
          { id: 'B', duration: DAY },
        ],
        [{ predecessorId: 'A', successorId: 'B', type: 'SS', lagPercent: 50 }],
      ),
    );
    expect(t('B').es).toBe('2024-01-10T08:00');
  });

  it('counts an elapsed lag in calendar time, weekends included', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: 5 * DAY },
          { id: 'B', duration: DAY },
        ],
        [{ predecessorId: 'A', successorId: 'B', lag: 2 * 1440, lagElapsed: true }],
      ),
    );
    expect(t('B').es).toBe('2024-01-15T08:00');
  });

  it('runs an elapsed duration through nights and weekends', () => {
    const { t } = run(plan([{ id: 'A', duration: 3 * 1440, durationIsElapsed: true }]));
    expect(t('A').ef).toBe('2024-01-11T08:00');
  });

  it('keeps a zero-duration milestone at its predecessor finish', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: DAY },
          { id: 'M', duration: 0 },
        ],
        [{ predecessorId: 'A', successorId: 'M' }],
      ),
    );
    expect(t('M').es).toBe('2024-01-08T17:00');
    expect(t('M').ef).toBe('2024-01-08T17:00');
    expect(t('M').critical).toBe(true);
  });
});

describe('scheduleProject: summaries and projects', () => {
  it('rolls a summary up from its children and holds its children behind its predecessor', () => {
    const { t } = run(
      plan(
        [
          { id: 'P', duration: DAY },
          { id: 'S', duration: 0 },
          { id: 'S1', parentId: 'S', duration: DAY },
          { id: 'S2', parentId: 'S', duration: 2 * DAY },
          { id: 'N', duration: DAY },
        ],
        [
          { predecessorId: 'P', successorId: 'S' },
          { predecessorId: 'S', successorId: 'N' },
        ],
      ),
    );
    expect(t('S1').es).toBe('2024-01-09T08:00');
    expect(t('S').es).toBe('2024-01-09T08:00');
    expect(t('S').ef).toBe('2024-01-10T17:00');
    expect(t('N').es).toBe('2024-01-11T08:00');
    expect(t('S1').ts).toBe(DAY);
  });

  it('schedules two projects together across a link between them', () => {
    const input = {
      ...plan([
        { id: 'A', duration: 3 * DAY, projectId: 'p1' },
        { id: 'B', duration: DAY, projectId: 'p2' },
      ]),
      links: [{ predecessorId: 'A', successorId: 'B' }],
      projects: [
        { id: 'p1', calendarId: 'std', start: at('2024-01-08T08:00') },
        { id: 'p2', calendarId: 'std', start: at('2024-01-08T08:00') },
      ],
    };
    const r = scheduleProject(input);
    expect(fmt(r.earlyStart[1])).toBe('2024-01-11T08:00');
    expect(r.projects.map((p) => fmt(p.finish))).toEqual(['2024-01-10T17:00', '2024-01-11T17:00']);
  });

  it('schedules a project from its finish date', () => {
    const { t, r } = run(
      plan(
        [
          { id: 'A', duration: DAY },
          { id: 'B', duration: 2 * DAY },
        ],
        [{ predecessorId: 'A', successorId: 'B' }],
        {
          start: null,
          finish: at('2024-01-12T17:00'),
          scheduleFromFinish: true,
        },
      ),
    );
    expect(t('B').lf).toBe('2024-01-12T17:00');
    expect(t('A').ls).toBe('2024-01-10T08:00');
    expect(fmt(r.projectStart)).toBe('2024-01-10T08:00');
    expect(t('A').start).toBe('2024-01-10T08:00');
  });
});

describe('scheduleProject: constraints, progress and float', () => {
  const chain = [{ predecessorId: 'A', successorId: 'B' }];

  it('holds a start-no-earlier-than task to its date', () => {
    const { t } = run(
      plan([{ id: 'A', duration: DAY, constraintType: 'SNET', constraintDate: at('2024-01-10T08:00') }]),
    );
    expect(t('A').es).toBe('2024-01-10T08:00');
  });

  it('shows a must-start-on conflict with a link as negative float, and reports it', () => {
    const { t, r } = run(
      plan(
        [
          { id: 'A', duration: 3 * DAY },
          { id: 'B', duration: DAY, constraintType: 'MSO', constraintDate: at('2024-01-09T08:00') },
        ],
        chain,
      ),
    );
    expect(t('B').es).toBe('2024-01-09T08:00');
    expect(t('A').ts).toBe(-2 * DAY);
    expect(t('A').critical).toBe(true);
    expect(r.conflicts.some((c) => c.taskId === 'B' && c.kind === 'constraint-vs-link')).toBe(true);
  });

  it('lets links win over a finish-no-later-than constraint when constraints are not honoured', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: 3 * DAY },
          { id: 'B', duration: DAY, constraintType: 'FNLT', constraintDate: at('2024-01-09T17:00') },
        ],
        chain,
        { honorConstraints: false },
      ),
    );
    expect(t('B').es).toBe('2024-01-11T08:00');
    expect(t('B').ts).toBe(-2 * DAY);
  });

  it('places an as-late-as-possible task at its late dates', () => {
    const { t } = run(
      plan([
        { id: 'A', duration: 3 * DAY },
        { id: 'L', duration: DAY, constraintType: 'ALAP' },
      ]),
    );
    expect(t('L').start).toBe('2024-01-10T08:00');
    expect(t('L').es).toBe('2024-01-08T08:00');
  });

  it('reports a missed deadline', () => {
    const { r } = run(plan([{ id: 'A', duration: 3 * DAY, deadline: at('2024-01-09T17:00') }]));
    expect(r.conflicts).toContainEqual(expect.objectContaining({ taskId: 'A', kind: 'deadline-missed' }));
  });

  it('keeps actual start and finish and is never critical once finished', () => {
    const { t } = run(
      plan(
        [
          {
            id: 'A',
            duration: DAY,
            actualStart: at('2024-01-08T10:00'),
            actualFinish: at('2024-01-09T12:00'),
          },
          { id: 'B', duration: DAY },
        ],
        chain,
      ),
    );
    expect(t('A').es).toBe('2024-01-08T10:00');
    expect(t('A').ef).toBe('2024-01-09T12:00');
    expect(t('A').critical).toBe(false);
    expect(t('B').es).toBe('2024-01-09T13:00');
  });

  it('gives free float to a task whose successor waits for another', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: DAY },
          { id: 'B', duration: 3 * DAY },
          { id: 'C', duration: DAY },
        ],
        [
          { predecessorId: 'A', successorId: 'C' },
          { predecessorId: 'B', successorId: 'C' },
        ],
      ),
    );
    expect(t('A').fs).toBe(2 * DAY);
    expect(t('A').ts).toBe(2 * DAY);
    expect(t('B').critical).toBe(true);
  });

  it('keeps a manually scheduled task where it was put', () => {
    const { t } = run(
      plan(
        [
          { id: 'A', duration: 3 * DAY },
          {
            id: 'M',
            duration: DAY,
            manual: true,
            manualStart: at('2024-01-08T08:00'),
            manualFinish: at('2024-01-08T17:00'),
          },
        ],
        [{ predecessorId: 'A', successorId: 'M' }],
      ),
    );
    expect(t('M').es).toBe('2024-01-08T08:00');
  });
});

describe('scheduleProject: bad input and limits', () => {
  it('names the tasks on a cycle', () => {
    const input = plan(
      [
        { id: 'A', duration: DAY },
        { id: 'B', duration: DAY, name: 'Build' },
        { id: 'C', duration: DAY },
        { id: 'D', duration: DAY },
      ],
      [
        { predecessorId: 'D', successorId: 'A' },
        { predecessorId: 'A', successorId: 'B' },
        { predecessorId: 'B', successorId: 'C' },
        { predecessorId: 'C', successorId: 'A' },
      ],
    );
    try {
      scheduleProject(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScheduleCycleError);
      expect([...(error as ScheduleCycleError).taskIds].sort()).toEqual(['A', 'B', 'C']);
      expect((error as Error).message).toContain('"B" (Build)');
    }
  });

  it('finds a cycle through a summary task and its own child', () => {
    const input = plan(
      [
        { id: 'S', duration: 0 },
        { id: 'C', parentId: 'S', duration: DAY },
      ],
      [{ predecessorId: 'C', successorId: 'S' }],
    );
    expect(() => scheduleProject(input)).toThrow(ScheduleCycleError);
  });

  it('names an unknown link target', () => {
    const input = plan([{ id: 'A', duration: DAY }], [{ predecessorId: 'A', successorId: 'Z' }]);
    expect(() => scheduleProject(input)).toThrow(/successorId names unknown task "Z"/);
  });

  it('rejects negative and non-finite durations, unknown calendars and missing constraint dates', () => {
    expect(() => scheduleProject(plan([{ id: 'A', duration: -1 }]))).toThrow(ScheduleInputError);
    expect(() => scheduleProject(plan([{ id: 'A', duration: Number.NaN }]))).toThrow(/duration/);
    expect(() => scheduleProject(plan([{ id: 'A', duration: 1, calendarId: 'x' }]))).toThrow(
      /unknown calendar "x"/,
    );
    expect(() => scheduleProject(plan([{ id: 'A', duration: 1, constraintType: 'MSO' }]))).toThrow(
      /constraintDate/,
    );
    expect(() =>
      scheduleProject(
        plan([
          { id: 'A', duration: 1 },
          { id: 'A', duration: 1 },
        ]),
      ),
    ).toThrow(/used twice/);
  });

  it('reports a date beyond the supported range instead of a wrong answer', () => {
    expect(() => scheduleProject(plan([{ id: 'A', duration: 480 * 260 * 200 }]))).toThrow(/out of range/);
  });

  it('schedules huge but valid durations exactly', () => {
    const { t } = run(plan([{ id: 'A', duration: 480 * 260 * 50 }]));
    expect(t('A').ef.startsWith('2073') || t('A').ef.startsWith('2074')).toBe(true);
  });
});

describe('Scheduler: incremental change', () => {
  it('gives the same dates after one change as a full reschedule', () => {
    const tasks = Array.from({ length: 50 }, (_, k) => ({ id: k, duration: ((k * 7) % 5) * DAY }));
    const links = tasks
      .slice(1)
      .map((_, k) => ({ predecessorId: Math.floor((k * 3) / 4), successorId: k + 1 }));
    const s = new Scheduler(plan(tasks, links));
    s.updateTask(10, { duration: 9 * DAY });
    const changed = tasks.map((t) => (t.id === 10 ? { ...t, duration: 9 * DAY } : t));
    const full = scheduleProject(plan(changed, links));
    const inc = s.result();
    expect(Array.from(inc.earlyStart)).toEqual(Array.from(full.earlyStart));
    expect(Array.from(inc.lateFinish)).toEqual(Array.from(full.lateFinish));
    expect(Array.from(inc.totalSlack)).toEqual(Array.from(full.totalSlack));
  });
});

describe('Scheduler: constraint and progress changes', () => {
  it('applies a new constraint and actual start like a full reschedule, leaving other schedules alone', () => {
    const tasks = [
      { id: 'A', duration: DAY },
      { id: 'B', duration: DAY },
      { id: 'C', duration: DAY },
    ];
    const links = [{ predecessorId: 'A', successorId: 'B' }];
    const s = new Scheduler(plan(tasks, links));
    s.updateTask('B', { constraintType: 'SNET', constraintDate: at('2024-01-12T08:00') });
    s.updateTask('A', { actualStart: at('2024-01-08T10:00') });
    const full = scheduleProject(
      plan(
        [
          { id: 'A', duration: DAY, actualStart: at('2024-01-08T10:00') },
          { id: 'B', duration: DAY, constraintType: 'SNET', constraintDate: at('2024-01-12T08:00') },
          { id: 'C', duration: DAY },
        ],
        links,
      ),
    );
    expect(Array.from(s.result().earlyStart)).toEqual(Array.from(full.earlyStart));
    // a fresh schedule of the same size still sees no constraint or actual dates
    const fresh = scheduleProject(plan(tasks, links));
    expect(fmt(fresh.earlyStart[0])).toBe('2024-01-08T08:00');
    expect(fmt(fresh.earlyStart[1])).toBe('2024-01-09T08:00');
  });
});

describe('scheduleIso', () => {
  it('takes and returns local date-time strings', () => {
    const r = scheduleIso({
      calendars: [{ id: 1, week: standardWeek() }],
      projects: [{ calendarId: 1, start: '2024-01-08T08:00' }],
      tasks: [{ id: 'A', duration: DAY, constraintType: 'SNET', constraintDate: '2024-01-09T08:00' }],
      links: [],
    });
    expect(r.tasks[0].earlyStart).toBe('2024-01-09T08:00:00');
    expect(r.projectFinish).toBe('2024-01-09T17:00:00');
  });
});

describe('scheduleProject: the critical path', () => {
  it('lists critical tasks by early start, and tasks starting together in network order', () => {
    // B and A start together; B comes first in the input and neither drives the other.
    const r = scheduleProject(
      plan(
        [
          { id: 'B', duration: DAY },
          { id: 'A', duration: DAY },
          { id: 'C', duration: DAY },
        ],
        [
          { predecessorId: 'A', successorId: 'C' },
          { predecessorId: 'B', successorId: 'C' },
        ],
      ),
    );
    expect(r.criticalPath).toEqual(['B', 'A', 'C']);
  });

  it('orders tasks years apart, when early starts span more than one radix digit', () => {
    // constraints far apart put starts millions of minutes apart (several 11-bit digits)
    const tasks = [
      { id: 'late', duration: DAY, constraintType: 'MSO' as const, constraintDate: at('2031-03-03T08:00') },
      { id: 'early', duration: DAY, constraintType: 'MSO' as const, constraintDate: at('2024-01-08T08:00') },
      { id: 'middle', duration: DAY, constraintType: 'MSO' as const, constraintDate: at('2027-06-01T08:00') },
      { id: 'end', duration: DAY },
    ];
    const r = scheduleProject(
      plan(tasks, [
        { predecessorId: 'late', successorId: 'end' },
        { predecessorId: 'early', successorId: 'end' },
        { predecessorId: 'middle', successorId: 'end' },
      ]),
    );
    const critical = new Set(r.criticalPath);
    const expected = ['early', 'middle', 'late', 'end'].filter((id) => critical.has(id));
    expect(r.criticalPath).toEqual(expected);
    expect(r.criticalPath).toContain('late');
  });
});
