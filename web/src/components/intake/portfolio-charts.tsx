import { ScatterChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import type { Comparison, OptimizationResult } from '../../api/intake-types.ts';
import { formatMoney } from '../../lib/format.ts';
import { Chart, type ChartOption } from '../chart.tsx';

echarts.use([ScatterChart]);

const PALETTE = ['#4263eb', '#12b886', '#f59f00', '#e64980'];

/**
 * The efficient frontier: best total score reachable at each total budget over the horizon (a step
 * line through the optimizer's points), with the scenario's own selection marked.
 */
export function FrontierChart({ result, currency }: { result: OptimizationResult; currency: string }) {
  const option = useMemo<ChartOption>(() => {
    const feasible = result.frontier.filter((p) => p.feasible);
    const spent = result.costPerPeriod.reduce((s, v) => s + v, 0);
    return {
      grid: { left: 56, right: 24, top: 36, bottom: 48 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; value: [number, number, number?] }) =>
          `${p.seriesName}<br/>Budget ${formatMoney(p.value[0], currency, true)} → score ${p.value[1].toFixed(1)}${p.value[2] !== undefined ? ` (${p.value[2]} chosen)` : ''}`,
      },
      xAxis: {
        type: 'value',
        name: 'Total budget over the horizon',
        nameLocation: 'middle',
        nameGap: 30,
        axisLabel: { formatter: (v: number) => formatMoney(v, currency, true) },
      },
      yAxis: { type: 'value', name: 'Total score', nameGap: 12 },
      series: [
        {
          name: 'Efficient frontier',
          type: 'line',
          step: 'end',
          symbolSize: 8,
          data: feasible.map((p) => [p.budget, p.totalScore, p.selectedCount]),
          lineStyle: { width: 2, color: PALETTE[0] },
          itemStyle: { color: PALETTE[0] },
        },
        {
          name: 'This scenario',
          type: 'scatter',
          symbolSize: 16,
          symbol: 'diamond',
          data: [[spent, result.totalScore, result.selected.length]],
          itemStyle: { color: PALETTE[2] },
        },
      ],
    };
  }, [result, currency]);
  return <Chart option={option} height={300} testId="frontier-chart" />;
}

/** What the selection spends each month against the budget line. */
export function CostChart({
  months,
  series,
  budget,
  currency,
  height = 240,
  testId,
}: {
  months: string[];
  series: { name: string; values: number[] }[];
  budget?: (number | null)[];
  currency: string;
  height?: number;
  testId?: string;
}) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(v, currency) },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, currency, true) } },
      series: [
        ...series.map((s, k) => ({
          name: s.name,
          type: 'bar',
          data: s.values,
          itemStyle: { color: PALETTE[k % PALETTE.length] },
        })),
        ...(budget
          ? [
              {
                name: 'Budget',
                type: 'line',
                step: 'middle',
                data: budget,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#e03131' },
                itemStyle: { color: '#e03131' },
              },
            ]
          : []),
      ],
    }),
    [months, series, budget, currency],
  );
  return <Chart option={option} height={height} testId={testId} />;
}

/** Cost per month of each compared scenario, side by side. */
export function ComparisonCostChart({ comparison, currency }: { comparison: Comparison; currency: string }) {
  const series = useMemo(
    () => comparison.scenarios.map((s) => ({ name: s.name, values: s.costPerPeriod })),
    [comparison],
  );
  return (
    <CostChart months={comparison.months} series={series} currency={currency} testId="comparison-chart" />
  );
}
