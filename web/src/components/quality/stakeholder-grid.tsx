import { ScatterChart } from 'echarts/charts';
import { MarkAreaComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import type { Stakeholder } from '../../api/quality.ts';
import { Chart, type ChartOption } from '../chart.tsx';

echarts.use([ScatterChart, MarkAreaComponent]);

const ATTITUDE_COLORS: Record<string, string> = {
  resistant: '#e03131',
  skeptical: '#f08c00',
  neutral: '#868e96',
  supportive: '#1c7ed6',
  champion: '#2f9e44',
};

// High means 4 or 5 on the 1–5 scales.
const QUADRANTS = [
  { name: 'Keep satisfied', x: [0.5, 3.5], y: [3.5, 5.5] },
  { name: 'Manage closely', x: [3.5, 5.5], y: [3.5, 5.5] },
  { name: 'Monitor', x: [0.5, 3.5], y: [0.5, 3.5] },
  { name: 'Keep informed', x: [3.5, 5.5], y: [0.5, 3.5] },
];

const axis = (name: string) => ({
  type: 'value' as const,
  min: 0.5,
  max: 5.5,
  interval: 0.5,
  name,
  nameLocation: 'middle' as const,
  nameGap: 28,
  splitLine: { show: false },
  axisLabel: { formatter: (v: number) => (Number.isInteger(v) ? String(v) : '') },
});

/** The power/interest grid: influence up, interest across, colour by attitude, the four classic quadrants. */
export function StakeholderGrid({ stakeholders }: { stakeholders: Stakeholder[] }) {
  const option = useMemo<ChartOption>(() => {
    // Stakeholders on the same cell are spread a little so each stays visible.
    const seen = new Map<string, number>();
    const points = stakeholders.map((s) => {
      const key = `${s.interest}:${s.influence}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const offset = n === 0 ? 0 : 0.18 * Math.ceil(n / 2) * (n % 2 ? 1 : -1);
      return {
        value: [s.interest + offset, s.influence],
        name: s.name,
        itemStyle: { color: ATTITUDE_COLORS[s.attitude] ?? '#868e96' },
        // Names go towards the middle so the ones at the edge stay inside the chart.
        label: {
          show: true,
          formatter: s.name,
          position: s.interest >= 4 ? ('left' as const) : ('right' as const),
          fontSize: 11,
        },
        attitude: s.attitude,
      };
    });
    return {
      grid: { left: 48, right: 24, top: 16, bottom: 40 },
      tooltip: {
        formatter: (p: { data: { name: string; attitude: string; value: number[] } }) =>
          `${p.data.name}<br/>influence ${p.data.value[1]}, ${p.data.attitude}`,
      },
      xAxis: axis('Interest'),
      yAxis: axis('Influence'),
      series: [
        {
          type: 'scatter',
          symbolSize: 14,
          data: points,
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#dee2e6', borderWidth: 1 },
            label: { color: '#868e96', fontSize: 11, position: 'insideTopLeft' },
            data: QUADRANTS.map((q) => [
              { name: q.name, coord: [q.x[0], q.y[1]] },
              { coord: [q.x[1], q.y[0]] },
            ]),
          },
        },
      ],
    };
  }, [stakeholders]);
  return <Chart option={option} height={320} testId="stakeholder-grid" />;
}
