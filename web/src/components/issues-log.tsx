import { EmptyState, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useState } from 'react';
import { useList } from '../api/queries.ts';
import { ISSUE_PRIORITIES, ISSUE_STATUSES, type Issue } from '../api/risk-types.ts';
import type { ListParams } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { formatDate, humanize } from '../lib/format.ts';
import { type Column, DataTable } from './data-table.tsx';
import { EscalateButton } from './escalate-button.tsx';
import { AnchorLink } from './links.tsx';
import { SearchInput } from './list-controls.tsx';
import { LevelLabel, PriorityBadge } from './risk-badges.tsx';

const columns: Column<Issue>[] = [
  { key: 'reference', header: 'Ref', sortable: true, width: 70, render: (i) => `I-${i.reference}` },
  {
    key: 'title',
    header: 'Issue',
    sortable: true,
    render: (i) => (
      <Stack gap={0}>
        <Text size="sm">{i.title}</Text>
        {i.riskId && (
          <AnchorLink to="/risks/$id" params={{ id: i.riskId }} size="xs">
            From risk: {i.riskTitle}
          </AnchorLink>
        )}
        {i.resolution && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            Resolution: {i.resolution}
          </Text>
        )}
      </Stack>
    ),
  },
  {
    key: 'priority',
    header: 'Priority',
    sortable: true,
    render: (i) => <PriorityBadge priority={i.priority} />,
  },
  {
    key: 'level',
    header: 'Log',
    render: (i) => (
      <LevelLabel
        scopeType={i.scopeType}
        scopeName={i.scopeName}
        originScopeName={i.originScopeName}
        escalated={i.escalationLevel > 0}
      />
    ),
  },
  { key: 'ownerName', header: 'Owner', render: (i) => i.ownerName ?? '—' },
  { key: 'dueDate', header: 'Due', sortable: true, render: (i) => formatDate(i.dueDate) },
  { key: 'status', header: 'Status', sortable: true, render: (i) => humanize(i.status) },
];

const escalateColumn: Column<Issue> = {
  key: 'escalate',
  header: '',
  width: 100,
  render: (i) =>
    i.status === 'open' || i.status === 'in_progress' ? (
      <EscalateButton type="issue" id={i.id} compact />
    ) : null,
};

export function IssuesLog({ scope }: { scope?: ListParams }) {
  const { can } = usePermissions();
  const [q, setQ] = useState<string | undefined>();
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ sort?: string; order?: 'asc' | 'desc' }>({});
  const list = useList('issues', {
    ...scope,
    q,
    status: status ?? undefined,
    priority: priority ?? undefined,
    ...sort,
    page,
    pageSize: 25,
  });
  return (
    <>
      <Paper withBorder radius="sm" p="xs" mb="sm">
        <Group gap="xs">
          <SearchInput value={q} onChange={setQ} placeholder="Search issues…" />
          <Select
            size="xs"
            w={140}
            placeholder="Status"
            aria-label="Status"
            clearable
            data={ISSUE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            value={status}
            onChange={setStatus}
          />
          <Select
            size="xs"
            w={140}
            placeholder="Priority"
            aria-label="Priority"
            clearable
            data={ISSUE_PRIORITIES.map((s) => ({ value: s, label: humanize(s) }))}
            value={priority}
            onChange={setPriority}
          />
        </Group>
      </Paper>
      <DataTable
        testId="issues-table"
        columns={can('risk.manage') ? [...columns, escalateColumn] : columns}
        rows={list.data?.items}
        rowKey={(i) => i.id}
        total={list.data?.total}
        page={page}
        pageSize={25}
        onPage={setPage}
        sort={sort.sort ?? 'priority'}
        order={sort.order ?? 'desc'}
        onSort={(s, o) => setSort({ sort: s, order: o })}
        loading={list.isFetching && !list.isLoading}
        error={list.error}
        minWidth={1000}
        empty={
          <EmptyState icon={<IconAlertOctagon />} title="No issues" description="Nothing logged here." />
        }
      />
    </>
  );
}
