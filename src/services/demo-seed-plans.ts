import type { Database } from '../db/connection.ts';
import { saveProjectBaseline } from './baselines.ts';
import {
  createLink,
  createTask,
  getProjectSchedule,
  getTask,
  updateProjectSchedule,
  updateTask,
} from './planning.ts';
import type { Actor } from './policy.ts';
import { listProjects } from './projects.ts';

const DAY = 480;

/** A WBS line: `[wbs, name, days, percent, predecessors]`; days null makes a summary, 0 a milestone. */
type Line = [string, string, number | null, number, string[]?];

// Predecessors are WBS codes, optionally `SS+5` style (type and lag in days) after a colon.
const PLANS: Record<string, Line[]> = {
  'CP-101': [
    ['1', 'Discovery', null, 100],
    ['1.1', 'Stakeholder interviews', 12, 100],
    ['1.2', 'Requirements baseline', 10, 100, ['1.1']],
    ['1.3', 'Requirements signed off', 0, 100, ['1.2']],
    ['2', 'Design', null, 100],
    ['2.1', 'UX research and wireframes', 25, 100, ['1.3']],
    ['2.2', 'Visual design system', 30, 100, ['2.1:SS+10']],
    ['2.3', 'Architecture and API contracts', 20, 100, ['1.3']],
    ['3', 'Build', null, 60],
    ['3.1', 'Account and profile pages', 55, 100, ['2.1']],
    ['3.2', 'Billing and invoices', 65, 100, ['2.3']],
    ['3.3', 'Service requests and tracking', 80, 70, ['3.1']],
    ['3.4', 'Single sign-on integration', 20, 30, ['3.2']],
    ['4', 'Test and launch', null, 0],
    ['4.1', 'System and integration testing', 30, 0, ['3.3', '3.4']],
    ['4.2', 'Accessibility audit', 12, 0, ['4.1:SS+10']],
    ['4.3', 'User acceptance testing', 20, 0, ['4.1']],
    ['4.4', 'Portal go-live', 0, 0, ['4.3', '4.2:FF']],
  ],
  'CP-102': [
    ['1', 'Identity provider selection', 15, 100],
    ['2', 'Directory integration', 30, 100, ['1']],
    ['3', 'OIDC and SAML federation', 40, 100, ['2']],
    ['4', 'Multi-factor rollout', 30, 100, ['2']],
    ['5', 'SSO go-live', 0, 100, ['3', '4']],
    ['6', 'Legacy login retirement', 25, 40, ['5']],
  ],
  'CP-103': [
    ['1', 'Mobile discovery', 15, 100],
    ['2', 'API client layer', 25, 60, ['1']],
    ['3', 'Offline sync', 35, 0, ['2']],
    ['4', 'Push notifications', 20, 0, ['2']],
    ['5', 'Store submission', 0, 0, ['3', '4']],
  ],
};

// Links across projects: the program view draws them.
const CROSS_LINKS: [string, string, string, string][] = [
  ['CP-102', '5', 'CP-101', '3.4'],
  ['CP-101', '2.3', 'CP-103', '2'],
];

/**
 * Plans (WBS, links, progress, a baseline, a status date) for the Digital Platform program's
 * first three projects, so the Gantt and the program timeline have something real to show.
 */
export async function seedDemoPlans(db: Database, system: Actor): Promise<void> {
  const taskIds = new Map<string, string>();
  const projectIds = new Map<string, string>();
  for (const [code, lines] of Object.entries(PLANS)) {
    const page = await listProjects(db, system, { q: code, page: 1, pageSize: 1, order: 'asc' });
    const project = page.items[0];
    if (!project) continue;
    projectIds.set(code, project.id);
    for (const [wbs, name, days, percent, predecessors = []] of lines) {
      const parentWbs = wbs.includes('.') ? wbs.slice(0, wbs.lastIndexOf('.')) : null;
      const task = await createTask(db, system, project.id, {
        name,
        wbsCode: wbs,
        parentId: parentWbs ? (taskIds.get(`${code}/${parentWbs}`) ?? null) : null,
        durationMinutes: (days ?? 0) * DAY,
        milestone: days === 0,
        percentComplete: days === null ? 0 : percent,
      });
      taskIds.set(`${code}/${wbs}`, task.id);
      for (const predecessor of predecessors) {
        const [from, how = 'FS'] = predecessor.split(':');
        const [type, lag = '0'] = how.split('+');
        await createLink(db, system, {
          predecessorId: taskIds.get(`${code}/${from}`),
          successorId: task.id,
          type,
          lagMinutes: Number(lag) * DAY,
        });
      }
    }
  }
  for (const [fromProject, fromWbs, toProject, toWbs] of CROSS_LINKS) {
    const predecessorId = taskIds.get(`${fromProject}/${fromWbs}`);
    const successorId = taskIds.get(`${toProject}/${toWbs}`);
    if (predecessorId && successorId) await createLink(db, system, { predecessorId, successorId });
  }
  const portal = projectIds.get('CP-101');
  if (!portal) return;
  // The approved plan, then a slip in the build, so baseline bars show a variance.
  await saveProjectBaseline(db, system, portal, 0, { name: 'Approved plan' });
  const slipping = taskIds.get('CP-101/3.3');
  if (slipping) {
    const task = await getTask(db, system, slipping);
    await updateTask(db, system, slipping, task.version, { durationMinutes: 95 * DAY });
  }
  const schedule = await getProjectSchedule(db, system, portal);
  await updateProjectSchedule(db, system, portal, schedule.version, { statusDate: '2026-11-13T17:00:00' });
}
