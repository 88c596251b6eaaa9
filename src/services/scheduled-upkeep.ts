import type { Database } from '../db/connection.ts';
import { type JobContext, registerJobHandler } from './jobs.ts';
import { flagLateReports } from './late-reports.ts';
import { refreshOrganizationFinancials } from './project-financials.ts';

/**
 * The upkeep that depends on the calendar rather than on a write: a report becomes late, and planned
 * value moves, only because a day has passed. Both functions are idempotent, so the hourly run that
 * follows a crash, or a second app server, repeats nothing.
 */
export const LATE_STATUS_REPORTS = 'late_status_reports';
export const REFRESH_FINANCIALS = 'refresh_financials';

const today = () => new Date().toISOString().slice(0, 10);

registerJobHandler(
  LATE_STATUS_REPORTS,
  async (db: Database, job: JobContext) => void (await flagLateReports(db, job.orgId, today())),
  { everySeconds: 3600 },
);
// Every project's figures in one run; a day's drift of planned value is what it corrects.
registerJobHandler(
  REFRESH_FINANCIALS,
  async (db: Database, job: JobContext) => void (await refreshOrganizationFinancials(db, job.orgId, today())),
  { everySeconds: 86_400 },
);
