import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { COST_CATEGORIES, financeEndpoints, financeKeys, useEnvelopeCheck } from '../../api/finance.ts';
import { formatMoney, humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';

/** A program's or portfolio's envelopes against the sum of its projects' budgets, month by month. */
export function EnvelopePanel({
  scope,
  id,
  currency,
  canEdit,
}: {
  scope: 'programs' | 'portfolios';
  id: string;
  currency: string;
  canEdit: boolean;
}) {
  const check = useEnvelopeCheck(scope, id);
  const qc = useQueryClient();
  const [form, setForm] = useState({ period: '', category: 'all', amount: '' as number | '' });
  const add = useMutation({
    mutationFn: () =>
      financeEndpoints.addEnvelope({
        [scope === 'programs' ? 'programId' : 'portfolioId']: id,
        period: form.period,
        category: form.category === 'all' ? null : form.category,
        amount: form.amount === '' ? null : form.amount,
      }),
    onSuccess: async () => {
      setForm({ period: '', category: 'all', amount: '' });
      await qc.invalidateQueries({ queryKey: financeKeys.envelopes(scope, id) });
    },
  });
  if (check.isLoading) return <PageLoader />;
  if (check.error || !check.data) return <ProblemAlert error={check.error} />;
  const { rows, overCount } = check.data;
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="envelope-panel">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>Budget envelope</Title>
          <Text size="xs" c="dimmed">
            What the projects budget against what the {scope === 'programs' ? 'program' : 'portfolio'} may
            spend, per month
          </Text>
        </div>
        {rows.length > 0 && (
          <Badge color={overCount > 0 ? 'red' : 'teal'} variant="light" data-testid="envelope-over">
            {overCount > 0 ? `${overCount} month${overCount === 1 ? '' : 's'} over` : 'Within envelope'}
          </Badge>
        )}
      </Group>
      {canEdit && (
        <Group gap="xs" align="flex-end" mb="sm" data-testid="envelope-form">
          <TextInput
            size="xs"
            type="month"
            label="Month"
            value={form.period}
            onChange={(e) => setForm({ ...form, period: e.currentTarget.value })}
          />
          <Select
            size="xs"
            w={140}
            label="Category"
            allowDeselect={false}
            value={form.category}
            data={[
              { value: 'all', label: 'All' },
              ...COST_CATEGORIES.map((c) => ({ value: c, label: humanize(c) })),
            ]}
            onChange={(v) => setForm({ ...form, category: v ?? 'all' })}
          />
          <NumberInput
            size="xs"
            w={140}
            label="Envelope"
            min={0}
            thousandSeparator=","
            value={form.amount}
            onChange={(v) => setForm({ ...form, amount: typeof v === 'number' ? v : '' })}
          />
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            loading={add.isPending}
            onClick={() => add.mutate()}
            data-testid="add-envelope"
          >
            Set envelope
          </Button>
        </Group>
      )}
      {isApiError(add.error, 409) ? (
        <Alert color="orange" mb="xs" data-testid="envelope-taken">
          This {scope === 'programs' ? 'program' : 'portfolio'} already has an envelope for that month and
          category.
        </Alert>
      ) : (
        <ProblemAlert error={add.error} />
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No envelope set.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520} maxHeight={380}>
          <Table fz="xs" striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Month</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th ta="right">Envelope</Table.Th>
                <Table.Th ta="right">Projects' budget</Table.Th>
                <Table.Th ta="right">Remaining</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr
                  key={`${r.period}${r.category ?? ''}`}
                  bg={r.over ? 'var(--mantine-color-red-light)' : undefined}
                >
                  <Table.Td>{r.period}</Table.Td>
                  <Table.Td>{r.category ? humanize(r.category) : 'All'}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.envelope, currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.budget, currency)}</Table.Td>
                  <Table.Td ta="right" c={r.over ? 'red' : undefined} fw={r.over ? 700 : undefined}>
                    {formatMoney(r.remaining, currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
