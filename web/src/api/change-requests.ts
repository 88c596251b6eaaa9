import { request } from './client.ts';
import type { Page } from './types.ts';

// Shapes of the change-control API (`/api/v1/change-requests`, `/change-decisions`).

export type ChangeStatus = 'submitted' | 'under_review' | 'approved' | 'rejected' | 'deferred';
export type ChangeCategory = 'scope' | 'schedule' | 'cost' | 'quality' | 'resource' | 'other';
export type ChangeLevel = 'project' | 'program';
export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

export type ChangeOperation =
  | {
      op: 'update_task';
      taskId: string;
      changes: { durationMinutes?: number; constraintType?: string; constraintDate?: string | null };
    }
  | {
      op: 'add_task';
      taskId?: string;
      projectId: string;
      parentId?: string | null;
      name: string;
      durationMinutes: number;
    }
  | { op: 'delete_task'; taskId: string }
  | { op: 'add_link'; predecessorId: string; successorId: string; type?: LinkType; lagMinutes?: number }
  | { op: 'remove_link'; predecessorId: string; successorId: string }
  | { op: 'update_link'; predecessorId: string; successorId: string; type?: LinkType; lagMinutes?: number };

export interface ChangeImpact {
  computedAt: string;
  projects: {
    projectId: string;
    code: string;
    name: string;
    oldFinish: string | null;
    newFinish: string | null;
    deltaWorkingDays: number;
    deltaCalendarDays: number;
  }[];
  tasks: {
    taskId: string;
    projectId: string;
    name: string;
    change: 'moved' | 'added' | 'removed';
    oldStart: string | null;
    oldFinish: string | null;
    newStart: string | null;
    newFinish: string | null;
  }[];
  criticalPath: { added: { id: string; name: string }[]; removed: { id: string; name: string }[] };
  cost: { entered: number; derived: number | null; total: number; note: string };
}

export interface ChangeDecisionEntry {
  id: string;
  changeRequestId: string;
  number: number;
  title: string;
  fromStatus: ChangeStatus | null;
  toStatus: ChangeStatus;
  actorLabel: string;
  note: string;
  at: string;
}

export interface ChangeRequest {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  number: number;
  scopeType: ChangeLevel;
  projectId: string | null;
  programId: string | null;
  scopeName: string;
  title: string;
  reason: string;
  description: string;
  category: ChangeCategory;
  requestedByName: string | null;
  status: ChangeStatus;
  costImpact: number;
  operations: ChangeOperation[];
  impact: ChangeImpact | null;
  impactComputedAt: string | null;
  applyError: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  appliedAt: string | null;
}

export interface ChangeRequestDetail extends ChangeRequest {
  decisions: ChangeDecisionEntry[];
  allowed: { edit: boolean; review: boolean; decide: boolean; recompute: boolean };
}

export interface ChangeRequestBody {
  title: string;
  reason: string;
  description: string;
  category: ChangeCategory;
  costImpact: number;
  operations: ChangeOperation[];
}

/** The plan fields the operations editor needs. */
export interface PlanTask {
  id: string;
  projectId: string;
  name: string;
  durationMinutes: number;
  isSummary: boolean;
  earlyStart: string | null;
  earlyFinish: string | null;
}
export interface PlanLink {
  id: string;
  predecessorId: string;
  predecessorProjectId: string;
  successorId: string;
  successorProjectId: string;
  type: LinkType;
  lagMinutes: number;
}
export interface ScopePlan {
  tasks: Page<PlanTask>;
  links: PlanLink[];
  /** A program's projects (the program Gantt sends them). */
  projects?: { id: string; code: string; name: string }[];
}

export const changeKeys = {
  all: ['change-requests'] as const,
  list: (level: ChangeLevel, id: string) => ['change-requests', 'list', level, id] as const,
  item: (id: string) => ['change-requests', 'item', id] as const,
  log: (level: ChangeLevel, id: string) => ['change-requests', 'log', level, id] as const,
  plan: (level: ChangeLevel, id: string) => ['change-requests', 'plan', level, id] as const,
  tasks: (projectId: string) => ['change-requests', 'tasks', projectId] as const,
};

export const changeApi = {
  list(level: ChangeLevel, id: string, signal?: AbortSignal) {
    return request<Page<ChangeRequest>>(`/${level}s/${id}/change-requests?pageSize=200`, { signal });
  },
  get(id: string, signal?: AbortSignal) {
    return request<ChangeRequestDetail>(`/change-requests/${id}`, { signal });
  },
  create(level: ChangeLevel, id: string, body: ChangeRequestBody) {
    return request<ChangeRequestDetail>(`/${level}s/${id}/change-requests`, { method: 'POST', body });
  },
  update(id: string, version: number, body: Partial<ChangeRequestBody>) {
    return request<ChangeRequestDetail>(`/change-requests/${id}`, { method: 'PATCH', body, version });
  },
  review(id: string, note: string) {
    return request<ChangeRequestDetail>(`/change-requests/${id}/review`, { method: 'POST', body: { note } });
  },
  recompute(id: string) {
    return request<ChangeRequestDetail>(`/change-requests/${id}/impact`, { method: 'POST' });
  },
  decide(id: string, decision: 'approve' | 'reject' | 'defer', note: string) {
    return request<ChangeRequestDetail>(`/change-requests/${id}/decision`, {
      method: 'POST',
      body: { decision, note },
    });
  },
  log(level: ChangeLevel, id: string, signal?: AbortSignal) {
    return request<{ items: ChangeDecisionEntry[] }>(`/change-decisions?scopeType=${level}&scopeId=${id}`, {
      signal,
    });
  },
  /** The scope's tasks and links (a program's: every project's), for picking what a change touches. */
  plan(level: ChangeLevel, id: string, signal?: AbortSignal) {
    return request<ScopePlan>(`/${level}s/${id}/gantt?pageSize=2000`, { signal });
  },
  tasks(projectId: string, signal?: AbortSignal) {
    return request<Page<PlanTask>>(`/projects/${projectId}/tasks?pageSize=2000`, { signal });
  },
};

export const statusColors: Record<ChangeStatus, string> = {
  submitted: 'blue',
  under_review: 'yellow',
  approved: 'green',
  rejected: 'red',
  deferred: 'gray',
};

export const DAY_MINUTES = 480;
