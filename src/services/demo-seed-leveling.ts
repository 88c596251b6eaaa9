import type { Database } from '../db/connection.ts';
import { createAssignment } from './assignments.ts';
import { previewLeveling } from './leveling.ts';
import { createLink, createTask } from './planning.ts';
import type { Actor } from './policy.ts';
import { createResource } from './resources.ts';

const DAY = 480;

/** The crews of the customer data platform: [code, name, max units]. */
const CREWS: [string, string, number][] = [
  ['CREW-DATA', 'Data engineering crew', 2],
  ['CREW-INT', 'Integration crew', 1],
  ['CREW-QA', 'Test crew', 1],
  ['CREW-OPS', 'Platform operations crew', 1],
];

/**
 * CP-104's plan: [name, days, predecessors by index, crew assignments [code, units]]. Work streams
 * run side by side after the architecture, so the crews are asked for twice at once.
 */
const PLAN: [string, number, number[], [string, number][]][] = [
  ['Architecture and data model', 5, [], [['CREW-DATA', 1]]],
  ['Provision environments', 3, [0], [['CREW-OPS', 1]]],
  ['CRM connector', 6, [0], [['CREW-INT', 1]]],
  ['Billing connector', 5, [0], [['CREW-INT', 1]]],
  ['Web analytics connector', 4, [0], [['CREW-INT', 1]]],
  ['Identity resolution', 8, [0], [['CREW-DATA', 1]]],
  ['Consent model', 4, [0], [['CREW-DATA', 1]]],
  ['Customer 360 views', 6, [5], [['CREW-DATA', 2]]],
  ['Segmentation engine', 7, [5, 6], [['CREW-DATA', 1]]],
  [
    'Streaming ingestion',
    5,
    [1],
    [
      ['CREW-OPS', 1],
      ['CREW-DATA', 1],
    ],
  ],
  ['Monitoring and alerting', 3, [1], [['CREW-OPS', 1]]],
  ['Backup and recovery', 2, [1], [['CREW-OPS', 1]]],
  ['Connector tests', 4, [2, 3], [['CREW-QA', 1]]],
  ['Analytics tests', 3, [4], [['CREW-QA', 1]]],
  ['Data quality tests', 4, [7], [['CREW-QA', 1]]],
  [
    'Performance tests',
    3,
    [9],
    [
      ['CREW-QA', 1],
      ['CREW-OPS', 1],
    ],
  ],
  ['Marketing activation API', 5, [8], [['CREW-INT', 1]]],
  ['Privacy review', 2, [6, 8], []],
  ['Pilot with marketing', 5, [12, 13, 14, 15, 16], [['CREW-DATA', 1]]],
  ['Go-live', 0, [17, 18], []],
];

/**
 * Leveling demo data: a 20-task plan on CP-104 (which has no plan of its own otherwise) whose four
 * crews are over-allocated where the work streams overlap, and one leveling preview waiting on the
 * Gantt. Skipped when CP-104 already has tasks.
 */
export async function seedLevelingDemo(db: Database, system: Actor, orgId: string): Promise<void> {
  const [project] = await db.query<{ id: string }>(
    'SELECT id FROM projects WHERE org_id = $1 AND code = $2',
    [orgId, 'CP-104'],
  );
  if (!project) return;
  const existing = await db.query('SELECT 1 FROM tasks WHERE org_id = $1 AND project_id = $2 LIMIT 1', [
    orgId,
    project.id,
  ]);
  if (existing.length > 0) return;
  const crews = new Map<string, string>();
  for (const [code, name, maxUnits] of CREWS) {
    const [found] = await db.query<{ id: string }>(
      'SELECT id FROM resources WHERE org_id = $1 AND code = $2',
      [orgId, code],
    );
    crews.set(code, found?.id ?? (await createResource(db, system, { code, name, maxUnits })).id);
  }
  const ids: string[] = [];
  for (const [name, days, predecessors, assigned] of PLAN) {
    const task = await createTask(db, system, project.id, {
      name,
      durationMinutes: days * DAY,
      milestone: days === 0,
    });
    ids.push(task.id);
    for (const p of predecessors)
      await createLink(db, system, { predecessorId: ids[p], successorId: task.id, type: 'FS' });
    for (const [code, units] of assigned)
      await createAssignment(db, system, { taskId: task.id, resourceId: crews.get(code)!, units });
  }
  await previewLeveling(db, system, { scopeType: 'project', scopeId: project.id, seed: 1 });
}
