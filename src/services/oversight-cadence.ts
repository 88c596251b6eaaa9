import type { Queryable } from '../db/connection.ts';
import { oversightOfProjects } from '../db/repositories/maturity.ts';
import { findCadence, upsertCadence } from '../db/repositories/status-reports.ts';
import { oversightOfLevel } from './maturity-scoring.ts';
import { audit } from './mutation.ts';
import type { Actor } from './policy.ts';
import { loadOversightPolicy } from './project-oversight.ts';

/** Stages in which a project owes status reports. */
const REPORTING_STAGES = ['initiation', 'planning', 'execution', 'closing'];
/** A project given a cadence for the first time owes its first report a week later, not today. */
const FIRST_DUE_AFTER_DAYS = 7;

/**
 * Brings the reporting cadence of a manager's running projects (every manager's, when `managerId` is
 * null) in line with the oversight their assessed maturity earns: intensive oversight reports more
 * often than light. A project keeps its anchor date and grace days; only the frequency follows the
 * oversight. Runs inside the transaction of the assessment or policy change that moved it.
 */
export async function applyOversightCadences(
  tx: Queryable,
  actor: Actor,
  managerId: string | null,
  today = new Date(),
): Promise<number> {
  const projects = await tx.query<{ id: string }>(
    `SELECT id FROM projects WHERE org_id = $1 AND stage = ANY($2::text[])
       AND manager_id IS NOT NULL AND ($3::uuid IS NULL OR manager_id = $3)`,
    [actor.orgId, REPORTING_STAGES, managerId],
  );
  const firstDue = new Date(today.getTime() + FIRST_DUE_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
  // One read of the policy and of every project's level, not one of each per project: a policy change
  // reaches every running project of the organization.
  const policy = await loadOversightPolicy(tx, actor.orgId);
  const levels = new Map(
    (await oversightOfProjects(tx, actor.orgId, null)).map((row) => [row.projectId, row.level]),
  );
  let changed = 0;
  for (const { id } of projects) {
    const reportingCadence = policy[`${oversightOfLevel(levels.get(id) ?? null, policy)}Cadence`];
    const before = await findCadence(tx, actor.orgId, id);
    if (before?.frequency === reportingCadence) continue;
    const cadence = {
      frequency: reportingCadence,
      anchorDate: before?.anchorDate ?? firstDue,
      graceDays: before?.graceDays ?? 0,
    };
    await upsertCadence(tx, actor.orgId, id, cadence, before?.version);
    await audit(tx, actor, 'reporting_cadence', id, before ? 'update' : 'create', before, {
      ...cadence,
      reason: 'oversight level',
    });
    changed += 1;
  }
  return changed;
}
