import type { Database } from '../db/connection.ts';
import { communicationPlans, stakeholders } from '../db/repositories/communication.ts';
import { programWithin, projectWithin } from '../db/repositories/scope.ts';
import { findRow, listRows, type SqlParams } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type CommunicationPlan,
  communicationPlanInput,
  communicationPlanPatch,
  type Stakeholder,
  stakeholderInput,
  stakeholderPatch,
} from '../model/communication.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import { createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { type Actor, can, visibility } from './policy.ts';
import { chainOfPlacement, type ProjectOrProgram, requireOnNewPlacement } from './scoped.ts';
import { parseInput } from './validate.ts';

/** A list filter: records of the projects and programs the actor may read. */
function readablePlacements(actor: Actor) {
  const seen = visibility(actor);
  if (seen.all) return undefined;
  return (params: SqlParams) =>
    `(t.project_id IN (SELECT p.id FROM projects p WHERE p.org_id = t.org_id AND ${projectWithin('p', params, actor.orgId, seen)})
      OR t.program_id IN (SELECT g.id FROM programs g WHERE g.org_id = t.org_id AND ${programWithin('g', params, actor.orgId, seen)}))`;
}

async function requireAt(
  db: Database | Parameters<typeof chainOfPlacement>[0],
  actor: Actor,
  at: ProjectOrProgram,
  capability: 'read' | 'manage_communication',
) {
  if (!can(actor, capability, await chainOfPlacement(db, actor.orgId, at))) throw new ForbiddenError();
}

type Filters = ListQuery & { projectId?: string; programId?: string };

export async function listStakeholders(
  db: Database,
  actor: Actor,
  query: Filters,
): Promise<Page<Stakeholder>> {
  const page = await listRows<Stakeholder>(db, stakeholders, actor.orgId, {
    ...query,
    equals: { projectId: query.projectId, programId: query.programId },
    where: readablePlacements(actor),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getStakeholder(db: Database, actor: Actor, id: string) {
  const found = await findRow<Stakeholder>(db, stakeholders, actor.orgId, id);
  if (!found) throw new NotFoundError('stakeholder', id);
  await requireAt(db, actor, found, 'read');
  return found;
}

export async function createStakeholder(db: Database, actor: Actor, input: unknown) {
  const values = parseInput(stakeholderInput, input);
  return createAudited<Stakeholder>(db, actor, 'stakeholder', stakeholders, values, (tx) =>
    requireOnNewPlacement(tx, actor, values, 'manage_communication'),
  );
}

export async function updateStakeholder(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(stakeholderPatch, input);
  return updateAudited<Stakeholder>(
    db,
    actor,
    'stakeholder',
    stakeholders,
    id,
    version,
    patch,
    (tx, before) => requireAt(tx, actor, before, 'manage_communication'),
  );
}

export async function deleteStakeholder(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Stakeholder>(db, actor, 'stakeholder', stakeholders, id, version, (tx, before) =>
    requireAt(tx, actor, before, 'manage_communication'),
  );
}

export async function listCommunicationPlans(
  db: Database,
  actor: Actor,
  query: Filters & { ownerId?: string },
): Promise<Page<CommunicationPlan>> {
  const page = await listRows<CommunicationPlan>(db, communicationPlans, actor.orgId, {
    ...query,
    equals: { projectId: query.projectId, programId: query.programId, ownerId: query.ownerId },
    where: readablePlacements(actor),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getCommunicationPlan(db: Database, actor: Actor, id: string) {
  const found = await findRow<CommunicationPlan>(db, communicationPlans, actor.orgId, id);
  if (!found) throw new NotFoundError('communication plan', id);
  await requireAt(db, actor, found, 'read');
  return found;
}

export async function createCommunicationPlan(db: Database, actor: Actor, input: unknown) {
  const values = parseInput(communicationPlanInput, input);
  return createAudited<CommunicationPlan>(db, actor, 'communication_plan', communicationPlans, values, (tx) =>
    requireOnNewPlacement(tx, actor, values, 'manage_communication'),
  );
}

/** The owner moves `nextDue` on once the communication went out; a new due date earns a new reminder. */
export async function updateCommunicationPlan(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(communicationPlanPatch, input);
  return updateAudited<CommunicationPlan>(
    db,
    actor,
    'communication_plan',
    communicationPlans,
    id,
    version,
    patch,
    async (tx, before) => {
      if (actor.userId && actor.userId === before.ownerId) return requireAt(tx, actor, before, 'read');
      return requireAt(tx, actor, before, 'manage_communication');
    },
  );
}

export async function deleteCommunicationPlan(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited<CommunicationPlan>(
    db,
    actor,
    'communication_plan',
    communicationPlans,
    id,
    version,
    (tx, before) => requireAt(tx, actor, before, 'manage_communication'),
  );
}
