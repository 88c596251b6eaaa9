import { useQuery } from '@tanstack/react-query';
import { ApiError, type Problem, request } from './client.ts';
import type { Page } from './types.ts';

export const COST_CATEGORIES = ['labour', 'capital', 'operating', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export interface BudgetCell {
  category: CostCategory;
  period: string;
  amount: number;
}
export interface BudgetGrid {
  projectId: string;
  total: number;
  cells: BudgetCell[];
}
export interface ActualCost {
  id: string;
  version: number;
  projectId: string;
  taskId: string | null;
  taskName: string | null;
  resourceId: string | null;
  resourceName: string | null;
  category: CostCategory;
  incurredOn: string;
  amount: number;
  description: string;
  source: 'entered' | 'imported' | 'derived';
}
export interface Forecast {
  id: string;
  number: number;
  asOf: string;
  note: string;
  createdByName: string | null;
  createdAt: string;
  total: number;
  lines: BudgetCell[];
}
export interface ForecastComparison {
  from: number;
  to: number;
  rows: { category: CostCategory; period: string; from: number; to: number; change: number }[];
  totalFrom: number;
  totalTo: number;
}
interface Figures {
  pv: number;
  ev: number;
  ac: number;
  sv: number;
  cv: number;
  spi: number | null;
  cpi: number | null;
}
export interface ByMethod {
  cpi: number | null;
  cpiSpi: number | null;
  budgetedRate: number | null;
  bottomUp: number | null;
}
export interface EarnedValue {
  projectId: string;
  asOf: string;
  currency: string;
  basis: 'baseline_cost' | 'baseline_budget' | 'budget_lines' | 'none';
  bac: number;
  start: string | null;
  status: Figures & {
    eac: ByMethod;
    etc: ByMethod;
    vac: ByMethod;
    tcpi: { toBac: number | null; toEac: ByMethod };
    es: number | null;
    at: number;
    svt: number | null;
    spiT: number | null;
    plannedFinish: string | null;
    forecastFinish: string | null;
  };
  months: { period: string; current: Figures; cumulative: Figures; reported: boolean }[];
}
export interface EnvelopeCheck {
  rows: {
    period: string;
    category: CostCategory | null;
    envelope: number;
    budget: number;
    remaining: number;
    over: boolean;
  }[];
  overCount: number;
}

export const financeEndpoints = {
  budget: (projectId: string, signal?: AbortSignal) =>
    request<BudgetGrid>(`/projects/${projectId}/budget`, { signal }),
  setBudget: (projectId: string, cells: BudgetCell[]) =>
    request<BudgetGrid>(`/projects/${projectId}/budget`, { method: 'PUT', body: { cells } }),
  actuals: (projectId: string, signal?: AbortSignal) =>
    request<Page<ActualCost>>(`/projects/${projectId}/actual-costs?pageSize=500&sort=incurredOn&order=desc`, {
      signal,
    }),
  addActual: (projectId: string, body: Record<string, unknown>) =>
    request<ActualCost>(`/projects/${projectId}/actual-costs`, { method: 'POST', body }),
  removeActual: (id: string, version: number) =>
    request<void>(`/actual-costs/${id}`, { method: 'DELETE', version }),
  deriveActuals: (projectId: string) =>
    request<{ rows: number; total: number; replaced: number }>(`/projects/${projectId}/actual-costs/derive`, {
      method: 'POST',
    }),
  forecasts: (projectId: string, signal?: AbortSignal) =>
    request<Forecast[]>(`/projects/${projectId}/forecasts`, { signal }),
  addForecast: (projectId: string, body: Record<string, unknown>) =>
    request<Forecast>(`/projects/${projectId}/forecasts`, { method: 'POST', body }),
  compare: (projectId: string, from: number, to: number, signal?: AbortSignal) =>
    request<ForecastComparison>(`/projects/${projectId}/forecasts-compare?from=${from}&to=${to}`, { signal }),
  earnedValue: (projectId: string, asOf: string | null, signal?: AbortSignal) =>
    request<EarnedValue>(`/projects/${projectId}/earned-value${asOf ? `?asOf=${asOf}` : ''}`, { signal }),
  addEnvelope: (body: Record<string, unknown>) =>
    request<unknown>('/budget-envelopes', { method: 'POST', body }),
  envelopeCheck: (scope: 'programs' | 'portfolios', id: string, signal?: AbortSignal) =>
    request<EnvelopeCheck>(`/${scope}/${id}/envelope-check`, { signal }),
};

export const financeKeys = {
  all: (projectId: string) => ['finance', projectId] as const,
  budget: (projectId: string) => ['finance', projectId, 'budget'] as const,
  actuals: (projectId: string) => ['finance', projectId, 'actuals'] as const,
  forecasts: (projectId: string) => ['finance', projectId, 'forecasts'] as const,
  compare: (projectId: string, from: number, to: number) =>
    ['finance', projectId, 'compare', from, to] as const,
  earnedValue: (projectId: string, asOf: string | null) =>
    ['finance', projectId, 'earned-value', asOf] as const,
  envelopes: (scope: string, id: string) => ['envelope-check', scope, id] as const,
};

export const useBudget = (projectId: string) =>
  useQuery({
    queryKey: financeKeys.budget(projectId),
    queryFn: ({ signal }) => financeEndpoints.budget(projectId, signal),
  });
export const useActuals = (projectId: string) =>
  useQuery({
    queryKey: financeKeys.actuals(projectId),
    queryFn: ({ signal }) => financeEndpoints.actuals(projectId, signal),
  });
export const useForecasts = (projectId: string) =>
  useQuery({
    queryKey: financeKeys.forecasts(projectId),
    queryFn: ({ signal }) => financeEndpoints.forecasts(projectId, signal),
  });
export const useEarnedValue = (projectId: string, asOf: string | null) =>
  useQuery({
    queryKey: financeKeys.earnedValue(projectId, asOf),
    queryFn: ({ signal }) => financeEndpoints.earnedValue(projectId, asOf, signal),
  });
export const useEnvelopeCheck = (scope: 'programs' | 'portfolios', id: string) =>
  useQuery({
    queryKey: financeKeys.envelopes(scope, id),
    queryFn: ({ signal }) => financeEndpoints.envelopeCheck(scope, id, signal),
  });

/** Uploads an actual-cost CSV (multipart); a refused file is an ApiError listing the bad lines. */
export async function uploadActualsCsv(
  projectId: string,
  file: File,
): Promise<{ rows: number; total: number }> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch(`/api/v1/projects/${projectId}/actual-costs/import`, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const p = (parsed ?? {}) as Partial<Problem>;
    throw new ApiError({
      ...p,
      title: p.title ?? `HTTP ${res.status}`,
      status: res.status,
      detail: p.detail ?? text.slice(0, 300),
    });
  }
  return parsed as { rows: number; total: number };
}
