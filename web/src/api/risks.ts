import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, toQuery } from './client.ts';
import type { Escalation, HeatMap, InboxItem, Notification, RiskAction, RiskTask } from './risk-types.ts';
import type { ListParams, Page } from './types.ts';

export const riskEndpoints = {
  heatMap: (params: ListParams, signal?: AbortSignal) =>
    request<HeatMap>(`/risk-heatmap${toQuery(params)}`, { signal }),
  actions: (riskId: string, signal?: AbortSignal) =>
    request<RiskAction[]>(`/risks/${riskId}/actions`, { signal }),
  addAction: (riskId: string, body: Record<string, unknown>) =>
    request<RiskAction>(`/risks/${riskId}/actions`, { method: 'POST', body }),
  updateAction: (id: string, version: number, body: Record<string, unknown>) =>
    request<RiskAction>(`/risk-actions/${id}`, { method: 'PATCH', body, version }),
  tasks: (riskId: string, signal?: AbortSignal) => request<RiskTask[]>(`/risks/${riskId}/tasks`, { signal }),
  setTasks: (riskId: string, tasks: Omit<RiskTask, 'taskName' | 'projectId' | 'projectCode'>[]) =>
    request<RiskTask[]>(`/risks/${riskId}/tasks`, { method: 'PUT', body: { tasks } }),
  projectTasks: (projectId: string, signal?: AbortSignal) =>
    request<Page<{ id: string; name: string; wbsCode: string; isSummary: boolean }>>(
      `/projects/${projectId}/tasks?pageSize=5000`,
      { signal },
    ),
  escalate: (type: 'risk' | 'issue', id: string, reason: string) =>
    request<unknown>(`/${type === 'risk' ? 'risks' : 'issues'}/${id}/escalate`, {
      method: 'POST',
      body: { reason },
    }),
  escalations: (type: 'risk' | 'issue', id: string, signal?: AbortSignal) =>
    request<Escalation[]>(`/escalations/${type}/${id}`, { signal }),
  categories: (signal?: AbortSignal) =>
    request<Page<{ id: string; code: string; name: string }>>('/risk-categories?pageSize=500', { signal }),
  inbox: (signal?: AbortSignal) => request<InboxItem[]>('/escalation-inbox', { signal }),
  notifications: (signal?: AbortSignal) =>
    request<Page<Notification> & { unread: number }>('/notifications?pageSize=15', { signal }),
  markAllRead: () => request<{ marked: number }>('/notifications/read-all', { method: 'POST', body: {} }),
};

export const riskKeys = {
  heatMap: (params: ListParams) => ['risks', 'heatmap', params] as const,
  actions: (id: string) => ['risks', 'actions', id] as const,
  tasks: (id: string) => ['risks', 'tasks', id] as const,
  escalations: (type: string, id: string) => ['risks', 'escalations', type, id] as const,
  inbox: ['risks', 'inbox'] as const,
  notifications: ['notifications'] as const,
};

export function useHeatMap(params: ListParams) {
  return useQuery({
    queryKey: riskKeys.heatMap(params),
    queryFn: ({ signal }) => riskEndpoints.heatMap(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRiskActions(riskId: string) {
  return useQuery({
    queryKey: riskKeys.actions(riskId),
    queryFn: ({ signal }) => riskEndpoints.actions(riskId, signal),
  });
}

export function useRiskTasks(riskId: string) {
  return useQuery({
    queryKey: riskKeys.tasks(riskId),
    queryFn: ({ signal }) => riskEndpoints.tasks(riskId, signal),
  });
}

export function useEscalations(type: 'risk' | 'issue', id: string) {
  return useQuery({
    queryKey: riskKeys.escalations(type, id),
    queryFn: ({ signal }) => riskEndpoints.escalations(type, id, signal),
  });
}

export function useRiskCategories() {
  return useQuery({
    queryKey: ['risks', 'categories'],
    queryFn: ({ signal }) => riskEndpoints.categories(signal),
    staleTime: 300_000,
  });
}

export function useInbox() {
  return useQuery({ queryKey: riskKeys.inbox, queryFn: ({ signal }) => riskEndpoints.inbox(signal) });
}

export function useNotifications() {
  return useQuery({
    queryKey: riskKeys.notifications,
    queryFn: ({ signal }) => riskEndpoints.notifications(signal),
    refetchInterval: 60_000,
  });
}

/** Refreshes everything the risk pages show after a write. */
export function useRiskInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['risks'] }),
      qc.invalidateQueries({ queryKey: ['issues'] }),
      qc.invalidateQueries({ queryKey: ['audit'] }),
      qc.invalidateQueries({ queryKey: riskKeys.notifications }),
    ]);
}

export function useEscalate() {
  const invalidate = useRiskInvalidate();
  return useMutation({
    mutationFn: (v: { type: 'risk' | 'issue'; id: string; reason: string }) =>
      riskEndpoints.escalate(v.type, v.id, v.reason),
    onSuccess: () => invalidate(),
  });
}
