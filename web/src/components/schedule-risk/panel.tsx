import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Scope, scheduleRiskApi, scheduleRiskKeys } from '../../api/schedule-risk.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { EstimatesTable } from './estimates-table.tsx';
import { SimulationResults } from './results.tsx';

/**
 * The "Schedule risk" tab of a project or a program: estimates (projects only), a run form, the
 * stored runs and the chosen run's charts.
 */
export function ScheduleRiskPanel({ scope, canEdit }: { scope: Scope; canEdit: boolean }) {
  const qc = useQueryClient();
  const [iterations, setIterations] = useState<number | string>(5000);
  const [seed, setSeed] = useState<number | string>(1);
  const [targetDate, setTargetDate] = useState('');
  const [spread, setSpread] = useState<string>('pert');
  const [selected, setSelected] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: scheduleRiskKeys.runs(scope),
    queryFn: ({ signal }) => scheduleRiskApi.runs(scope, signal),
  });
  const current = selected ?? runs.data?.items[0]?.id ?? null;
  const run = useQuery({
    queryKey: scheduleRiskKeys.run(current ?? ''),
    queryFn: ({ signal }) => scheduleRiskApi.run(current!, signal),
    enabled: current !== null,
  });
  const simulate = useMutation({
    mutationFn: () =>
      scheduleRiskApi.simulate(scope, {
        iterations: Number(iterations),
        seed: Number(seed),
        targetDate: targetDate.trim() || null,
        defaultSpread:
          spread === 'none'
            ? null
            : { distribution: spread as 'pert', optimisticPercent: -10, pessimisticPercent: 25 },
      }),
    onSuccess: async (done) => {
      qc.setQueryData(scheduleRiskKeys.run(done.id), done);
      setSelected(done.id);
      await qc.invalidateQueries({ queryKey: scheduleRiskKeys.runs(scope) });
    },
  });

  return (
    <Stack gap="md" data-testid="schedule-risk">
      {scope.kind === 'project' && <EstimatesTable projectId={scope.id} canEdit={canEdit} />}
      <Paper withBorder radius="sm" p="sm">
        <Group align="flex-end" gap="sm">
          <NumberInput
            label="Iterations"
            size="xs"
            w={110}
            min={1}
            max={50000}
            value={iterations}
            onChange={setIterations}
          />
          <NumberInput label="Seed" size="xs" w={90} min={0} value={seed} onChange={setSeed} />
          <TextInput
            label="Target date"
            size="xs"
            w={130}
            placeholder="YYYY-MM-DD"
            value={targetDate}
            onChange={(e) => setTargetDate(e.currentTarget.value)}
            data-testid="target-date"
          />
          <Select
            label="Tasks without estimate"
            size="xs"
            w={210}
            data={[
              { value: 'pert', label: 'PERT −10 % / +25 %' },
              { value: 'triangular', label: 'Triangular −10 % / +25 %' },
              { value: 'none', label: 'Fixed (no spread)' },
            ]}
            value={spread}
            onChange={(v) => v && setSpread(v)}
            allowDeselect={false}
          />
          {canEdit && (
            <Button
              size="xs"
              leftSection={<IconPlayerPlay size={14} />}
              loading={simulate.isPending}
              onClick={() => simulate.mutate()}
              data-testid="run-simulation"
            >
              Run simulation
            </Button>
          )}
        </Group>
        <ProblemAlert error={simulate.error} />
      </Paper>
      {(runs.data?.items.length ?? 0) > 0 && (
        <Paper withBorder radius="sm" p="sm">
          <Title order={5} mb={4}>
            Runs
          </Title>
          <Table verticalSpacing={2} fz="xs" highlightOnHover data-testid="simulation-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th ta="right">Iterations</Table.Th>
                <Table.Th ta="right">Seed</Table.Th>
                <Table.Th>P50</Table.Th>
                <Table.Th>P80</Table.Th>
                <Table.Th>Target</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data!.items.slice(0, 8).map((r) => (
                <Table.Tr
                  key={r.id}
                  onClick={() => setSelected(r.id)}
                  style={{ cursor: 'pointer' }}
                  bg={r.id === current ? 'var(--mantine-color-blue-light)' : undefined}
                >
                  <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                  <Table.Td ta="right">{r.iterations.toLocaleString()}</Table.Td>
                  <Table.Td ta="right">{r.seed}</Table.Td>
                  <Table.Td>{r.p50Finish.slice(0, 10)}</Table.Td>
                  <Table.Td>{r.p80Finish.slice(0, 10)}</Table.Td>
                  <Table.Td>
                    {r.targetDate
                      ? `${r.targetDate.slice(0, 10)} · ${Math.round((r.targetProbability ?? 0) * 100)} %`
                      : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <ProblemAlert error={runs.error ?? run.error} />
      {run.data ? (
        <SimulationResults result={run.data.result} />
      ) : (
        (runs.data?.items.length ?? 0) === 0 && (
          <Text size="sm" c="dimmed">
            No simulation yet. {canEdit ? 'Run one to see the finish dates it can reach.' : ''}
          </Text>
        )
      )}
    </Stack>
  );
}
