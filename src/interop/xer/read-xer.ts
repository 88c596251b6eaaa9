import { parseLocalDateTime } from '../../engine/calendar/epoch.ts';
import type { ConstraintType, LinkType } from '../../engine/schedule/types.ts';
import { XerFormatError } from './errors.ts';
import { ClndrDataError, readClndrData } from './read-calendar.ts';
import { decodeXer, readXerTables, type XerRow, type XerTable, type XerTables } from './read-tables.ts';
import type {
  XerAssignment,
  XerCalendar,
  XerLink,
  XerPlan,
  XerProject,
  XerResource,
  XerStatus,
  XerTask,
  XerTaskType,
  XerWbs,
} from './types.ts';

const LINK_TYPES: Record<string, LinkType> = { PR_FS: 'FS', PR_SS: 'SS', PR_FF: 'FF', PR_SF: 'SF' };
const TASK_TYPES = new Set<XerTaskType>(['TT_Task', 'TT_Rsrc', 'TT_LOE', 'TT_Mile', 'TT_FinMile', 'TT_WBS']);
const STATUSES = new Set<XerStatus>(['TK_NotStart', 'TK_Active', 'TK_Complete']);
/** P6 primary constraints; the "mandatory" ones win over logic like MS Project's honoured constraints. */
const CONSTRAINTS: Record<string, ConstraintType> = {
  CS_ALAP: 'ALAP',
  CS_MSO: 'MSO',
  CS_MEO: 'MFO',
  CS_MSOA: 'SNET',
  CS_MSOB: 'SNLT',
  CS_MEOA: 'FNET',
  CS_MEOB: 'FNLT',
  CS_MANDSTART: 'MSO',
  CS_MANDFIN: 'MFO',
};
const LAG_CALENDARS: Record<string, XerProject['lagCalendar']> = {
  rcal_Predecessor: 'predecessor',
  rcal_Successor: 'successor',
  rcal_ProjDefault: 'project',
  rcal_24Hour: '24h',
};
const FLOAT_TYPES: Record<string, XerProject['floatType']> = {
  FT_SF: 'start',
  FT_FF: 'finish',
  FT_SmallestFloat: 'smallest',
};

/** Typed access to one row's values; every error names the table, line and field. */
class RowReader {
  constructor(
    readonly file: string,
    readonly table: XerTable,
    readonly row: XerRow,
  ) {}

  fail(field: string, detail: string): never {
    throw new XerFormatError(this.file, this.table.name, this.row.line, `${field} ${detail}`);
  }

  text(field: string): string {
    return this.row.values[field]?.trim() ?? '';
  }

  id(field: string): string {
    const v = this.text(field);
    if (!v) this.fail(field, 'is empty');
    return v;
  }

  optionalId(field: string): string | null {
    return this.text(field) || null;
  }

  number(field: string, fallback = 0): number {
    const v = this.text(field);
    if (!v) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) this.fail(field, `is not a number: ${JSON.stringify(v)}`);
    return n;
  }

  date(field: string): number | null {
    const v = this.text(field);
    if (!v) return null;
    try {
      return parseLocalDateTime(v);
    } catch {
      return this.fail(field, `is not a date (YYYY-MM-DD HH:MM): ${JSON.stringify(v)}`);
    }
  }

  flag(field: string): boolean | null {
    const v = this.text(field);
    return v === '' ? null : v === 'Y';
  }
}

function rowsOf(file: string, tables: XerTables, name: string, fields: string[], required: boolean) {
  const table = tables.tables.get(name);
  if (!table) {
    if (required) throw new XerFormatError(file, name, null, `table is missing (%T ${name})`);
    return [];
  }
  for (const f of fields) {
    if (!table.fields.includes(f))
      throw new XerFormatError(file, name, table.line + 1, `has no field ${f} on its %F line`);
  }
  return table.rows.map((row) => new RowReader(file, table, row));
}

/**
 * Reads a Primavera P6 XER file (bytes or already decoded text): projects with their schedule
 * options, calendars, WBS, activities with P6's stored dates, relationships, resources and
 * assignments. A missing table, field or unknown reference is an XerFormatError naming the
 * table and line.
 *
 * @example readXer(readFileSync('plan.xer'), 'plan.xer').tasks.length
 */
export function readXer(source: Uint8Array | string, file = 'XER'): XerPlan {
  const text = typeof source === 'string' ? source : decodeXer(source);
  const tables = readXerTables(text, file);
  const warnings: string[] = [];
  const hasTasks = tables.tables.has('TASK');

  const options = new Map(
    rowsOf(file, tables, 'SCHEDOPTIONS', ['proj_id'], false).map((r) => [r.text('proj_id'), r]),
  );
  const wbsRows = rowsOf(file, tables, 'PROJWBS', ['wbs_id', 'proj_id', 'parent_wbs_id'], hasTasks);
  const projects: XerProject[] = rowsOf(file, tables, 'PROJECT', ['proj_id'], true).map((r) => {
    const id = r.id('proj_id');
    const o = options.get(id);
    const node = wbsRows.find((w) => w.text('proj_id') === id && w.text('proj_node_flag') === 'Y');
    const lag = o?.text('sched_calendar_on_relationship_lag') ?? '';
    const floatType = o?.text('sched_float_type') ?? '';
    const dataDate = r.date('last_recalc_date');
    const plannedStart = r.date('plan_start_date');
    return {
      id,
      code: r.text('proj_short_name') || id,
      name: node?.text('wbs_name') || r.text('proj_short_name') || id,
      calendarId: r.optionalId('clndr_id'),
      dataDate: dataDate ?? plannedStart,
      plannedStart,
      mustFinishBy: r.date('plan_end_date'),
      criticalFloatHours: r.number('critical_drtn_hr_cnt'),
      lagCalendar: LAG_CALENDARS[lag] ?? 'predecessor',
      floatType: FLOAT_TYPES[floatType] ?? 'finish',
      retainedLogic: o ? o.text('sched_retained_logic') !== 'N' : true,
      line: r.row.line,
    };
  });
  const projectIds = new Set(projects.map((p) => p.id));

  const calendarRows = rowsOf(file, tables, 'CALENDAR', ['clndr_id', 'clndr_data'], hasTasks);
  const calendars: XerCalendar[] = calendarRows.map((r) => {
    let data: ReturnType<typeof readClndrData>;
    try {
      data = readClndrData(r.text('clndr_data'));
    } catch (error) {
      if (!(error instanceof ClndrDataError) && (error as Error).name !== 'DateFormatError') throw error;
      // P6 itself exported it: keep the file usable, on the default calendar's work week.
      warnings.push(
        `${file}:${r.row.line}: CALENDAR ${r.text('clndr_id')} clndr_data cannot be read (${(error as Error).message}); it takes the default calendar's working time`,
      );
      data = { week: null, exceptions: [] };
    }
    const base = r.optionalId('base_clndr_id');
    return {
      id: r.id('clndr_id'),
      name: r.text('clndr_name') || `Calendar ${r.text('clndr_id')}`,
      baseId: base,
      week: data.week ?? undefined,
      exceptions: data.exceptions,
      hoursPerDay: r.text('day_hr_cnt') ? r.number('day_hr_cnt') : null,
      type: r.text('clndr_type'),
      projectId: r.optionalId('proj_id'),
    };
  });
  const calendarIds = new Set(calendars.map((c) => c.id));
  const defaultCalendar =
    calendarRows.find((r) => r.text('default_flag') === 'Y')?.text('clndr_id') ?? calendars[0]?.id ?? null;
  // A calendar without weekdays (often a resource calendar) takes its base's, or the default's.
  const resolvedCalendars = calendars.map((c) => {
    const baseId = c.baseId && calendarIds.has(String(c.baseId)) && c.baseId !== c.id ? c.baseId : null;
    if (c.week) return { ...c, baseId };
    const inherit = baseId ?? (defaultCalendar !== c.id ? defaultCalendar : null);
    return inherit ? { ...c, baseId: inherit } : { ...c, baseId: null, week: [[], [], [], [], [], [], []] };
  });
  const calendarOf = (r: RowReader, field: string) => {
    const id = r.optionalId(field);
    if (id !== null && !calendarIds.has(id)) r.fail(field, `names unknown calendar ${id}`);
    return id;
  };

  const wbs: XerWbs[] = wbsRows.map((r) => ({
    id: r.id('wbs_id'),
    projectId: r.id('proj_id'),
    parentId: r.optionalId('parent_wbs_id'),
    code: r.text('wbs_short_name'),
    name: r.text('wbs_name'),
    sequence: r.number('seq_num'),
    projectNode: r.text('proj_node_flag') === 'Y',
    line: r.row.line,
  }));
  const wbsIds = new Set(wbs.map((w) => w.id));

  const taskFields = ['task_id', 'proj_id', 'wbs_id', 'task_type', 'status_code', 'task_name'];
  const tasks: XerTask[] = rowsOf(file, tables, 'TASK', taskFields, false).map((r) => {
    const projectId = r.id('proj_id');
    if (!projectIds.has(projectId))
      r.fail('proj_id', `names project ${projectId}, which is not in the PROJECT table`);
    const wbsId = r.optionalId('wbs_id');
    if (wbsId !== null && !wbsIds.has(wbsId)) r.fail('wbs_id', `names WBS ${wbsId}, which is not in PROJWBS`);
    const type = r.text('task_type') as XerTaskType;
    if (!TASK_TYPES.has(type)) r.fail('task_type', `is unknown: ${JSON.stringify(type)}`);
    const status = (r.text('status_code') || 'TK_NotStart') as XerStatus;
    if (!STATUSES.has(status)) r.fail('status_code', `is unknown: ${JSON.stringify(status)}`);
    const cstr = r.text('cstr_type');
    if (cstr && !(cstr in CONSTRAINTS)) r.fail('cstr_type', `is unknown: ${JSON.stringify(cstr)}`);
    const constraintType = cstr ? CONSTRAINTS[cstr] : 'ASAP';
    const constraintDate =
      constraintType === 'ASAP' || constraintType === 'ALAP' ? null : r.date('cstr_date');
    if (constraintType !== 'ASAP' && constraintType !== 'ALAP' && constraintDate === null)
      r.fail('cstr_date', `is empty but ${cstr} needs a date`);
    const targetHours = r.number('target_drtn_hr_cnt');
    const float = (field: string) => (r.text(field) === '' ? null : r.number(field));
    return {
      id: r.id('task_id'),
      projectId,
      wbsId,
      calendarId: calendarOf(r, 'clndr_id'),
      code: r.text('task_code'),
      name: r.text('task_name'),
      type,
      status,
      percentComplete: r.number('phys_complete_pct'),
      targetHours,
      remainingHours: r.text('remain_drtn_hr_cnt') === '' ? targetHours : r.number('remain_drtn_hr_cnt'),
      constraintType,
      constraintDate,
      actualStart: r.date('act_start_date'),
      actualFinish: r.date('act_end_date'),
      remainingStart: r.date('restart_date'),
      stored: {
        earlyStart: r.date('early_start_date'),
        earlyFinish: r.date('early_end_date'),
        lateStart: r.date('late_start_date'),
        lateFinish: r.date('late_end_date'),
        totalFloatHours: float('total_float_hr_cnt'),
        freeFloatHours: float('free_float_hr_cnt'),
        drivingPath: r.flag('driving_path_flag'),
      },
      line: r.row.line,
    };
  });
  const taskIds = new Set(tasks.map((t) => t.id));

  const linkFields = ['task_id', 'pred_task_id', 'pred_type'];
  const links: XerLink[] = [];
  for (const r of rowsOf(file, tables, 'TASKPRED', linkFields, false)) {
    const taskId = r.id('task_id');
    const predecessorId = r.id('pred_task_id');
    const type = LINK_TYPES[r.text('pred_type')];
    if (!type) r.fail('pred_type', `is unknown: ${JSON.stringify(r.text('pred_type'))}`);
    if (!taskIds.has(taskId) || !taskIds.has(predecessorId)) {
      const missing = taskIds.has(taskId) ? predecessorId : taskId;
      warnings.push(
        `${file}:${r.row.line}: TASKPRED link ${predecessorId} -> ${taskId} names activity ${missing}, which is not in the file (external link left out)`,
      );
      continue;
    }
    links.push({
      id: r.text('task_pred_id') || `${predecessorId}-${taskId}`,
      taskId,
      predecessorId,
      type,
      lagHours: r.number('lag_hr_cnt'),
      line: r.row.line,
    });
  }

  // P6 keeps rates with start dates in RSRCRATE; the earliest row stands for the resource.
  const rates = new Map<string, { start: string; maxUnitsPerHour: number; costPerHour: number }>();
  for (const r of rowsOf(file, tables, 'RSRCRATE', ['rsrc_rate_id', 'rsrc_id'], false)) {
    const rate = {
      start: r.text('start_date'),
      maxUnitsPerHour: r.number('max_qty_per_hr', 1),
      costPerHour: r.number('cost_per_qty'),
    };
    const known = rates.get(r.text('rsrc_id'));
    if (!known || rate.start < known.start) rates.set(r.text('rsrc_id'), rate);
  }
  const resources: XerResource[] = rowsOf(file, tables, 'RSRC', ['rsrc_id'], false).map((r) => ({
    id: r.id('rsrc_id'),
    code: r.text('rsrc_short_name') || r.text('rsrc_id'),
    name: r.text('rsrc_name') || r.text('rsrc_short_name'),
    calendarId: calendarOf(r, 'clndr_id'),
    type: r.text('rsrc_type') || 'RT_Labor',
    email: r.text('email_addr') || null,
    maxUnitsPerHour: rates.get(r.text('rsrc_id'))?.maxUnitsPerHour ?? 1,
    costPerHour: rates.get(r.text('rsrc_id'))?.costPerHour ?? 0,
    line: r.row.line,
  }));
  const resourceIds = new Set(resources.map((r) => r.id));
  const assignments: XerAssignment[] = [];
  for (const r of rowsOf(file, tables, 'TASKRSRC', ['taskrsrc_id', 'task_id'], false)) {
    const taskId = r.id('task_id');
    const resourceId = r.optionalId('rsrc_id');
    if (!taskIds.has(taskId)) r.fail('task_id', `names activity ${taskId}, which is not in the TASK table`);
    if (resourceId === null) continue; // a role-only assignment has no resource to import
    if (!resourceIds.has(resourceId)) r.fail('rsrc_id', `names resource ${resourceId}, which is not in RSRC`);
    assignments.push({
      id: r.id('taskrsrc_id'),
      taskId,
      resourceId,
      unitsPerHour: r.number('target_qty_per_hr', 1),
      plannedHours: r.number('target_qty'),
      actualHours: r.number('act_reg_qty') + r.number('act_ot_qty'),
      plannedCost: r.number('target_cost'),
      line: r.row.line,
    });
  }

  return {
    file,
    version: tables.header[0] ?? '',
    projects,
    calendars: resolvedCalendars,
    wbs,
    tasks,
    links,
    resources,
    assignments,
    warnings,
  };
}
