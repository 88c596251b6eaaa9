import { ActionIcon, Badge, Button, EmptyState, Group, Paper, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconPlus, IconSitemap } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { toTreeRows, useAllBusinessUnits } from '../api/all-business-units.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { AnchorLink } from '../components/links.tsx';
import { SearchInput, useListSearch } from '../components/list-controls.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { BusinessUnitForm } from '../forms/business-unit-form.tsx';
import { humanize } from '../lib/format.ts';

export function BusinessUnitsPage() {
  const { can } = usePermissions();
  const { search, set } = useListSearch('name');
  const all = useAllBusinessUnits();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const q = search.q?.toLowerCase();

  const rows = useMemo(() => {
    const units = all.data ?? [];
    if (!q) return toTreeRows(units, collapsed);
    // While searching, show matches flat: the tree would hide them under collapsed parents.
    const counts = new Map<string, number>();
    for (const u of units) if (u.parentId) counts.set(u.parentId, (counts.get(u.parentId) ?? 0) + 1);
    return units
      .filter((u) => u.name.toLowerCase().includes(q) || u.code.toLowerCase().includes(q))
      .map((unit) => ({ unit, depth: 0, childCount: counts.get(unit.id) ?? 0 }));
  }, [all.data, collapsed, q]);

  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Business units' }]}
        title="Business units"
        subtitle={
          all.data
            ? `${all.data.length} unit${all.data.length === 1 ? '' : 's'} in the organization tree`
            : ' '
        }
        actions={
          can('businessUnit.manage') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => set({ new: true }, true)}>
              New business unit
            </Button>
          )
        }
      />
      <Paper withBorder radius="sm" p="xs" mb="sm">
        <SearchInput value={search.q} onChange={(v) => set({ q: v })} placeholder="Search name or code…" />
      </Paper>
      {all.isLoading ? (
        <PageLoader />
      ) : all.error ? (
        <LoadError error={all.error} what="list" />
      ) : rows.length === 0 ? (
        <Paper withBorder radius="sm" py="xl">
          <EmptyState
            icon={<IconSitemap />}
            title={q ? 'No business unit matches' : 'No business units yet'}
            description={
              q
                ? 'Try another name or code.'
                : 'Business units mirror how the organization is structured: divisions, departments, regions. Create the top-level ones first.'
            }
          />
        </Paper>
      ) : (
        <Paper withBorder radius="sm">
          <Table verticalSpacing={5} fz="sm" highlightOnHover data-testid="business-unit-tree">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th w={120}>Code</Table.Th>
                <Table.Th w={140}>PMO mode</Table.Th>
                <Table.Th w={120}>Sub-units</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ unit, depth, childCount }) => (
                <Table.Tr key={unit.id}>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" pl={depth * 22}>
                      {childCount > 0 && !q ? (
                        <ActionIcon
                          size="sm"
                          variant="subtle"
                          color="gray"
                          onClick={() => toggle(unit.id)}
                          aria-label={
                            collapsed.has(unit.id) ? `Expand ${unit.name}` : `Collapse ${unit.name}`
                          }
                        >
                          {collapsed.has(unit.id) ? (
                            <IconChevronRight size={14} />
                          ) : (
                            <IconChevronDown size={14} />
                          )}
                        </ActionIcon>
                      ) : (
                        <span style={{ display: 'inline-block', width: 22 }} />
                      )}
                      <AnchorLink
                        to="/business-units/$id"
                        params={{ id: unit.id }}
                        fw={depth === 0 ? 600 : 500}
                        size="sm"
                      >
                        {unit.name}
                      </AnchorLink>
                      {q && unit.parentName && (
                        <Text size="xs" c="dimmed">
                          in {unit.parentName}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" c="dimmed">
                      {unit.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      size="sm"
                      radius="sm"
                      variant="light"
                      color={unit.pmoMode === 'centralized' ? 'indigo' : 'teal'}
                    >
                      {humanize(unit.pmoMode)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{childCount || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {search.new && (
        <BusinessUnitForm
          opened
          onClose={() => set({ new: undefined }, true)}
          onSaved={(b) => b && navigate({ to: '/business-units/$id', params: { id: b.id } })}
        />
      )}
    </>
  );
}
