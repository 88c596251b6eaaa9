import { ActionIcon, EmptyState, Group, Paper, Progress, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconTarget } from '@tabler/icons-react';
import { useState } from 'react';
import { useList } from '../api/queries.ts';
import type { Objective } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import type { Column } from '../components/data-table.tsx';
import { SearchInput, useListSearch } from '../components/list-controls.tsx';
import { ListQueryTable, NewItemButton } from '../components/list-page.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ObjectiveForm } from '../forms/objective-form.tsx';

export function ObjectivesPage() {
  const { can } = usePermissions();
  const { search, params, set, tableProps } = useListSearch('weight', 'desc');
  const list = useList('objectives', params);
  const [editing, setEditing] = useState<Objective | null>(null);
  const canManage = can('objective.manage');

  const columns: Column<Objective>[] = [
    {
      key: 'name',
      header: 'Objective',
      sortable: true,
      render: (o) => (
        <div>
          <Text size="sm" fw={500}>
            {o.name}
          </Text>
          {o.description && (
            <Text size="xs" c="dimmed" lineClamp={1} maw={520}>
              {o.description}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'weight',
      header: 'Weight',
      sortable: true,
      width: 180,
      render: (o) => (
        <Group gap="xs" wrap="nowrap">
          <Progress value={o.weight} w={90} size="sm" color="grape" />
          <Text size="xs" fw={600}>
            {o.weight}
          </Text>
        </Group>
      ),
    },
    { key: 'measure', header: 'Measure', render: (o) => o.measure || '—' },
    { key: 'ownerName', header: 'Owner', render: (o) => o.ownerName ?? '—' },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: '',
      width: 50,
      render: (o) => (
        <Tooltip label="Edit objective">
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Edit ${o.name}`}
            onClick={() => setEditing(o)}
          >
            <IconPencil size={15} />
          </ActionIcon>
        </Tooltip>
      ),
    });
  }

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Objectives' }]}
        title="Strategic objectives"
        subtitle="What the organization is trying to achieve; projects are scored by how much they contribute."
        actions={
          canManage && (
            <NewItemButton
              label="New objective"
              testId="new-objective"
              onClick={() => set({ new: true }, true)}
            />
          )
        }
      />
      <Paper withBorder radius="sm" p="xs" mb="sm">
        <SearchInput value={search.q} onChange={(q) => set({ q })} placeholder="Search objectives…" />
      </Paper>
      <ListQueryTable
        testId="objectives-table"
        columns={columns}
        list={list}
        {...tableProps}
        empty={
          <EmptyState
            icon={<IconTarget />}
            title={search.q ? 'No objective matches' : 'No strategic objectives yet'}
            description={
              search.q
                ? 'Try another search.'
                : 'Add the organization’s strategic objectives with a weight each; projects are then scored against them.'
            }
          />
        }
      />
      {search.new && <ObjectiveForm opened onClose={() => set({ new: undefined }, true)} />}
      {editing && (
        <ObjectiveForm
          opened
          onClose={() => setEditing(null)}
          objective={editing}
          version={String(editing.version)}
        />
      )}
    </>
  );
}
