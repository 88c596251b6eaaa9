import type { Role, ScopeType } from '../model/access.ts';

/**
 * The one place that decides who may read or change what. Every service asks here first; lists use
 * `visibility` to filter in SQL, so a page never holds rows its reader may not see.
 */
export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

export interface Actor {
  orgId: string;
  userId: string | null;
  /** Shown in the audit log. */
  label: string;
  grants: readonly Grant[];
  /** The CLI's operator actions (migrate, seed, user create) act as the system with every right. */
  system?: boolean;
}

export type Capability =
  | 'read'
  | 'manage_org'
  | 'manage_access'
  | 'manage_business_units'
  | 'create_portfolio'
  | 'update_portfolio'
  | 'delete_portfolio'
  | 'create_program'
  | 'update_program'
  | 'delete_program'
  | 'create_project'
  | 'update_project'
  | 'delete_project'
  /** Raise and manage risks, issues and their actions; escalate them; keep estimates and run simulations. */
  | 'manage_risks'
  /** Raise a change request against a project or a program. */
  | 'request_change'
  /** Rule on change requests; which role decides at which scope is the organization's setting. */
  | 'decide_change'
  /** Keep the resource pool (resources, rates, skills, roles) and fill staffing requests with bookings. */
  | 'manage_resources'
  /** Decide at a stage gate; the gate names the least role that may (pmo > portfolio > program manager). */
  | 'decide_gate'
  /** Stop a project for good, releasing its bookings: the PMO's power. */
  | 'terminate_project'
  /** Configure the lifecycles (stages, gates, criteria) and rule on proposed changes to standards. */
  | 'manage_lifecycle'
  /** Record lessons learned on a project and propose changes to templates and standards from them. */
  | 'capture_lessons'
  /** Write and submit a project's periodic status report. */
  | 'submit_status_report'
  /** Review submitted status reports and comment on them; set a project's reporting cadence. */
  | 'review_status_report'
  /** Keep quality standards, record inspections and audits, their findings and corrective actions. */
  | 'manage_quality'
  /** Assess the maturity of project managers and teams, keep questionnaires, oversight policy and mentoring. */
  | 'assess_maturity'
  /** Keep stakeholder registers and communication plans. */
  | 'manage_communication'
  /** Send an announcement to everyone within a scope. */
  | 'announce'
  /** Keep a project's budget, actual costs and forecasts (and, with update_program/update_portfolio, envelopes). */
  | 'manage_finance'
  /** Keep process assets and project templates: create, publish, retire (an asset's owner drafts its versions). */
  | 'manage_knowledge'
  /** Keep a project's configuration items, approve their versions (through change requests) and baseline them. */
  | 'manage_configuration'
  /** Draft, edit and submit project proposals in a portfolio. */
  | 'submit_proposal'
  /** Triage submitted proposals (accept, reject, defer); checked at the PMO above the proposal. */
  | 'triage_intake'
  /** Keep the organization's scoring models and name their evaluators. */
  | 'manage_scoring'
  /** Score candidates under a scoring model (people a model names may score too). */
  | 'evaluate_proposals'
  /** Build, optimize, compare and promote portfolio scenarios. */
  | 'manage_scenarios'
  /** Keep the organization's calendars (work weeks, holidays, the default); a resource's own calendar is manage_resources. */
  | 'manage_calendars';

const capabilitiesByRole: Record<Role, ReadonlySet<Capability>> = {
  pmo_admin: new Set<Capability>([
    'read',
    'manage_org',
    'manage_access',
    'manage_business_units',
    'create_portfolio',
    'update_portfolio',
    'delete_portfolio',
    'create_program',
    'update_program',
    'delete_program',
    'create_project',
    'update_project',
    'delete_project',
    'manage_risks',
    'request_change',
    'decide_change',
    'manage_resources',
    'decide_gate',
    'terminate_project',
    'manage_lifecycle',
    'capture_lessons',
    'submit_status_report',
    'review_status_report',
    'manage_quality',
    'assess_maturity',
    'manage_communication',
    'announce',
    'manage_finance',
    'manage_knowledge',
    'manage_configuration',
    'submit_proposal',
    'triage_intake',
    'manage_scoring',
    'evaluate_proposals',
    'manage_scenarios',
    'manage_calendars',
  ]),
  portfolio_manager: new Set<Capability>([
    'read',
    'update_portfolio',
    'create_program',
    'update_program',
    'delete_program',
    'create_project',
    'update_project',
    'delete_project',
    'manage_risks',
    'request_change',
    'decide_change',
    'decide_gate',
    'capture_lessons',
    'submit_status_report',
    'review_status_report',
    'manage_quality',
    'manage_communication',
    'manage_finance',
    'manage_configuration',
    'submit_proposal',
    'evaluate_proposals',
    'manage_scenarios',
  ]),
  program_manager: new Set<Capability>([
    'read',
    'update_program',
    'create_project',
    'update_project',
    'manage_risks',
    'request_change',
    'decide_change',
    'decide_gate',
    'capture_lessons',
    'submit_status_report',
    'review_status_report',
    'manage_quality',
    'manage_communication',
    'manage_finance',
    'manage_configuration',
    'submit_proposal',
  ]),
  project_manager: new Set<Capability>([
    'read',
    'update_project',
    'manage_risks',
    'request_change',
    'capture_lessons',
    'submit_status_report',
    'manage_quality',
    'manage_communication',
    'manage_finance',
    'manage_configuration',
  ]),
  team_member: new Set<Capability>(['read']),
  executive_viewer: new Set<Capability>(['read']),
  resource_manager: new Set<Capability>(['read', 'manage_resources']),
};

/**
 * Where an entity sits: the business units above it (nearest first, itself included for a unit),
 * and its portfolio, program and project. A grant at any of these scopes covers the entity.
 */
export interface ScopeChain {
  businessUnitIds: readonly string[];
  portfolioId?: string | null;
  programId?: string | null;
  projectId?: string | null;
}

export const organizationChain: ScopeChain = { businessUnitIds: [] };

export function grantCovers(grant: Grant, chain: ScopeChain): boolean {
  switch (grant.scopeType) {
    case 'organization':
      return true;
    case 'business_unit':
      return grant.scopeId !== null && chain.businessUnitIds.includes(grant.scopeId);
    case 'portfolio':
      return grant.scopeId !== null && grant.scopeId === chain.portfolioId;
    case 'program':
      return grant.scopeId !== null && grant.scopeId === chain.programId;
    case 'project':
      return grant.scopeId !== null && grant.scopeId === chain.projectId;
  }
}

/** True when one of the actor's grants carries `capability` at a scope that covers `chain`. */
export function can(actor: Actor, capability: Capability, chain: ScopeChain): boolean {
  if (actor.system) return true;
  return actor.grants.some(
    (grant) => capabilitiesByRole[grant.role].has(capability) && grantCovers(grant, chain),
  );
}

export function capabilitiesOf(role: Role): ReadonlySet<Capability> {
  return capabilitiesByRole[role];
}

/** Which rows of the project hierarchy an actor may read: everything, or what its grants name. */
export type Visibility =
  | { all: true }
  | {
      all: false;
      /** Business units granted directly; the repository expands them to their descendants. */
      businessUnitIds: string[];
      portfolioIds: string[];
      programIds: string[];
      projectIds: string[];
    };

export function visibility(actor: Actor): Visibility {
  if (actor.system) return { all: true };
  const readable = actor.grants.filter((grant) => capabilitiesByRole[grant.role].has('read'));
  if (readable.some((grant) => grant.scopeType === 'organization')) return { all: true };
  const ids = (type: ScopeType) =>
    readable.filter((grant) => grant.scopeType === type).map((grant) => grant.scopeId as string);
  return {
    all: false,
    businessUnitIds: ids('business_unit'),
    portfolioIds: ids('portfolio'),
    programIds: ids('program'),
    projectIds: ids('project'),
  };
}

/** Any signed-in member of the organization may read its directory: people, business units, objectives. */
export function isMember(actor: Actor, orgId: string): boolean {
  return actor.orgId === orgId;
}
