import type { Queryable } from '../db/connection.ts';
import { projectSpan } from '../db/repositories/finance.ts';
import { type FieldError, ValidationError } from './errors.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { refreshProjectFinancials } from './project-financials.ts';

/** Rules every money write on a project shares: who may, which months are allowed, and the stored figures after. */

export const requireFinanceManager = (q: Queryable, actor: Actor, projectId: string) =>
  authorizeProject(q, actor, projectId, 'manage_finance');

export interface ProjectMonths {
  first: string | null;
  last: string | null;
  /** Null when the month lies inside the project (or the project has no dates to check against). */
  problem(month: string): string | null;
}

/**
 * The months money may fall in: from the earlier of the target start and the schedule's start to the
 * later of the target finish and the schedule's finish. A project with no dates at all accepts any month.
 */
export async function projectMonths(q: Queryable, orgId: string, projectId: string): Promise<ProjectMonths> {
  const span = await projectSpan(q, orgId, projectId);
  const first = span?.first?.slice(0, 7) ?? null;
  const last = span?.last?.slice(0, 7) ?? null;
  return {
    first,
    last,
    problem(month) {
      if (first && month < first) return `is before the project starts (${first})`;
      if (last && month > last) return `is after the project finishes (${last})`;
      return null;
    },
  };
}

/** Throws one ValidationError naming every cell outside the project. */
export function checkMonths(
  months: ProjectMonths,
  cells: readonly { period: string }[],
  prefix: string,
): void {
  const errors: FieldError[] = [];
  cells.forEach((cell, i) => {
    const problem = months.problem(cell.period);
    if (problem) errors.push({ field: `${prefix}.${i}.period`, message: `${cell.period} ${problem}` });
  });
  if (errors.length > 0) throw new ValidationError(errors);
}

export function checkMonth(months: ProjectMonths, month: string, field: string): void {
  const problem = months.problem(month);
  if (problem) throw new ValidationError([{ field, message: `${month} ${problem}` }]);
}

/** Rewrites the project's stored figures inside the write's transaction. */
export const afterMoneyWrite = (tx: Queryable, actor: Actor, projectId: string) =>
  refreshProjectFinancials(tx, actor.orgId, [projectId]);
