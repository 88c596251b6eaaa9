import { Paper, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { Dashboard } from '../../api/dashboard.ts';
import { formatMoney } from '../../lib/format.ts';
import { Chart, type ChartOption } from '../chart.tsx';

const COLORS = {
  budget: '#94a3b8',
  pv: '#3b82f6',
  ev: '#10b981',
  actual: '#f59e0b',
  forecast: '#a855f7',
};
const HEALTH_COLORS = { red: '#e03131', amber: '#f59f00', green: '#2f9e44', none: '#adb5bd' };

const moneyAxis = (currency: string) => ({
  type: 'value' as const,
  axisLabel: { formatter: (value: number) => formatMoney(value, currency, true) },
  splitLine: { lineStyle: { color: '#eef0f3' } },
});
const moneyTooltip = (currency: string) => ({
  trigger: 'axis' as const,
  valueFormatter: (value: unknown) => formatMoney(Number(value), currency),
});

/** A click on a chart's month: which monthly figure (budget, actual, forecast, pv, ev) of which month. */
export type PickMonth = (month: string, key: MonthKey, label: string) => void;
type MonthKey = 'budget' | 'actual' | 'forecast' | 'outturn' | 'pv' | 'ev';
const BURN_SERIES: Record<string, MonthKey> = { Budget: 'budget', Actual: 'actual', Forecast: 'forecast' };
const CURVE_SERIES: Record<string, MonthKey> = {
  'Budget (BAC)': 'budget',
  'Planned value': 'pv',
  'Earned value': 'ev',
  'Actual cost': 'actual',
  // The curve's forecast is the running outturn (actual plus forecast), so its projects are read that way.
  Forecast: 'outturn',
};

/** Per month: budget against actual spend, and the forecast of what is still to come. */
export function BurnChart({
  burn,
  currency,
  onPick,
}: {
  burn: Dashboard['burn'];
  currency: string;
  onPick: PickMonth;
}) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: moneyTooltip(currency),
      legend: { top: 0 },
      grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: burn.map((m) => m.month) },
      yAxis: moneyAxis(currency),
      series: [
        { name: 'Budget', type: 'bar', data: burn.map((m) => m.budget), itemStyle: { color: COLORS.budget } },
        { name: 'Actual', type: 'bar', data: burn.map((m) => m.actual), itemStyle: { color: COLORS.actual } },
        {
          name: 'Forecast',
          type: 'bar',
          data: burn.map((m) => m.forecast),
          itemStyle: { color: COLORS.forecast, opacity: 0.55 },
        },
      ],
    }),
    [burn, currency],
  );
  return (
    <Paper withBorder radius="sm" p="sm">
      <Text fw={600} size="sm">
        Budget burn by month
      </Text>
      <Chart
        option={option}
        height={260}
        testId="burn-chart"
        onClick={(params) => {
          const key = BURN_SERIES[params.seriesName ?? ''];
          if (key && params.name) onPick(params.name, key, `${params.seriesName} in ${params.name}`);
        }}
      />
    </Paper>
  );
}

/** Cumulative planned value, earned value, actual cost, budget and forecast: the S-curves. */
export function SCurveChart({
  sCurve,
  currency,
  asOf,
  onPick,
}: {
  sCurve: Dashboard['sCurve'];
  currency: string;
  asOf: string;
  onPick: PickMonth;
}) {
  const option = useMemo<ChartOption>(() => {
    const today = asOf.slice(0, 7);
    const line = (name: string, key: keyof (typeof sCurve)[number], color: string, dashed = false) => ({
      name,
      type: 'line',
      // Points are what a click lands on (each opens the projects behind that month's running total).
      showSymbol: true,
      symbolSize: 5,
      smooth: true,
      data: sCurve.map((m) => m[key]),
      lineStyle: { color, width: 2, type: dashed ? 'dashed' : 'solid' },
      itemStyle: { color },
    });
    return {
      tooltip: moneyTooltip(currency),
      legend: { top: 0 },
      grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: sCurve.map((m) => m.month), boundaryGap: false },
      yAxis: moneyAxis(currency),
      series: [
        {
          ...line('Budget (BAC)', 'budget', COLORS.budget, true),
          markLine: sCurve.some((m) => m.month === today)
            ? {
                symbol: 'none',
                label: { formatter: 'today' },
                lineStyle: { color: '#868e96' },
                data: [{ xAxis: today }],
              }
            : undefined,
        },
        line('Planned value', 'pv', COLORS.pv),
        line('Earned value', 'ev', COLORS.ev),
        line('Actual cost', 'actual', COLORS.actual),
        {
          ...line('Forecast', 'forecast', COLORS.forecast, true),
          // The projection from today's actual cost to the EAC: what is spent so far plus what is still to come.
          data: sCurve.map((m) => (m.month >= today ? m.actual + m.forecast : null)),
        },
      ],
    };
  }, [sCurve, currency, asOf]);
  return (
    <Paper withBorder radius="sm" p="sm">
      <Text fw={600} size="sm">
        S-curves (cumulative)
      </Text>
      <Chart
        option={option}
        height={260}
        testId="s-curve-chart"
        onClick={(params) => {
          const key = CURVE_SERIES[params.seriesName ?? ''];
          if (key && params.name) onPick(params.name, key, `${params.seriesName} up to ${params.name}`);
        }}
      />
    </Paper>
  );
}

const dayMs = (date: string | null) => (date ? Date.parse(`${date}T00:00:00Z`) : Number.NaN);

/** Programs from their first project's start to their last project's finish, coloured by worst health. */
export function ProgramTimeline({
  timeline,
  currency,
}: {
  timeline: Dashboard['programTimeline'];
  currency: string;
}) {
  const navigate = useNavigate();
  const items = useMemo(
    () =>
      timeline.items
        .filter((p) => p.start && p.finish)
        .slice()
        .reverse(),
    [timeline.items],
  );
  const option = useMemo<ChartOption>(() => {
    // A value axis of epoch days: a transparent bar up to the start, the visible one from start to finish.
    const min = Math.min(...items.map((p) => dayMs(p.start)));
    const max = Math.max(...items.map((p) => dayMs(p.finish)));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { dataIndex: number; seriesIndex: number }) => {
          const p = items[params.dataIndex];
          return `<b>${p.name}</b><br/>${p.start} → ${p.finish}<br/>${p.projects} projects · EAC ${formatMoney(p.eac, currency, true)}<br/>red ${p.red} · amber ${p.amber} · green ${p.green}`;
        },
      },
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        min,
        max,
        splitNumber: 8,
        axisLabel: { formatter: (value: number) => new Date(value).toISOString().slice(0, 7) },
        splitLine: { lineStyle: { color: '#eef0f3' } },
      },
      yAxis: {
        type: 'category',
        data: items.map((p) => p.name),
        axisLabel: { width: 160, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          stack: 'span',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: items.map((p) => dayMs(p.start)),
        },
        {
          type: 'bar',
          stack: 'span',
          barMaxWidth: 14,
          data: items.map((p) => ({
            value: dayMs(p.finish) - dayMs(p.start),
            itemStyle: { color: HEALTH_COLORS[p.health], borderRadius: 3 },
          })),
        },
      ],
    };
  }, [items, currency]);
  return (
    <Paper withBorder radius="sm" p="sm">
      <Text fw={600} size="sm">
        Program timeline
        {timeline.total > timeline.items.length
          ? ` (first ${timeline.items.length} of ${timeline.total})`
          : ''}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          No program in this selection has dates yet.
        </Text>
      ) : (
        <Chart
          option={option}
          height={Math.min(520, 40 + items.length * 22)}
          testId="program-timeline"
          onClick={(params) => {
            const program = items[params.dataIndex];
            if (program) void navigate({ to: '/programs/$id', params: { id: program.id } });
          }}
        />
      )}
    </Paper>
  );
}
