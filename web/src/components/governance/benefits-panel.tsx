import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type Benefit,
  type BenefitStatus,
  governanceEndpoints,
  useBenefits,
  useGovernanceMutation,
} from '../../api/governance.ts';
import { formatDate, humanize } from '../../lib/format.ts';
import { Chart, type ChartOption } from '../chart.tsx';
import { ProblemAlert } from '../problem-alert.tsx';

const BENEFIT_STATUSES: BenefitStatus[] = [
  'planned',
  'tracking',
  'achieved',
  'at_risk',
  'not_achieved',
  'cancelled',
];

const STATUS_COLORS: Record<BenefitStatus, string> = {
  planned: 'gray',
  tracking: 'blue',
  achieved: 'teal',
  at_risk: 'orange',
  not_achieved: 'red',
  cancelled: 'gray',
};

/**
 * Measured values against the planned course from baseline to target (by the target date), with the
 * baseline and the target marked; the value axis always holds both, so progress reads at a glance.
 */
export function benefitChartOption(benefit: Benefit): ChartOption {
  const points = benefit.measurements.map((m) => [m.measuredOn, m.value]);
  const start = benefit.measurements[0]?.measuredOn;
  const planned =
    start && benefit.targetDate
      ? [
          [start, benefit.baseline],
          [benefit.targetDate, benefit.target],
        ]
      : [];
  const values = [benefit.baseline, benefit.target, ...benefit.measurements.map((m) => m.value)];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low) * 0.1 || 1;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    grid: { left: 52, right: 20, top: 30, bottom: 28 },
    tooltip: { trigger: 'axis' },
    legend: { data: ['Measured', 'Planned course'], top: 0, right: 0 },
    xAxis: { type: 'time', splitLine: { show: false } },
    yAxis: { type: 'value', name: benefit.unit, min: round(low - pad), max: round(high + pad) },
    series: [
      { name: 'Measured', type: 'line', data: points, symbolSize: 7, itemStyle: { color: '#1c7ed6' } },
      {
        name: 'Planned course',
        type: 'line',
        data: planned,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#2f9e44' },
        itemStyle: { color: '#2f9e44' },
        markLine: {
          symbol: 'none',
          silent: true,
          label: { position: 'insideStartTop', fontSize: 10 },
          data: [
            {
              yAxis: benefit.target,
              name: 'target',
              lineStyle: { color: '#2f9e44' },
              label: { formatter: 'target' },
            },
            {
              yAxis: benefit.baseline,
              name: 'baseline',
              lineStyle: { color: '#adb5bd' },
              label: { formatter: 'baseline' },
            },
          ],
        },
      },
    ],
  };
}

function MeasureModal({ benefit, onClose }: { benefit: Benefit; onClose: () => void }) {
  const [measuredOn, setMeasuredOn] = useState(new Date().toISOString().slice(0, 10));
  const [value, setValue] = useState<number | string>(benefit.latestValue ?? benefit.baseline);
  const [note, setNote] = useState('');
  const save = useGovernanceMutation(() =>
    governanceEndpoints.addMeasurement(benefit, { measuredOn, value: Number(value), note }),
  );
  return (
    <Modal opened onClose={onClose} title={`Record a measurement: ${benefit.name}`}>
      <Stack gap="sm">
        <TextInput
          label="Date"
          type="date"
          data-testid="measure-date"
          value={measuredOn}
          onChange={(e) => setMeasuredOn(e.currentTarget.value)}
        />
        <NumberInput
          label={`${benefit.measure} (${benefit.unit})`}
          data-testid="measure-value"
          value={value}
          onChange={setValue}
          decimalScale={4}
        />
        <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <ProblemAlert error={save.error} />
        <Group justify="flex-end">
          <Button
            loading={save.isPending}
            onClick={() => save.mutate(undefined, { onSuccess: onClose })}
            data-testid="measure-save"
          >
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One benefit: figures, progress from baseline to target, and the measured history as a chart. */
export function BenefitCard({ benefit, canEdit }: { benefit: Benefit; canEdit: boolean }) {
  const [measuring, setMeasuring] = useState(false);
  const setStatus = useGovernanceMutation((status: BenefitStatus) =>
    governanceEndpoints.updateBenefit(benefit, { status }),
  );
  const progress = benefit.progress === null ? null : Math.round(benefit.progress * 100);
  return (
    <Paper withBorder radius="sm" p="md" data-testid="benefit-card">
      <Group justify="space-between" align="flex-start" mb={4}>
        <div>
          <Text fw={600}>{benefit.name}</Text>
          <Text size="xs" c="dimmed">
            {benefit.projectName ? `Project ${benefit.projectName}` : `Program ${benefit.programName}`}
            {benefit.projectStage ? ` (${humanize(benefit.projectStage)})` : ''} · owner{' '}
            {benefit.ownerName ?? '—'}
          </Text>
        </div>
        {canEdit ? (
          <Select
            size="xs"
            w={140}
            aria-label="Status"
            value={benefit.status}
            data={BENEFIT_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            onChange={(value) => value && setStatus.mutate(value as BenefitStatus)}
            allowDeselect={false}
          />
        ) : (
          <Badge color={STATUS_COLORS[benefit.status]} variant="light">
            {humanize(benefit.status)}
          </Badge>
        )}
      </Group>
      <ProblemAlert error={setStatus.error} />
      <Text size="sm">{benefit.measure}</Text>
      <Group gap="lg" my={6}>
        <Text size="sm">
          Baseline <b>{benefit.baseline}</b> {benefit.unit}
        </Text>
        <Text size="sm">
          Latest <b>{benefit.latestValue ?? '—'}</b> {benefit.unit}
        </Text>
        <Text size="sm">
          Target <b>{benefit.target}</b> {benefit.unit} by {formatDate(benefit.targetDate)}
        </Text>
      </Group>
      <Group gap="xs" mb="xs">
        <Progress
          value={Math.max(0, Math.min(100, progress ?? 0))}
          style={{ flex: 1 }}
          color={STATUS_COLORS[benefit.status]}
        />
        <Text size="xs" w={48} ta="right">
          {progress === null ? '—' : `${progress}%`}
        </Text>
      </Group>
      {benefit.measurements.length > 0 ? (
        <Chart option={benefitChartOption(benefit)} height={180} testId="benefit-chart" />
      ) : (
        <Text size="sm" c="dimmed">
          Nothing measured yet.
        </Text>
      )}
      {canEdit && (
        <Group justify="flex-end" mt="xs">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setMeasuring(true)}
            data-testid="record-measurement"
          >
            Record measurement
          </Button>
        </Group>
      )}
      {measuring && <MeasureModal benefit={benefit} onClose={() => setMeasuring(false)} />}
    </Paper>
  );
}

/** The benefits of a program or a project (or all readable ones), as cards with their charts. */
export function BenefitsPanel({
  filter,
  canEdit,
  columns = 2,
}: {
  filter: { programId?: string; projectId?: string; status?: string };
  canEdit: boolean;
  columns?: number;
}) {
  const benefits = useBenefits({ ...filter, pageSize: 100, sort: 'targetDate' });
  const items = benefits.data?.items ?? [];
  if (!benefits.isLoading && items.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="benefits-empty">
        No benefits recorded.
      </Text>
    );
  return (
    <SimpleGrid cols={{ base: 1, md: columns }} data-testid="benefits-panel">
      {items.map((benefit) => (
        <BenefitCard key={benefit.id} benefit={benefit} canEdit={canEdit} />
      ))}
    </SimpleGrid>
  );
}

/** A compact table of benefits: the tracking view across programs and projects. */
export function BenefitsTable({ items }: { items: Benefit[] }) {
  return (
    <Table fz="sm" striped data-testid="benefits-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Benefit</Table.Th>
          <Table.Th>For</Table.Th>
          <Table.Th ta="right">Baseline</Table.Th>
          <Table.Th ta="right">Latest</Table.Th>
          <Table.Th ta="right">Target</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((b) => (
          <Table.Tr key={b.id}>
            <Table.Td>{b.name}</Table.Td>
            <Table.Td>
              {b.projectName ?? b.programName}
              {b.projectStage === 'closed' && (
                <Badge size="xs" ml={6} color="gray" variant="outline">
                  closed
                </Badge>
              )}
            </Table.Td>
            <Table.Td ta="right">{b.baseline}</Table.Td>
            <Table.Td ta="right">{b.latestValue ?? '—'}</Table.Td>
            <Table.Td ta="right">
              {b.target} {b.unit}
            </Table.Td>
            <Table.Td>{formatDate(b.targetDate)}</Table.Td>
            <Table.Td>
              <Badge size="sm" color={STATUS_COLORS[b.status]} variant="light">
                {humanize(b.status)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
