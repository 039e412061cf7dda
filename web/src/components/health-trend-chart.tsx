import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Lang } from '../lib/format';
import EChart from './echart';

function pct(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? '—' : `${formatNumber(Math.round(value * 10) / 10, lang)}%`;
}

/** Month by month: the plan's progress against expected. */
export default function HealthTrendChart(props: {
  points: { date: string; progress: number | null; expected: number | null }[];
  lang: Lang;
  onClickPoint?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('healthView.actual'), t('healthView.expected')] },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: props.points.map((p) => p.date.slice(0, 7)) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('healthView.actual'),
          type: 'line',
          data: props.points.map((p) => p.progress),
          itemStyle: { color: '#0958d9' },
        },
        {
          name: t('healthView.expected'),
          type: 'line',
          data: props.points.map((p) => p.expected),
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#8c8c8c' },
        },
      ],
    }),
    [props.points, t],
  );
  return (
    <EChart
      option={option}
      height={280}
      label={`${t('healthView.trend')}: ${props.points
        .map((p) => `${p.date.slice(0, 7)} ${pct(p.progress, props.lang)}/${pct(p.expected, props.lang)}`)
        .join('; ')}`}
      onClickItem={props.onClickPoint}
    />
  );
}
