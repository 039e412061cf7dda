import { useMemo } from 'react';
import EChart from '../echart';
import type { TopicMeasure } from '../../api/requests';

export interface ThemeMeasureChartProps {
  measure: TopicMeasure;
  label: string;
  names: { count: string; lastYear: string; baseline: string };
}

/** A theme's orders per month since it started, against last year and the mean before it. */
export function ThemeMeasureChart({ measure, label, names }: ThemeMeasureChartProps) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: measure.months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: names.count,
          type: 'bar',
          data: measure.months.map((m) => m.count),
          itemStyle: { color: '#0958d9' },
        },
        {
          name: names.lastYear,
          type: 'bar',
          data: measure.months.map((m) => m.sameMonthLastYear),
          itemStyle: { color: '#bfbfbf' },
        },
        {
          name: names.baseline,
          type: 'line',
          data: measure.months.map(() => measure.baseline),
          lineStyle: { type: 'dashed', color: '#cf1322' },
          itemStyle: { color: '#cf1322' },
          symbol: 'none',
        },
      ],
    }),
    [measure, names],
  );
  return <EChart option={option} height={280} label={label} />;
}
