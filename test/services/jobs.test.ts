import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import {
  backoffSeconds,
  enqueueJob,
  PermanentJobError,
  registerJobHandler,
  runDueJobs,
  scheduleRecurringJobs,
} from '../../src/services/jobs.ts';
import { openTestDatabase, usingPostgres } from '../support/database.ts';
import { makeOrganization } from '../support/factories.ts';

let db: Database;
let orgId: string;
const runs: string[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  orgId = (await makeOrganization(db)).orgId;
  registerJobHandler('record', async (_db, job) => {
    // A pause lets concurrent workers overlap for real on PostgreSQL.
    await new Promise((resolve) => setTimeout(resolve, 2));
    runs.push(String(job.payload.n));
  });
  registerJobHandler('flaky', async () => {
    if (failuresLeft-- > 0) throw new Error('the far end is down');
  });
  registerJobHandler('doomed', async () => {
    throw new PermanentJobError('this can never work');
  });
  registerJobHandler('tick', async () => void runs.push('tick'), { everySeconds: 600 });
}, 60_000);

afterAll(async () => {
  await db?.close();
});

const jobRow = async (id: string) =>
  (
    await db.query<{ status: string; attempts: number; last_error: string | null; wait: number }>(
      `SELECT status, attempts, last_error, extract(epoch FROM run_at - now())::float8 AS wait
       FROM jobs WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    )
  )[0];
/** Time travel for the queue: makes a job due now. */
const makeDue = (id: string) => db.query('UPDATE jobs SET run_at = now() WHERE id = $1', [id]);
const clearQueue = () => db.query(`UPDATE jobs SET status = 'done' WHERE status IN ('queued', 'running')`);

describe('job queue', () => {
  it('runs a due job once and marks it done; a future job waits', async () => {
    await clearQueue();
    runs.length = 0;
    const now = await enqueueJob(db, orgId, { kind: 'record', payload: { n: 'now' } });
    const later = await enqueueJob(db, orgId, {
      kind: 'record',
      payload: { n: 'later' },
      runAt: new Date(Date.now() + 3_600_000),
    });
    expect(await runDueJobs(db)).toEqual({ claimed: 1, succeeded: 1, failed: 0 });
    expect(await runDueJobs(db)).toEqual({ claimed: 0, succeeded: 0, failed: 0 });
    expect(runs).toEqual(['now']);
    expect((await jobRow(now)).status).toBe('done');
    expect((await jobRow(later)).status).toBe('queued');
  });

  it('never runs a job twice when several workers claim at the same time', async () => {
    await clearQueue();
    runs.length = 0;
    const ids = [];
    for (let n = 0; n < 40; n++) ids.push(await enqueueJob(db, orgId, { kind: 'record', payload: { n } }));
    const work = async (worker: string) => {
      while ((await runDueJobs(db, { worker, limit: 3 })).claimed > 0);
    };
    await Promise.all(['w1', 'w2', 'w3', 'w4'].map(work));
    expect(runs).toHaveLength(40);
    expect(new Set(runs).size).toBe(40);
    for (const id of ids) expect((await jobRow(id)).status).toBe('done');
  }, 120_000);

  it.skipIf(!usingPostgres())(
    'passes over a job another worker holds locked instead of waiting for it',
    async () => {
      await clearQueue();
      const id = await enqueueJob(db, orgId, { kind: 'record', payload: { n: 'locked' } });
      await db.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM jobs WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, id]);
        // Another connection of the pool: with SKIP LOCKED it finds nothing rather than blocking.
        expect((await runDueJobs(db, { worker: 'other' })).claimed).toBe(0);
      });
      expect((await runDueJobs(db, { worker: 'other' })).claimed).toBe(1);
    },
  );

  it('retries a failed job with growing backoff and keeps the error', async () => {
    await clearQueue();
    failuresLeft = 2;
    const id = await enqueueJob(db, orgId, { kind: 'flaky', payload: {}, maxAttempts: 5 });
    expect(await runDueJobs(db)).toMatchObject({ claimed: 1, failed: 1 });
    let row = await jobRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'the far end is down' });
    expect(row.wait).toBeGreaterThan(backoffSeconds(1) - 5);
    expect(row.wait).toBeLessThanOrEqual(backoffSeconds(1));
    expect((await runDueJobs(db)).claimed).toBe(0);
    await makeDue(id);
    await runDueJobs(db);
    row = await jobRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row.wait).toBeGreaterThan(backoffSeconds(2) - 5);
    await makeDue(id);
    expect(await runDueJobs(db)).toMatchObject({ succeeded: 1 });
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 3, last_error: null });
  });

  it('fails a job for good after its last attempt, or at once on a permanent error', async () => {
    await clearQueue();
    failuresLeft = 10;
    const flaky = await enqueueJob(db, orgId, { kind: 'flaky', payload: {}, maxAttempts: 2 });
    await runDueJobs(db);
    await makeDue(flaky);
    await runDueJobs(db);
    expect(await jobRow(flaky)).toMatchObject({ status: 'failed', attempts: 2 });
    const doomed = await enqueueJob(db, orgId, { kind: 'doomed', payload: {} });
    await runDueJobs(db);
    expect(await jobRow(doomed)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'this can never work',
    });
  });

  it('keeps one row per recurring job and puts it back in the queue after each run', async () => {
    await clearQueue();
    runs.length = 0;
    await scheduleRecurringJobs(db);
    await scheduleRecurringJobs(db);
    const rows = await db.query<{ id: string; version: number }>(
      `SELECT id, version FROM jobs WHERE org_id = $1 AND schedule_key = 'recurring:tick'`,
      [orgId],
    );
    expect(rows).toHaveLength(1);
    // Scheduling an unchanged job again writes nothing.
    expect(rows[0].version).toBe(1);
    await runDueJobs(db);
    expect(runs).toEqual(['tick']);
    const row = await jobRow(rows[0].id);
    expect(row.status).toBe('queued');
    expect(row.wait).toBeGreaterThan(590);
    expect((await runDueJobs(db)).claimed).toBe(0);
  });

  it("claims a running job again once its worker's lease has run out", async () => {
    await clearQueue();
    runs.length = 0;
    const id = await enqueueJob(db, orgId, { kind: 'record', payload: { n: 'orphan' } });
    // A worker that died mid-job: running, its lease already over.
    await db.query(
      `UPDATE jobs SET status = 'running', locked_by = 'dead', locked_until = now() - interval '1 second',
         attempts = 1 WHERE id = $1`,
      [id],
    );
    expect((await runDueJobs(db, { worker: 'alive' })).succeeded).toBe(1);
    expect(runs).toEqual(['orphan']);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 2 });
  });
});
