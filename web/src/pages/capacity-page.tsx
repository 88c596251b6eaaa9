import { EmptyState, Group, Pagination, Paper, Select, Text, TextInput } from '@mantine/core';
import { IconGridDots } from '@tabler/icons-react';
import { useState } from 'react';
import type { CapacityGrouping } from '../api/resource-types.ts';
import { useCapacity } from '../api/resources.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { CapacityCellDrawer } from '../components/resources/capacity-cell-drawer.tsx';
import { CapacityHeatmap, type CellRef } from '../components/resources/capacity-heatmap.tsx';

const DAY = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** From the Monday four weeks back, half a year ahead. */
function defaultRange(): { from: string; to: string } {
  const today = new Date();
  const monday =
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) -
    ((today.getUTCDay() + 6) % 7) * DAY;
  return { from: isoOf(monday - 28 * DAY), to: isoOf(monday + 25 * 7 * DAY - DAY) };
}

/** The last day of period `index`: the day before the next period, or the period's length after the last. */
function periodEnd(periods: string[], index: number, period: string): string {
  if (index + 1 < periods.length) return isoOf(Date.parse(periods[index + 1]) - DAY);
  const start = new Date(periods[index]);
  if (period === 'day') return periods[index];
  if (period === 'week') return isoOf(start.getTime() + 6 * DAY);
  return isoOf(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) - DAY);
}

export function CapacityPage() {
  const [range, setRange] = useState(defaultRange);
  const [groupBy, setGroupBy] = useState<CapacityGrouping>('resource');
  const [period, setPeriod] = useState('week');
  const [businessUnitId, setBusinessUnitId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<CellRef | null>(null);
  const params = { ...range, groupBy, period, businessUnitId, page, pageSize: 50 };
  const report = useCapacity(params);
  const data = report.data;
  const cellParams =
    open && data
      ? {
          groupBy: data.groupBy,
          key: open.key,
          businessUnitId,
          from: data.periods[open.period],
          to: periodEnd(data.periods, open.period, data.period),
        }
      : null;
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Capacity' }]}
        title="Capacity against demand"
        subtitle="Load of the shared pool across every project; red cells are over-allocated. Click a cell for what causes it."
      />
      <Paper withBorder radius="sm" p="xs" mb="sm">
        <Group gap="xs" align="flex-end">
          <Select
            size="xs"
            w={150}
            label="Rows"
            allowDeselect={false}
            data={[
              { value: 'resource', label: 'Resources' },
              { value: 'skill', label: 'Skills' },
              { value: 'role', label: 'Roles' },
              { value: 'business_unit', label: 'Business units' },
            ]}
            value={groupBy}
            onChange={(v) => {
              setGroupBy((v ?? 'resource') as CapacityGrouping);
              setPage(1);
            }}
            data-testid="capacity-group"
          />
          <Select
            size="xs"
            w={110}
            label="Period"
            allowDeselect={false}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
              { value: 'month', label: 'Month' },
            ]}
            value={period}
            onChange={(v) => setPeriod(v ?? 'week')}
          />
          <TextInput
            size="xs"
            w={120}
            label="From"
            data-testid="capacity-from"
            value={range.from}
            onChange={(e) => setRange({ ...range, from: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            w={120}
            label="To"
            data-testid="capacity-to"
            value={range.to}
            onChange={(e) => setRange({ ...range, to: e.currentTarget.value })}
          />
          <EntitySelect
            size="xs"
            w={220}
            label="Business unit"
            collection="business-units"
            placeholder="Whole organization"
            clearable
            value={businessUnitId}
            onChange={(id) => {
              setBusinessUnitId(id);
              setPage(1);
            }}
          />
        </Group>
      </Paper>
      <ProblemAlert error={report.error} />
      {data && data.rows.length > 0 && <CapacityHeatmap report={data} onOpen={setOpen} />}
      {data && data.rows.length === 0 && (
        <EmptyState
          icon={<IconGridDots />}
          title="No resources in scope"
          description="Add resources to the pool, or pick another business unit."
        />
      )}
      {data && data.total > data.rows.length && (
        <Group justify="space-between" mt="xs">
          <Text size="xs" c="dimmed">
            {data.total} rows
          </Text>
          <Pagination size="sm" total={Math.ceil(data.total / 50)} value={page} onChange={setPage} />
        </Group>
      )}
      <CapacityCellDrawer
        title={open && data ? `${open.label} · ${cellParams?.from} – ${cellParams?.to}` : ''}
        params={cellParams}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
