import { ActionIcon, Badge, Button, EmptyState, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconSitemap } from '@tabler/icons-react';
import { useState } from 'react';
import { toTreeRows, useAllBusinessUnits } from '../../api/all-business-units.ts';
import type { BusinessUnit } from '../../api/types.ts';
import { BusinessUnitForm } from '../../forms/business-unit-form.tsx';
import { humanize } from '../../lib/format.ts';
import { AnchorLink } from '../links.tsx';
import { LoadError, PageLoader } from '../route-states.tsx';

const NO_COLLAPSE: ReadonlySet<string> = new Set();

export function AdminBusinessUnits() {
  const all = useAllBusinessUnits();
  const [editing, setEditing] = useState<BusinessUnit | 'new' | null>(null);
  if (all.isLoading) return <PageLoader />;
  if (all.error) return <LoadError error={all.error} what="list" />;
  const rows = toTreeRows(all.data ?? [], NO_COLLAPSE);
  return (
    <>
      <Group justify="flex-end" mb="sm">
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setEditing('new')}
          data-testid="new-business-unit"
        >
          New business unit
        </Button>
      </Group>
      <Paper withBorder radius="sm">
        {rows.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconSitemap />}
            title="No business units yet"
            description="Create the top-level units first, then their sub-units."
          />
        ) : (
          <Table verticalSpacing={5} fz="sm" highlightOnHover data-testid="admin-business-units">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th w={110}>Code</Table.Th>
                <Table.Th w={200}>Parent</Table.Th>
                <Table.Th w={140}>PMO mode</Table.Th>
                <Table.Th w={50} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ unit, depth }) => (
                <Table.Tr key={unit.id}>
                  <Table.Td>
                    <AnchorLink
                      to="/business-units/$id"
                      params={{ id: unit.id }}
                      size="sm"
                      pl={depth * 20}
                      fw={500}
                    >
                      {unit.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" c="dimmed">
                      {unit.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {unit.parentName ?? (
                      <Text size="xs" c="dimmed">
                        Top level
                      </Text>
                    )}
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
                  <Table.Td>
                    <Tooltip label="Edit business unit">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Edit ${unit.name}`}
                        onClick={() => setEditing(unit)}
                      >
                        <IconPencil size={15} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing === 'new' && <BusinessUnitForm opened onClose={() => setEditing(null)} />}
      {editing && editing !== 'new' && (
        <BusinessUnitForm
          opened
          onClose={() => setEditing(null)}
          unit={editing}
          version={String(editing.version)}
        />
      )}
    </>
  );
}
