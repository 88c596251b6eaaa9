import type { Grant, Me, Role } from '../api/types.ts';

/**
 * Where an entity sits in the scope hierarchy. A grant at any of these scopes (or at the
 * organization) covers the entity.
 */
export interface ScopeContext {
  businessUnitIds?: (string | null | undefined)[];
  portfolioId?: string | null;
  programId?: string | null;
  projectId?: string | null;
}

export type Action =
  | 'admin'
  | 'businessUnit.manage'
  | 'objective.manage'
  | 'portfolio.create'
  | 'portfolio.edit'
  | 'program.create'
  | 'program.edit'
  | 'project.create'
  | 'project.edit'
  | 'project.stage'
  | 'project.members'
  | 'risk.manage'
  | 'change.request'
  | 'change.decide'
  | 'resource.manage'
  | 'pool.manage'
  | 'status.submit'
  | 'status.review'
  | 'proposal.submit'
  | 'intake.triage'
  | 'scoring.manage'
  | 'proposal.evaluate'
  | 'scenario.manage';

// Mirrors the server's rules closely enough to hide buttons that would fail; the API decides.
const ROLES_FOR: Record<Action, readonly Role[]> = {
  admin: ['pmo_admin'],
  'businessUnit.manage': ['pmo_admin'],
  'objective.manage': ['pmo_admin'],
  'portfolio.create': ['pmo_admin'],
  'portfolio.edit': ['pmo_admin', 'portfolio_manager'],
  'program.create': ['pmo_admin', 'portfolio_manager'],
  'program.edit': ['pmo_admin', 'portfolio_manager', 'program_manager'],
  'project.create': ['pmo_admin', 'portfolio_manager', 'program_manager'],
  'project.edit': ['pmo_admin', 'portfolio_manager', 'program_manager', 'project_manager'],
  // Stages otherwise move through gate reviews; setting one directly is the PMO's correction.
  'project.stage': ['pmo_admin'],
  'project.members': ['pmo_admin', 'portfolio_manager', 'program_manager', 'project_manager'],
  'risk.manage': ['pmo_admin', 'portfolio_manager', 'program_manager', 'project_manager'],
  'change.request': ['pmo_admin', 'portfolio_manager', 'program_manager', 'project_manager'],
  'change.decide': ['pmo_admin', 'portfolio_manager', 'program_manager'],
  // Resources of a unit: its resource managers; roles and skills: the organization's (pool.manage).
  'resource.manage': ['pmo_admin', 'resource_manager'],
  'pool.manage': ['pmo_admin', 'resource_manager'],
  'status.submit': ['pmo_admin', 'portfolio_manager', 'program_manager', 'project_manager'],
  'status.review': ['pmo_admin', 'portfolio_manager', 'program_manager'],
  'proposal.submit': ['pmo_admin', 'portfolio_manager', 'program_manager'],
  // Triage is the PMO's: the organization's, or a decentralized unit's (the API checks which).
  'intake.triage': ['pmo_admin'],
  'scoring.manage': ['pmo_admin'],
  'proposal.evaluate': ['pmo_admin', 'portfolio_manager'],
  'scenario.manage': ['pmo_admin', 'portfolio_manager'],
};

// Actions that only make sense organization-wide.
const ORG_ONLY: ReadonlySet<Action> = new Set(['admin', 'objective.manage', 'pool.manage', 'scoring.manage']);

function covers(grant: Grant, ctx: ScopeContext): boolean {
  switch (grant.scopeType) {
    case 'organization':
      return true;
    case 'business_unit':
      return !!ctx.businessUnitIds?.some((id) => id && id === grant.scopeId);
    case 'portfolio':
      return !!ctx.portfolioId && ctx.portfolioId === grant.scopeId;
    case 'program':
      return !!ctx.programId && ctx.programId === grant.scopeId;
    case 'project':
      return !!ctx.projectId && ctx.projectId === grant.scopeId;
  }
}

/**
 * Whether the signed-in user may perform `action` on something at `ctx`. Without a
 * context the question is "anywhere?" — used for buttons like "New project" on a list.
 */
export function can(me: Me | undefined, action: Action, ctx?: ScopeContext): boolean {
  if (!me) return false;
  const roles = ROLES_FOR[action];
  return me.grants.some((g) => {
    if (!roles.includes(g.role)) return false;
    if (ORG_ONLY.has(action)) return g.scopeType === 'organization';
    return ctx ? covers(g, ctx) : true;
  });
}
