// Shapes of the Orrery REST API (`/api/v1`), as the web app uses them.
import type { Proposal, Scenario, ScoringModel } from './intake-types.ts';
import type { NamedEntry, Resource, StaffingRequest } from './resource-types.ts';
import type { Issue, Risk } from './risk-types.ts';

export type Role =
  | 'pmo_admin'
  | 'portfolio_manager'
  | 'program_manager'
  | 'project_manager'
  | 'team_member'
  | 'executive_viewer'
  | 'resource_manager';

export type ScopeType = 'organization' | 'business_unit' | 'portfolio' | 'program' | 'project';

export type Stage =
  | 'proposal'
  | 'initiation'
  | 'planning'
  | 'execution'
  | 'closing'
  | 'closed'
  | 'on_hold'
  | 'terminated';

export type Health = 'green' | 'amber' | 'red';
export type Methodology = 'predictive' | 'agile' | 'hybrid';
export type PmoMode = 'centralized' | 'decentralized';

export interface Org {
  id: string;
  name: string;
  currency: string;
}

export interface Grant {
  id: string;
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
  scopeName?: string | null;
}

export interface Me {
  user: { id: string; email: string; name: string; orgId?: string };
  org: Org;
  grants: Grant[];
}

export interface LoginResult {
  user: { id: string; email: string; name: string };
  org: Org;
}

export interface Entity {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BusinessUnit extends Entity {
  name: string;
  code: string;
  parentId: string | null;
  parentName?: string | null;
  pmoMode: PmoMode;
}

export interface Objective extends Entity {
  name: string;
  description: string;
  weight: number;
  ownerId: string | null;
  ownerName?: string | null;
  measure: string;
}

export interface Portfolio extends Entity {
  name: string;
  description: string;
  businessUnitId: string | null;
  businessUnitName?: string | null;
  managerId: string | null;
  managerName?: string | null;
}

export interface Program extends Entity {
  name: string;
  goal: string;
  portfolioId: string;
  portfolioName?: string | null;
  managerId: string | null;
  managerName?: string | null;
  expectedBenefits: string;
}

export interface Project extends Entity {
  code: string;
  name: string;
  description: string;
  managerId: string;
  managerName?: string | null;
  sponsorId: string;
  sponsorName?: string | null;
  businessUnitId: string;
  businessUnitName?: string | null;
  portfolioId: string;
  portfolioName?: string | null;
  programId: string | null;
  programName?: string | null;
  stage: Stage;
  methodology: Methodology;
  targetStart: string | null;
  targetFinish: string | null;
  budget: number;
  priority: number;
  health: Health | null;
}

export interface User extends Entity {
  email: string;
  name: string;
  isActive: boolean;
}

export interface RoleGrant extends Entity {
  userId: string;
  userName?: string | null;
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
  scopeName?: string | null;
}

export interface ProjectObjective {
  objectiveId: string;
  objectiveName: string;
  contribution: number;
}

export interface ProjectMember {
  userId: string;
  name: string;
  email: string;
  memberRole: string;
}

export type AuditEntityType =
  | 'business_unit'
  | 'objective'
  | 'portfolio'
  | 'program'
  | 'project'
  | 'user'
  | 'role_grant'
  | 'risk'
  | 'risk_action'
  | 'issue';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName?: string | null;
  action: 'create' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ItemsOf<T> {
  items: T[];
}

/** The collections that share the list / get / create / patch / delete contract. */
export interface Collections {
  'business-units': BusinessUnit;
  objectives: Objective;
  portfolios: Portfolio;
  programs: Program;
  projects: Project;
  users: User;
  'role-grants': RoleGrant;
  risks: Risk;
  issues: Issue;
  resources: Resource;
  'resource-roles': NamedEntry;
  skills: NamedEntry;
  'staffing-requests': StaffingRequest;
  proposals: Proposal;
  'scoring-models': ScoringModel;
  scenarios: Scenario;
}

export type CollectionName = keyof Collections;

export interface ListParams {
  page?: number;
  pageSize?: number;
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  [filter: string]: string | number | undefined | null;
}

export const STAGES: readonly Stage[] = [
  'proposal',
  'initiation',
  'planning',
  'execution',
  'closing',
  'closed',
  'on_hold',
  'terminated',
];
export const HEALTHS: readonly Health[] = ['green', 'amber', 'red'];
export const METHODOLOGIES: readonly Methodology[] = ['predictive', 'agile', 'hybrid'];
export const ROLES: readonly Role[] = [
  'pmo_admin',
  'portfolio_manager',
  'program_manager',
  'project_manager',
  'team_member',
  'executive_viewer',
  'resource_manager',
];
export const SCOPE_TYPES: readonly ScopeType[] = [
  'organization',
  'business_unit',
  'portfolio',
  'program',
  'project',
];
