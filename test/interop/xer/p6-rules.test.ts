import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../../../src/engine/calendar/epoch.ts';
import { p6ActivityDates, readXer, scheduleXer } from '../../../src/interop/xer/index.ts';

const day = '(0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())';
const STANDARD = `(0||CalendarData()((0||DaysOfWeek()((0||1()())(0||2()(${day}))(0||3()(${day}))(0||4()(${day}))(0||5()(${day}))(0||6()(${day}))(0||7()())))))`;
const allDay = '(0||0(s|00:00|f|00:00)())';
const ROUND_THE_CLOCK = `(0||CalendarData()((0||DaysOfWeek()(${[1, 2, 3, 4, 5, 6, 7].map((d) => `(0||${d}()(${allDay}))`).join('')}))))`;

interface Activity {
  id: number;
  code: string;
  type?: string;
  status?: string;
  hours: number;
  remaining?: number;
  actStart?: string;
  actEnd?: string;
  cstr?: [string, string];
}

/** A one-project XER text: data date Monday 2024-01-08 08:00, standard calendar 1, 24-hour calendar 2. */
function xer(
  activities: Activity[],
  links: [number, number, string, number][],
  lagCalendar = 'rcal_Predecessor',
  extra = '',
  retainedLogic = 'Y',
  mustFinishBy = '',
) {
  const taskFields =
    'task_id\tproj_id\twbs_id\tclndr_id\ttask_type\tstatus_code\ttask_code\ttask_name\ttarget_drtn_hr_cnt\tremain_drtn_hr_cnt\tact_start_date\tact_end_date\tcstr_type\tcstr_date';
  const rows = activities.map((a) =>
    [
      a.id,
      1,
      10,
      1,
      a.type ?? 'TT_Task',
      a.status ?? 'TK_NotStart',
      a.code,
      a.code,
      a.hours,
      a.remaining ?? a.hours,
      a.actStart ?? '',
      a.actEnd ?? '',
      a.cstr?.[0] ?? '',
      a.cstr?.[1] ?? '',
    ].join('\t'),
  );
  return [
    'ERMHDR\t8.4\t2024-01-08\tProject\tadmin\tadmin\tdb\tProject Management\tUSD',
    '%T\tPROJECT',
    '%F\tproj_id\tproj_short_name\tclndr_id\tlast_recalc_date\tplan_start_date\tcritical_drtn_hr_cnt\tplan_end_date',
    `%R\t1\tRULES\t1\t2024-01-08 08:00\t2024-01-01 08:00\t0\t${mustFinishBy}`,
    '%T\tCALENDAR',
    '%F\tclndr_id\tdefault_flag\tclndr_name\tbase_clndr_id\tday_hr_cnt\tclndr_data',
    `%R\t1\tY\tStandard\t\t8\t${STANDARD}`,
    `%R\t2\tN\tRound the clock\t\t24\t${ROUND_THE_CLOCK}`,
    '%T\tSCHEDOPTIONS',
    '%F\tproj_id\tsched_calendar_on_relationship_lag\tsched_float_type\tsched_retained_logic',
    `%R\t1\t${lagCalendar}\tFT_FF\t${retainedLogic}`,
    '%T\tPROJWBS',
    '%F\twbs_id\tproj_id\tparent_wbs_id\tproj_node_flag\twbs_short_name\twbs_name\tseq_num',
    '%R\t1\t1\t\tY\tRULES\tRules\t0',
    '%R\t10\t1\t1\tN\tW1\tWork\t1',
    '%T\tTASK',
    `%F\t${taskFields}`,
    ...rows.map((r) => `%R\t${r}`),
    '%T\tTASKPRED',
    '%F\ttask_pred_id\ttask_id\tpred_task_id\tpred_type\tlag_hr_cnt',
    ...links.map(([pred, succ, type, lag], k) => `%R\t${k + 1}\t${succ}\t${pred}\t${type}\t${lag}`),
    extra,
    '%E',
  ].join('\n');
}

function schedule(text: string) {
  const plan = readXer(text, 'rules.xer');
  const s = scheduleXer(plan);
  const dates = p6ActivityDates(plan, s.input, s.result, s.activityIndex);
  const at = (code: string) => {
    const k = plan.tasks.findIndex((t) => t.code === code);
    const d = dates[k];
    const f = (m: number) => formatLocalDateTime(m).slice(0, 16);
    return {
      es: f(d.earlyStart),
      ef: f(d.earlyFinish),
      ls: f(d.lateStart),
      lf: f(d.lateFinish),
      tf: d.totalFloat / 60,
    };
  };
  return { plan, s, at };
}

describe("P6's scheduling rules on XER input", () => {
  it('starts remaining work at the data date; completed work keeps its actual finish for successors', () => {
    const { at } = schedule(
      xer(
        [
          {
            id: 1,
            code: 'DONE',
            status: 'TK_Complete',
            hours: 16,
            actStart: '2024-01-02 08:00',
            actEnd: '2024-01-03 17:00',
          },
          {
            id: 2,
            code: 'HALF',
            status: 'TK_Active',
            hours: 40,
            remaining: 16,
            actStart: '2024-01-04 08:00',
          },
          { id: 3, code: 'NEXT', hours: 8 },
          { id: 4, code: 'FREE', hours: 8 },
        ],
        [
          [1, 2, 'PR_FS', 0],
          [2, 3, 'PR_FS', 0],
        ],
      ),
    );
    // P6 writes a completed activity's early dates at the data date.
    expect(at('DONE')).toMatchObject({ es: '2024-01-08T08:00', ef: '2024-01-08T08:00' });
    expect(at('HALF')).toMatchObject({ es: '2024-01-08T08:00', ef: '2024-01-09T17:00' });
    expect(at('NEXT')).toMatchObject({ es: '2024-01-10T08:00', ef: '2024-01-10T17:00', tf: 0 });
    expect(at('FREE')).toMatchObject({ es: '2024-01-08T08:00', tf: 16 });
  });

  it('holds a started activity behind an unfinished predecessor under retained logic, not under progress override', () => {
    const activities = [
      { id: 1, code: 'LATE', hours: 16 },
      { id: 2, code: 'OUT', status: 'TK_Active', hours: 16, remaining: 8, actStart: '2024-01-05 08:00' },
    ];
    const retained = schedule(xer(activities, [[1, 2, 'PR_FS', 0]]));
    expect(retained.at('OUT')).toMatchObject({ es: '2024-01-10T08:00', ef: '2024-01-10T17:00' });
    const override = schedule(xer(activities, [[1, 2, 'PR_FS', 0]], 'rcal_Predecessor', '', 'N'));
    expect(override.at('OUT')).toMatchObject({ es: '2024-01-08T08:00', ef: '2024-01-08T17:00' });
  });

  it("counts late dates and float back from the project's must-finish-by date", () => {
    const activities = [
      { id: 1, code: 'A', hours: 16 },
      { id: 2, code: 'B', hours: 8 },
    ];
    const links: [number, number, string, number][] = [[1, 2, 'PR_FS', 0]];
    const early = schedule(xer(activities, links, 'rcal_Predecessor', '', 'Y', '2024-01-12 17:00'));
    expect(early.at('B')).toMatchObject({ ef: '2024-01-10T17:00', lf: '2024-01-12T17:00', tf: 16 });
    const late = schedule(xer(activities, links, 'rcal_Predecessor', '', 'Y', '2024-01-09 17:00'));
    expect(late.at('B')).toMatchObject({ ef: '2024-01-10T17:00', lf: '2024-01-09T17:00', tf: -8 });
    expect(late.at('A').tf).toBe(-8);
  });

  it("measures lags on the predecessor's calendar, or in elapsed hours for 24-hour lags", () => {
    const activities = [
      { id: 1, code: 'A', hours: 8, cstr: ['CS_MSOA', '2024-01-12 08:00'] as [string, string] },
      { id: 2, code: 'B', hours: 8 },
    ];
    const working = schedule(xer(activities, [[1, 2, 'PR_FS', 16]]));
    // A finishes Friday 17:00; 16 working hours later is Tuesday 17:00, so B starts Wednesday.
    expect(working.at('A').es).toBe('2024-01-12T08:00');
    expect(working.at('B').es).toBe('2024-01-17T08:00');
    const elapsed = schedule(xer(activities, [[1, 2, 'PR_FS', 16]], 'rcal_24Hour'));
    // 16 elapsed hours after Friday 17:00 is Saturday 09:00: the next working time is Monday 08:00.
    expect(elapsed.at('B').es).toBe('2024-01-15T08:00');
  });

  it('gives milestones no duration and maps start-on-or-after to start-no-earlier-than', () => {
    const { at, s } = schedule(
      xer(
        [
          { id: 1, code: 'WORK', hours: 8, cstr: ['CS_MSOA', '2024-01-09 08:00'] },
          { id: 2, code: 'DONE', type: 'TT_FinMile', hours: 0 },
        ],
        [[1, 2, 'PR_FS', 0]],
      ),
    );
    expect(at('WORK').es).toBe('2024-01-09T08:00');
    expect(at('DONE')).toMatchObject({ es: '2024-01-09T17:00', ef: '2024-01-09T17:00' });
    expect(s.input.tasks.find((t) => t.id === '1')?.constraintType).toBe('SNET');
  });

  it('stretches a level of effort from its predecessor to its successor, without driving it', () => {
    const { at } = schedule(
      xer(
        [
          { id: 1, code: 'START', hours: 8 },
          { id: 2, code: 'LOE', type: 'TT_LOE', hours: 8 },
          { id: 3, code: 'MIDDLE', hours: 24 },
          { id: 4, code: 'END', hours: 8 },
        ],
        [
          [1, 2, 'PR_FS', 0],
          [1, 3, 'PR_FS', 0],
          [3, 4, 'PR_FS', 0],
          [2, 4, 'PR_FF', 0],
        ],
      ),
    );
    expect(at('LOE')).toMatchObject({ es: '2024-01-09T08:00', ef: '2024-01-12T17:00' });
    expect(at('END')).toMatchObject({ es: '2024-01-12T08:00', ef: '2024-01-12T17:00' });
  });

  it("schedules a resource-dependent activity on its resource's calendar", () => {
    const resources = [
      '%T\tRSRC',
      '%F\trsrc_id\trsrc_name\trsrc_short_name\tclndr_id\trsrc_type',
      '%R\t7\tNight crew\tNC\t2\tRT_Labor',
      '%T\tTASKRSRC',
      '%F\ttaskrsrc_id\ttask_id\trsrc_id\ttarget_qty_per_hr\ttarget_qty',
      '%R\t1\t1\t7\t1\t24',
    ].join('\n');
    const { at, plan } = schedule(
      xer([{ id: 1, code: 'POUR', type: 'TT_Rsrc', hours: 24 }], [], 'rcal_Predecessor', resources),
    );
    expect(plan.assignments).toHaveLength(1);
    expect(at('POUR')).toMatchObject({ es: '2024-01-08T08:00', ef: '2024-01-09T08:00' });
  });
});
