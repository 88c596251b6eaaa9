import { Button, EmptyState, Group, Paper } from '@mantine/core';
import { IconPlus, IconStack2 } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useList } from '../api/queries.ts';
import type { Program } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { EntitySelect } from '../components/entity-select.tsx';
import { AnchorLink } from '../components/links.tsx';
import { SearchInput, useListSearch } from '../components/list-controls.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProgramForm } from '../forms/program-form.tsx';
import { programColumns } from './portfolio-page.tsx';

const columns: Column<Program>[] = [
  programColumns[0]!,
  {
    key: 'portfolioName',
    header: 'Portfolio',
    render: (p) => (
      <AnchorLink to="/portfolios/$id" params={{ id: p.portfolioId }} size="sm" c="dark.6">
        {p.portfolioName ?? '…'}
      </AnchorLink>
    ),
  },
  ...programColumns.slice(1),
];

export function ProgramsPage() {
  const { can } = usePermissions();
  const { search, params, set, tableProps } = useListSearch('name');
  const list = useList('programs', params);
  const navigate = useNavigate();
  const filtered = !!(search.q || search.portfolioId);
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Programs' }]}
        title="Programs"
        subtitle={list.data ? `${list.data.total} program${list.data.total === 1 ? '' : 's'}` : ' '}
        actions={
          can('program.create') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => set({ new: true }, true)}
              data-testid="new-program"
            >
              New program
            </Button>
          )
        }
      />
      <Paper withBorder radius="sm" p="xs" mb="sm">
        <Group gap="xs">
          <SearchInput value={search.q} onChange={(q) => set({ q })} placeholder="Search programs…" />
          <EntitySelect
            collection="portfolios"
            size="xs"
            w={200}
            placeholder="Portfolio"
            aria-label="Portfolio"
            value={search.portfolioId ?? null}
            onChange={(v) => set({ portfolioId: v ?? undefined })}
          />
        </Group>
      </Paper>
      <DataTable
        testId="programs-table"
        columns={columns}
        rows={list.data?.items}
        rowKey={(p) => p.id}
        total={list.data?.total}
        loading={list.isFetching && !list.isLoading}
        error={list.error}
        {...tableProps}
        empty={
          <EmptyState
            icon={<IconStack2 />}
            title={filtered ? 'No program matches' : 'No programs yet'}
            description={
              filtered
                ? 'Try another search or portfolio.'
                : 'A program groups interrelated projects that deliver a shared benefit. Create one inside a portfolio.'
            }
          />
        }
      />
      {search.new && (
        <ProgramForm
          opened
          onClose={() => set({ new: undefined }, true)}
          defaults={{ portfolioId: search.portfolioId }}
          onSaved={(p) => p && navigate({ to: '/programs/$id', params: { id: p.id } })}
        />
      )}
    </>
  );
}
