import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, toQuery } from './client.ts';
import type { ListParams, Page } from './types.ts';

export type Oversight = 'intensive' | 'standard' | 'light';
export type ComplianceStatus = 'compliant' | 'at_risk' | 'non_compliant' | 'not_assessed';

export interface QualityStandard {
  id: string;
  version: number;
  code: string;
  name: string;
  description: string;
  projectType: string | null;
  requiredFrom: Oversight;
  active: boolean;
  checklist: { id: string; position: number; text: string }[];
}
export interface Inspection {
  id: string;
  version: number;
  projectId: string;
  standardId: string;
  standardName: string;
  kind: 'inspection' | 'audit';
  title: string;
  heldOn: string;
  inspectorName: string | null;
  notes: string;
  results: { itemId: string; text: string; result: 'pass' | 'fail' | 'na'; note: string }[];
  passed: number;
  failed: number;
}
export interface Finding {
  id: string;
  version: number;
  inspectionId: string;
  projectId: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  description: string;
  status: 'open' | 'closed';
}
export interface CorrectiveAction {
  id: string;
  version: number;
  findingId: string;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: 'open' | 'in_progress' | 'done';
  doneOn: string | null;
}
export interface ComplianceFigures {
  applicableChecks: number;
  checksPassed: number;
  passRate: number | null;
  openFindings: { low: number; medium: number; high: number; critical: number };
  overdueActions: number;
  status: ComplianceStatus;
}
export interface RollupRow extends ComplianceFigures {
  id: string;
  name: string;
  projects: number;
  portfolioId?: string;
}
export interface Questionnaire {
  id: string;
  version: number;
  name: string;
  description: string;
  frozen: boolean;
  questions: { id: string; position: number; knowledgeArea: string; text: string }[];
}
export interface Assessment {
  id: string;
  version: number;
  questionnaireName: string;
  subjectType: 'user' | 'team';
  subjectUserId: string | null;
  subjectProjectId: string | null;
  subjectName: string;
  assessorName: string | null;
  assessedOn: string;
  score: number;
  level: number;
  oversight: Oversight;
  notes: string;
  areas: { knowledgeArea: string; mean: number }[];
}
export interface ManagerMaturity {
  userId: string;
  name: string;
  projects: number;
  level: number | null;
  assessedOn: string | null;
  oversight: Oversight;
}
export interface ProjectOversight {
  level: number | null;
  oversight: Oversight;
  reportingCadence: string;
  pmoReviewGates: string;
  applicableChecks: { id: string; code: string; name: string }[];
}
export interface OversightPolicy {
  version: number;
  standardFrom: number;
  lightFrom: number;
  intensiveCadence: string;
  standardCadence: string;
  lightCadence: string;
  intensiveGates: string;
  standardGates: string;
  lightGates: string;
}
export interface Mentorship {
  id: string;
  version: number;
  mentorId: string;
  mentorName: string;
  menteeId: string;
  menteeName: string;
  goals: string;
  startsOn: string;
  endsOn: string | null;
  status: 'active' | 'completed' | 'cancelled';
  sessions: number;
}
export interface MentoringSession {
  id: string;
  heldOn: string;
  notes: string;
  followUps: string;
}
export interface Stakeholder {
  id: string;
  version: number;
  name: string;
  organization: string;
  role: string;
  influence: number;
  interest: number;
  attitude: string;
  engagementCurrent: string;
  engagementDesired: string;
}
export interface CommunicationPlan {
  id: string;
  version: number;
  audience: string;
  content: string;
  cadence: string;
  channel: string;
  ownerId: string | null;
  ownerName: string | null;
  nextDue: string;
}
export interface Announcement {
  id: string;
  scopeType: string;
  scopeName: string | null;
  title: string;
  body: string;
  sendEmail: boolean;
  authorName: string | null;
  recipients: number;
  createdAt: string;
}
export interface OutboxEmail {
  id: string;
  version: number;
  to: string;
  subject: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  sourceType: string | null;
  createdAt: string;
}

type Body = Record<string, unknown>;
const post = <T>(path: string, body: Body) => request<T>(path, { method: 'POST', body });
const patch = <T>(path: string, version: number, body: Body) =>
  request<T>(path, { method: 'PATCH', body, version });
const list = <T>(path: string, params: ListParams, signal?: AbortSignal) =>
  request<Page<T>>(`${path}${toQuery({ pageSize: 500, ...params })}`, { signal });

/** The quality, maturity and communication calls the web app makes. */
export const qualityApi = {
  standards: (signal?: AbortSignal) => list<QualityStandard>('/quality-standards', { sort: 'code' }, signal),
  inspections: (projectId: string, signal?: AbortSignal) =>
    list<Inspection>('/inspections', { projectId }, signal),
  createInspection: (body: Body) => post<Inspection>('/inspections', body),
  findings: (projectId: string, signal?: AbortSignal) =>
    list<Finding>('/quality-findings', { projectId, sort: 'severity' }, signal),
  createFinding: (body: Body) => post<Finding>('/quality-findings', body),
  updateFinding: (id: string, version: number, body: Body) =>
    patch<Finding>(`/quality-findings/${id}`, version, body),
  actions: (projectId: string, signal?: AbortSignal) =>
    list<CorrectiveAction>('/corrective-actions', { projectId, sort: 'dueDate' }, signal),
  createAction: (body: Body) => post<CorrectiveAction>('/corrective-actions', body),
  updateAction: (id: string, version: number, body: Body) =>
    patch<CorrectiveAction>(`/corrective-actions/${id}`, version, body),
  projectCompliance: (projectId: string, signal?: AbortSignal) =>
    request<ComplianceFigures & { oversight: Oversight }>(`/projects/${projectId}/compliance`, { signal }),
  rollup: (signal?: AbortSignal) =>
    request<{ portfolios: RollupRow[]; programs: RollupRow[] }>('/quality/compliance', { signal }),
  questionnaires: (signal?: AbortSignal) => list<Questionnaire>('/maturity-questionnaires', {}, signal),
  assessments: (params: ListParams, signal?: AbortSignal) =>
    list<Assessment>('/maturity-assessments', { sort: 'assessedOn', order: 'asc', ...params }, signal),
  createAssessment: (body: Body) => post<Assessment>('/maturity-assessments', body),
  managers: (signal?: AbortSignal) => request<ManagerMaturity[]>('/maturity/project-managers', { signal }),
  projectOversight: (projectId: string, signal?: AbortSignal) =>
    request<ProjectOversight>(`/projects/${projectId}/oversight`, { signal }),
  oversightPolicy: (signal?: AbortSignal) => request<OversightPolicy>('/oversight-policy', { signal }),
  saveOversightPolicy: (version: number, body: Body) =>
    request<OversightPolicy>('/oversight-policy', { method: 'PUT', body, version }),
  createStandard: (body: Body) => post<QualityStandard>('/quality-standards', body),
  mentorships: (signal?: AbortSignal) => list<Mentorship>('/mentorships', { sort: 'startsOn' }, signal),
  createMentorship: (body: Body) => post<Mentorship>('/mentorships', body),
  sessions: (id: string, signal?: AbortSignal) =>
    request<MentoringSession[]>(`/mentorships/${id}/sessions`, { signal }),
  addSession: (id: string, body: Body) => post<MentoringSession>(`/mentorships/${id}/sessions`, body),
  stakeholders: (projectId: string, signal?: AbortSignal) =>
    list<Stakeholder>('/stakeholders', { projectId, sort: 'influence', order: 'desc' }, signal),
  createStakeholder: (body: Body) => post<Stakeholder>('/stakeholders', body),
  plans: (projectId: string, signal?: AbortSignal) =>
    list<CommunicationPlan>('/communication-plans', { projectId, sort: 'nextDue' }, signal),
  createPlan: (body: Body) => post<CommunicationPlan>('/communication-plans', body),
  updatePlan: (id: string, version: number, body: Body) =>
    patch<CommunicationPlan>(`/communication-plans/${id}`, version, body),
  announcements: (signal?: AbortSignal) =>
    request<Page<Announcement>>('/announcements?pageSize=100', { signal }),
  announce: (body: Body) => post<Announcement>('/announcements', body),
  outbox: (status: string | null, signal?: AbortSignal) =>
    list<OutboxEmail>(
      '/email-outbox',
      { sort: 'createdAt', order: 'desc', status: status ?? undefined },
      signal,
    ),
  mailSettings: (signal?: AbortSignal) =>
    request<{ version: number; smtpUrl: string; fromAddress: string; own: boolean }>('/mail-settings', {
      signal,
    }),
  saveMailSettings: (version: number, body: Body) =>
    request<{ version: number }>('/mail-settings', { method: 'PUT', body, version }),
  retryEmail: (id: string, version: number) =>
    request<OutboxEmail>(`/email-outbox/${id}/retry`, { method: 'POST', version }),
};

/** Query keys; everything of this area sits under one root so a change can refresh it all. */
export const qualityKey = (...parts: Array<string | null | undefined>) => ['quality', ...parts] as const;

export function useQualityQuery<T>(
  parts: Array<string | null | undefined>,
  fn: (signal: AbortSignal) => Promise<T>,
  enabled = true,
) {
  return useQuery({ queryKey: qualityKey(...parts), queryFn: ({ signal }) => fn(signal), enabled });
}

/** A write of this area; on success everything of the area (and the bell) is read again. */
export function useQualityMutation<V, R>(fn: (variables: V) => Promise<R>, onDone?: (result: R) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (result) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['quality'] }),
        qc.invalidateQueries({ queryKey: ['notifications'] }),
      ]);
      onDone?.(result);
    },
  });
}
