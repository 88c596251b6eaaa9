import { EmptyState } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useList } from '../api/queries.ts';
import type { Program } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import type { Column } from '../components/data-table.tsx';
import { EntitySelect } from '../components/entity-select.tsx';
import { AnchorLink } from '../components/links.tsx';
import { SearchInput, useListSearch } from '../components/list-controls.tsx';
import { ListFilterBar, ListQueryTable, NewItemButton } from '../components/list-page.tsx';
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
            <NewItemButton
              label="New program"
              testId="new-program"
              onClick={() => set({ new: true }, true)}
            />
          )
        }
      />
      <ListFilterBar>
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
      </ListFilterBar>
      <ListQueryTable
        testId="programs-table"
        columns={columns}
        list={list}
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
