import { Group, Paper, SimpleGrid, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { type ByMethod, type EarnedValue, useEarnedValue } from '../../api/finance.ts';
import { formatDate, formatMoney } from '../../lib/format.ts';
import { Chart, type ChartOption } from '../chart.tsx';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';

const ratio = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const indexColor = (value: number | null) =>
  value === null ? 'gray' : value >= 1 ? 'teal' : value >= 0.9 ? 'orange' : 'red';
const basisText: Record<EarnedValue['basis'], string> = {
  baseline_cost: 'Planned value from baseline 0 task costs',
  baseline_budget: "The budget spread over baseline 0's tasks by duration",
  budget_lines: 'Planned value from the budget lines (no baseline yet)',
  none: 'No budget or baseline cost yet',
};

function Kpi({
  label,
  value,
  hint,
  color,
  testId,
}: {
  label: string;
  value: string;
  hint: string;
  color?: string;
  testId?: string;
}) {
  return (
    <Tooltip label={hint} multiline w={260}>
      <Paper withBorder radius="sm" p="xs" data-testid={testId}>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text fw={700} size="lg" c={color}>
          {value}
        </Text>
      </Paper>
    </Tooltip>
  );
}

/** Earned value at a status date: KPI cards, the S-curve (PV, EV, AC cumulative) and EAC by method. */
export function EvmPanel({ projectId, currency }: { projectId: string; currency: string }) {
  const [asOf, setAsOf] = useState<string>('');
  const ev = useEarnedValue(projectId, asOf || null);
  const option = useMemo<ChartOption | null>(() => {
    const d = ev.data;
    if (!d) return null;
    const money = (v: number) => formatMoney(v, currency, true);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(v, currency) },
      legend: { data: ['Planned value (PV)', 'Earned value (EV)', 'Actual cost (AC)'], bottom: 0 },
      grid: { left: 64, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: d.months.map((m) => m.period) },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: money },
        max: (range: { max: number }) => Math.max(range.max, d.bac),
      },
      series: [
        {
          name: 'Planned value (PV)',
          type: 'line',
          data: d.months.map((m) => m.cumulative.pv),
          lineStyle: { type: 'dashed' },
          symbol: 'none',
          color: '#868e96',
        },
        {
          name: 'Earned value (EV)',
          type: 'line',
          data: d.months.map((m) => (m.reported ? m.cumulative.ev : null)),
          color: '#1c7ed6',
        },
        {
          name: 'Actual cost (AC)',
          type: 'line',
          data: d.months.map((m) => (m.reported ? m.cumulative.ac : null)),
          color: '#e8590c',
          markLine: {
            symbol: 'none',
            data: [{ yAxis: d.bac, name: 'BAC' }],
            label: { formatter: `BAC ${money(d.bac)}`, position: 'insideEndTop' },
            lineStyle: { color: '#495057' },
          },
        },
      ],
    };
  }, [ev.data, currency]);
  if (ev.isLoading) return <PageLoader />;
  if (ev.error || !ev.data) return <ProblemAlert error={ev.error} />;
  const d = ev.data;
  const s = d.status;
  const methods: [keyof ByMethod, string][] = [
    ['cpi', 'CPI: BAC / CPI'],
    ['cpiSpi', 'CPI × SPI: AC + (BAC − EV) / (CPI × SPI)'],
    ['budgetedRate', 'Budgeted rate: AC + (BAC − EV)'],
    ['bottomUp', 'Bottom-up: AC + current forecast'],
  ];
  const eac = s.eac.bottomUp ?? s.eac.cpi ?? s.eac.budgetedRate;
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="evm-panel">
      <Group justify="space-between" mb="xs" align="flex-end">
        <div>
          <Title order={5}>Earned value</Title>
          <Text size="xs" c="dimmed">
            Status {formatDate(d.asOf)} · BAC {formatMoney(d.bac, currency)} · {basisText[d.basis]}
          </Text>
        </div>
        <TextInput
          size="xs"
          type="date"
          label="Status date"
          value={asOf || d.asOf}
          onChange={(e) => setAsOf(e.currentTarget.value)}
          data-testid="evm-as-of"
        />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs" mb="sm">
        <Kpi
          label="SPI"
          value={ratio(s.spi)}
          color={indexColor(s.spi)}
          hint="Schedule performance: EV / PV"
          testId="kpi-spi"
        />
        <Kpi
          label="CPI"
          value={ratio(s.cpi)}
          color={indexColor(s.cpi)}
          hint="Cost performance: EV / AC"
          testId="kpi-cpi"
        />
        <Kpi
          label="EAC"
          value={formatMoney(eac, currency, true)}
          hint="Estimate at completion: the forecast when there is one, else BAC / CPI"
          testId="kpi-eac"
        />
        <Kpi
          label="VAC"
          value={formatMoney(eac === null ? null : d.bac - eac, currency, true)}
          color={eac !== null && d.bac - eac < 0 ? 'red' : 'teal'}
          hint="Variance at completion: BAC − EAC"
          testId="kpi-vac"
        />
        <Kpi
          label="TCPI"
          value={ratio(s.tcpi.toBac)}
          hint="Efficiency needed on the remaining work to finish on budget: (BAC − EV) / (BAC − AC)"
          testId="kpi-tcpi"
        />
        <Kpi
          label="SPI(t)"
          value={ratio(s.spiT)}
          color={indexColor(s.spiT)}
          hint="Earned schedule / actual time (Lipke)"
          testId="kpi-spit"
        />
        <Kpi
          label="Forecast finish"
          value={s.forecastFinish ? formatDate(s.forecastFinish) : '—'}
          hint={`Planned duration / SPI(t) from the start; planned finish ${formatDate(s.plannedFinish)}`}
          testId="kpi-finish"
        />
      </SimpleGrid>
      {option && d.months.length > 0 && <Chart option={option} height={300} testId="s-curve" />}
      <Group gap="lg" mt="sm" align="flex-start">
        <Table fz="xs" w="auto" withTableBorder>
          <Table.Tbody>
            {(
              [
                ['PV', s.pv],
                ['EV', s.ev],
                ['AC', s.ac],
                ['SV', s.sv],
                ['CV', s.cv],
              ] as const
            ).map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Td fw={600}>{label}</Table.Td>
                <Table.Td ta="right">{formatMoney(value, currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Table fz="xs" w="auto" withTableBorder data-testid="eac-methods">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>EAC method</Table.Th>
              <Table.Th ta="right">EAC</Table.Th>
              <Table.Th ta="right">ETC</Table.Th>
              <Table.Th ta="right">VAC</Table.Th>
              <Table.Th ta="right">TCPI</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {methods.map(([key, label]) => (
              <Table.Tr key={key}>
                <Table.Td>{label}</Table.Td>
                <Table.Td ta="right">{formatMoney(s.eac[key], currency)}</Table.Td>
                <Table.Td ta="right">{formatMoney(s.etc[key], currency)}</Table.Td>
                <Table.Td ta="right">{formatMoney(s.vac[key], currency)}</Table.Td>
                <Table.Td ta="right">{ratio(s.tcpi.toEac[key])}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" maw={260}>
          Earned schedule {s.es === null ? '—' : `${s.es.toFixed(1)} days`} of {s.at} elapsed (SV(t){' '}
          {s.svt === null ? '—' : `${s.svt.toFixed(1)} days`}); days are calendar days from{' '}
          {formatDate(d.start)}.
        </Text>
      </Group>
    </Paper>
  );
}
