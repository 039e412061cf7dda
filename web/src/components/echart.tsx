import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Only what the pages draw: the rest of ECharts stays out of the bundle. ECharts' own aria
// module is left out: it would replace the container's label, which each chart writes itself.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface EChartProps {
  option: EChartsCoreOption;
  height?: number;
  /** Accessible description of what the chart shows. */
  label: string;
  onClickItem?: (dataIndex: number, seriesIndex: number) => void;
}

/** One ECharts canvas, resized with its box and disposed on unmount. */
export default function EChart({ option, height = 320, label, onClickItem }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);

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
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClickItem) return;
    const handler = (params: { dataIndex?: number; seriesIndex?: number }) =>
      onClickItem(params.dataIndex ?? 0, params.seriesIndex ?? 0);
    instance.on('click', handler);
    return () => {
      instance.off('click', handler);
    };
  }, [onClickItem]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
