import { formatLocalDateTime } from '../../engine/calendar/epoch.ts';
import type { CalendarException, DayPattern } from '../../engine/calendar/types.ts';
import type { ConstraintType, LinkType } from '../../engine/schedule/types.ts';
import { writeClndrData } from './read-calendar.ts';
import type { XerStatus, XerTaskType } from './types.ts';

/** What the writer needs; ids are the XER's integer keys, times epoch minutes, durations hours. */
export interface XerWritePlan {
  readonly project: {
    readonly code: string;
    readonly name: string;
    readonly calendarId: number;
    readonly dataDate: number;
    readonly plannedStart: number;
    readonly mustFinishBy: number | null;
    readonly criticalFloatHours: number;
    readonly lagCalendar: 'predecessor' | 'successor' | 'project' | '24h';
  };
  readonly calendars: readonly {
    readonly id: number;
    readonly name: string;
    readonly baseId: number | null;
    readonly hoursPerDay: number;
    readonly week: readonly DayPattern[];
    readonly exceptions: readonly CalendarException[];
  }[];
  /** WBS elements below the project node, parents before children. */
  readonly wbs: readonly {
    readonly id: number;
    readonly parentId: number | null;
    readonly code: string;
    readonly name: string;
    readonly sequence: number;
  }[];
  readonly tasks: readonly {
    readonly id: number;
    readonly wbsId: number | null;
    readonly calendarId: number;
    readonly code: string;
    readonly name: string;
    readonly type: XerTaskType;
    readonly status: XerStatus;
    readonly percentComplete: number;
    readonly targetHours: number;
    readonly remainingHours: number;
    readonly constraintType: ConstraintType;
    readonly constraintDate: number | null;
    readonly actualStart: number | null;
    readonly actualFinish: number | null;
    readonly earlyStart: number | null;
    readonly earlyFinish: number | null;
    readonly lateStart: number | null;
    readonly lateFinish: number | null;
    readonly totalFloatHours: number | null;
    readonly freeFloatHours: number | null;
  }[];
  readonly links: readonly {
    readonly taskId: number;
    readonly predecessorId: number;
    readonly type: LinkType;
    readonly lagHours: number;
  }[];
  readonly resources?: readonly {
    readonly id: number;
    readonly code: string;
    readonly name: string;
    readonly material: boolean;
    readonly email: string | null;
    /** Units per hour (1 = one full-time unit) and cost per hour, written as one RSRCRATE row. */
    readonly maxUnitsPerHour: number;
    readonly costPerHour: number;
  }[];
  readonly assignments?: readonly {
    readonly taskId: number;
    readonly resourceId: number;
    readonly unitsPerHour: number;
    readonly plannedHours: number;
    readonly actualHours: number;
    readonly plannedCost: number;
  }[];
}

const CONSTRAINT_CODES: Record<ConstraintType, string> = {
  ASAP: '',
  ALAP: 'CS_ALAP',
  MSO: 'CS_MSO',
  MFO: 'CS_MEO',
  SNET: 'CS_MSOA',
  SNLT: 'CS_MSOB',
  FNET: 'CS_MEOA',
  FNLT: 'CS_MEOB',
};
const LAG_CODES = {
  predecessor: 'rcal_Predecessor',
  successor: 'rcal_Successor',
  project: 'rcal_ProjDefault',
  '24h': 'rcal_24Hour',
} as const;

const PROJECT_ID = 1;
const PROJECT_WBS_ID = 1;

const date = (m: number | null) => (m === null ? '' : formatLocalDateTime(m).slice(0, 16).replace('T', ' '));
const hours = (h: number | null) => (h === null ? '' : String(Math.round(h * 1000) / 1000));
/** XER cells are tab-separated lines: tabs and line breaks inside a value become spaces. */
const cell = (v: string | number) => String(v).replace(/[\t\r\n]+/g, ' ');

function table(name: string, fields: readonly string[], rows: readonly (string | number)[][]): string {
  const lines = [`%T\t${name}`, `%F\t${fields.join('\t')}`];
  for (const r of rows) lines.push(`%R\t${r.map(cell).join('\t')}`);
  return lines.join('\r\n');
}

/** RSRC, RSRCRATE and TASKRSRC; a plan without resources writes none of them. */
function resourceTables(plan: XerWritePlan): string[] {
  const resources = plan.resources ?? [];
  if (resources.length === 0) return [];
  const amount = (v: number) => String(Math.round(v * 100) / 100);
  return [
    table(
      'RSRC',
      ['rsrc_id', 'clndr_id', 'rsrc_name', 'rsrc_short_name', 'email_addr', 'rsrc_type'],
      resources.map((r) => [
        r.id,
        plan.project.calendarId,
        r.name,
        r.code,
        r.email ?? '',
        r.material ? 'RT_Mat' : 'RT_Labor',
      ]),
    ),
    table(
      'RSRCRATE',
      ['rsrc_rate_id', 'rsrc_id', 'max_qty_per_hr', 'cost_per_qty', 'start_date'],
      resources.map((r) => [
        r.id,
        r.id,
        hours(r.maxUnitsPerHour),
        amount(r.costPerHour),
        date(plan.project.plannedStart),
      ]),
    ),
    table(
      'TASKRSRC',
      [
        'taskrsrc_id',
        'task_id',
        'proj_id',
        'rsrc_id',
        'target_qty',
        'target_qty_per_hr',
        'act_reg_qty',
        'act_ot_qty',
        'target_cost',
      ],
      (plan.assignments ?? []).map((a, k) => [
        k + 1,
        a.taskId,
        PROJECT_ID,
        a.resourceId,
        hours(a.plannedHours),
        hours(a.unitsPerHour),
        hours(a.actualHours),
        0,
        amount(a.plannedCost),
      ]),
    ),
  ];
}

/**
 * Writes one project as a Primavera P6 XER file (version 8.4 layout, tables PROJECT, CALENDAR,
 * SCHEDOPTIONS, PROJWBS, TASK, TASKPRED), as text in CRLF lines. The caller encodes it; the
 * reader takes UTF-8 or the Windows code pages P6 writes.
 *
 * @example writeXer(plan).startsWith('ERMHDR')
 */
export function writeXer(plan: XerWritePlan, exportDate = new Date()): string {
  const p = plan.project;
  const parts = [
    `ERMHDR\t8.4\t${exportDate.toISOString().slice(0, 10)}\tProject\tadmin\tOrrery\tdbxDatabaseNoName\tProject Management\tUSD`,
  ];
  parts.push(
    table(
      'PROJECT',
      [
        'proj_id',
        'proj_short_name',
        'clndr_id',
        'critical_drtn_hr_cnt',
        'last_recalc_date',
        'plan_start_date',
        'plan_end_date',
        'def_task_type',
        'def_duration_type',
        'critical_path_type',
      ],
      [
        [
          PROJECT_ID,
          p.code,
          p.calendarId,
          hours(p.criticalFloatHours),
          date(p.dataDate),
          date(p.plannedStart),
          date(p.mustFinishBy),
          'TT_Task',
          'DT_FixedDUR2',
          'CT_TotFloat',
        ],
      ],
    ),
  );
  parts.push(
    table(
      'CALENDAR',
      [
        'clndr_id',
        'default_flag',
        'clndr_name',
        'proj_id',
        'base_clndr_id',
        'clndr_type',
        'day_hr_cnt',
        'clndr_data',
      ],
      plan.calendars.map((c) => [
        c.id,
        c.id === p.calendarId ? 'Y' : 'N',
        c.name,
        PROJECT_ID,
        c.baseId ?? '',
        c.baseId === null ? 'CA_Project' : 'CA_Rsrc',
        hours(c.hoursPerDay),
        writeClndrData(c.week, c.exceptions),
      ]),
    ),
  );
  parts.push(
    table(
      'SCHEDOPTIONS',
      [
        'schedoptions_id',
        'proj_id',
        'sched_retained_logic',
        'sched_float_type',
        'sched_calendar_on_relationship_lag',
      ],
      [[1, PROJECT_ID, 'Y', 'FT_FF', LAG_CODES[p.lagCalendar]]],
    ),
  );
  parts.push(
    table(
      'PROJWBS',
      [
        'wbs_id',
        'proj_id',
        'seq_num',
        'proj_node_flag',
        'status_code',
        'wbs_short_name',
        'wbs_name',
        'parent_wbs_id',
      ],
      [
        [PROJECT_WBS_ID, PROJECT_ID, 0, 'Y', 'WS_Open', p.code, p.name, ''],
        ...plan.wbs.map((w) => [
          w.id,
          PROJECT_ID,
          w.sequence,
          'N',
          'WS_Open',
          w.code,
          w.name,
          w.parentId ?? PROJECT_WBS_ID,
        ]),
      ],
    ),
  );
  parts.push(
    table(
      'TASK',
      [
        'task_id',
        'proj_id',
        'wbs_id',
        'clndr_id',
        'phys_complete_pct',
        'complete_pct_type',
        'task_type',
        'duration_type',
        'status_code',
        'task_code',
        'task_name',
        'total_float_hr_cnt',
        'free_float_hr_cnt',
        'remain_drtn_hr_cnt',
        'target_drtn_hr_cnt',
        'cstr_date',
        'act_start_date',
        'act_end_date',
        'late_start_date',
        'late_end_date',
        'early_start_date',
        'early_end_date',
        'target_start_date',
        'target_end_date',
        'cstr_type',
      ],
      plan.tasks.map((t) => [
        t.id,
        PROJECT_ID,
        t.wbsId ?? PROJECT_WBS_ID,
        t.calendarId,
        hours(t.percentComplete),
        'CP_Phys',
        t.type,
        'DT_FixedDUR2',
        t.status,
        t.code,
        t.name,
        hours(t.totalFloatHours),
        hours(t.freeFloatHours),
        hours(t.remainingHours),
        hours(t.targetHours),
        date(t.constraintDate),
        date(t.actualStart),
        date(t.actualFinish),
        date(t.lateStart),
        date(t.lateFinish),
        date(t.earlyStart),
        date(t.earlyFinish),
        date(t.earlyStart),
        date(t.earlyFinish),
        CONSTRAINT_CODES[t.constraintType],
      ]),
    ),
  );
  parts.push(
    table(
      'TASKPRED',
      ['task_pred_id', 'task_id', 'pred_task_id', 'proj_id', 'pred_proj_id', 'pred_type', 'lag_hr_cnt'],
      plan.links.map((l, k) => [
        k + 1,
        l.taskId,
        l.predecessorId,
        PROJECT_ID,
        PROJECT_ID,
        `PR_${l.type}`,
        hours(l.lagHours),
      ]),
    ),
  );
  parts.push(...resourceTables(plan));
  parts.push('%E');
  return `${parts.join('\r\n')}\r\n`;
}
