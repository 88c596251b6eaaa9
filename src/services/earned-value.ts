import type { Database } from '../db/connection.ts';
import type { EarnedValueReport } from '../model/finance.ts';
import { NotFoundError } from './errors.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { analyzeProjects } from './project-financials.ts';

/**
 * A project's earned value at a status date, per month and cumulative, computed on request from the
 * rows (see earned-value-phasing.ts for how planned value, earned value and actual cost are phased).
 * Reads only: the stored figures are refreshed by writes and the nightly job, not by readers.
 */
export async function getEarnedValue(
  db: Database,
  actor: Actor,
  projectId: string,
  asOf: string = new Date().toISOString().slice(0, 10),
): Promise<EarnedValueReport> {
  await authorizeProject(db, actor, projectId, 'read');
  const result = (await analyzeProjects(db, actor.orgId, [projectId], asOf)).get(projectId);
  if (!result) throw new NotFoundError('project', projectId);
  return { projectId, currency: result.currency, ...result.report };
}
