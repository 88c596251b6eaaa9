import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * An Apache ECharts chart: initialised on mount, given the new option on every change, resized
 * with its box and disposed on unmount.
 */
export function Chart({
  option,
  height = 280,
  style,
  testId,
  onClick,
}: {
  option: ChartOption;
  height?: number;
  style?: CSSProperties;
  testId?: string;
  /** A click on a data item (bar, point): ECharts' event parameters. */
  onClick?: (params: { seriesName?: string; name?: string; dataIndex: number; value?: unknown }) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick as (params: unknown) => void);
    return () => {
      instance.off('click', onClick as (params: unknown) => void);
    };
  }, [onClick]);

  return <div ref={box} style={{ width: '100%', height, ...style }} data-testid={testId} />;
}
