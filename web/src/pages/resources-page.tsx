import { Badge, EmptyState, Group, Select, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useList } from '../api/queries.ts';
import type { Resource, ResourceKind } from '../api/resource-types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import type { Column } from '../components/data-table.tsx';
import { EntitySelect } from '../components/entity-select.tsx';
import { AnchorLink } from '../components/links.tsx';
import { SearchInput, useListSearch } from '../components/list-controls.tsx';
import { ListFilterBar, ListQueryTable, NewItemButton } from '../components/list-page.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceForm } from '../forms/resource-form.tsx';

export const KIND_LABELS: Record<ResourceKind, string> = {
  person: 'Person',
  generic: 'Generic role',
  equipment: 'Equipment',
  material: 'Material',
};

const columns: Column<Resource>[] = [
  {
    key: 'name',
    header: 'Resource',
    sortable: true,
    render: (r) => (
      <div>
        <AnchorLink to="/resources/$id" params={{ id: r.id }} size="sm" fw={500}>
          {r.name}
        </AnchorLink>
        <Text size="xs" c="dimmed">
          {r.code}
          {r.email ? ` · ${r.email}` : ''}
        </Text>
      </div>
    ),
  },
  { key: 'kind', header: 'Kind', sortable: true, render: (r) => KIND_LABELS[r.kind] },
  { key: 'roleName', header: 'Role', render: (r) => r.roleName ?? '—' },
  { key: 'businessUnitName', header: 'Business unit', render: (r) => r.businessUnitName ?? '—' },
  {
    key: 'skills',
    header: 'Skills',
    render: (r) => (
      <Group gap={4}>
        {r.skills.map((s) => (
          <Badge key={s.skillId} size="xs" variant="light" color="indigo">
            {s.skillName} {s.proficiency}
          </Badge>
        ))}
      </Group>
    ),
  },
  {
    key: 'maxUnits',
    header: 'Max units',
    sortable: true,
    align: 'right',
    render: (r) => `${Math.round(r.maxUnits * 100)}%`,
  },
];

/** The shared pool: every resource of the organization, filtered by kind, role, skill and unit. */
export function ResourcesPage() {
  const { can } = usePermissions();
  const navigate = useNavigate();
  const { search, params, set, tableProps } = useListSearch('name');
  const [kind, setKind] = useState<string | null>(null);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [skillId, setSkillId] = useState<string | null>(null);
  const list = useList('resources', { ...params, kind, roleId, skillId });
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Resources' }]}
        title="Resource pool"
        subtitle="People, generic roles, equipment and materials shared by every project"
        actions={
          can('resource.manage') && (
            <NewItemButton
              label="New resource"
              testId="new-resource"
              onClick={() => set({ new: true }, true)}
            />
          )
        }
      />
      <ListFilterBar>
        <SearchInput value={search.q} onChange={(q) => set({ q })} placeholder="Search resources…" />
        <Select
          size="xs"
          w={150}
          placeholder="Any kind"
          clearable
          aria-label="Kind"
          data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          value={kind}
          onChange={setKind}
        />
        <EntitySelect
          size="xs"
          w={190}
          collection="resource-roles"
          placeholder="Any role"
          clearable
          aria-label="Role"
          value={roleId}
          onChange={setRoleId}
        />
        <EntitySelect
          size="xs"
          w={190}
          collection="skills"
          placeholder="Any skill"
          clearable
          aria-label="Skill"
          value={skillId}
          onChange={setSkillId}
        />
        <EntitySelect
          size="xs"
          w={210}
          collection="business-units"
          placeholder="Any business unit"
          clearable
          aria-label="Business unit"
          value={search.businessUnitId ?? null}
          onChange={(id) => set({ businessUnitId: id ?? undefined })}
        />
      </ListFilterBar>
      <ListQueryTable
        testId="resources-table"
        columns={columns}
        list={list}
        {...tableProps}
        empty={
          <EmptyState
            icon={<IconUsersGroup />}
            title="No resource matches"
            description="Add people, generic roles, equipment and materials to the pool, or loosen the filters."
          />
        }
      />
      {search.new && (
        <ResourceForm
          opened
          onClose={() => set({ new: undefined }, true)}
          onSaved={(r) => r && navigate({ to: '/resources/$id', params: { id: r.id } })}
        />
      )}
    </>
  );
}
