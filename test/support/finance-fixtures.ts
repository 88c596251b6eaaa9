import type { Queryable } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';

/**
 * Tasks and a baseline 0 written straight to the tables, with exact calendar dates, so earned-value
 * tests can be checked by hand without going through the scheduler's working calendar.
 */
export interface FixtureTask {
  name: string;
  wbsCode?: string;
  baselineStart: string;
  baselineFinish: string;
  baselineCost?: number | null;
  percentComplete?: number;
  actualStart?: string | null;
  actualFinish?: string | null;
}

export async function insertBaselinedTasks(
  q: Queryable,
  orgId: string,
  projectId: string,
  tasks: readonly FixtureTask[],
): Promise<string[]> {
  const baselineId = uuidv7();
  await q.query(
    `INSERT INTO baselines (org_id, id, project_id, number, name) VALUES ($1, $2, $3, 0, 'Baseline')`,
    [orgId, baselineId, projectId],
  );
  const ids: string[] = [];
  for (const [position, task] of tasks.entries()) {
    const id = uuidv7();
    ids.push(id);
    await q.query(
      `INSERT INTO tasks (org_id, id, project_id, position, wbs_code, name, duration_minutes, percent_complete,
         early_start, early_finish, actual_start, actual_finish)
       VALUES ($1, $2, $3, $4, $5, $6, 4800, $7, $8, $9, $10, $11)`,
      [
        orgId,
        id,
        projectId,
        position,
        task.wbsCode ?? String(position + 1),
        task.name,
        task.percentComplete ?? 0,
        `${task.baselineStart}T08:00:00`,
        `${task.baselineFinish}T17:00:00`,
        task.actualStart ? `${task.actualStart}T08:00:00` : null,
        task.actualFinish ? `${task.actualFinish}T17:00:00` : null,
      ],
    );
    await q.query(
      `INSERT INTO baseline_tasks (org_id, baseline_id, task_id, start_date, finish_date, duration_minutes, cost)
       VALUES ($1, $2, $3, $4, $5, 4800, $6)`,
      [
        orgId,
        baselineId,
        id,
        `${task.baselineStart}T08:00:00`,
        `${task.baselineFinish}T17:00:00`,
        task.baselineCost ?? null,
      ],
    );
  }
  return ids;
}
