// Shapes of the risk register, issues log, escalation and notifications API.

export type RiskLevel = 'project' | 'program' | 'portfolio' | 'business_unit' | 'organization';
export type Band = 'green' | 'amber' | 'red';
export type RiskStatus = 'open' | 'monitoring' | 'occurred' | 'closed';
export type RiskKind = 'threat' | 'opportunity';
export type IssuePriority = 'low' | 'medium' | 'high' | 'critical';
export type IssueStatus = 'open' | 'in_progress' | 'resolved' | 'closed';

interface Leveled {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  reference: number;
  scopeType: RiskLevel;
  scopeId: string | null;
  scopeName: string | null;
  originScopeType: RiskLevel;
  originScopeId: string | null;
  originScopeName: string | null;
  escalationLevel: number;
  escalatedAt: string | null;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
}

export interface Risk extends Leveled {
  kind: RiskKind;
  cause: string;
  event: string;
  effect: string;
  categoryId: string | null;
  categoryName: string | null;
  probability: number;
  impactSchedule: number;
  impactCost: number;
  impactScope: number;
  impactQuality: number;
  probabilityLevel: number;
  impactLevel: number;
  score: number;
  band: Band | null;
  residualProbability: number | null;
  residualImpactSchedule: number | null;
  residualImpactCost: number | null;
  residualImpactScope: number | null;
  residualImpactQuality: number | null;
  residualScore: number | null;
  proximity: string | null;
  trigger: string;
  strategy: string | null;
  status: RiskStatus;
  projectIds: string[];
  projectNames: string[];
}

export interface Issue extends Leveled {
  description: string;
  priority: IssuePriority;
  dueDate: string | null;
  status: IssueStatus;
  resolution: string;
  riskId: string | null;
  riskTitle: string | null;
}

export interface HeatMap {
  residual: boolean;
  probabilityLevels: { level: number; label: string; upTo: number }[];
  impactLevels: { level: number; label: string }[];
  cells: { count: number; score: number; band: Band }[][];
  total: number;
}

export interface RiskAction {
  id: string;
  version: number;
  riskId: string;
  title: string;
  description: string;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'cancelled';
  doneDate: string | null;
  overdue: boolean;
}

export interface RiskTask {
  taskId: string;
  taskName: string;
  projectId: string;
  projectCode: string;
  impactOptimisticMinutes: number;
  impactLikelyMinutes: number;
  impactPessimisticMinutes: number;
}

export interface Escalation {
  id: string;
  fromScopeType: RiskLevel;
  fromScopeName: string | null;
  toScopeType: RiskLevel;
  toScopeName: string | null;
  actorName: string | null;
  reason: string;
  automatic: boolean;
  at: string;
}

export interface InboxItem {
  itemType: 'risk' | 'issue';
  id: string;
  reference: number;
  title: string;
  scopeType: RiskLevel;
  scopeName: string | null;
  originScopeType: RiskLevel;
  originScopeName: string | null;
  score: number | null;
  priority: IssuePriority | null;
  escalatedAt: string | null;
  reason: string | null;
}

export interface Notification {
  id: string;
  kind:
    | 'escalation'
    | 'assignment'
    | 'action_overdue'
    | 'project_terminated'
    | 'report_late'
    | 'report_reviewed'
    | 'report_comment'
    | 'announcement'
    | 'reminder';
  entityType: string;
  entityId: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

export const BAND_COLORS: Record<Band, string> = { green: '#2f9e44', amber: '#f59f00', red: '#e03131' };
export const RISK_STATUSES: readonly RiskStatus[] = ['open', 'monitoring', 'occurred', 'closed'];
export const ISSUE_PRIORITIES: readonly IssuePriority[] = ['low', 'medium', 'high', 'critical'];
export const ISSUE_STATUSES: readonly IssueStatus[] = ['open', 'in_progress', 'resolved', 'closed'];
export const THREAT_STRATEGIES = ['avoid', 'mitigate', 'transfer', 'accept'] as const;
export const OPPORTUNITY_STRATEGIES = ['exploit', 'enhance', 'share', 'accept'] as const;
