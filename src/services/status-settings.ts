import type { Database } from '../db/connection.ts';
import { placementOfParents, projectParents } from '../db/repositories/scope.ts';
import {
  findCadence,
  lastReportedPeriodEnd,
  loadThresholds,
  updateThresholds,
  upsertCadence,
} from '../db/repositories/status-reports.ts';
import { missedDue, nextDueDate } from '../engine/status/index.ts';
import {
  type ReportingCadenceRead,
  reportingCadenceInput,
  type StatusThresholds,
  statusThresholdsPatch,
} from '../model/status-report.ts';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { getProject } from './projects.ts';
import { parseInput } from './validate.ts';

export const today = () => new Date().toISOString().slice(0, 10);

/** A project's reporting cadence, its next due date and the one it missed, if it is late on `date`. */
export async function getReportingCadence(
  db: Database,
  actor: Actor,
  projectId: string,
  date = today(),
): Promise<ReportingCadenceRead> {
  await getProject(db, actor, projectId);
  const cadence = await findCadence(db, actor.orgId, projectId);
  if (!cadence) return { projectId, cadence: null, nextDueDate: null, missedDueDate: null };
  const missed = missedDue(cadence, await lastReportedPeriodEnd(db, actor.orgId, projectId), date);
  return {
    projectId,
    cadence,
    nextDueDate: nextDueDate(cadence, date),
    missedDueDate: missed?.dueDate ?? null,
  };
}

/**
 * Sets how often a project reports: its program manager, portfolio manager or the PMO decide (the
 * oversight it needs), not the project manager. With If-Match, a stale version is refused.
 */
export async function setReportingCadence(
  db: Database,
  actor: Actor,
  projectId: string,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<ReportingCadenceRead> {
  const cadence = parseInput(reportingCadenceInput, input);
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const parents = await projectParents(tx, actor.orgId, projectId);
      if (!parents) throw new NotFoundError('project', projectId);
      const placement = await placementOfParents(tx, actor.orgId, { ...parents, projectId });
      if (!can(actor, 'review_status_report', placement))
        throw new ForbiddenError(
          "only the project's program manager, portfolio manager or the PMO may set its reporting cadence",
        );
      const before = await findCadence(tx, actor.orgId, projectId);
      if (!(await upsertCadence(tx, actor.orgId, projectId, cadence, before ? expectedVersion : undefined)))
        throw new ConflictError(
          `the cadence changed since you read it (it is now at version ${before?.version}); reload and try again`,
        );
      await audit(
        tx,
        actor,
        'reporting_cadence',
        projectId,
        before ? 'update' : 'create',
        before,
        await findCadence(tx, actor.orgId, projectId),
      );
    }),
  );
  return getReportingCadence(db, actor, projectId);
}

export async function getStatusThresholds(db: Database, actor: Actor): Promise<StatusThresholds> {
  return loadThresholds(db, actor.orgId);
}

/** Sets where computed indicators turn amber and red (the organization's PMO). */
export async function setStatusThresholds(
  db: Database,
  actor: Actor,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<StatusThresholds> {
  const patch = parseInput(statusThresholdsPatch, input);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
      const before = await loadThresholds(tx, actor.orgId);
      const merged = {
        ...before,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      const errors: FieldError[] = [];
      for (const [red, amber, lower] of [
        ['spiRed', 'spiAmber', true],
        ['cpiRed', 'cpiAmber', true],
        ['lateMilestonesRed', 'lateMilestonesAmber', false],
        ['highRisksRed', 'highRisksAmber', false],
        ['slipDaysRed', 'slipDaysAmber', false],
      ] as const) {
        const bad = lower ? merged[red] > merged[amber] : merged[red] < merged[amber];
        if (bad)
          errors.push({
            field: red,
            message: lower
              ? `must not be above ${amber} (${merged[amber]}): red is the worse band`
              : `must not be below ${amber} (${merged[amber]}): red is the worse band`,
          });
      }
      if (errors.length > 0) throw new ValidationError(errors);
      if (expectedVersion === undefined) throw new PreconditionRequiredError();
      if (!(await updateThresholds(tx, actor.orgId, expectedVersion, patch)))
        throw new ConflictError(
          `the thresholds changed since you read them (they are now at version ${before.version}); reload and try again`,
        );
      const after = await loadThresholds(tx, actor.orgId);
      await audit(tx, actor, 'status_thresholds', actor.orgId, 'update', before, after);
      return after;
    }),
  );
}
