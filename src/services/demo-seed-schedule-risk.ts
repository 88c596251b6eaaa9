import type { Database } from '../db/connection.ts';
import { createLink, createTask } from './planning.ts';
import type { Actor } from './policy.ts';
import { setProjectEstimates, simulateProgram, simulateProject } from './schedule-risk.ts';

const DAY = 480;

/** A small plan per demo project: [name, days, optimistic, pessimistic, predecessors by index]. */
const PLANS: Record<string, [string, number, number, number, number[]][]> = {
  'GM-301': [
    ['Discovery and UX research', 15, 12, 22, []],
    ['Design system', 20, 16, 30, [0]],
    ['Account pages', 25, 20, 45, [1]],
    ['Checkout and payments', 30, 24, 55, [1]],
    ['Content migration', 20, 15, 35, [0]],
    ['Performance and accessibility', 10, 8, 18, [2, 3]],
    ['User acceptance testing', 15, 10, 25, [4, 5]],
    ['Go-live', 0, 0, 0, [6]],
  ],
  'GM-302': [
    ['Identity provider selection', 10, 8, 15, []],
    ['Directory integration', 20, 15, 40, [0]],
    ['Single sign-on for the portal', 15, 12, 30, [1]],
    ['Multi-factor rollout', 15, 10, 20, [1]],
    ['Security review', 10, 8, 20, [2, 3]],
  ],
};

/**
 * Schedule-risk demo data: a small plan in the first two Grid Modernization projects (when they
 * have none yet), joined by one cross-project link, three-point estimates for their tasks, and a
 * first simulation of the program and of the portal project so the Schedule risk tabs show results.
 */
export async function seedScheduleRiskDemo(db: Database, system: Actor, orgId: string): Promise<void> {
  const projects = await db.query<{ id: string; code: string; programId: string }>(
    `SELECT id, code, program_id AS "programId" FROM projects WHERE org_id = $1 AND code = ANY($2::text[]) ORDER BY code`,
    [orgId, Object.keys(PLANS)],
  );
  const taskIds = new Map<string, string[]>();
  for (const project of projects) {
    const existing = await db.query('SELECT 1 FROM tasks WHERE org_id = $1 AND project_id = $2 LIMIT 1', [
      orgId,
      project.id,
    ]);
    if (existing.length > 0) continue;
    const plan = PLANS[project.code];
    const ids: string[] = [];
    for (const [name, days, , , predecessors] of plan) {
      const task = await createTask(db, system, project.id, {
        name,
        durationMinutes: days * DAY,
        milestone: days === 0,
      });
      ids.push(task.id);
      for (const p of predecessors)
        await createLink(db, system, { predecessorId: ids[p], successorId: task.id, type: 'FS' });
    }
    taskIds.set(project.code, ids);
    await setProjectEstimates(db, system, project.id, {
      estimates: plan
        .map(([, days, low, high], k) => ({
          taskId: ids[k],
          distribution: k % 3 === 2 ? 'triangular' : 'pert',
          optimisticMinutes: low * DAY,
          likelyMinutes: days * DAY,
          pessimisticMinutes: high * DAY,
        }))
        .filter((e) => e.likelyMinutes > 0),
    });
  }
  const portal = taskIds.get('GM-301');
  const identity = taskIds.get('GM-302');
  // the portal's account pages need single sign-on
  if (portal && identity)
    await createLink(db, system, { predecessorId: identity[2], successorId: portal[2], type: 'FS' });
  const first = projects.find((p) => p.code === 'GM-301');
  if (!first || !portal) return;
  await simulateProgram(db, system, first.programId, { iterations: 5000, seed: 7 });
  await simulateProject(db, system, first.id, { iterations: 5000, seed: 7, targetDate: '2026-08-31' });
}
