import ExcelJS from 'exceljs';
import type { Database } from '../db/connection.ts';
import {
  deletePlan,
  findScheduleSettings,
  insertCalendar,
  insertLinks,
  insertScheduleSettingsFull,
  insertTasks,
  type NewTaskRow,
} from '../db/repositories/plans.ts';
import { uuidv7 } from '../db/uuid.ts';
import { formatLocalDateTime } from '../engine/calendar/index.ts';
import { readTaskSheet, type SheetCell, type SheetTask, TaskSheetError } from '../interop/task-sheet.ts';
import { ValidationError } from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { releasePlanCalendars } from './plan-calendar-release.ts';
import type { ImportPhase, ImportSummary } from './plan-import.ts';
import { recomputeSchedule, standardCalendarDefinition } from './plan-schedule.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';

/** A cell's value as the task sheet reader takes it: formulas give their result, rich text its text. */
function plainValue(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value as SheetCell;
  if ('result' in value) return plainValue(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return String(value.text);
  return null;
}

/** The first worksheet of an .xlsx file as rows of plain values. */
export async function readWorkbookRows(
  bytes: Buffer,
  file: string,
): Promise<{ sheet: string; rows: SheetCell[][] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ValidationError([
      { field: 'file', message: `${file} is not an Excel .xlsx file: ${(error as Error).message}` },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ValidationError([{ field: 'file', message: `${file} has no worksheet` }]);
  const rows: SheetCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: SheetCell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(plainValue(row.getCell(c).value));
    rows[number - 1] = values;
  });
  for (let k = 0; k < rows.length; k++) rows[k] ??= [];
  return { sheet: sheet.name, rows };
}

const local = (m: number | null) => (m === null ? null : formatLocalDateTime(m));

/**
 * Replaces a project's plan with a task sheet (see `readTaskSheet` for the columns), in one
 * transaction on a standard calendar: the earliest Start is the plan's start, and a task with a
 * later Start and no predecessors keeps it as a start-no-earlier-than constraint. A bad cell is a
 * ValidationError naming the row and column; nothing is written.
 */
export async function importXlsxPlan(
  db: Database,
  actor: Actor,
  projectId: string,
  bytes: Buffer,
  file: string,
  onPhase: (phase: ImportPhase) => void = () => undefined,
): Promise<ImportSummary> {
  onPhase('read');
  const { sheet, rows } = await readWorkbookRows(bytes, file);
  let tasks: SheetTask[];
  try {
    tasks = readTaskSheet(sheet, rows);
  } catch (error) {
    if (error instanceof TaskSheetError)
      throw new ValidationError([{ field: 'file', message: `${file}: ${error.message}` }]);
    throw error;
  }
  const ids = new Map(tasks.map((t) => [t.rowId, uuidv7()]));
  const starts = tasks.map((t) => t.start).filter((s): s is number => s !== null);
  const projectStart = starts.length ? Math.min(...starts) : null;
  const positions = new Map<number | null, number>();
  const taskRows: NewTaskRow[] = tasks.map((t) => {
    const position = (positions.get(t.parentRowId) ?? 0) + 1;
    positions.set(t.parentRowId, position);
    const pinned =
      t.start !== null && projectStart !== null && t.start > projectStart && t.predecessors.length === 0;
    return {
      id: ids.get(t.rowId)!,
      parentId: t.parentRowId === null ? null : ids.get(t.parentRowId)!,
      position,
      wbsCode: t.wbs,
      name: t.name,
      durationMinutes: t.durationMinutes,
      durationElapsed: false,
      milestone: t.milestone,
      constraintType: pinned ? 'SNET' : 'ASAP',
      constraintDate: pinned ? local(t.start) : null,
      deadline: null,
      actualStart: null,
      actualFinish: null,
      percentComplete: t.percentComplete,
      calendarId: null,
    };
  });
  const links = tasks.flatMap((t) =>
    t.predecessors.map((p) => ({
      id: uuidv7(),
      predecessorId: ids.get(p.rowId)!,
      successorId: ids.get(t.rowId)!,
      type: p.type,
      lagMinutes: p.lagMinutes,
      lagPercent: p.lagPercent,
      lagElapsed: p.lagElapsed,
    })),
  );
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeProject(tx, actor, projectId, 'update_project');
      onPhase('write');
      const movedToDefaultCalendar = await releasePlanCalendars(tx, actor, projectId);
      await deletePlan(tx, actor.orgId, projectId);
      const calendarId = uuidv7();
      await insertCalendar(tx, {
        orgId: actor.orgId,
        id: calendarId,
        projectId,
        name: 'Standard',
        definition: standardCalendarDefinition(),
      });
      await insertScheduleSettingsFull(tx, {
        orgId: actor.orgId,
        projectId,
        calendarId,
        startDate: local(projectStart) ?? `${new Date().toISOString().slice(0, 10)}T08:00:00`,
        scheduleFromFinish: false,
        finishDate: null,
        statusDate: null,
        criticalSlackMinutes: 0,
        minutesPerDay: 480,
      });
      await insertTasks(tx, actor.orgId, projectId, taskRows);
      await insertLinks(tx, actor.orgId, links);
      onPhase('schedule');
      await recomputeSchedule(tx, actor.orgId, projectId);
      const summary: ImportSummary = {
        projectId,
        file,
        tasks: taskRows.length,
        links: links.length,
        calendars: 1,
        warnings: [],
        computedFinish: (await findScheduleSettings(tx, actor.orgId, [projectId]))[0]?.computedFinish ?? null,
        movedToDefaultCalendar,
      };
      await audit(tx, actor, 'project_schedule', projectId, 'update', null, { imported: summary });
      return summary;
    }),
  );
}
