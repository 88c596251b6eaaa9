import type { Queryable } from '../connection.ts';
import { isoTimestamp } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

export interface JobRow {
  orgId: string;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  status: 'queued' | 'running' | 'done' | 'failed';
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lastError: string | null;
  scheduleKey: string | null;
  repeatSeconds: number | null;
}

const jobColumns = (j: string) => `${j}.org_id AS "orgId", ${j}.id, ${j}.kind, ${j}.payload, ${j}.status,
  ${isoTimestamp(`${j}.run_at`)} AS "runAt", ${j}.attempts, ${j}.max_attempts AS "maxAttempts", ${j}.locked_by AS "lockedBy",
  ${j}.last_error AS "lastError", ${j}.schedule_key AS "scheduleKey", ${j}.repeat_seconds AS "repeatSeconds"`;

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
}

export async function insertJob(q: Queryable, orgId: string, job: NewJob): Promise<string> {
  const id = uuidv7();
  await q.query(
    `INSERT INTO jobs (org_id, id, kind, payload, run_at, max_attempts)
     VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()), $6)`,
    [
      orgId,
      id,
      job.kind,
      JSON.stringify(job.payload),
      job.runAt?.toISOString() ?? null,
      job.maxAttempts ?? 5,
    ],
  );
  return id;
}

/**
 * Creates the recurring row once; scheduling it again only changes its interval when that changed
 * (the worker calls this every tick, so an unchanged schedule writes nothing).
 */
export async function upsertRecurringJob(
  q: Queryable,
  orgId: string,
  scheduleKey: string,
  kind: string,
  repeatSeconds: number,
): Promise<void> {
  await q.query(
    `INSERT INTO jobs (org_id, id, kind, schedule_key, repeat_seconds, max_attempts)
     VALUES ($1, $2, $3, $4, $5, 3)
     ON CONFLICT (org_id, schedule_key) WHERE schedule_key IS NOT NULL
     DO UPDATE SET repeat_seconds = EXCLUDED.repeat_seconds, kind = EXCLUDED.kind, updated_at = now(),
       version = jobs.version + 1
     WHERE jobs.repeat_seconds IS DISTINCT FROM EXCLUDED.repeat_seconds OR jobs.kind IS DISTINCT FROM EXCLUDED.kind`,
    [orgId, uuidv7(), kind, scheduleKey, repeatSeconds],
  );
}

/**
 * Takes up to `limit` due jobs for `worker`: queued ones whose time has come, and running ones whose
 * lease ran out (their worker died). SKIP LOCKED lets concurrent workers pass over each other's rows
 * instead of waiting, and the lease is set in the same statement, so no job is handed out twice.
 */
export async function claimDueJobs(
  q: Queryable,
  worker: string,
  limit: number,
  leaseSeconds: number,
  kinds: readonly string[],
): Promise<JobRow[]> {
  return q.query<JobRow>(
    `UPDATE jobs j SET status = 'running', locked_by = $1, locked_until = now() + make_interval(secs => $2),
       attempts = j.attempts + 1, updated_at = now(), version = j.version + 1
     FROM (SELECT org_id, id FROM jobs
           WHERE ((status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now()))
             AND kind = ANY($4::text[])
           ORDER BY run_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) due
     WHERE j.org_id = due.org_id AND j.id = due.id
     RETURNING ${jobColumns('j')}`,
    [worker, leaseSeconds, limit, kinds],
  );
}

/** Marks a claimed job done, or puts a recurring one back for its next run; false when the lease was lost. */
export async function completeJob(q: Queryable, job: JobRow, worker: string): Promise<boolean> {
  const rows = await q.query(
    `UPDATE jobs SET
       status = CASE WHEN repeat_seconds IS NULL THEN 'done' ELSE 'queued' END,
       run_at = CASE WHEN repeat_seconds IS NULL THEN run_at ELSE now() + make_interval(secs => repeat_seconds) END,
       attempts = CASE WHEN repeat_seconds IS NULL THEN attempts ELSE 0 END,
       finished_at = now(), last_error = NULL, locked_by = NULL, locked_until = NULL,
       updated_at = now(), version = version + 1
     WHERE org_id = $1 AND id = $2 AND locked_by = $3 AND status = 'running' RETURNING id`,
    [job.orgId, job.id, worker],
  );
  return rows.length === 1;
}

/** Records a failed run: back in the queue after `retryInSeconds`, or failed for good (null). */
export async function failJob(
  q: Queryable,
  job: JobRow,
  worker: string,
  error: string,
  retryInSeconds: number | null,
): Promise<void> {
  await q.query(
    `UPDATE jobs SET
       status = CASE WHEN $4::int IS NOT NULL THEN 'queued'
                     WHEN repeat_seconds IS NOT NULL THEN 'queued' ELSE 'failed' END,
       run_at = CASE WHEN $4::int IS NOT NULL THEN now() + make_interval(secs => $4::int)
                     WHEN repeat_seconds IS NOT NULL THEN now() + make_interval(secs => repeat_seconds)
                     ELSE run_at END,
       attempts = CASE WHEN $4::int IS NULL AND repeat_seconds IS NOT NULL THEN 0 ELSE attempts END,
       last_error = $5, locked_by = NULL, locked_until = NULL, finished_at = now(),
       updated_at = now(), version = version + 1
     WHERE org_id = $1 AND id = $2 AND locked_by = $3`,
    [job.orgId, job.id, worker, retryInSeconds, error.slice(0, 2000)],
  );
}

export interface JobView {
  id: string;
  kind: string;
  status: string;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  scheduleKey: string | null;
}

export async function findJob(q: Queryable, orgId: string, id: string): Promise<JobView | null> {
  const rows = await q.query<JobView>(
    `SELECT ${jobColumns('j')} FROM jobs j WHERE j.org_id = $1 AND j.id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}
