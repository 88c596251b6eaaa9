import type { Database } from '../db/connection.ts';
import { listAuditEntries } from '../db/repositories/audit.ts';
import { getRoleGrant, getUser } from './access.ts';
import { getAssignment } from './assignments.ts';
import { getCalendar } from './calendars.ts';
import { NotFoundError } from './errors.ts';
import { getIssue } from './issues.ts';
import { getTask } from './planning.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { getProject } from './projects.ts';
import { getResource } from './resources.ts';
import { getRiskAction } from './risk-actions.ts';
import { getRisk } from './risks.ts';
import { getBooking, getStaffingRequest } from './staffing.ts';
import { getBusinessUnit, getObjective, getPortfolio, getProgram } from './structure.ts';

const readers = {
  business_unit: getBusinessUnit,
  objective: getObjective,
  portfolio: getPortfolio,
  program: getProgram,
  project: getProject,
  user: getUser,
  role_grant: getRoleGrant,
  task: getTask,
  risk: getRisk,
  risk_action: getRiskAction,
  issue: getIssue,
  resource: getResource,
  assignment: getAssignment,
  staffing_request: getStaffingRequest,
  booking: getBooking,
  calendar: getCalendar,
} as const;
export type AuditedEntityType = keyof typeof readers;
export const auditedEntityTypes = Object.keys(readers) as AuditedEntityType[];

/**
 * An entity's history, newest first. Whoever may read the entity may read its history; once it is
 * deleted, only the organization's PMO administrators may.
 */
export async function entityHistory(
  db: Database,
  actor: Actor,
  entityType: AuditedEntityType,
  id: string,
  page: number,
  pageSize: number,
) {
  try {
    await readers[entityType](db, actor, id);
  } catch (error) {
    if (!(error instanceof NotFoundError) || !can(actor, 'manage_org', organizationChain)) throw error;
  }
  const result = await listAuditEntries(db, actor.orgId, entityType, id, page, pageSize);
  if (result.total === 0) throw new NotFoundError(entityType.replace('_', ' '), id);
  return { ...result, page, pageSize };
}
