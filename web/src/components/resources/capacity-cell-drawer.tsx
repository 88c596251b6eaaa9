import { Badge, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { useCapacityCell } from '../../api/resources.ts';
import type { ListParams } from '../../api/types.ts';
import { AnchorLink } from '../links.tsx';
import { LoadError, PageLoader } from '../route-states.tsx';

const SOURCE_LABELS = {
  assignment: 'task',
  hard_booking: 'hard booking',
  soft_booking: 'soft booking',
} as const;

/** What makes up one heatmap cell: capacity, and each task or booking behind the demand. */
export function CapacityCellDrawer({
  title,
  params,
  onClose,
}: {
  title: string;
  params: ListParams | null;
  onClose: () => void;
}) {
  const cell = useCapacityCell(params);
  return (
    <Drawer opened={params !== null} onClose={onClose} position="right" size="lg" title={title}>
      {cell.isLoading && <PageLoader />}
      {cell.error && <LoadError error={cell.error} what="capacity cell" />}
      {cell.data && (
        <Stack gap="sm" data-testid="capacity-cell">
          <Group gap="lg">
            <Text size="sm">
              Capacity <b>{cell.data.capacityHours} h</b>
            </Text>
            <Text size="sm" c={cell.data.demandHours > cell.data.capacityHours ? 'red' : undefined}>
              Demand <b>{cell.data.demandHours} h</b>
            </Text>
            {cell.data.softHours > 0 && <Text size="sm">Soft {cell.data.softHours} h</Text>}
          </Group>
          <Table data-testid="cell-sources">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Resource</Table.Th>
                <Table.Th>Project</Table.Th>
                <Table.Th>Task</Table.Th>
                <Table.Th ta="right">Hours</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cell.data.sources.map((s) => (
                <Table.Tr key={`${s.resourceId}-${s.source}-${s.projectId}-${s.taskId}`}>
                  <Table.Td>{s.resourceName}</Table.Td>
                  <Table.Td>
                    {s.projectId ? (
                      <AnchorLink to="/projects/$id" params={{ id: s.projectId }} size="sm">
                        {s.projectCode} {s.projectName}
                      </AnchorLink>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {s.projectName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {s.taskName ?? ''}{' '}
                    {s.source !== 'assignment' && (
                      <Badge size="xs" variant="light" color={s.source === 'hard_booking' ? 'blue' : 'gray'}>
                        {SOURCE_LABELS[s.source]}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{s.hours}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {cell.data.sources.length === 0 && (
            <Text size="sm" c="dimmed">
              No demand in this period.
            </Text>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
