import { Badge, Button, Group, Modal, Paper, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { IconGitCompare, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { financeEndpoints, financeKeys, useForecasts } from '../../api/finance.ts';
import { formatDate, formatMoney, humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';
import { type CellValues, MoneyGrid, monthRange, toCells, toValues } from './money-grid.tsx';

const today = () => new Date().toISOString().slice(0, 10);

/** Forecast versions (estimate to complete): the list, a new version, and a comparison of two. */
export function ForecastsPanel({
  projectId,
  lastMonth,
  currency,
  canEdit,
}: {
  projectId: string;
  lastMonth: string | null;
  currency: string;
  canEdit: boolean;
}) {
  const qc = useQueryClient();
  const forecasts = useForecasts(projectId);
  const versions = forecasts.data ?? [];
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const fromN = Number(from ?? versions[1]?.number ?? 0);
  const toN = Number(to ?? versions[0]?.number ?? 0);
  const comparison = useQuery({
    queryKey: financeKeys.compare(projectId, fromN, toN),
    queryFn: ({ signal }) => financeEndpoints.compare(projectId, fromN, toN, signal),
    enabled: fromN > 0 && toN > 0 && fromN !== toN,
  });
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<{ asOf: string; note: string; values: CellValues }>({
    asOf: today(),
    note: '',
    values: {},
  });
  const create = useMutation({
    mutationFn: () =>
      financeEndpoints.addForecast(projectId, {
        asOf: draft.asOf,
        note: draft.note,
        lines: toCells(draft.values),
      }),
    onSuccess: async () => {
      setCreating(false);
      await qc.invalidateQueries({ queryKey: financeKeys.all(projectId) });
    },
  });
  if (forecasts.isLoading) return <PageLoader />;
  if (forecasts.error) return <ProblemAlert error={forecasts.error} />;
  const draftMonths = monthRange(draft.asOf.slice(0, 7), lastMonth ?? draft.asOf.slice(0, 7));
  const options = versions.map((v) => ({ value: String(v.number), label: `Version ${v.number}` }));
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="forecasts-panel">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>Forecasts</Title>
          <Text size="xs" c="dimmed">
            Estimate to complete, by version; the newest drives the bottom-up EAC
          </Text>
        </div>
        {canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              setDraft({ asOf: today(), note: '', values: toValues(versions[0]?.lines ?? []) });
              setCreating(true);
            }}
            data-testid="new-forecast"
          >
            New version
          </Button>
        )}
      </Group>
      <Table fz="xs" striped data-testid="forecast-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>As of</Table.Th>
            <Table.Th ta="right">Estimate to complete</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v, i) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                {v.number} {i === 0 && <Badge size="xs">current</Badge>}
              </Table.Td>
              <Table.Td>{formatDate(v.asOf)}</Table.Td>
              <Table.Td ta="right">{formatMoney(v.total, currency)}</Table.Td>
              <Table.Td>{v.note}</Table.Td>
              <Table.Td>{v.createdByName ?? 'system'}</Table.Td>
            </Table.Tr>
          ))}
          {versions.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="dimmed">
                  No forecast yet: EAC follows the cost performance (CPI) until one is made.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {versions.length >= 2 && (
        <>
          <Group gap="xs" mt="sm" align="flex-end">
            <IconGitCompare size={16} />
            <Select
              size="xs"
              w={130}
              label="Compare"
              data={options}
              value={String(fromN)}
              onChange={setFrom}
              allowDeselect={false}
            />
            <Select
              size="xs"
              w={130}
              label="with"
              data={options}
              value={String(toN)}
              onChange={setTo}
              allowDeselect={false}
            />
            {comparison.data && (
              <Text size="xs" c="dimmed">
                {formatMoney(comparison.data.totalFrom, currency)} →{' '}
                {formatMoney(comparison.data.totalTo, currency)}
              </Text>
            )}
          </Group>
          {comparison.data && (
            <Table.ScrollContainer minWidth={520} maxHeight={300} mt="xs">
              <Table fz="xs" striped stickyHeader data-testid="forecast-comparison">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Month</Table.Th>
                    <Table.Th>Category</Table.Th>
                    <Table.Th ta="right">Version {comparison.data.from}</Table.Th>
                    <Table.Th ta="right">Version {comparison.data.to}</Table.Th>
                    <Table.Th ta="right">Change</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {comparison.data.rows
                    .filter((r) => r.change !== 0)
                    .map((r) => (
                      <Table.Tr key={`${r.period}${r.category}`}>
                        <Table.Td>{r.period}</Table.Td>
                        <Table.Td>{humanize(r.category)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(r.from, currency)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(r.to, currency)}</Table.Td>
                        <Table.Td ta="right" c={r.change > 0 ? 'red' : 'teal'}>
                          {r.change > 0 ? '+' : ''}
                          {formatMoney(r.change, currency)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="New forecast version" size="xl">
        <Group gap="xs" mb="sm">
          <TextInput
            size="xs"
            type="date"
            label="As of"
            value={draft.asOf}
            onChange={(e) => setDraft({ ...draft, asOf: e.currentTarget.value || today() })}
          />
          <TextInput
            size="xs"
            w={320}
            label="Note"
            value={draft.note}
            onChange={(e) => setDraft({ ...draft, note: e.currentTarget.value })}
          />
        </Group>
        <MoneyGrid
          months={draftMonths}
          values={draft.values}
          currency={currency}
          onChange={(values) => setDraft({ ...draft, values })}
          testId="forecast-grid"
        />
        <ProblemAlert error={create.error} />
        <Group justify="flex-end" mt="sm">
          <Button
            size="xs"
            loading={create.isPending}
            onClick={() => create.mutate()}
            data-testid="save-forecast"
          >
            Save version
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
