import { Button, EmptyState, Paper, Tabs } from '@mantine/core';
import { type Icon, IconGauge, IconPencil, IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { RollupScopeType } from '../api/dashboard.ts';
import type { AuditEntityType, Page } from '../api/types.ts';
import { EnterpriseDashboard } from './dashboard/enterprise-dashboard.tsx';
import { type Column, DataTable } from './data-table.tsx';
import { HistoryTimeline } from './history-timeline.tsx';

// The pieces every scope page (business unit, portfolio, program) builds its header and tabs from.

/** A header button that creates something inside the scope; quieter than the scope's own Edit. */
export function ScopeNewButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="default" leftSection={<IconPlus size={16} />} onClick={onClick}>
      {label}
    </Button>
  );
}

export function ScopeEditButton({ onClick }: { onClick: () => void }) {
  return (
    <Button leftSection={<IconPencil size={16} />} onClick={onClick} data-testid="edit">
      Edit
    </Button>
  );
}

/** A tab naming a list, with its total once the list has loaded. */
export function CountTab({
  value,
  icon: TabIcon,
  label,
  list,
}: {
  value: string;
  icon: Icon;
  label: string;
  list: UseQueryResult<Page<unknown>>;
}) {
  return (
    <Tabs.Tab value={value} leftSection={<TabIcon size={14} />}>
      {/* Two text nodes, the label and its count, as the tabs always rendered: one string
          or three nodes shape the row a subpixel differently. */}
      {`${label} `}
      {list.data ? `(${list.data.total})` : ''}
    </Tabs.Tab>
  );
}

/** The scope's direct children (portfolios of a unit, programs of a portfolio), all on one page. */
export function ScopeChildrenTable<T extends { id: string }>({
  columns,
  list,
  icon: EmptyIcon,
  emptyTitle,
  emptyDescription,
}: {
  columns: Column<T>[];
  list: UseQueryResult<Page<T>>;
  icon: Icon;
  emptyTitle: string;
  emptyDescription: string;
}) {
  return (
    <DataTable
      columns={columns}
      rows={list.data?.items}
      rowKey={(r) => r.id}
      error={list.error}
      empty={<EmptyState icon={<EmptyIcon />} title={emptyTitle} description={emptyDescription} />}
    />
  );
}

export function HistoryTabPanel({ entityType, id }: { entityType: AuditEntityType; id: string }) {
  return (
    <Tabs.Panel value="history">
      <Paper withBorder radius="sm" p="md">
        <HistoryTimeline entityType={entityType} id={id} />
      </Paper>
    </Tabs.Panel>
  );
}

export function DashboardTab() {
  return (
    <Tabs.Tab value="dashboard" leftSection={<IconGauge size={14} />} data-testid="tab-dashboard">
      Dashboard
    </Tabs.Tab>
  );
}

export function DashboardTabPanel({ scopeType, id }: { scopeType: RollupScopeType; id: string }) {
  return (
    <Tabs.Panel value="dashboard">
      {/* Keyed by scope: the dashboard's filters and paging belong to the scope they were set on. */}
      <EnterpriseDashboard key={id} scope={{ scopeType, scopeId: id }} />
    </Tabs.Panel>
  );
}
