import type { Database } from '../db/connection.ts';
import { findExportProject } from '../db/repositories/plan-export.ts';
import {
  deletePlan,
  findScheduleSettings,
  insertCalendar,
  insertLinks,
  insertScheduleSettingsFull,
  insertTasks,
  type NewTaskRow,
  setCalendarBase,
} from '../db/repositories/plans.ts';
import { uuidv7 } from '../db/uuid.ts';
import { CalendarRegistry } from '../engine/calendar/compile.ts';
import { formatLocalDateTime } from '../engine/calendar/index.ts';
import {
  readXer,
  XerFormatError,
  type XerPlan,
  type XerProject,
  type XerTask,
} from '../interop/xer/index.ts';
import { ValidationError } from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { releasePlanCalendars } from './plan-calendar-release.ts';
import type { ImportPhase, ImportSummary } from './plan-import.ts';
import { importPlanResources } from './plan-import-resources.ts';
import { xerPlanResources } from './plan-import-xer-resources.ts';
import { recomputeSchedule, standardCalendarDefinition } from './plan-schedule.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';

const local = (minutes: number | null) => (minutes === null ? null : formatLocalDateTime(minutes));

/** The one P6 project of the file to import: the only one, or the one whose code is `code`. */
export function pickXerProject(plan: XerPlan, code: string | null): XerProject {
  if (plan.projects.length === 1) return plan.projects[0];
  const match = code === null ? undefined : plan.projects.find((p) => p.code === code);
  if (match) return match;
  throw new XerFormatError(
    plan.file,
    'PROJECT',
    null,
    `holds ${plan.projects.length} projects (${plan.projects.map((p) => p.code).join(', ')}); ${
      code === null ? 'name the one to import' : `none has the code ${code}`
    }`,
  );
}

/**
 * Replaces a project's plan with one project of a Primavera P6 XER file, in one transaction: WBS
 * elements become summary tasks (their short name as WBS code), activities keep their activity ID
 * as WBS code, with durations, constraints, actual dates, percent complete and calendars; links
 * keep type and lag. The data date becomes the plan's start and status date. What Orrery's
 * plan has no place for (resources, assignments, level-of-effort spans, links to other projects)
 * is left out with a warning. A bad file is a ValidationError naming table and line; nothing is
 * written.
 */
export async function importXerPlan(
  db: Database,
  actor: Actor,
  projectId: string,
  bytes: Uint8Array | string,
  file: string,
  options: { xerProject?: string | null; onPhase?: (phase: ImportPhase) => void } = {},
): Promise<ImportSummary> {
  const onPhase = options.onPhase ?? (() => undefined);
  onPhase('read');
  // A file with several projects: by default the one with this project's code, which only
  // someone allowed to replace the plan may learn.
  const ownCode = async (plan: XerPlan) => {
    if (plan.projects.length < 2) return null;
    await authorizeProject(db, actor, projectId, 'update_project');
    return (await findExportProject(db, actor.orgId, projectId))?.code ?? null;
  };
  let plan: XerPlan;
  let project: XerProject;
  try {
    plan = readXer(bytes, file);
    project = pickXerProject(plan, options.xerProject ?? (await ownCode(plan)));
  } catch (error) {
    if (error instanceof XerFormatError)
      throw new ValidationError([{ field: 'file', message: error.message }]);
    throw error;
  }
  const warnings = [...plan.warnings];
  const tasks = plan.tasks.filter((t) => t.projectId === project.id);
  const taskIds = new Map(tasks.map((t) => [t.id, uuidv7()]));
  const wbs = plan.wbs.filter((w) => w.projectId === project.id && !w.projectNode);
  const wbsIds = new Map(wbs.map((w) => [w.id, uuidv7()]));
  const calendarIds = new Map(plan.calendars.map((c) => [c.id, uuidv7()]));
  const calendarOf = (id: string | null) => (id === null ? null : (calendarIds.get(id) ?? null));
  const loe = tasks.filter((t) => t.type === 'TT_LOE' || t.type === 'TT_WBS').length;
  if (loe)
    warnings.push(
      `${loe} level-of-effort or WBS-summary activit${loe === 1 ? 'y' : 'ies'} imported as ordinary tasks`,
    );
  const taskResources = new Set(tasks.map((t) => t.id));
  const assignments = plan.assignments.filter((a) => taskResources.has(a.taskId)).length;
  if (assignments)
    warnings.push(
      `${assignments} resource assignment${assignments === 1 ? '' : 's'} not imported (Orrery plans have no resources yet)`,
    );
  const pairs = new Set<string>();
  const links = plan.links.filter((l) => {
    const inside = taskIds.has(l.taskId) && taskIds.has(l.predecessorId);
    if (!inside && (taskIds.has(l.taskId) || taskIds.has(l.predecessorId)))
      warnings.push(`${file}:${l.line}: link ${l.predecessorId} -> ${l.taskId} to another project left out`);
    if (!inside) return false;
    // Orrery keeps one link per pair of tasks; P6 files can hold, say, an SS and an FF between two.
    const pair = `${l.predecessorId} ${l.taskId}`;
    if (pairs.has(pair)) {
      warnings.push(
        `${file}:${l.line}: a second link ${l.predecessorId} -> ${l.taskId} (${l.type}) left out`,
      );
      return false;
    }
    pairs.add(pair);
    return true;
  });

  const positions = new Map<string | null, number>();
  const nextPosition = (parent: string | null) => {
    const n = (positions.get(parent) ?? 0) + 1;
    positions.set(parent, n);
    return n;
  };
  const parentOf = (wbsId: string | null) => (wbsId === null ? null : (wbsIds.get(wbsId) ?? null));
  const depth = (id: string) => {
    let d = 0;
    for (let w = wbs.find((x) => x.id === id); w?.parentId && wbsIds.has(w.parentId); d++)
      w = wbs.find((x) => x.id === w!.parentId);
    return d;
  };
  const summaryRows: NewTaskRow[] = [...wbs]
    .sort((a, b) => depth(a.id) - depth(b.id) || a.sequence - b.sequence)
    .map((w) => {
      const parentId = parentOf(w.parentId);
      return {
        id: wbsIds.get(w.id)!,
        parentId,
        position: nextPosition(parentId),
        wbsCode: w.code,
        name: w.name || w.code || `WBS ${w.id}`,
        durationMinutes: 0,
        durationElapsed: false,
        milestone: false,
        constraintType: 'ASAP',
        constraintDate: null,
        deadline: null,
        actualStart: null,
        actualFinish: null,
        percentComplete: 0,
        calendarId: null,
      };
    });
  // A started activity's duration is the work done up to the data date plus what remains, so
  // that from its actual start it finishes where P6 put it (the plan has no remaining duration).
  const calendars = new CalendarRegistry(plan.calendars);
  const durationOf = (t: XerTask) => {
    let minutes = t.targetHours * 60;
    if (
      t.status === 'TK_Active' &&
      t.actualStart !== null &&
      project.dataDate !== null &&
      plan.calendars.length
    ) {
      const cal = calendars.get(t.calendarId ?? project.calendarId ?? plan.calendars[0].id);
      minutes = Math.max(0, cal.workingBetween(t.actualStart, project.dataDate)) + t.remainingHours * 60;
    }
    return Math.max(0, Math.round(minutes));
  };
  const activityRows: NewTaskRow[] = tasks.map((t) => {
    const parentId = parentOf(t.wbsId);
    const milestone = t.type === 'TT_Mile' || t.type === 'TT_FinMile';
    const complete = t.status === 'TK_Complete';
    return {
      id: taskIds.get(t.id)!,
      parentId,
      position: nextPosition(parentId),
      wbsCode: t.code,
      name: t.name || t.code || `Activity ${t.id}`,
      durationMinutes: milestone ? 0 : durationOf(t),
      durationElapsed: false,
      milestone,
      constraintType: t.constraintType,
      constraintDate: local(t.constraintDate),
      deadline: null,
      actualStart: t.status === 'TK_NotStart' ? null : local(t.actualStart),
      actualFinish: complete && t.actualStart !== null ? local(t.actualFinish) : null,
      percentComplete: Math.min(100, Math.max(0, complete ? 100 : t.percentComplete)),
      calendarId: calendarOf(t.calendarId),
    };
  });
  // Summaries with no activity below them stay: they are part of the WBS the file describes.
  const rows = [...summaryRows, ...activityRows];
  const projectCalendar = plan.calendars.find((c) => c.id === project.calendarId);

  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeProject(tx, actor, projectId, 'update_project');
      onPhase('write');
      const movedToDefaultCalendar = await releasePlanCalendars(tx, actor, projectId);
      await deletePlan(tx, actor.orgId, projectId);
      for (const c of plan.calendars) {
        await insertCalendar(tx, {
          orgId: actor.orgId,
          id: calendarIds.get(c.id)!,
          projectId,
          name: c.name,
          definition: { week: c.week, exceptions: c.exceptions ?? [] },
        });
      }
      for (const c of plan.calendars) {
        const base = c.baseId === null || c.baseId === undefined ? null : calendarOf(String(c.baseId));
        if (base) await setCalendarBase(tx, actor.orgId, calendarIds.get(c.id)!, base);
      }
      let calendarId = calendarOf(project.calendarId) ?? calendarIds.values().next().value ?? null;
      if (!calendarId) {
        calendarId = uuidv7();
        await insertCalendar(tx, {
          orgId: actor.orgId,
          id: calendarId,
          projectId,
          name: 'Standard',
          definition: standardCalendarDefinition(),
        });
      }
      const start = project.dataDate ?? project.plannedStart;
      await insertScheduleSettingsFull(tx, {
        orgId: actor.orgId,
        projectId,
        calendarId,
        startDate: local(start) ?? `${new Date().toISOString().slice(0, 10)}T08:00:00`,
        scheduleFromFinish: false,
        finishDate: null,
        statusDate: local(project.dataDate),
        criticalSlackMinutes: Math.round(project.criticalFloatHours * 60),
        minutesPerDay: Math.round((projectCalendar?.hoursPerDay ?? 8) * 60),
      });
      await insertTasks(tx, actor.orgId, projectId, rows);
      const linkRows = links.map((l) => ({
        id: uuidv7(),
        predecessorId: taskIds.get(l.predecessorId)!,
        successorId: taskIds.get(l.taskId)!,
        type: l.type,
        lagMinutes: Math.round(l.lagHours * 60),
        lagPercent: null,
        lagElapsed: project.lagCalendar === '24h',
      }));
      await insertLinks(tx, actor.orgId, linkRows);
      onPhase('schedule');
      await recomputeSchedule(tx, actor.orgId, projectId);
      const [settings] = await findScheduleSettings(tx, actor.orgId, [projectId]);
      const resources = await importPlanResources(
        tx,
        actor,
        projectId,
        settings.startDate,
        xerPlanResources(plan, taskIds),
      );
      const summary: ImportSummary = {
        projectId,
        file,
        tasks: rows.length,
        links: linkRows.length,
        calendars: plan.calendars.length,
        warnings,
        computedFinish: settings?.computedFinish ?? null,
        movedToDefaultCalendar,
        ...resources,
      };
      await audit(tx, actor, 'project_schedule', projectId, 'update', null, { imported: summary });
      return summary;
    }),
  );
}
