import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import '../../src/services/job-handlers.ts';
import { runDueJobs, scheduleRecurringJobs } from '../../src/services/jobs.ts';
import { LATE_STATUS_REPORTS, REFRESH_FINANCIALS } from '../../src/services/scheduled-upkeep.ts';
import { setReportingCadence } from '../../src/services/status-settings.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { startExecution } from '../support/status-fixtures.ts';

let db: Database;
let orgId: string;
let projectId: string;
let pmoUserId: string | null;

beforeAll(async () => {
  db = await openTestDatabase();
  const org = await makeOrganization(db);
  orgId = org.orgId;
  const project = await makeProject(db, orgId, { code: 'UPKEEP' });
  projectId = project.id;
  await startExecution(db, orgId, project);
  // Weekly since 2020 with no report ever: late on any day the test runs.
  await setReportingCadence(db, org.system, project.id, undefined, {
    frequency: 'weekly',
    anchorDate: '2020-01-03',
    graceDays: 0,
  });
  pmoUserId = (await makeActor(db, orgId, 'pmo_admin')).userId;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

/** Runs only this organization's jobs of the given kinds, whatever else another test queued. */
async function runUpkeep() {
  await db.query(`UPDATE jobs SET status = 'done' WHERE org_id = $1 AND kind NOT IN ($2, $3)`, [
    orgId,
    LATE_STATUS_REPORTS,
    REFRESH_FINANCIALS,
  ]);
  await db.query('UPDATE jobs SET run_at = now() WHERE org_id = $1 AND schedule_key IS NOT NULL', [orgId]);
  while ((await runDueJobs(db)).claimed > 0);
}

describe('calendar upkeep through the job queue', () => {
  it('flags a late status report once and stores the figures of every project', async () => {
    await scheduleRecurringJobs(db);
    const kinds = await db.query<{ kind: string }>(
      'SELECT kind FROM jobs WHERE org_id = $1 AND schedule_key IS NOT NULL ORDER BY kind',
      [orgId],
    );
    expect(kinds.map((row) => row.kind)).toEqual(
      expect.arrayContaining([LATE_STATUS_REPORTS, REFRESH_FINANCIALS]),
    );

    await runUpkeep();
    await runUpkeep();

    const flagged = await db.query<{ kind: string }>(
      `SELECT kind FROM notifications WHERE org_id = $1 AND user_id = $2 AND kind = 'report_late' AND entity_id = $3`,
      [orgId, pmoUserId, projectId],
    );
    expect(flagged).toHaveLength(1);
    const figures = await db.query<{ as_of: string }>(
      `SELECT as_of::text FROM project_financials WHERE org_id = $1 AND project_id = $2`,
      [orgId, projectId],
    );
    expect(figures[0]?.as_of).toBe(new Date().toISOString().slice(0, 10));
  }, 120_000);
});
