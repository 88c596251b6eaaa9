import { request } from './client.ts';
import type { ItemsOf } from './types.ts';

export type Distribution = 'triangular' | 'pert' | 'uniform';

export interface TaskEstimate {
  id: string;
  taskId: string;
  projectId: string;
  taskName: string;
  durationMinutes: number;
  distribution: Distribution;
  optimisticMinutes: number;
  likelyMinutes: number;
  pessimisticMinutes: number;
  version: number;
}

export interface PlanTask {
  id: string;
  name: string;
  parentId: string | null;
  wbsCode: string;
  durationMinutes: number;
  milestone: boolean;
  isSummary?: boolean;
}

export interface FinishPoint {
  workingMinutes: number;
  date: number;
  iso: string;
}

export interface FinishDistribution {
  percentiles: (FinishPoint & { p: number })[];
  mean: FinishPoint;
  stdDev: number;
  min: FinishPoint;
  max: FinishPoint;
  histogram: { from: number; to: number; fromIso: string; toIso: string; count: number }[];
  cumulative: (FinishPoint & { probability: number })[];
  deterministic: FinishPoint & { probability: number };
  target: (FinishPoint & { probability: number }) | null;
}

export interface SimulationResult {
  iterations: number;
  seed: number;
  start: FinishPoint;
  finish: FinishDistribution;
  projects: ({ id: string } & FinishDistribution)[];
  tasks: { taskId: string; name: string; criticality: number; sensitivity: number; meanDuration: number }[];
  sensitivityRanking: string[];
  uncertainTasks: number;
  riskEvents: number;
  timings: { compileMs: number; simulateMs: number; analyseMs: number };
}

export interface SimulationRun {
  id: string;
  scopeType: 'project' | 'program';
  projectId: string | null;
  programId: string | null;
  iterations: number;
  seed: number;
  targetDate: string | null;
  p50Finish: string;
  p80Finish: string;
  targetProbability: number | null;
  createdAt: string;
}

export interface SimulationRunDetail extends SimulationRun {
  result: SimulationResult;
}

export interface SimulateOptions {
  iterations: number;
  seed: number;
  targetDate: string | null;
  defaultSpread: { distribution: Distribution; optimisticPercent: number; pessimisticPercent: number } | null;
}

export type Scope = { kind: 'project' | 'program'; id: string };
const base = (scope: Scope) => `/${scope.kind === 'project' ? 'projects' : 'programs'}/${scope.id}`;

export const scheduleRiskKeys = {
  estimates: (projectId: string) => ['schedule-risk', 'estimates', projectId] as const,
  tasks: (projectId: string) => ['schedule-risk', 'tasks', projectId] as const,
  runs: (scope: Scope) => ['schedule-risk', 'runs', scope.kind, scope.id] as const,
  run: (id: string) => ['schedule-risk', 'run', id] as const,
};

export const scheduleRiskApi = {
  tasks(projectId: string, signal?: AbortSignal) {
    return request<ItemsOf<PlanTask>>(`/projects/${projectId}/tasks?pageSize=5000`, { signal });
  },
  estimates(projectId: string, signal?: AbortSignal) {
    return request<ItemsOf<TaskEstimate>>(`/projects/${projectId}/estimates`, { signal });
  },
  setEstimates(
    projectId: string,
    body: {
      estimates: {
        taskId: string;
        distribution: Distribution;
        optimisticMinutes: number;
        likelyMinutes: number;
        pessimisticMinutes: number;
      }[];
      remove: string[];
    },
  ) {
    return request<ItemsOf<TaskEstimate>>(`/projects/${projectId}/estimates`, { method: 'PUT', body });
  },
  runs(scope: Scope, signal?: AbortSignal) {
    return request<ItemsOf<SimulationRun>>(`${base(scope)}/simulations`, { signal });
  },
  run(id: string, signal?: AbortSignal) {
    return request<SimulationRunDetail>(`/simulations/${id}`, { signal });
  },
  simulate(scope: Scope, body: SimulateOptions) {
    return request<SimulationRunDetail>(`${base(scope)}/simulations`, { method: 'POST', body });
  },
};
