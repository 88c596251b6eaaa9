import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import type { GanttColumns, LinkType } from './gantt-model.ts';

export type GanttSource =
  | { kind: 'project'; id: string; baseline: number | null }
  | { kind: 'program'; id: string };

export const ganttKey = (source: GanttSource) => ['gantt', source] as const;

function fetchColumns(source: GanttSource, signal?: AbortSignal) {
  const base = `/${source.kind === 'project' ? 'projects' : 'programs'}/${encodeURIComponent(source.id)}`;
  const query = source.kind === 'project' && source.baseline !== null ? `?baseline=${source.baseline}` : '';
  return request<GanttColumns>(`${base}/gantt/columns${query}`, { signal });
}

/** Starts loading a chart's data while the router still fetches the page's code (route loaders). */
export function prefetchGantt(queryClient: QueryClient, source: GanttSource): void {
  void queryClient.prefetchQuery({
    queryKey: ganttKey(source),
    queryFn: ({ signal }) => fetchColumns(source, signal),
  });
}

export function useGanttColumns(source: GanttSource) {
  return useQuery({
    queryKey: ganttKey(source),
    queryFn: ({ signal }) => fetchColumns(source, signal),
    // Keep the old chart on screen while an edit's refetch runs.
    placeholderData: (previous) => previous,
  });
}

export interface BaselineInfo {
  number: number;
  name: string;
  savedAt: string;
}

export function useBaselines(projectId: string | null) {
  return useQuery({
    queryKey: ['baselines', projectId],
    enabled: projectId !== null,
    queryFn: ({ signal }) =>
      request<{ items: BaselineInfo[] }>(`/projects/${encodeURIComponent(projectId ?? '')}/baselines`, {
        signal,
      }),
  });
}

/** The full task as the API keeps it (the columns carry only what the chart draws). */
export interface TaskDetail {
  id: string;
  projectId: string;
  name: string;
  wbsCode: string;
  durationMinutes: number;
  milestone: boolean;
  constraintType: string;
  constraintDate: string | null;
  percentComplete: number;
  isSummary: boolean;
  earlyStart: string | null;
  earlyFinish: string | null;
  totalSlackMinutes: number | null;
  version: number;
}

export const fetchTask = (id: string) => request<TaskDetail>(`/tasks/${encodeURIComponent(id)}`);

export interface PlanEdit {
  kind: 'task';
  id: string;
  version: number;
  patch: Record<string, unknown>;
}
export interface LinkAdd {
  kind: 'link-add';
  predecessorId: string;
  successorId: string;
  type: LinkType;
  lagMinutes: number;
}
export interface LinkRemove {
  kind: 'link-remove';
  id: string;
  version: number;
}

/** One write to the plan; the server reschedules in the same transaction, then the chart refetches. */
export function usePlanEdit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (edit: PlanEdit | LinkAdd | LinkRemove) => {
      switch (edit.kind) {
        case 'task':
          return request(`/tasks/${encodeURIComponent(edit.id)}`, {
            method: 'PATCH',
            body: edit.patch,
            version: edit.version,
          });
        case 'link-add':
          return request('/links', {
            method: 'POST',
            body: {
              predecessorId: edit.predecessorId,
              successorId: edit.successorId,
              type: edit.type,
              lagMinutes: edit.lagMinutes,
            },
          });
        case 'link-remove':
          return request(`/links/${encodeURIComponent(edit.id)}`, {
            method: 'DELETE',
            version: edit.version,
          });
      }
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['gantt'] }),
  });
}
