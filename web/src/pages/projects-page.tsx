import { Button, EmptyState, Group, Select, Text } from '@mantine/core';
import { IconFilterOff, IconListDetails } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useList } from '../api/queries.ts';
import { HEALTHS, type Project, STAGES } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { HealthBadge, StageBadge } from '../components/badges.tsx';
import type { Column } from '../components/data-table.tsx';
import { EntitySelect } from '../components/entity-select.tsx';
import { AnchorLink } from '../components/links.tsx';
import { SearchInput, useListSearch } from '../components/list-controls.tsx';
import { ListFilterBar, ListQueryTable, NewItemButton } from '../components/list-page.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProjectForm } from '../forms/project-form.tsx';
import { formatDate, formatMoney, humanize } from '../lib/format.ts';

export function projectColumns(currency: string, hide: string[] = []): Column<Project>[] {
  const cols: Column<Project>[] = [
    {
      key: 'name',
      header: 'Project',
      sortable: true,
      render: (p) => (
        <Group gap={8} wrap="nowrap">
          <Text size="xs" ff="monospace" c="dimmed" miw={52}>
            {p.code}
          </Text>
          <AnchorLink
            to="/projects/$id"
            params={{ id: p.id }}
            size="sm"
            fw={500}
            title={p.name}
            maw={280}
            truncate="end"
            display="block"
          >
            {p.name}
          </AnchorLink>
        </Group>
      ),
    },
    {
      key: 'stage',
      header: 'Stage',
      sortable: true,
      render: (p) => <StageBadge stage={p.stage} />,
    },
    {
      key: 'health',
      header: 'Health',
      sortable: true,
      render: (p) => <HealthBadge health={p.health} />,
    },
    { key: 'managerName', header: 'Manager', render: (p) => p.managerName ?? '—' },
    {
      key: 'portfolioName',
      header: 'Portfolio',
      render: (p) =>
        p.portfolioId ? (
          <AnchorLink
            to="/portfolios/$id"
            params={{ id: p.portfolioId }}
            size="sm"
            c="dark.6"
            maw={190}
            truncate="end"
            display="block"
          >
            {p.portfolioName ?? '…'}
          </AnchorLink>
        ) : (
          '—'
        ),
    },
    {
      key: 'programName',
      header: 'Program',
      render: (p) =>
        p.programId ? (
          <AnchorLink
            to="/programs/$id"
            params={{ id: p.programId }}
            size="sm"
            c="dark.6"
            maw={170}
            truncate="end"
            display="block"
          >
            {p.programName ?? '…'}
          </AnchorLink>
        ) : (
          <Text size="xs" c="dimmed">
            Standalone
          </Text>
        ),
    },
    {
      key: 'targetFinish',
      header: 'Finish',
      sortable: true,
      render: (p) => formatDate(p.targetFinish),
    },
    {
      key: 'budget',
      header: 'Budget',
      sortable: true,
      align: 'right',
      render: (p) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(p.budget, currency)}</span>
      ),
    },
    {
      key: 'priority',
      header: 'Priority',
      sortable: true,
      align: 'right',
      render: (p) => p.priority,
    },
  ];
  return cols.filter((c) => !hide.includes(c.key));
}

export function ProjectsPage() {
  const { can, currency } = usePermissions();
  const { search, params, set, tableProps } = useListSearch('name');
  const list = useList('projects', params);
  const navigate = useNavigate();
  const filtered = !!(
    search.q ||
    search.businessUnitId ||
    search.portfolioId ||
    search.programId ||
    search.stage ||
    search.health ||
    search.managerId
  );
  const clearFilters = () =>
    set({
      q: undefined,
      businessUnitId: undefined,
      portfolioId: undefined,
      programId: undefined,
      stage: undefined,
      health: undefined,
      managerId: undefined,
    });

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Projects' }]}
        title="Projects"
        subtitle={
          list.data
            ? `${list.data.total} project${list.data.total === 1 ? '' : 's'}${filtered ? ' match the filters' : ''}`
            : ' '
        }
        actions={
          can('project.create') && (
            <NewItemButton
              label="New project"
              testId="new-project"
              onClick={() => set({ new: true }, true)}
            />
          )
        }
      />
      <ListFilterBar>
        <SearchInput value={search.q} onChange={(q) => set({ q })} placeholder="Search code or name…" />
        <EntitySelect
          collection="business-units"
          size="xs"
          w={165}
          placeholder="Business unit"
          aria-label="Business unit"
          value={search.businessUnitId ?? null}
          onChange={(v) => set({ businessUnitId: v ?? undefined })}
        />
        <EntitySelect
          collection="portfolios"
          size="xs"
          w={165}
          placeholder="Portfolio"
          aria-label="Portfolio"
          value={search.portfolioId ?? null}
          onChange={(v) => set({ portfolioId: v ?? undefined, programId: undefined })}
        />
        <EntitySelect
          collection="programs"
          size="xs"
          w={165}
          placeholder="Program"
          aria-label="Program"
          params={search.portfolioId ? { portfolioId: search.portfolioId } : undefined}
          value={search.programId ?? null}
          onChange={(v) => set({ programId: v ?? undefined })}
        />
        <Select
          size="xs"
          w={120}
          placeholder="Stage"
          aria-label="Stage"
          clearable
          data={STAGES.map((s) => ({ value: s, label: humanize(s) }))}
          value={search.stage ?? null}
          onChange={(v) => set({ stage: v ?? undefined })}
        />
        <Select
          size="xs"
          w={105}
          placeholder="Health"
          aria-label="Health"
          clearable
          data={HEALTHS.map((s) => ({ value: s, label: humanize(s) }))}
          value={search.health ?? null}
          onChange={(v) => set({ health: v ?? undefined })}
        />
        <EntitySelect
          collection="users"
          size="xs"
          w={155}
          placeholder="Manager"
          aria-label="Manager"
          value={search.managerId ?? null}
          onChange={(v) => set({ managerId: v ?? undefined })}
        />
        {filtered && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={14} />}
            onClick={clearFilters}
          >
            Clear filters
          </Button>
        )}
      </ListFilterBar>
      <ListQueryTable
        testId="projects-table"
        columns={projectColumns(currency)}
        list={list}
        minWidth={1100}
        {...tableProps}
        empty={
          filtered ? (
            <EmptyState
              icon={<IconFilterOff />}
              title="No project matches these filters"
              description="Loosen a filter or clear them all to see every project you can access."
            >
              <EmptyState.Actions>
                <Button size="xs" variant="light" onClick={clearFilters}>
                  Clear filters
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<IconListDetails />}
              title="No projects yet"
              description={
                can('project.create')
                  ? 'Create the first project: give it a code, a portfolio, a manager and a sponsor.'
                  : 'Projects you are a member of, or that fall under your roles, will appear here.'
              }
            />
          )
        }
      />
      {search.new && (
        <ProjectForm
          opened
          onClose={() => set({ new: undefined }, true)}
          defaults={{
            portfolioId: search.portfolioId,
            programId: search.programId ?? null,
            businessUnitId: search.businessUnitId,
          }}
          onSaved={(p) => p && navigate({ to: '/projects/$id', params: { id: p.id } })}
        />
      )}
    </>
  );
}
