import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error as Error).message,
  );

describe('0004_risks', () => {
  it('holds a shared risk, its quantified task impact, an action, an issue and an escalation', async () => {
    const { orgId } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const taskId = uuidv7();
    await db.query(
      `INSERT INTO tasks (org_id, id, project_id, position, name, duration_minutes) VALUES ($1, $2, $3, 0, 'Build', 4800)`,
      [orgId, taskId, project.id],
    );
    const riskId = uuidv7();
    await db.query(
      `INSERT INTO risks (org_id, id, reference, kind, scope_type, scope_id, origin_scope_type, origin_scope_id, title,
         probability, impact_schedule, impact_cost, impact_scope, impact_quality, probability_level, impact_level, score, strategy)
       VALUES ($1, $2, 1, 'threat', 'project', $3, 'project', $3, 'Supplier late', 0.4, 3, 2, 1, 1, 3, 3, 9, 'mitigate')`,
      [orgId, riskId, project.id],
    );
    await db.query('INSERT INTO risk_projects (org_id, risk_id, project_id) VALUES ($1, $2, $3)', [
      orgId,
      riskId,
      project.id,
    ]);
    await db.query(
      `INSERT INTO risk_tasks (org_id, risk_id, task_id, impact_optimistic_minutes, impact_likely_minutes, impact_pessimistic_minutes)
       VALUES ($1, $2, $3, 480, 960, 2400)`,
      [orgId, riskId, taskId],
    );
    await db.query(
      `INSERT INTO risk_actions (org_id, id, risk_id, title, due_date) VALUES ($1, $2, $3, 'Second source', '2027-02-01')`,
      [orgId, uuidv7(), riskId],
    );
    await db.query(
      `INSERT INTO issues (org_id, id, reference, scope_type, scope_id, origin_scope_type, origin_scope_id, title, risk_id)
       VALUES ($1, $2, 1, 'project', $3, 'project', $3, 'Supplier is late', $4)`,
      [orgId, uuidv7(), project.id, riskId],
    );
    await db.query(
      `INSERT INTO escalations (org_id, id, item_type, item_id, from_scope_type, from_scope_id, to_scope_type, to_scope_id, reason)
       VALUES ($1, $2, 'risk', $3, 'project', $4, 'program', $5, 'beyond the project''s reserve')`,
      [orgId, uuidv7(), riskId, project.id, project.programId],
    );
    const rows = await db.query<{ likely: number }>(
      'SELECT impact_likely_minutes AS likely FROM risk_tasks WHERE org_id = $1 AND risk_id = $2',
      [orgId, riskId],
    );
    expect(rows).toEqual([{ likely: 960 }]);

    // Deleting the risk takes its links, task impacts and actions and keeps the issue, unlinked.
    await db.query('DELETE FROM risks WHERE org_id = $1 AND id = $2', [orgId, riskId]);
    const left = await db.query<{ n: number; risk: string | null }>(
      `SELECT (SELECT count(*)::int FROM risk_tasks WHERE org_id = $1) + (SELECT count(*)::int FROM risk_actions WHERE org_id = $1) AS n,
         (SELECT risk_id FROM issues WHERE org_id = $1) AS risk`,
      [orgId],
    );
    expect(left).toEqual([{ n: 0, risk: null }]);
  });

  it('refuses a probability outside 0..1 and a strategy that does not fit the kind', async () => {
    const { orgId } = await makeOrganization(db);
    const insert = (probability: number, kind: string, strategy: string) =>
      db.query(
        `INSERT INTO risks (org_id, id, reference, kind, scope_type, origin_scope_type, title, probability,
           impact_schedule, impact_cost, impact_scope, impact_quality, probability_level, impact_level, score, strategy)
         VALUES ($1, $2, $3, $4, 'organization', 'organization', 'x', $5, 1, 1, 1, 1, 1, 1, 1, $6)`,
        [orgId, uuidv7(), Math.floor(Math.random() * 1e6), kind, probability, strategy],
      );
    expect(await rejection(insert(1.2, 'threat', 'avoid'))).toMatch(/check constraint/);
    expect(await rejection(insert(0.5, 'opportunity', 'avoid'))).toMatch(/check constraint/);
    expect(await rejection(insert(0.5, 'threat', 'exploit'))).toMatch(/check constraint/);
    expect(await rejection(insert(0.5, 'opportunity', 'accept'))).toBeNull();
  });
});
