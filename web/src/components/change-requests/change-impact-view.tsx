import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { ChangeImpact } from '../../api/change-requests.ts';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';

function Delta({ days, unit }: { days: number; unit: string }) {
  if (days === 0)
    return (
      <Text size="sm" c="dimmed">
        0
      </Text>
    );
  return (
    <Text size="sm" fw={600} c={days > 0 ? 'red.7' : 'green.7'}>
      {days > 0 ? '+' : ''}
      {days} {unit}
    </Text>
  );
}

/** The computed impact of a change: every project's finish before and after, the tasks that move, cost. */
export function ChangeImpactView({ impact, currency }: { impact: ChangeImpact | null; currency: string }) {
  if (!impact) return <Text c="dimmed">No impact computed yet.</Text>;
  const moved = impact.tasks.filter(
    (t) => t.change !== 'moved' || t.oldFinish !== t.newFinish || t.oldStart !== t.newStart,
  );
  return (
    <Stack gap="sm" data-testid="impact">
      <Table fz="sm" withTableBorder verticalSpacing={4} data-testid="impact-projects">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Project</Table.Th>
            <Table.Th>Finish now</Table.Th>
            <Table.Th>Finish after change</Table.Th>
            <Table.Th>Delta (working days)</Table.Th>
            <Table.Th>Delta (calendar days)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {impact.projects.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="dimmed">
                  No scheduled project is affected.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {impact.projects.map((p) => (
            <Table.Tr key={p.projectId}>
              <Table.Td>
                <Text size="sm" span ff="monospace" mr={6}>
                  {p.code}
                </Text>
                {p.name}
              </Table.Td>
              <Table.Td>{formatDate(p.oldFinish)}</Table.Td>
              <Table.Td>{formatDate(p.newFinish)}</Table.Td>
              <Table.Td>
                <Delta days={p.deltaWorkingDays} unit="d" />
              </Table.Td>
              <Table.Td>
                <Delta days={p.deltaCalendarDays} unit="d" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {moved.length > 0 && (
        <Table fz="xs" withTableBorder verticalSpacing={2} data-testid="impact-tasks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Task</Table.Th>
              <Table.Th>Change</Table.Th>
              <Table.Th>Start</Table.Th>
              <Table.Th>Finish</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {moved.slice(0, 50).map((t) => (
              <Table.Tr key={t.taskId}>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td>
                  <Badge
                    size="xs"
                    variant="light"
                    color={t.change === 'added' ? 'green' : t.change === 'removed' ? 'red' : 'blue'}
                  >
                    {t.change}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {formatDate(t.oldStart)} → {formatDate(t.newStart)}
                </Table.Td>
                <Table.Td>
                  {formatDate(t.oldFinish)} → {formatDate(t.newFinish)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(impact.criticalPath.added.length > 0 || impact.criticalPath.removed.length > 0) && (
        <Group gap={6}>
          <Text size="sm" fw={500}>
            Critical path:
          </Text>
          {impact.criticalPath.added.map((t) => (
            <Badge key={t.id} size="sm" color="red" variant="light">
              + {t.name}
            </Badge>
          ))}
          {impact.criticalPath.removed.map((t) => (
            <Badge key={t.id} size="sm" color="gray" variant="light">
              − {t.name}
            </Badge>
          ))}
        </Group>
      )}
      <Group gap="lg">
        <Text size="sm">
          <b>Cost impact:</b> {formatMoney(impact.cost.total, currency)}
          {impact.cost.derived !== null && (
            <>
              {' '}
              ({formatMoney(impact.cost.derived, currency)} from assignments,{' '}
              {formatMoney(impact.cost.entered, currency)} estimated)
            </>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {impact.cost.note} Computed {formatDateTime(impact.computedAt)}.
        </Text>
      </Group>
    </Stack>
  );
}
