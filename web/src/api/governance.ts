import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, toQuery } from './client.ts';
import type { ListParams, Page } from './types.ts';

// Shapes of the governance API: lifecycles and gate reviews, termination, benefits, lessons learned.

export type ProjectStageName = 'proposal' | 'initiation' | 'planning' | 'execution' | 'closing' | 'closed';
export type DeciderRole = 'pmo' | 'portfolio_manager' | 'program_manager';
export type GateDecision = 'go' | 'hold' | 'recycle' | 'terminate';
export type CriterionResult = 'met' | 'not_met' | 'waived';

export interface Criterion {
  id?: string;
  kind: 'document' | 'check';
  text: string;
  required: boolean;
}
export interface Gate {
  id?: string;
  name: string;
  deciderRole: DeciderRole;
  pmoReviewRequired: boolean;
  criteria: Criterion[];
}
export interface Stage {
  id?: string;
  name: string;
  position?: number;
  projectStage: ProjectStageName;
  gate: Gate | null;
}
export interface Lifecycle {
  id: string;
  version: number;
  name: string;
  description: string;
  businessUnitId: string | null;
  businessUnitName: string | null;
  stages: Stage[];
}

export interface GateReview {
  id: string;
  version: number;
  createdAt: string;
  projectId: string;
  gateId: string;
  gateName: string;
  stageName: string;
  status: 'open' | 'decided';
  decision: GateDecision | null;
  reason: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  pmoReviewedByName: string | null;
  pmoReviewedAt: string | null;
  pmoReviewNote: string | null;
  results: {
    criterionId: string;
    kind: 'document' | 'check';
    text: string;
    required: boolean;
    result: CriterionResult | null;
    evidence: string;
  }[];
}

export interface ProjectGates {
  projectId: string;
  projectStage: string;
  projectVersion: number;
  lifecycle: Lifecycle | null;
  currentStageId: string | null;
  currentGate: (Gate & { id: string }) | null;
  openReview: GateReview | null;
  reviews: GateReview[];
  canDecide: boolean;
  canTerminate: boolean;
}

export interface DecisionResult {
  review: GateReview;
  projectStage: string;
  projectVersion: number;
  lessonsRequested: 'closure' | 'termination' | null;
}

export interface TerminationImpact {
  projectId: string;
  projectName: string;
  projectStage: string;
  projectVersion: number;
  successors: {
    projectId: string;
    projectCode: string;
    projectName: string;
    managerName: string | null;
    links: number;
  }[];
  sharedRisks: { riskId: string; title: string; otherProjects: string[] }[];
  bookings: {
    bookingId: string;
    resourceName: string;
    kind: string;
    startDate: string;
    finishDate: string;
    units: number;
    release: 'cancel' | 'end';
  }[];
  openStaffingRequests: number;
  assignments: number;
}

export interface TerminationResult {
  projectStage: string;
  bookingsCancelled: number;
  bookingsEnded: number;
  staffingRequestsCancelled: number;
  notified: number;
  lessonsRequested: 'termination';
}

export type BenefitStatus = 'planned' | 'tracking' | 'achieved' | 'at_risk' | 'not_achieved' | 'cancelled';
export interface Benefit {
  id: string;
  version: number;
  programId: string | null;
  programName: string | null;
  projectId: string | null;
  projectName: string | null;
  projectStage: string | null;
  name: string;
  description: string;
  measure: string;
  unit: string;
  baseline: number;
  target: number;
  targetDate: string | null;
  ownerId: string | null;
  ownerName: string | null;
  status: BenefitStatus;
  latestValue: number | null;
  progress: number | null;
  measurements: { id: string; measuredOn: string; value: number; note: string }[];
}

export type LessonKind = 'success' | 'problem' | 'recommendation';
export type LessonSource = 'gate_review' | 'closure' | 'termination' | 'ad_hoc';
export interface Lesson {
  id: string;
  version: number;
  createdAt: string;
  projectId: string | null;
  projectCode: string | null;
  projectName: string | null;
  title: string;
  body: string;
  category: string;
  kind: LessonKind;
  source: LessonSource;
  tags: string[];
  authorName: string | null;
  risks: { id: string; title: string }[];
  rank: number | null;
}
export interface SuggestedLesson extends Lesson {
  reasons: string[];
  score: number;
}
export interface ChangeProposal {
  id: string;
  version: number;
  createdAt: string;
  lessonId: string;
  lessonTitle: string;
  targetKind: string;
  targetReference: string;
  targetAssetId: string | null;
  targetTemplateId: string | null;
  /** The linked asset's title or template's name. */
  targetTitle: string | null;
  proposedText: string;
  status: 'proposed' | 'accepted' | 'rejected' | 'implemented';
  decisionNote: string;
  proposedByName: string | null;
}

export const governanceEndpoints = {
  lifecycles: (signal?: AbortSignal) => request<Page<Lifecycle>>('/lifecycles?pageSize=500', { signal }),
  createLifecycle: (body: Omit<Lifecycle, 'id' | 'version' | 'businessUnitName'>) =>
    request<Lifecycle>('/lifecycles', { method: 'POST', body }),
  replaceLifecycle: (
    id: string,
    version: number,
    body: { name: string; description: string; stages: Stage[] },
  ) => request<Lifecycle>(`/lifecycles/${id}`, { method: 'PUT', body, version }),
  projectGates: (projectId: string, signal?: AbortSignal) =>
    request<ProjectGates>(`/projects/${projectId}/gates`, { signal }),
  openReview: (projectId: string, gateId: string) =>
    request<GateReview>(`/projects/${projectId}/gate-reviews`, { method: 'POST', body: { gateId } }),
  saveResults: (
    review: GateReview,
    results: { criterionId: string; result: CriterionResult | null; evidence: string }[],
  ) =>
    request<GateReview>(`/gate-reviews/${review.id}/results`, {
      method: 'PUT',
      body: { results },
      version: review.version,
    }),
  pmoReview: (review: GateReview, note: string) =>
    request<GateReview>(`/gate-reviews/${review.id}/pmo-review`, {
      method: 'POST',
      body: { note },
      version: review.version,
    }),
  decide: (reviewId: string, body: { decision: GateDecision; reason: string; expectedVersion: number }) =>
    request<DecisionResult>(`/gate-reviews/${reviewId}/decision`, { method: 'POST', body }),
  terminationImpact: (projectId: string, signal?: AbortSignal) =>
    request<TerminationImpact>(`/projects/${projectId}/termination-impact`, { signal }),
  terminate: (projectId: string, body: { reason: string; expectedVersion: number }) =>
    request<TerminationResult>(`/projects/${projectId}/terminate`, { method: 'POST', body }),
  benefits: (params: ListParams, signal?: AbortSignal) =>
    request<Page<Benefit>>(`/benefits${toQuery(params)}`, { signal }),
  createBenefit: (body: Record<string, unknown>) => request<Benefit>('/benefits', { method: 'POST', body }),
  updateBenefit: (benefit: Benefit, body: Record<string, unknown>) =>
    request<Benefit>(`/benefits/${benefit.id}`, { method: 'PATCH', body, version: benefit.version }),
  addMeasurement: (benefit: Benefit, body: { measuredOn: string; value: number; note: string }) =>
    request<Benefit>(`/benefits/${benefit.id}/measurements`, {
      method: 'POST',
      body,
      version: benefit.version,
    }),
  lessons: (params: ListParams, signal?: AbortSignal) =>
    request<Page<Lesson>>(`/lessons${toQuery(params)}`, { signal }),
  createLesson: (body: Record<string, unknown>) => request<Lesson>('/lessons', { method: 'POST', body }),
  suggestedLessons: (projectId: string, signal?: AbortSignal) =>
    request<SuggestedLesson[]>(`/projects/${projectId}/suggested-lessons`, { signal }),
  proposeChange: (lessonId: string, body: Record<string, unknown>) =>
    request<ChangeProposal>(`/lessons/${lessonId}/change-proposals`, { method: 'POST', body }),
  proposals: (signal?: AbortSignal) =>
    request<Page<ChangeProposal>>('/lesson-change-proposals?pageSize=100&order=desc', { signal }),
  decideProposal: (proposal: ChangeProposal, status: ChangeProposal['status']) =>
    request<ChangeProposal>(`/lesson-change-proposals/${proposal.id}`, {
      method: 'PATCH',
      body: { status },
      version: proposal.version,
    }),
};

export const governanceKeys = {
  all: ['governance'] as const,
  lifecycles: ['governance', 'lifecycles'] as const,
  projectGates: (id: string) => ['governance', 'gates', id] as const,
  impact: (id: string) => ['governance', 'impact', id] as const,
  benefits: (params: ListParams) => ['governance', 'benefits', params] as const,
  lessons: (params: ListParams) => ['governance', 'lessons', params] as const,
  suggested: (id: string) => ['governance', 'suggested', id] as const,
  proposals: ['governance', 'proposals'] as const,
};

export const useLifecycles = () =>
  useQuery({
    queryKey: governanceKeys.lifecycles,
    queryFn: ({ signal }) => governanceEndpoints.lifecycles(signal),
  });
export const useProjectGates = (projectId: string) =>
  useQuery({
    queryKey: governanceKeys.projectGates(projectId),
    queryFn: ({ signal }) => governanceEndpoints.projectGates(projectId, signal),
  });
export const useTerminationImpact = (projectId: string, enabled: boolean) =>
  useQuery({
    queryKey: governanceKeys.impact(projectId),
    queryFn: ({ signal }) => governanceEndpoints.terminationImpact(projectId, signal),
    enabled,
  });
export const useBenefits = (params: ListParams) =>
  useQuery({
    queryKey: governanceKeys.benefits(params),
    queryFn: ({ signal }) => governanceEndpoints.benefits(params, signal),
    placeholderData: keepPreviousData,
  });
export const useLessons = (params: ListParams) =>
  useQuery({
    queryKey: governanceKeys.lessons(params),
    queryFn: ({ signal }) => governanceEndpoints.lessons(params, signal),
    placeholderData: keepPreviousData,
  });
export const useSuggestedLessons = (projectId: string) =>
  useQuery({
    queryKey: governanceKeys.suggested(projectId),
    queryFn: ({ signal }) => governanceEndpoints.suggestedLessons(projectId, signal),
  });
export const useChangeProposals = () =>
  useQuery({
    queryKey: governanceKeys.proposals,
    queryFn: ({ signal }) => governanceEndpoints.proposals(signal),
  });

/** A governance write: afterwards every governance view and the project itself are read again. */
export function useGovernanceMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: governanceKeys.all });
      await client.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}
