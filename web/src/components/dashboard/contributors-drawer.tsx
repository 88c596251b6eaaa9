import { Drawer, Group, Pagination, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { type FigureRef, useContributors } from '../../api/dashboard.ts';
import { formatMoney, formatNumber } from '../../lib/format.ts';
import { HealthBadge, StageBadge } from '../badges.tsx';
import { AnchorLink } from '../links.tsx';
import { ProblemAlert } from '../problem-alert.tsx';

const RATIOS = new Set(['spi', 'cpi']);
const COUNTS = /^(projects|late|overdue|health:|stage:|cell:)/;

/** The projects behind one figure, each with its value; their values sum to the figure. */
export function ContributorsDrawer({
  figure,
  currency,
  onClose,
}: {
  figure: FigureRef | null;
  currency: string;
  onClose: () => void;
}) {
  // A page belongs to the figure it was chosen for: another figure starts again at page 1.
  const [paging, setPaging] = useState<{ figure: FigureRef | null; page: number }>({ figure: null, page: 1 });
  const page = paging.figure === figure ? paging.page : 1;
  const setPage = (next: number) => setPaging({ figure, page: next });
  const query = useContributors(figure, page);
  const data = query.data;
  const ratio = figure ? RATIOS.has(figure.figure) : false;
  const count = figure ? COUNTS.test(figure.figure) : false;
  const show = (value: number | null) =>
    ratio
      ? value === null
        ? '—'
        : value.toFixed(2)
      : count
        ? formatNumber(value)
        : formatMoney(value, currency);
  return (
    <Drawer
      opened={figure !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        <Text fw={650}>
          {figure?.label} — {data?.scope.name ?? '…'}
        </Text>
      }
    >
      <Stack gap="sm" data-testid="contributors-drawer">
        {query.error ? <ProblemAlert error={query.error} /> : null}
        {data && (
          <Group gap="lg">
            <Text size="sm">
              Figure <b data-testid="contributors-value">{show(data.value)}</b>
            </Text>
            {ratio && (
              <Text size="sm" c="dimmed">
                EV {formatMoney(data.numerator, currency)} ÷ {figure?.figure === 'spi' ? 'PV' : 'AC'}{' '}
                {formatMoney(data.denominator, currency)}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {formatNumber(data.total)} contributing project{data.total === 1 ? '' : 's'}
            </Text>
          </Group>
        )}
        <Table striped highlightOnHover fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Program</Table.Th>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Health</Table.Th>
              {ratio && <Table.Th ta="right">EV</Table.Th>}
              {ratio && <Table.Th ta="right">{figure?.figure === 'spi' ? 'PV' : 'AC'}</Table.Th>}
              {!count && <Table.Th ta="right">Value</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((row) => (
              <Table.Tr key={row.projectId}>
                <Table.Td>
                  <AnchorLink to="/projects/$id" params={{ id: row.projectId }} size="sm">
                    {row.code} · {row.name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{row.programName ?? '—'}</Table.Td>
                <Table.Td>
                  <StageBadge stage={row.stage} />
                </Table.Td>
                <Table.Td>
                  <HealthBadge health={row.health} />
                </Table.Td>
                {ratio && <Table.Td ta="right">{formatMoney(row.numerator, currency)}</Table.Td>}
                {ratio && <Table.Td ta="right">{formatMoney(row.denominator, currency)}</Table.Td>}
                {!count && <Table.Td ta="right">{show(row.value)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data && data.total > data.pageSize && (
          <Pagination
            total={Math.ceil(data.total / data.pageSize)}
            value={page}
            onChange={setPage}
            size="sm"
          />
        )}
      </Stack>
    </Drawer>
  );
}
