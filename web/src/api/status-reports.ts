import { request } from './client.ts';
import type { Page } from './types.ts';

// Shapes of the status-report API (`/api/v1/status-reports`, `/projects/:id/status-reports`).

export type Rag = 'green' | 'amber' | 'red';
export type ReportStatus = 'draft' | 'submitted' | 'reviewed';
export type Frequency = 'weekly' | 'fortnightly' | 'monthly';
export const RAG_FIELDS = [
  ['overallRag', 'Overall'],
  ['scheduleRag', 'Schedule'],
  ['costRag', 'Cost'],
  ['scopeRag', 'Scope'],
  ['resourcesRag', 'Resources'],
  ['riskRag', 'Risk'],
  ['qualityRag', 'Quality'],
] as const;
export type RagField = (typeof RAG_FIELDS)[number][0];
/** The dimension name the indicators and disagreements use for each rating field. */
export const dimensionOf = (field: RagField) => field.replace(/Rag$/, '');

export interface Indicator {
  key: 'spi' | 'cpi' | 'lateMilestones' | 'highRisks' | 'scheduleSlip';
  dimension: string;
  label: string;
  value: number | null;
  rag: Rag | null;
  explanation: string;
}

export interface ComputedIndicators {
  statusDate: string;
  financialsAsOf: string | null;
  indicators: Indicator[];
  lateMilestones: { taskId: string; name: string; finish: string }[];
  openHighRisks: { riskId: string; reference: number; title: string; score: number }[];
  baselineFinish: string | null;
  forecastFinish: string | null;
  dimensions: Record<string, Rag>;
  overall: Rag | null;
}

export interface Disagreement {
  dimension: string;
  selfAssessed: Rag;
  computed: Rag;
  reason: string;
}

export interface ReportBody {
  periodStart: string;
  periodEnd: string;
  overallRag: Rag | null;
  scheduleRag: Rag | null;
  costRag: Rag | null;
  scopeRag: Rag | null;
  resourcesRag: Rag | null;
  riskRag: Rag | null;
  qualityRag: Rag | null;
  narrative: string;
  achievements: string;
  nextSteps: string;
  decisionsNeeded: string;
}

export interface StatusReport extends ReportBody {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  programId: string | null;
  programName: string | null;
  status: ReportStatus;
  createdByName: string | null;
  submittedByName: string | null;
  submittedAt: string | null;
  indicators: ComputedIndicators | null;
  disagreements: Disagreement[];
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  commentCount: number;
}

export interface ReportComment {
  id: string;
  reportId: string;
  parentId: string | null;
  authorLabel: string;
  body: string;
  createdAt: string;
}

export interface StatusReportDetail extends StatusReport {
  liveIndicators: ComputedIndicators;
  liveDisagreements: Disagreement[];
  comments: ReportComment[];
  allowed: { edit: boolean; submit: boolean; review: boolean; comment: boolean };
}

export interface LateReport {
  projectId: string;
  projectCode: string;
  projectName: string;
  programId: string | null;
  programName: string | null;
  managerName: string | null;
  frequency: Frequency;
  dueDate: string;
  daysLate: number;
  lastPeriodEnd: string | null;
  lastSubmittedAt: string | null;
}

export interface CadenceRead {
  projectId: string;
  cadence: { frequency: Frequency; anchorDate: string; graceDays: number; version: number } | null;
  nextDueDate: string | null;
  missedDueDate: string | null;
}

export const statusKeys = {
  all: ['status-reports'] as const,
  project: (projectId: string) => ['status-reports', 'project', projectId] as const,
  item: (id: string) => ['status-reports', 'item', id] as const,
  cadence: (projectId: string) => ['status-reports', 'cadence', projectId] as const,
  awaiting: ['status-reports', 'awaiting'] as const,
  recent: ['status-reports', 'recent'] as const,
  late: ['status-reports', 'late'] as const,
};

export const statusApi = {
  ofProject(projectId: string, signal?: AbortSignal) {
    return request<Page<StatusReport>>(`/projects/${projectId}/status-reports?pageSize=100`, { signal });
  },
  get(id: string, signal?: AbortSignal) {
    return request<StatusReportDetail>(`/status-reports/${id}`, { signal });
  },
  create(projectId: string, body: ReportBody) {
    return request<StatusReportDetail>(`/projects/${projectId}/status-reports`, { method: 'POST', body });
  },
  update(id: string, version: number, body: Partial<ReportBody>) {
    return request<StatusReportDetail>(`/status-reports/${id}`, { method: 'PATCH', body, version });
  },
  submit(id: string, version: number) {
    return request<StatusReportDetail>(`/status-reports/${id}/submit`, { method: 'POST', version });
  },
  review(id: string, note: string) {
    return request<StatusReportDetail>(`/status-reports/${id}/review`, { method: 'POST', body: { note } });
  },
  comment(id: string, body: string, parentId: string | null) {
    return request<StatusReportDetail>(`/status-reports/${id}/comments`, {
      method: 'POST',
      body: { body, parentId },
    });
  },
  list(status: ReportStatus | undefined, signal?: AbortSignal) {
    return request<Page<StatusReport>>(`/status-reports?pageSize=200${status ? `&status=${status}` : ''}`, {
      signal,
    });
  },
  late(signal?: AbortSignal) {
    return request<Page<LateReport>>('/status-reports/late?pageSize=200', { signal });
  },
  lateIn(scope: { scopeType: string; scopeId?: string }, pageSize: number, signal?: AbortSignal) {
    const params = new URLSearchParams({ scopeType: scope.scopeType, pageSize: String(pageSize) });
    if (scope.scopeId) params.set('scopeId', scope.scopeId);
    return request<Page<LateReport>>(`/status-reports/late?${params}`, { signal });
  },
  cadence(projectId: string, signal?: AbortSignal) {
    return request<CadenceRead>(`/projects/${projectId}/reporting-cadence`, { signal });
  },
  setCadence(
    projectId: string,
    body: { frequency: Frequency; anchorDate: string; graceDays: number },
    version?: number,
  ) {
    return request<CadenceRead>(`/projects/${projectId}/reporting-cadence`, {
      method: 'PUT',
      body,
      ...(version === undefined ? {} : { version }),
    });
  },
};

export interface Thresholds {
  spiAmber: number;
  spiRed: number;
  cpiAmber: number;
  cpiRed: number;
  lateMilestonesAmber: number;
  lateMilestonesRed: number;
  highRisksAmber: number;
  highRisksRed: number;
  slipDaysAmber: number;
  slipDaysRed: number;
  version: number;
}

export const thresholdsKey = ['status-thresholds'] as const;
export const thresholdsApi = {
  get(signal?: AbortSignal) {
    return request<Thresholds>('/status-thresholds', { signal });
  },
  save(version: number, body: Omit<Thresholds, 'version'>) {
    return request<Thresholds>('/status-thresholds', { method: 'PUT', body, version });
  },
};
