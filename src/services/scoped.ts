import type { Queryable } from '../db/connection.ts';
import { placementOfParents, placementOfProgram, projectParents } from '../db/repositories/scope.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { type Actor, type Capability, can, type ScopeChain } from './policy.ts';

/** Where a project sits for the policy; a project that does not exist (here) is a 404. */
export async function projectChain(q: Queryable, orgId: string, projectId: string): Promise<ScopeChain> {
  const parents = await projectParents(q, orgId, projectId);
  if (!parents) throw new NotFoundError('project', projectId);
  return placementOfParents(q, orgId, { ...parents, projectId });
}

export async function requireOnProject(
  q: Queryable,
  actor: Actor,
  projectId: string,
  capability: Capability,
) {
  if (!can(actor, capability, await projectChain(q, actor.orgId, projectId))) throw new ForbiddenError();
}

/** Records that hang off a project or a program (exactly one). */
export interface ProjectOrProgram {
  projectId: string | null;
  programId: string | null;
}

export async function chainOfPlacement(
  q: Queryable,
  orgId: string,
  at: ProjectOrProgram,
): Promise<ScopeChain> {
  if (at.projectId) return projectChain(q, orgId, at.projectId);
  if (!at.programId) throw new NotFoundError('program', 'none');
  const chain = await placementOfProgram(q, orgId, at.programId);
  if (!chain) throw new NotFoundError('program', at.programId);
  return chain;
}

/** For input naming its place: exactly one of projectId and programId, existing, and the actor may act there. */
export async function requireOnNewPlacement(
  q: Queryable,
  actor: Actor,
  at: ProjectOrProgram,
  capability: Capability,
) {
  if ((at.projectId === null) === (at.programId === null))
    throw new ValidationError([{ field: 'projectId', message: 'give either projectId or programId' }]);
  let chain: ScopeChain;
  try {
    chain = await chainOfPlacement(q, actor.orgId, at);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const field = at.projectId ? 'projectId' : 'programId';
    throw new ValidationError([{ field, message: 'does not exist in this organization' }]);
  }
  if (!can(actor, capability, chain)) throw new ForbiddenError();
}
