import type { Database } from '../db/connection.ts';
import { findBaseline } from '../db/repositories/baselines.ts';
import {
  type GanttTaskRow,
  listGanttLinks,
  listGanttSchedules,
  listGanttTasks,
} from '../db/repositories/gantt.ts';
import { projects as projectTable } from '../db/repositories/tables.ts';
import { findRow } from '../db/sql.ts';
import { GANTT_CRITICAL, GANTT_MILESTONE, GANTT_SUMMARY, type GanttColumns } from '../model/gantt.ts';
import type { Project } from '../model/organization.ts';
import { NotFoundError } from './errors.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { listProjects } from './projects.ts';
import { getProgram } from './structure.ts';

interface ProjectHead {
  id: string;
  code: string;
  name: string;
}

/** Depth-first through each project's WBS, siblings by position: the row order of the chart. */
export function wbsOrder(projects: readonly ProjectHead[], rows: readonly GanttTaskRow[]): GanttTaskRow[] {
  const children = new Map<string, GanttTaskRow[]>();
  for (const row of rows) {
    const key = row.parentId ?? `project:${row.projectId}`;
    let list = children.get(key);
    if (!list) {
      list = [];
      children.set(key, list);
    }
    list.push(row);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  const ordered: GanttTaskRow[] = [];
  const stack: GanttTaskRow[] = [];
  for (const project of projects) {
    const roots = children.get(`project:${project.id}`) ?? [];
    for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]);
    while (stack.length > 0) {
      const row = stack.pop() as GanttTaskRow;
      ordered.push(row);
      const kids = children.get(row.id);
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return ordered;
}

async function columnsOf(
  db: Database,
  actor: Actor,
  projects: readonly ProjectHead[],
  baselineIds: readonly string[],
  baseline: number | null,
): Promise<GanttColumns> {
  const projectIds = projects.map((p) => p.id);
  const [rows, links, schedules] = await Promise.all([
    listGanttTasks(db, actor.orgId, projectIds, baselineIds),
    listGanttLinks(db, actor.orgId, projectIds),
    listGanttSchedules(db, actor.orgId, projectIds),
  ]);
  const ordered = wbsOrder(projects, rows);
  const projectIndex = new Map(projects.map((p, i) => [p.id, i]));
  const taskIndex = new Map<string, number>();
  for (let i = 0; i < ordered.length; i++) taskIndex.set(ordered[i].id, i);
  const n = ordered.length;
  const tasks: GanttColumns['tasks'] = {
    id: new Array(n),
    project: new Array(n),
    parent: new Array(n),
    depth: new Array(n),
    wbs: new Array(n),
    name: new Array(n),
    durationMinutes: new Array(n),
    percentComplete: new Array(n),
    start: new Array(n),
    finish: new Array(n),
    baselineStart: new Array(n),
    baselineFinish: new Array(n),
    flags: new Array(n),
    version: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const row = ordered[i];
    const parent = row.parentId === null ? -1 : (taskIndex.get(row.parentId) ?? -1);
    tasks.id[i] = row.id;
    tasks.project[i] = projectIndex.get(row.projectId) ?? 0;
    tasks.parent[i] = parent;
    tasks.depth[i] = parent < 0 ? 0 : tasks.depth[parent] + 1;
    tasks.wbs[i] = row.wbsCode;
    tasks.name[i] = row.name;
    tasks.durationMinutes[i] = row.durationMinutes;
    tasks.percentComplete[i] = row.percentComplete;
    tasks.start[i] = row.start;
    tasks.finish[i] = row.finish;
    tasks.baselineStart[i] = row.baselineStart;
    tasks.baselineFinish[i] = row.baselineFinish;
    tasks.flags[i] =
      (row.isSummary ? GANTT_SUMMARY : 0) |
      (row.milestone ? GANTT_MILESTONE : 0) |
      (row.critical ? GANTT_CRITICAL : 0);
    tasks.version[i] = row.version;
  }
  const linkColumns: GanttColumns['links'] = {
    id: [],
    from: [],
    to: [],
    type: [],
    lagMinutes: [],
    version: [],
  };
  for (const link of links) {
    const from = taskIndex.get(link.predecessorId);
    const to = taskIndex.get(link.successorId);
    if (from === undefined || to === undefined) continue;
    linkColumns.id.push(link.id);
    linkColumns.from.push(from);
    linkColumns.to.push(to);
    linkColumns.type.push(link.type);
    linkColumns.lagMinutes.push(link.lagMinutes);
    linkColumns.version.push(link.version);
  }
  const scheduleOf = new Map(schedules.map((s) => [s.projectId, s]));
  return {
    projects: projects.map((p) => {
      const s = scheduleOf.get(p.id);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        start: s?.start ?? null,
        finish: s?.finish ?? null,
        statusDate: s?.statusDate ?? null,
      };
    }),
    baseline,
    tasks,
    links: linkColumns,
  };
}

/** A project's whole Gantt in columns, with the dates of baseline `baseline` when one is asked for. */
export async function getProjectGanttColumns(
  db: Database,
  actor: Actor,
  projectId: string,
  baseline: number | undefined,
): Promise<GanttColumns> {
  await authorizeProject(db, actor, projectId, 'read');
  const project = await findRow<Project>(db, projectTable, actor.orgId, projectId);
  if (!project) throw new NotFoundError('project', projectId);
  let baselineIds: string[] = [];
  if (baseline !== undefined) {
    const found = await findBaseline(db, actor.orgId, projectId, baseline);
    if (!found) throw new NotFoundError('baseline', String(baseline));
    baselineIds = [found.id];
  }
  return columnsOf(db, actor, [project], baselineIds, baseline ?? null);
}

/** Every visible project of a program on one timeline, with the links among them. */
export async function getProgramGanttColumns(
  db: Database,
  actor: Actor,
  programId: string,
): Promise<GanttColumns> {
  await getProgram(db, actor, programId);
  const page = await listProjects(db, actor, {
    programId,
    page: 1,
    pageSize: 500,
    order: 'asc',
    sort: 'code',
  });
  return columnsOf(db, actor, page.items, [], null);
}
