import { useMutation, useQuery } from '@tanstack/react-query';
import { request, toQuery } from './client.ts';
import type {
  CandidateList,
  CandidateType,
  Comparison,
  Evaluation,
  Promotion,
  Proposal,
  Ranking,
  Scenario,
  TriageDecision,
} from './intake-types.ts';
import { useInvalidate } from './queries.ts';
import type { ItemsOf } from './types.ts';

export const intakeEndpoints = {
  submit: (id: string, version: number) =>
    request<Proposal>(`/proposals/${id}/submit`, { method: 'POST', version }),
  triage: (id: string, version: number, decision: TriageDecision, note: string) =>
    request<Proposal>(`/proposals/${id}/triage`, { method: 'POST', version, body: { decision, note } }),
  evaluations: (modelId: string, candidateType: CandidateType, candidateId: string, signal?: AbortSignal) =>
    request<ItemsOf<Evaluation>>(`/evaluations${toQuery({ modelId, candidateType, candidateId })}`, {
      signal,
    }),
  saveEvaluation: (body: Record<string, unknown>) =>
    request<ItemsOf<Evaluation>>('/evaluations', { method: 'PUT', body }),
  ranking: (modelId: string, signal?: AbortSignal) =>
    request<Ranking>(`/scoring-models/${modelId}/ranking`, { signal }),
  candidates: (
    params: { horizonStart: string; periods: number; portfolioId?: string | null },
    signal?: AbortSignal,
  ) => request<CandidateList>(`/portfolio/candidates${toQuery(params)}`, { signal }),
  optimizeScenario: (id: string) => request<Scenario>(`/scenarios/${id}/optimize`, { method: 'POST' }),
  compare: (ids: string[]) => request<Comparison>('/scenarios/compare', { method: 'POST', body: { ids } }),
  promote: (id: string, version: number) =>
    request<Promotion>(`/scenarios/${id}/promote`, { method: 'POST', version }),
};

export const intakeKeys = {
  evaluations: (modelId: string, candidateId: string) => ['evaluations', modelId, candidateId] as const,
  ranking: (modelId: string) => ['scoring-models', 'ranking', modelId] as const,
  candidates: (params: Record<string, unknown>) => ['portfolio-candidates', params] as const,
  comparison: (ids: string[]) => ['scenarios', 'compare', ids] as const,
};

export const useEvaluations = (
  modelId: string | undefined,
  candidateType: CandidateType,
  candidateId: string,
) =>
  useQuery({
    queryKey: intakeKeys.evaluations(modelId ?? '', candidateId),
    queryFn: ({ signal }) =>
      intakeEndpoints.evaluations(modelId as string, candidateType, candidateId, signal),
    enabled: !!modelId,
  });

export const useRanking = (modelId: string | undefined) =>
  useQuery({
    queryKey: intakeKeys.ranking(modelId ?? ''),
    queryFn: ({ signal }) => intakeEndpoints.ranking(modelId as string, signal),
    enabled: !!modelId,
  });

export const useCandidates = (
  params: { horizonStart: string; periods: number; portfolioId?: string | null } | null,
) =>
  useQuery({
    queryKey: intakeKeys.candidates(params ?? {}),
    queryFn: ({ signal }) => intakeEndpoints.candidates(params as NonNullable<typeof params>, signal),
    enabled: params !== null,
  });

export const useComparison = (ids: string[]) =>
  useQuery({
    queryKey: intakeKeys.comparison(ids),
    queryFn: () => intakeEndpoints.compare(ids),
    enabled: ids.length >= 2,
  });

/** Any intake write changes the board, the proposal, its scores and the ranking. */
export function useIntakeMutation<A, R>(fn: (args: A) => Promise<R>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => invalidate('proposals', 'scoring-models', 'scenarios', 'projects'),
  });
}
