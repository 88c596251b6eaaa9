import { ActionIcon, Button, Group, NumberInput, Paper, Select, Table, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import type { RiskTask } from '../api/risk-types.ts';
import { riskEndpoints, useRiskInvalidate, useRiskTasks } from '../api/risks.ts';
import { ProblemAlert } from './problem-alert.tsx';

const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10} h`;
const strip = (t: RiskTask) => ({
  taskId: t.taskId,
  impactOptimisticMinutes: t.impactOptimisticMinutes,
  impactLikelyMinutes: t.impactLikelyMinutes,
  impactPessimisticMinutes: t.impactPessimisticMinutes,
});

/**
 * The plan tasks a risk delays, with a three-point impact in hours: what the Monte Carlo simulation
 * adds when the risk occurs. Tasks come from the projects the risk is linked to.
 */
export function RiskTasks({
  riskId,
  projectIds,
  canEdit,
}: {
  riskId: string;
  projectIds: string[];
  canEdit: boolean;
}) {
  const tasks = useRiskTasks(riskId);
  const invalidate = useRiskInvalidate();
  const plans = useQueries({
    queries: (canEdit ? projectIds : []).map((id) => ({
      queryKey: ['risks', 'project-tasks', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => riskEndpoints.projectTasks(id, signal),
    })),
  });
  const [taskId, setTaskId] = useState<string | null>(null);
  const [low, setLow] = useState<number | string>(8);
  const [likely, setLikely] = useState<number | string>(16);
  const [high, setHigh] = useState<number | string>(40);
  const save = useMutation({
    mutationFn: (next: ReturnType<typeof strip>[]) => riskEndpoints.setTasks(riskId, next),
    onSuccess: () => {
      setTaskId(null);
      return invalidate();
    },
  });
  const current = tasks.data ?? [];
  const options = plans
    .flatMap((plan) => plan.data?.items ?? [])
    .filter((t) => !t.isSummary && !current.some((c) => c.taskId === t.id))
    .map((t) => ({ value: t.id, label: `${t.wbsCode} ${t.name}` }));
  const minutes = (v: number | string) => Math.round(Number(v) * 60);
  return (
    <Paper withBorder radius="sm" p="sm">
      <Table fz="sm" verticalSpacing={6} data-testid="risk-tasks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Project</Table.Th>
            <Table.Th>Task</Table.Th>
            <Table.Th ta="right">Optimistic</Table.Th>
            <Table.Th ta="right">Likely</Table.Th>
            <Table.Th ta="right">Pessimistic</Table.Th>
            {canEdit && <Table.Th w={40} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {current.map((t) => (
            <Table.Tr key={t.taskId}>
              <Table.Td>{t.projectCode}</Table.Td>
              <Table.Td>{t.taskName}</Table.Td>
              <Table.Td ta="right">{hours(t.impactOptimisticMinutes)}</Table.Td>
              <Table.Td ta="right">{hours(t.impactLikelyMinutes)}</Table.Td>
              <Table.Td ta="right">{hours(t.impactPessimisticMinutes)}</Table.Td>
              {canEdit && (
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${t.taskName}`}
                    onClick={() => save.mutate(current.filter((c) => c.taskId !== t.taskId).map(strip))}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {current.length === 0 && (
        <Text size="sm" c="dimmed" p="xs">
          No quantified schedule impact yet.
        </Text>
      )}
      {canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!taskId) return;
            save.mutate([
              ...current.map(strip),
              {
                taskId,
                impactOptimisticMinutes: minutes(low),
                impactLikelyMinutes: minutes(likely),
                impactPessimisticMinutes: minutes(high),
              },
            ]);
          }}
        >
          <Group gap="xs" mt="sm" align="flex-end">
            <Select
              size="xs"
              label="Task"
              placeholder={
                options.length ? 'Pick a task' : 'No other task in the plans of the linked projects'
              }
              data={options}
              searchable
              value={taskId}
              onChange={setTaskId}
              style={{ flex: 1 }}
            />
            <NumberInput size="xs" w={100} label="Optimistic (h)" value={low} onChange={setLow} />
            <NumberInput size="xs" w={100} label="Likely (h)" value={likely} onChange={setLikely} />
            <NumberInput size="xs" w={110} label="Pessimistic (h)" value={high} onChange={setHigh} />
            <Button
              size="xs"
              type="submit"
              leftSection={<IconPlus size={14} />}
              loading={save.isPending}
              disabled={!taskId}
            >
              Add
            </Button>
          </Group>
          <ProblemAlert error={save.error} />
        </form>
      )}
    </Paper>
  );
}
