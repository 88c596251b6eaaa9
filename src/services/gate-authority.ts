import type { Queryable } from '../db/connection.ts';
import { placementOfParents } from '../db/repositories/scope.ts';
import { projects } from '../db/repositories/tables.ts';
import { findRow, updateRow } from '../db/sql.ts';
import type { Role } from '../model/access.ts';
import type { DeciderRole, Gate, Lifecycle, Stage } from '../model/governance.ts';
import type { Project } from '../model/organization.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { audit } from './mutation.ts';
import { type Actor, can, grantCovers, type ScopeChain } from './policy.ts';
import { refreshOnStageChange } from './project-financials.ts';

/** The roles that may decide a gate naming `decider`: that role and those above it. */
const decidingRoles: Record<DeciderRole, readonly Role[]> = {
  pmo: ['pmo_admin'],
  portfolio_manager: ['pmo_admin', 'portfolio_manager'],
  program_manager: ['pmo_admin', 'portfolio_manager', 'program_manager'],
};

/**
 * Whether the actor holds one of `roles` at a scope covering the project. A business unit's PMO
 * administrator exists only for a decentralized unit (access.ts), so such a grant is that unit's PMO.
 */
function holdsRoleOver(actor: Actor, roles: readonly Role[], chain: ScopeChain): boolean {
  if (actor.system) return true;
  return actor.grants.some((grant) => roles.includes(grant.role) && grantCovers(grant, chain));
}

export function isPmoFor(actor: Actor, chain: ScopeChain): boolean {
  return holdsRoleOver(actor, ['pmo_admin'], chain);
}

export function mayDecideGate(actor: Actor, gate: Gate, chain: ScopeChain): boolean {
  return can(actor, 'decide_gate', chain) && holdsRoleOver(actor, decidingRoles[gate.deciderRole], chain);
}

export async function projectWithPlacement(q: Queryable, actor: Actor, projectId: string) {
  const project = await findRow<Project>(q, projects, actor.orgId, projectId);
  if (!project) throw new NotFoundError('project', projectId);
  const chain = await placementOfParents(q, actor.orgId, { ...project, projectId: project.id });
  return { project, chain };
}

/**
 * The configured stage a project stands in: after the gate of its latest decision on a go, at that gate's
 * stage on a hold or a recycle; without decisions, the first stage mapped to its project stage, else the
 * first stage. Null once it is terminated.
 */
export function currentStage(
  lifecycle: Lifecycle,
  project: Pick<Project, 'stage'>,
  latest: { gateId: string; decision: string } | null,
): Stage | null {
  if (project.stage === 'terminated') return null;
  const stages = lifecycle.stages;
  const decided = latest ? stages.findIndex((stage) => stage.gate?.id === latest.gateId) : -1;
  if (latest && decided >= 0) return stages[latest.decision === 'go' ? decided + 1 : decided] ?? null;
  return stages.find((stage) => stage.projectStage === project.stage) ?? stages[0] ?? null;
}

/** Moves the project's stage at the version the decider read, with the project's own audit entry. */
export async function setProjectStage(tx: Queryable, actor: Actor, project: Project, stage: string) {
  if (!(await updateRow(tx, projects, actor.orgId, project.id, project.version, { stage })))
    throw new ConflictError('the project changed since you read it; reload and try again');
  const after = await findRow<Project>(tx, projects, actor.orgId, project.id);
  await audit(tx, actor, 'project', project.id, 'update', project, after);
  await refreshOnStageChange(tx, actor.orgId, project.id, project.stage, stage);
}
