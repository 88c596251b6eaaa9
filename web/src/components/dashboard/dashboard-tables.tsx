import { EmptyState, Text } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import type {
  Dashboard,
  DashboardFilters,
  DashboardProject,
  DashboardScope,
  RollupChild,
} from '../../api/dashboard.ts';
import { formatDate, formatMoney, formatNumber, humanize } from '../../lib/format.ts';
import { HealthBadge, StageBadge } from '../badges.tsx';
import { type Column, DataTable } from '../data-table.tsx';
import { AnchorLink } from '../links.tsx';
import { FigureLink, type OpenFigure } from './figure-link.tsx';

const childRoute = {
  business_unit: '/business-units/$id',
  portfolio: '/portfolios/$id',
  program: '/programs/$id',
} as const;

/** The rolled-up rows of the next level; each figure opens the projects of that row. */
export function ChildrenTable({
  dashboard,
  filters,
  currency,
  open,
}: {
  dashboard: Dashboard;
  filters: DashboardFilters;
  currency: string;
  open: OpenFigure;
}) {
  const level = dashboard.childScopeType;
  if (!level || level === 'organization') return null;
  const figure = (row: RollupChild, key: string, label: string, text: string) =>
    row.id === null ? (
      text
    ) : (
      <FigureLink
        figure={key}
        label={`${label} of ${row.name}`}
        scope={{ scopeType: level, scopeId: row.id }}
        filters={filters}
        open={open}
      >
        {text}
      </FigureLink>
    );
  const money = (n: number) => formatMoney(n, currency, true);
  const columns: Column<RollupChild>[] = [
    {
      key: 'name',
      header: humanize(level),
      render: (row) =>
        row.id ? (
          <AnchorLink to={childRoute[level]} params={{ id: row.id }} fw={600} size="sm">
            {row.name}
          </AnchorLink>
        ) : (
          <Text span size="sm" c="dimmed">
            {row.name}
          </Text>
        ),
    },
    {
      key: 'projects',
      header: 'Projects',
      align: 'right',
      render: (r) => figure(r, 'projects', 'Projects', formatNumber(r.projects)),
    },
    {
      key: 'budget',
      header: 'Budget',
      align: 'right',
      render: (r) => figure(r, 'budget', 'Budget', money(r.budget)),
    },
    {
      key: 'actual',
      header: 'Actual',
      align: 'right',
      render: (r) => figure(r, 'actual', 'Actual cost', money(r.actual)),
    },
    { key: 'eac', header: 'EAC', align: 'right', render: (r) => figure(r, 'eac', 'EAC', money(r.eac)) },
    {
      key: 'spi',
      header: 'SPI',
      align: 'right',
      render: (r) => figure(r, 'spi', 'SPI', r.spi?.toFixed(2) ?? '—'),
    },
    {
      key: 'cpi',
      header: 'CPI',
      align: 'right',
      render: (r) => figure(r, 'cpi', 'CPI', r.cpi?.toFixed(2) ?? '—'),
    },
    {
      key: 'red',
      header: 'Red',
      align: 'right',
      render: (r) => figure(r, 'health:red', 'Red projects', String(r.red)),
    },
    {
      key: 'amber',
      header: 'Amber',
      align: 'right',
      render: (r) => figure(r, 'health:amber', 'Amber projects', String(r.amber)),
    },
    {
      key: 'green',
      header: 'Green',
      align: 'right',
      render: (r) => figure(r, 'health:green', 'Green projects', String(r.green)),
    },
    {
      key: 'late',
      header: 'Late',
      align: 'right',
      render: (r) => figure(r, 'late', 'Late projects', String(r.late)),
    },
    { key: 'finish', header: 'Finish', render: (r) => formatDate(r.finish) },
  ];
  return (
    <div>
      <Text fw={600} size="sm" mb={6}>
        By {humanize(level).toLowerCase()}
      </Text>
      <DataTable
        testId="children-table"
        columns={columns}
        rows={dashboard.children}
        rowKey={(row) => row.id ?? 'none'}
        minWidth={900}
        empty={
          <EmptyState
            icon={<IconListDetails />}
            title="Nothing to roll up"
            description="No project matches."
          />
        }
      />
    </div>
  );
}

/** One page of the selection's projects with their figures, sorted by the server. */
export function DashboardProjectsTable({
  dashboard,
  currency,
  sort,
  onSort,
  onPage,
  loading,
}: {
  dashboard: Dashboard;
  scope: DashboardScope;
  currency: string;
  sort: string;
  onSort: (sort: string) => void;
  onPage: (page: number) => void;
  loading: boolean;
}) {
  const money = (n: number) => formatMoney(n, currency, true);
  const late = (p: DashboardProject) => !!p.finish && !!p.targetFinish && p.finish > p.targetFinish;
  const columns: Column<DashboardProject>[] = [
    { key: 'code', header: 'Code', sortable: true, render: (p) => p.code },
    {
      key: 'name',
      header: 'Project',
      sortable: true,
      render: (p) => (
        <AnchorLink to="/projects/$id" params={{ id: p.id }} size="sm">
          {p.name}
        </AnchorLink>
      ),
    },
    { key: 'programName', header: 'Program', render: (p) => p.programName ?? '—' },
    { key: 'managerName', header: 'Manager', render: (p) => p.managerName ?? '—' },
    { key: 'stage', header: 'Stage', sortable: true, render: (p) => <StageBadge stage={p.stage} /> },
    { key: 'health', header: 'Health', sortable: true, render: (p) => <HealthBadge health={p.health} /> },
    { key: 'budget', header: 'Budget', sortable: true, align: 'right', render: (p) => money(p.budget) },
    { key: 'actual', header: 'Actual', sortable: true, align: 'right', render: (p) => money(p.actual) },
    { key: 'eac', header: 'EAC', sortable: true, align: 'right', render: (p) => money(p.eac) },
    { key: 'spi', header: 'SPI', sortable: true, align: 'right', render: (p) => p.spi?.toFixed(2) ?? '—' },
    { key: 'cpi', header: 'CPI', sortable: true, align: 'right', render: (p) => p.cpi?.toFixed(2) ?? '—' },
    {
      key: 'finish',
      header: 'Forecast finish',
      sortable: true,
      render: (p) => (
        <Text span size="sm" c={late(p) ? 'red.7' : undefined} fw={late(p) ? 600 : undefined}>
          {formatDate(p.finish)}
        </Text>
      ),
    },
  ];
  const descending = sort.startsWith('-');
  return (
    <DataTable
      testId="dashboard-projects"
      columns={columns}
      rows={dashboard.projects.items}
      rowKey={(p) => p.id}
      total={dashboard.projects.total}
      page={dashboard.projects.page}
      pageSize={dashboard.projects.pageSize}
      sort={descending ? sort.slice(1) : sort}
      order={descending ? 'desc' : 'asc'}
      onSort={(key, order) => onSort(order === 'desc' ? `-${key}` : key)}
      onPage={onPage}
      loading={loading}
      minWidth={1100}
      empty={
        <EmptyState
          icon={<IconListDetails />}
          title="No project matches"
          description="Loosen the filters to see more."
        />
      }
    />
  );
}
