import { Button, Group, NumberInput, Paper, Select, Table, Text } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type Distribution, scheduleRiskApi, scheduleRiskKeys } from '../../api/schedule-risk.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';

const DAY = 480;
interface Row {
  distribution: Distribution;
  optimistic: number | '';
  likely: number | '';
  pessimistic: number | '';
}
const days = (minutes: number) => Math.round((minutes / DAY) * 100) / 100;

/** The project's leaf tasks with their three-point estimates in days, editable by risk managers. */
export function EstimatesTable({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const tasks = useQuery({
    queryKey: scheduleRiskKeys.tasks(projectId),
    queryFn: ({ signal }) => scheduleRiskApi.tasks(projectId, signal),
  });
  const estimates = useQuery({
    queryKey: scheduleRiskKeys.estimates(projectId),
    queryFn: ({ signal }) => scheduleRiskApi.estimates(projectId, signal),
  });
  const [rows, setRows] = useState<Record<string, Row>>({});
  useEffect(() => {
    if (!estimates.data) return;
    setRows(
      Object.fromEntries(
        estimates.data.items.map((e) => [
          e.taskId,
          {
            distribution: e.distribution,
            optimistic: days(e.optimisticMinutes),
            likely: days(e.likelyMinutes),
            pessimistic: days(e.pessimisticMinutes),
          },
        ]),
      ),
    );
  }, [estimates.data]);
  const save = useMutation({
    mutationFn: () => {
      const known = new Set(estimates.data?.items.map((e) => e.taskId));
      const complete = Object.entries(rows).filter(
        ([, r]) => r.optimistic !== '' && r.likely !== '' && r.pessimistic !== '',
      );
      const kept = new Set(complete.map(([id]) => id));
      return scheduleRiskApi.setEstimates(projectId, {
        estimates: complete.map(([taskId, r]) => ({
          taskId,
          distribution: r.distribution,
          optimisticMinutes: Math.round(Number(r.optimistic) * DAY),
          likelyMinutes: Math.round(Number(r.likely) * DAY),
          pessimisticMinutes: Math.round(Number(r.pessimistic) * DAY),
        })),
        remove: [...known].filter((id) => !kept.has(id)),
      });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: scheduleRiskKeys.estimates(projectId) });
    },
  });

  if (tasks.isLoading || estimates.isLoading) return <PageLoader />;
  const error = tasks.error ?? estimates.error;
  if (error) return <ProblemAlert error={error} />;
  const leaves = (tasks.data?.items ?? []).filter((t) => !t.isSummary && !t.milestone);
  const set = (taskId: string, patch: Partial<Row>) =>
    setRows((old) => ({
      ...old,
      [taskId]: {
        ...(old[taskId] ?? { distribution: 'pert', optimistic: '', likely: '', pessimistic: '' }),
        ...patch,
      },
    }));

  return (
    <Paper withBorder radius="sm" p="sm">
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          Three-point estimates in working days; tasks without one get the default spread of the run.
        </Text>
        {canEdit && (
          <Button
            size="xs"
            leftSection={<IconDeviceFloppy size={14} />}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="save-estimates"
          >
            Save estimates
          </Button>
        )}
      </Group>
      <ProblemAlert error={save.error} />
      <Table verticalSpacing={3} fz="sm" striped data-testid="estimates-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Task</Table.Th>
            <Table.Th ta="right">Planned days</Table.Th>
            <Table.Th w={130}>Distribution</Table.Th>
            <Table.Th w={110}>Optimistic</Table.Th>
            <Table.Th w={110}>Most likely</Table.Th>
            <Table.Th w={110}>Pessimistic</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leaves.map((t) => {
            const r = rows[t.id];
            return (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Text size="sm" span c="dimmed" mr={6}>
                    {t.wbsCode}
                  </Text>
                  {t.name}
                </Table.Td>
                <Table.Td ta="right">{days(t.durationMinutes)}</Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    disabled={!canEdit}
                    data={[
                      { value: 'pert', label: 'PERT' },
                      { value: 'triangular', label: 'Triangular' },
                      { value: 'uniform', label: 'Uniform' },
                    ]}
                    value={r?.distribution ?? 'pert'}
                    onChange={(v) => v && set(t.id, { distribution: v as Distribution })}
                    allowDeselect={false}
                  />
                </Table.Td>
                {(['optimistic', 'likely', 'pessimistic'] as const).map((field) => (
                  <Table.Td key={field}>
                    <NumberInput
                      size="xs"
                      min={0}
                      decimalScale={2}
                      disabled={!canEdit}
                      placeholder="—"
                      aria-label={`${field} days of ${t.name}`}
                      value={r?.[field] ?? ''}
                      onChange={(v) => set(t.id, { [field]: v === '' ? '' : Number(v) })}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
