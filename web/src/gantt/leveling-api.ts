import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';

/** src/model/leveling.ts, as the chart reads it. */
export interface MovedTask {
  taskId: string;
  name: string;
  projectId: string;
  delayMinutes: number;
  levelingDelayMinutes: number;
  oldStart: string;
  oldFinish: string;
  newStart: string;
  newFinish: string;
  resources: { resourceId: string; code: string; name: string }[];
  competedWith: { taskId: string; name: string }[];
  followed: { taskId: string; name: string }[];
}

export interface LevelingRun {
  id: string;
  scopeType: 'project' | 'program' | 'portfolio';
  scopeId: string;
  status: 'preview' | 'applied' | 'discarded' | 'undone';
  options: { withinSlack: boolean; schedules: number; seed: number };
  movedTasks: number;
  overallocationsBefore: number;
  overallocationsAfter: number;
  createdAt: string;
  appliedAt: string | null;
}

/** A run with one page of its moved tasks; `movedTasks` counts them all. */
export interface LevelingRunDetail extends LevelingRun {
  page: number;
  pageSize: number;
  result: {
    periodMinutes: number;
    schedules: number;
    movedTasks: MovedTask[];
    projects: { projectId: string; name: string; finishBefore: string; finishAfter: string }[];
    overallocationsBefore: number;
    overallocationsAfter: number;
  };
}

export interface LevelingScope {
  scopeType: 'project' | 'program';
  scopeId: string;
}

const runsKey = (scope: LevelingScope) => ['leveling-runs', scope.scopeType, scope.scopeId] as const;

export function useLevelingRuns(scope: LevelingScope) {
  return useQuery({
    queryKey: runsKey(scope),
    queryFn: ({ signal }) =>
      request<{ items: LevelingRun[] }>(
        `/leveling-runs?scopeType=${scope.scopeType}&scopeId=${encodeURIComponent(scope.scopeId)}`,
        { signal },
      ),
  });
}

export const LEVELING_PAGE_SIZE = 50;

export const fetchLevelingRun = (id: string, page = 1) =>
  request<LevelingRunDetail>(
    `/leveling-runs/${encodeURIComponent(id)}?page=${page}&pageSize=${LEVELING_PAGE_SIZE}`,
  );

/** Preview, apply, discard or undo; apply and undo reschedule, so the chart refetches its dates. */
export function useLevelingAction(scope: LevelingScope) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      action:
        | { kind: 'preview'; withinSlack: boolean; schedules: number; seed: number }
        | { kind: 'apply' | 'discard' | 'undo'; id: string },
    ) =>
      action.kind === 'preview'
        ? request<LevelingRunDetail>('/leveling-runs', {
            method: 'POST',
            body: {
              ...scope,
              withinSlack: action.withinSlack,
              schedules: action.schedules,
              seed: action.seed,
            },
          })
        : request<LevelingRunDetail>(`/leveling-runs/${encodeURIComponent(action.id)}/${action.kind}`, {
            method: 'POST',
          }),
    onSuccess: (_run, action) => {
      void qc.invalidateQueries({ queryKey: runsKey(scope) });
      if (action.kind === 'apply' || action.kind === 'undo')
        void qc.invalidateQueries({ queryKey: ['gantt'] });
    },
  });
}

/** Local `YYYY-MM-DDTHH:MM:SS` as the chart's epoch minutes of local time. */
export const minutesOf = (localDateTime: string) => Date.parse(`${localDateTime}Z`) / 60_000;
