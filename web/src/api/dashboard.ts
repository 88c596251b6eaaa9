import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request, toQuery } from './client.ts';
import type { Stage } from './types.ts';

/** The dashboard API's shapes (src/model/dashboard.ts on the server). */
export type RollupScopeType = 'organization' | 'business_unit' | 'portfolio' | 'program';
export type HealthKey = 'green' | 'amber' | 'red' | 'none';

export interface DashboardFilters {
  businessUnitId?: string;
  portfolioId?: string;
  programId?: string;
  stage?: Stage;
  health?: HealthKey;
  managerId?: string;
}

export interface DashboardScope {
  scopeType: RollupScopeType;
  scopeId?: string;
}

export interface RollupFigures {
  projects: number;
  budget: number;
  actual: number;
  eac: number;
  etc: number;
  bac: number;
  pv: number;
  ev: number;
  ac: number;
  vac: number;
  spi: number | null;
  cpi: number | null;
  /** EV, PV and AC of the projects whose progress is measured: the sums SPI and CPI are ratios of. */
  measured: { pv: number; ev: number; ac: number };
  start: string | null;
  finish: string | null;
  late: number;
  overdue: number;
  red: number;
  amber: number;
  green: number;
  unrated: number;
}

export interface RollupChild extends RollupFigures {
  scopeType: RollupScopeType;
  id: string | null;
  name: string;
}

export interface MonthFigures {
  month: string;
  budget: number;
  actual: number;
  forecast: number;
  pv: number;
  ev: number;
}

export interface ProgramBar {
  id: string;
  name: string;
  projects: number;
  start: string | null;
  finish: string | null;
  health: HealthKey;
  red: number;
  amber: number;
  green: number;
  eac: number;
}

export interface DashboardProject {
  id: string;
  code: string;
  name: string;
  stage: Stage;
  health: 'green' | 'amber' | 'red' | null;
  businessUnitName: string | null;
  portfolioName: string | null;
  programName: string | null;
  managerName: string | null;
  budget: number;
  actual: number;
  eac: number;
  vac: number;
  spi: number | null;
  cpi: number | null;
  start: string | null;
  finish: string | null;
  targetFinish: string | null;
}

export interface Dashboard {
  scope: { type: RollupScopeType; id: string | null; name: string };
  filters: DashboardFilters;
  asOf: string;
  kpis: RollupFigures;
  ragMatrix: Array<{ health: HealthKey; stage: Stage; projects: number; eac: number }>;
  childScopeType: RollupScopeType | null;
  children: RollupChild[];
  sCurve: MonthFigures[];
  burn: MonthFigures[];
  programTimeline: { items: ProgramBar[]; total: number };
  nextMilestones: Array<{
    taskId: string;
    name: string;
    date: string;
    projectId: string;
    projectCode: string;
    projectName: string;
  }>;
  projects: { items: DashboardProject[]; total: number; page: number; pageSize: number };
}

export interface Contributor {
  projectId: string;
  code: string;
  name: string;
  stage: Stage;
  health: 'green' | 'amber' | 'red' | null;
  businessUnitName: string | null;
  portfolioName: string | null;
  programName: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface Contributors {
  figure: string;
  scope: { type: RollupScopeType; id: string | null; name: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  items: Contributor[];
  total: number;
  page: number;
  pageSize: number;
}

/** A figure someone clicked: which figure, over which scope and filters, under which label. */
export interface FigureRef {
  figure: string;
  label: string;
  scope: DashboardScope;
  filters: DashboardFilters;
}

export type DashboardParams = DashboardScope &
  DashboardFilters & { page?: number; pageSize?: number; sort?: string };

export const dashboardEndpoints = {
  dashboard: (params: DashboardParams, signal?: AbortSignal) =>
    request<Dashboard>(`/dashboard${toQuery({ ...params })}`, { signal }),
  contributors: (
    params: DashboardScope & DashboardFilters & { figure: string; page?: number },
    signal?: AbortSignal,
  ) => request<Contributors>(`/rollups/contributors${toQuery({ ...params, pageSize: 50 })}`, { signal }),
  /** A plain link: the browser downloads the workbook with the session cookie. */
  exportUrl: (params: DashboardScope & DashboardFilters) =>
    `/api/v1/dashboard/export.xlsx${toQuery({ ...params })}`,
};

export const useDashboard = (params: DashboardParams) =>
  useQuery({
    queryKey: ['dashboard', params],
    queryFn: ({ signal }) => dashboardEndpoints.dashboard(params, signal),
    placeholderData: keepPreviousData,
  });

export const useContributors = (ref: FigureRef | null, page: number) =>
  useQuery({
    queryKey: ['dashboard', 'contributors', ref, page],
    queryFn: ({ signal }) =>
      dashboardEndpoints.contributors(
        {
          ...(ref as FigureRef).scope,
          ...(ref as FigureRef).filters,
          figure: (ref as FigureRef).figure,
          page,
        },
        signal,
      ),
    enabled: ref !== null,
    placeholderData: keepPreviousData,
  });
