import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useEnvelopeCheck } from '../../api/finance.ts';
import { formatMoney, humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';

/** A program's or portfolio's envelopes against the sum of its projects' budgets, month by month. */
export function EnvelopePanel({
  scope,
  id,
  currency,
}: {
  scope: 'programs' | 'portfolios';
  id: string;
  currency: string;
}) {
  const check = useEnvelopeCheck(scope, id);
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
