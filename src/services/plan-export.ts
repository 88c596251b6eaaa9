import ExcelJS from 'exceljs';
import type { Database } from '../db/connection.ts';
import {
  type ExportCalendarRow,
  type ExportLinkRow,
  type ExportTaskRow,
  findExportProject,
  findExportSettings,
  listExportCalendars,
  listExportLinks,
  listExportTasks,
} from '../db/repositories/plan-export.ts';
import {
  listPlanAssignments,
  listPlanBaselineTasks,
  listPlanResources,
} from '../db/repositories/plan-resources.ts';
import { parseLocalDateTime } from '../engine/calendar/epoch.ts';
import type { ConstraintType, LinkType } from '../engine/schedule/types.ts';
import {
  type MspdiWriteCalendar,
  MspdiWriteError,
  type MspdiWriteTask,
  writeMspdi,
} from '../interop/mspdi-write/index.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { type LoadedPlanResources, mspdiResources } from './plan-export-resources.ts';
import { toXer } from './plan-export-xer.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';

export const EXPORT_FORMATS = ['mspdi', 'csv', 'xlsx', 'xer'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportPhase = 'read' | 'write';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: Buffer | string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  mspdi: 'application/xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xer: 'application/octet-stream',
};
const EXTENSIONS: Record<ExportFormat, string> = { mspdi: 'xml', csv: 'csv', xlsx: 'xlsx', xer: 'xer' };

/** A project's plan as read for export: tasks in WBS order with their ID (row number) and outline number. */
export interface LoadedPlan extends LoadedPlanResources {
  project: { name: string; code: string };
  settings: NonNullable<Awaited<ReturnType<typeof findExportSettings>>>;
  tasks: Array<ExportTaskRow & { rowId: number; outlineNumber: string; hasChildren: boolean }>;
  links: ExportLinkRow[];
  calendars: ExportCalendarRow[];
}

async function loadPlan(db: Database, actor: Actor, projectId: string): Promise<LoadedPlan> {
  // One snapshot: a plan edited while it is read must not come out half old, half new.
  return db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'read');
    const project = await findExportProject(tx, actor.orgId, projectId);
    if (!project) throw new NotFoundError('project', projectId);
    const settings = await findExportSettings(tx, actor.orgId, projectId);
    if (!settings)
      throw new ValidationError([
        { field: 'project', message: `${project.code} has no plan yet: add a task or import a file first` },
      ]);
    const [rows, links, calendars] = [
      await listExportTasks(tx, actor.orgId, projectId),
      await listExportLinks(tx, actor.orgId, projectId),
      await listExportCalendars(tx, actor.orgId, projectId),
    ];
    const parents = new Set(rows.map((row) => row.parentId));
    const counters = new Map<string | null, number>();
    const numbers = new Map<string, string>();
    const tasks = rows.map((row, k) => {
      const n = (counters.get(row.parentId) ?? 0) + 1;
      counters.set(row.parentId, n);
      const outlineNumber = row.parentId === null ? String(n) : `${numbers.get(row.parentId)}.${n}`;
      numbers.set(row.id, outlineNumber);
      return { ...row, rowId: k + 1, outlineNumber, hasChildren: parents.has(row.id) };
    });
    const resources = {
      resources: await listPlanResources(tx, actor.orgId, projectId, settings.startDate.slice(0, 10)),
      assignments: await listPlanAssignments(tx, actor.orgId, projectId),
      baselineTasks: await listPlanBaselineTasks(tx, actor.orgId, projectId),
    };
    return { project, settings, tasks, links, calendars, ...resources };
  });
}

function toMspdi(plan: LoadedPlan): string {
  const calendarUids = new Map(plan.calendars.map((c, k) => [c.id, k + 1]));
  const calendars: MspdiWriteCalendar[] = plan.calendars.map((c) => ({
    ...(c.definition as Omit<MspdiWriteCalendar, 'id'>),
    id: calendarUids.get(c.id)!,
    name: c.name,
    baseId: c.baseCalendarId === null ? null : (calendarUids.get(c.baseCalendarId) ?? null),
  }));
  const uids = new Map(plan.tasks.map((t) => [t.id, t.rowId]));
  const pool = mspdiResources(plan, uids);
  const predecessors = new Map<string, ExportLinkRow[]>();
  for (const link of plan.links)
    predecessors.set(link.successorId, [...(predecessors.get(link.successorId) ?? []), link]);
  const tasks: MspdiWriteTask[] = plan.tasks.map((t) => ({
    uid: t.rowId,
    name: t.name,
    outlineLevel: t.depth + 1,
    // The importer keeps OutlineNumber as the WBS code; MS Project renumbers the outline on open.
    outlineNumber: t.wbsCode || t.outlineNumber,
    wbs: t.wbsCode || t.outlineNumber,
    durationMinutes: t.durationMinutes,
    durationElapsed: t.durationElapsed,
    milestone: t.milestone,
    summary: t.isSummary || t.hasChildren,
    constraintType: t.constraintType as ConstraintType,
    constraintDate: t.constraintDate,
    deadline: t.deadline,
    actualStart: t.actualStart,
    actualFinish: t.actualFinish,
    percentComplete: t.percentComplete,
    calendarUid: t.calendarId === null ? null : (calendarUids.get(t.calendarId) ?? null),
    start: t.earlyStart,
    finish: t.earlyFinish,
    earlyStart: t.earlyStart,
    earlyFinish: t.earlyFinish,
    lateStart: t.lateStart,
    lateFinish: t.lateFinish,
    totalSlack: t.totalSlackMinutes,
    freeSlack: t.freeSlackMinutes,
    critical: t.critical,
    predecessors: (predecessors.get(t.id) ?? []).map((l) => ({
      predecessorUid: uids.get(l.predecessorId)!,
      type: l.type as LinkType,
      lagMinutes: l.lagMinutes,
      lagPercent: l.lagPercent,
      lagElapsed: l.lagElapsed,
    })),
    baselines: pool.baselinesOf(t.id),
  }));
  const s = plan.settings;
  try {
    return writeMspdi({
      properties: {
        name: plan.project.name,
        startDate: s.startDate,
        finishDate: s.scheduleFromFinish ? s.finishDate : s.computedFinish,
        scheduleFromStart: !s.scheduleFromFinish,
        statusDate: s.statusDate,
        minutesPerDay: s.minutesPerDay,
        criticalSlackLimit: s.criticalSlackMinutes,
        calendarUid: calendarUids.get(s.calendarId) ?? 1,
      },
      calendars,
      tasks,
      resources: pool.resources,
      assignments: pool.assignments,
    });
  } catch (error) {
    if (error instanceof MspdiWriteError)
      throw new ValidationError([{ field: error.where, message: `${error.field} ${error.problem}` }]);
    throw error;
  }
}

const days = (minutes: number | null, perDay: number) =>
  minutes === null ? null : Math.round((minutes / perDay) * 100) / 100;

/** A link as MS Project writes it in the Predecessors column: `3`, `3SS`, `3FS+2d`, `4FF-1ed`, `5SS+25%`. */
export function predecessorText(rowId: number, link: ExportLinkRow, minutesPerDay: number): string {
  let lag = '';
  if (link.lagPercent !== null && link.lagPercent !== 0)
    lag = `${link.lagPercent > 0 ? '+' : ''}${link.lagPercent}%`;
  else if (link.lagPercent === null && link.lagMinutes !== 0) {
    const d = days(link.lagMinutes, link.lagElapsed ? 1440 : minutesPerDay)!;
    lag = `${d > 0 ? '+' : ''}${d}${link.lagElapsed ? 'ed' : 'd'}`;
  }
  return lag === '' && link.type === 'FS' ? String(rowId) : `${rowId}${link.type}${lag}`;
}

const COLUMNS = [
  'ID',
  'WBS',
  'Name',
  'Duration (days)',
  'Start',
  'Finish',
  'Early Start',
  'Early Finish',
  'Late Start',
  'Late Finish',
  'Total Slack (days)',
  '% Complete',
  'Predecessors',
] as const;
const DATE_COLUMNS = new Set([4, 5, 6, 7, 8, 9]);

type Cell = string | number | null;

function tableRows(plan: LoadedPlan): Cell[][] {
  const perDay = plan.settings.minutesPerDay;
  const rowIds = new Map(plan.tasks.map((t) => [t.id, t.rowId]));
  const predecessors = new Map<string, string[]>();
  for (const link of plan.links) {
    const text = predecessorText(rowIds.get(link.predecessorId)!, link, perDay);
    predecessors.set(link.successorId, [...(predecessors.get(link.successorId) ?? []), text]);
  }
  return plan.tasks.map((t) => [
    t.rowId,
    t.wbsCode || t.outlineNumber,
    t.name,
    days(t.durationMinutes, t.durationElapsed ? 1440 : perDay),
    t.earlyStart,
    t.earlyFinish,
    t.earlyStart,
    t.earlyFinish,
    t.lateStart,
    t.lateFinish,
    days(t.totalSlackMinutes, perDay),
    t.percentComplete,
    (predecessors.get(t.id) ?? []).join(','),
  ]);
}

/** One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvDate = (value: string) => value.slice(0, 16).replace('T', ' ');

function toCsv(plan: LoadedPlan): string {
  const lines = [COLUMNS.map(csvField).join(',')];
  for (const row of tableRows(plan))
    lines.push(
      row
        .map((cell, k) => csvField(DATE_COLUMNS.has(k) && typeof cell === 'string' ? csvDate(cell) : cell))
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

async function toXlsx(plan: LoadedPlan): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(plan.project.code.slice(0, 31) || 'Plan', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((header, k) => ({
    header,
    width: k === 2 ? 40 : DATE_COLUMNS.has(k) ? 17 : 12,
    style: DATE_COLUMNS.has(k) ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of tableRows(plan))
    sheet.addRow(
      // Excel dates have no zone: a wall-clock time written as that UTC moment shows as itself.
      row.map((cell, k) =>
        DATE_COLUMNS.has(k) && typeof cell === 'string' ? new Date(parseLocalDateTime(cell) * 60000) : cell,
      ),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A project's plan as a file: MS Project XML (`mspdi`), or its task table as CSV or XLSX (one row
 * per task in WBS order). Needs read access to the project.
 */
export async function exportProjectPlan(
  db: Database,
  actor: Actor,
  projectId: string,
  format: ExportFormat,
  onPhase: (phase: ExportPhase) => void = () => undefined,
): Promise<ExportedFile> {
  if (!EXPORT_FORMATS.includes(format))
    throw new ValidationError([{ field: 'format', message: `must be one of ${EXPORT_FORMATS.join(', ')}` }]);
  onPhase('read');
  const plan = await loadPlan(db, actor, projectId);
  onPhase('write');
  const body =
    format === 'mspdi'
      ? toMspdi(plan)
      : format === 'csv'
        ? toCsv(plan)
        : format === 'xer'
          ? toXer(plan)
          : await toXlsx(plan);
  const safeCode = plan.project.code.replace(/[^A-Za-z0-9._-]+/g, '_') || 'plan';
  return { fileName: `${safeCode}.${EXTENSIONS[format]}`, contentType: CONTENT_TYPES[format], body };
}
