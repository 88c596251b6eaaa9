import { EmptyState, Text } from '@mantine/core';
import { IconBriefcase } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useList } from '../api/queries.ts';
import type { Portfolio } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import type { Column } from '../components/data-table.tsx';
import { EntitySelect } from '../components/entity-select.tsx';
import { AnchorLink } from '../components/links.tsx';
import { SearchInput, useListSearch } from '../components/list-controls.tsx';
import { ListFilterBar, ListQueryTable, NewItemButton } from '../components/list-page.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PortfolioForm } from '../forms/portfolio-form.tsx';
import { formatDate } from '../lib/format.ts';

const columns: Column<Portfolio>[] = [
  {
    key: 'name',
    header: 'Portfolio',
    sortable: true,
    render: (p) => (
      <AnchorLink to="/portfolios/$id" params={{ id: p.id }} fw={500} size="sm">
        {p.name}
      </AnchorLink>
    ),
  },
  {
    key: 'description',
    header: 'Description',
    render: (p) => (
      <Text size="sm" c="dimmed" lineClamp={1} maw={420}>
        {p.description || '—'}
      </Text>
    ),
  },
  {
    key: 'businessUnitName',
    header: 'Business unit',
    render: (p) =>
      p.businessUnitId ? (
        <AnchorLink to="/business-units/$id" params={{ id: p.businessUnitId }} size="sm" c="dark.6">
          {p.businessUnitName ?? '…'}
        </AnchorLink>
      ) : (
        <Text size="xs" c="dimmed">
          Organization-wide
        </Text>
      ),
  },
  { key: 'managerName', header: 'Manager', render: (p) => p.managerName ?? '—' },
  { key: 'updatedAt', header: 'Updated', width: 120, render: (p) => formatDate(p.updatedAt) },
];

export function PortfoliosPage() {
  const { can } = usePermissions();
  const { search, params, set, tableProps } = useListSearch('name');
  const list = useList('portfolios', params);
  const navigate = useNavigate();
  const filtered = !!(search.q || search.businessUnitId);
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Portfolios' }]}
        title="Portfolios"
        subtitle={list.data ? `${list.data.total} portfolio${list.data.total === 1 ? '' : 's'}` : ' '}
        actions={
          can('portfolio.create') && (
            <NewItemButton
              label="New portfolio"
              testId="new-portfolio"
              onClick={() => set({ new: true }, true)}
            />
          )
        }
      />
      <ListFilterBar>
        <SearchInput value={search.q} onChange={(q) => set({ q })} placeholder="Search portfolios…" />
        <EntitySelect
          collection="business-units"
          size="xs"
          w={200}
          placeholder="Business unit"
          aria-label="Business unit"
          value={search.businessUnitId ?? null}
          onChange={(v) => set({ businessUnitId: v ?? undefined })}
        />
      </ListFilterBar>
      <ListQueryTable
        testId="portfolios-table"
        columns={columns}
        list={list}
        {...tableProps}
        empty={
          <EmptyState
            icon={<IconBriefcase />}
            title={filtered ? 'No portfolio matches' : 'No portfolios yet'}
            description={
              filtered
                ? 'Try another search or business unit.'
                : 'A portfolio groups the programs and projects one manager steers against the strategy. Create one to start.'
            }
          />
        }
      />
      {search.new && (
        <PortfolioForm
          opened
          onClose={() => set({ new: undefined }, true)}
          defaults={{ businessUnitId: search.businessUnitId ?? null }}
          onSaved={(p) => p && navigate({ to: '/portfolios/$id', params: { id: p.id } })}
        />
      )}
    </>
  );
}
