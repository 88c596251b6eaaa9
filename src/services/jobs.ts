import { hostname } from 'node:os';
import type { Database, Queryable } from '../db/connection.ts';
import {
  claimDueJobs,
  completeJob,
  failJob,
  insertJob,
  type JobRow,
  type NewJob,
  upsertRecurringJob,
} from '../db/repositories/jobs.ts';
import { uuidv7 } from '../db/uuid.ts';

/**
 * Background work in the database (DESIGN.md: a PostgreSQL-backed queue, not in-process timers), so
 * work enqueued in a transaction exists exactly when the change that caused it does, and any number
 * of app servers can share the queue. Registering a kind is one line:
 *
 *   registerJobHandler('late_status_reports', checkLateReports, { everySeconds: 3600 });
 */
export interface JobContext {
  orgId: string;
  jobId: string;
  payload: Record<string, unknown>;
  /** 1 on the first run. */
  attempt: number;
  /** No retry follows when this run fails. */
  lastAttempt: boolean;
}

export type JobHandler = (db: Database, job: JobContext) => Promise<void>;

/** A failure that retrying cannot cure (an address the server refuses): the job fails at once. */
export class PermanentJobError extends Error {}

interface Registration {
  handler: JobHandler;
  /** Recurring kinds run per organization every so many seconds. */
  everySeconds?: number;
}

const registry = new Map<string, Registration>();

export function registerJobHandler(
  kind: string,
  handler: JobHandler,
  options: { everySeconds?: number } = {},
) {
  registry.set(kind, { handler, ...options });
}

export function registeredJobKinds(): string[] {
  return [...registry.keys()];
}

/** Adds a job, usually inside the transaction of the change that calls for it. */
export function enqueueJob(q: Queryable, orgId: string, job: NewJob): Promise<string> {
  return insertJob(q, orgId, job);
}

/** 30 s after the first failure, doubling each time, at most an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}

/** Makes sure every organization has one row per recurring kind; safe to call any number of times. */
export async function scheduleRecurringJobs(db: Database): Promise<void> {
  const recurring = [...registry.entries()].filter(([, r]) => r.everySeconds !== undefined);
  if (recurring.length === 0) return;
  const orgs = await db.query<{ id: string }>('SELECT id FROM organizations');
  for (const org of orgs)
    for (const [kind, registration] of recurring)
      await upsertRecurringJob(db, org.id, `recurring:${kind}`, kind, registration.everySeconds as number);
}

export interface RunSummary {
  claimed: number;
  succeeded: number;
  failed: number;
}

export const defaultWorkerName = () => `${hostname()}:${process.pid}:${uuidv7().slice(-8)}`;

/**
 * Claims the due jobs (up to `limit`) and runs them one after the other. A failure is recorded on
 * the job and retried later with backoff; one job's failure never stops the others.
 */
export async function runDueJobs(
  db: Database,
  options: { worker?: string; limit?: number; leaseSeconds?: number } = {},
): Promise<RunSummary> {
  const worker = options.worker ?? defaultWorkerName();
  const kinds = registeredJobKinds();
  const claimed = await db.transaction((tx) =>
    claimDueJobs(tx, worker, options.limit ?? 20, options.leaseSeconds ?? 300, kinds),
  );
  const summary: RunSummary = { claimed: claimed.length, succeeded: 0, failed: 0 };
  for (const job of claimed) {
    if (await runOne(db, job, worker)) summary.succeeded++;
    else summary.failed++;
  }
  return summary;
}

async function runOne(db: Database, job: JobRow, worker: string): Promise<boolean> {
  const registration = registry.get(job.kind);
  const lastAttempt = job.attempts >= job.maxAttempts;
  try {
    if (!registration) throw new PermanentJobError(`no handler is registered for "${job.kind}"`);
    await registration.handler(db, {
      orgId: job.orgId,
      jobId: job.id,
      payload: job.payload,
      attempt: job.attempts,
      lastAttempt,
    });
    await completeJob(db, job, worker);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentJobError;
    await failJob(db, job, worker, message, permanent || lastAttempt ? null : backoffSeconds(job.attempts));
    return false;
  }
}

export interface JobWorker {
  stop(): Promise<void>;
}

/**
 * Polls the queue every `intervalMs` until stopped; a tick still running makes the next one skip.
 * `orrery serve` starts one; tests do not, and call `runDueJobs` when they want the queue to move.
 */
export function startJobWorker(
  db: Database,
  intervalMs: number,
  onError: (error: unknown) => void = () => undefined,
): JobWorker {
  const worker = defaultWorkerName();
  let stopped = false;
  let running: Promise<void> | null = null;
  const tick = async () => {
    await scheduleRecurringJobs(db);
    // Keep going while there is a backlog, so a burst of e-mail does not wait an interval per batch.
    while (!stopped && (await runDueJobs(db, { worker })).claimed > 0);
  };
  const start = () => {
    if (running || stopped) return;
    running = tick()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(start, intervalMs);
  timer.unref();
  start();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
