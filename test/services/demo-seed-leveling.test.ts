import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { seedLevelingDemo } from '../../src/services/demo-seed-leveling.ts';
import { listLevelingRunsOf } from '../../src/services/leveling.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

describe('the leveling demo', () => {
  it('plans CP-104 with over-allocated crews and leaves a preview that resolves them', async () => {
    const project = await makeProject(db, orgId, { code: 'CP-104' });
    await seedLevelingDemo(db, system, orgId);
    const crews = await db.query<{ code: string }>(
      'SELECT code FROM resources WHERE org_id = $1 ORDER BY code',
      [orgId],
    );
    expect(crews.map((c) => c.code)).toEqual(['CREW-DATA', 'CREW-INT', 'CREW-OPS', 'CREW-QA']);
    const runs = await listLevelingRunsOf(db, system, { scopeType: 'project', scopeId: project.id });
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0].overallocationsBefore).toBeGreaterThan(5);
    expect(runs.items[0].overallocationsAfter).toBe(0);
    expect(runs.items[0].movedTasks).toBeGreaterThan(3);
    // Seeding again leaves the plan as it is.
    await seedLevelingDemo(db, system, orgId);
    const tasks = await db.query('SELECT 1 FROM tasks WHERE org_id = $1 AND project_id = $2', [
      orgId,
      project.id,
    ]);
    expect(tasks).toHaveLength(20);
  });
});
