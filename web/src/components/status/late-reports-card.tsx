import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { DashboardScope } from '../../api/dashboard.ts';
import { statusApi, statusKeys } from '../../api/status-reports.ts';
import { formatDate } from '../../lib/format.ts';
import { AnchorLink } from '../links.tsx';
import { ProblemAlert } from '../problem-alert.tsx';

const SHOWN = 8;

/** The dashboard's panel of projects whose status report is overdue within the scope, most overdue first. */
export function LateReportsCard({ scope }: { scope: DashboardScope }) {
  const late = useQuery({
    queryKey: [...statusKeys.late, scope.scopeType, scope.scopeId ?? null],
    queryFn: ({ signal }) => statusApi.lateIn(scope, SHOWN, signal),
  });
  if (late.error) return <ProblemAlert error={late.error} />;
  if (!late.data) return null;
  const { items, total } = late.data;
  return (
    <Paper withBorder radius="sm" p="md" data-testid="dashboard-late-reports">
      <Group justify="space-between" mb={6}>
        <Group gap={6}>
          <Text fw={600} size="sm">
            Late status reports
          </Text>
          <Badge color={total ? 'red' : 'green'} variant="light" size="sm">
            {total}
          </Badge>
        </Group>
        {total > SHOWN && (
          <AnchorLink to="/reports" size="xs">
            All {total}
          </AnchorLink>
        )}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Every project in this scope has reported on time.
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Manager</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th ta="right">Days late</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.projectId}>
                <Table.Td>
                  <AnchorLink to="/projects/$id" params={{ id: r.projectId }} size="sm">
                    {r.projectCode} · {r.projectName}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{r.managerName ?? '—'}</Table.Td>
                <Table.Td>{formatDate(r.dueDate)}</Table.Td>
                <Table.Td ta="right" c={r.daysLate > 7 ? 'red.7' : 'orange.7'} fw={600}>
                  {r.daysLate}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
