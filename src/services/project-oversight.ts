import type { Queryable } from '../db/connection.ts';
import {
  oversightOfProjects,
  oversightPolicies,
  policyIdOf,
  standardsApplyingTo,
} from '../db/repositories/maturity.ts';
import { findRow } from '../db/sql.ts';
import type { OversightPolicy, OversightPolicyValues, ProjectOversight } from '../model/maturity.ts';
import { NotFoundError } from './errors.ts';
import { oversightOfLevel } from './maturity-scoring.ts';

export const defaultOversightPolicy: OversightPolicyValues = {
  standardFrom: 3,
  lightFrom: 4,
  intensiveCadence: 'weekly',
  standardCadence: 'fortnightly',
  lightCadence: 'monthly',
  intensiveGates: 'all',
  standardGates: 'major',
  lightGates: 'none',
};

export async function loadOversightPolicy(q: Queryable, orgId: string): Promise<OversightPolicy> {
  const id = await policyIdOf(q, orgId);
  const found = id ? await findRow<OversightPolicy>(q, oversightPolicies, orgId, id) : null;
  return found ?? { ...defaultOversightPolicy, version: 0 };
}

/**
 * The oversight a project is under, from its manager's latest assessment (standard when never
 * assessed): the reporting cadence, which gates need PMO review, and the quality standards that
 * apply. For status reports and stage gates to call; it does no permission check.
 */
export async function oversightForProject(
  db: Queryable,
  orgId: string,
  projectId: string,
): Promise<ProjectOversight> {
  const [row] = await oversightOfProjects(db, orgId, projectId);
  if (!row) throw new NotFoundError('project', projectId);
  const policy = await loadOversightPolicy(db, orgId);
  const oversight = oversightOfLevel(row.level, policy);
  return {
    projectId,
    managerId: row.managerId,
    level: row.level,
    oversight,
    reportingCadence: policy[`${oversight}Cadence`],
    pmoReviewGates: policy[`${oversight}Gates`],
    applicableChecks: await standardsApplyingTo(db, orgId, projectId),
  };
}
