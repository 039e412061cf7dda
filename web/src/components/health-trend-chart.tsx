import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Lang } from '../lib/format';
import EChart from './echart';

/** A month of the trend (GET /health/trend): the plan's progress against expected, tasks lagging. */
export interface HealthTrendChartPoint {
  /** The date the month is judged at (its last day, or today). */
  date: string;
  progress: number | null;
  expected: number | null;
  /** Tasks behind and at risk as of `date`. */
  behind: number;
  atRisk: number;
}

function pct(value: number | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? '—' : `${formatNumber(Math.round(value * 10) / 10, lang)}%`;
}

/** A count of tasks lagging (behind, at risk) at each point, stacked as bars on the count axis. */
function laggingBar(
  name: string,
  color: string,
  points: readonly HealthTrendChartPoint[],
  count: (point: HealthTrendChartPoint) => number,
) {
  return {
    name,
    type: 'bar',
    stack: 'lagging',
    yAxisIndex: 1,
    barMaxWidth: 16,
    data: points.map(count),
    itemStyle: { color, opacity: 0.6 },
  };
}

/** Month by month: the plan's progress against expected (lines), tasks behind and at risk (bars). */
export default function HealthTrendChart(props: {
  points: HealthTrendChartPoint[];
  lang: Lang;
  onClickPoint?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {
        top: 0,
        data: [
          t('healthView.actual'),
          t('healthView.expected'),
          t('planHealth.trend.behind'),
          t('planHealth.trend.atRisk'),
        ],
      },
      grid: { left: 48, right: 40, top: 56, bottom: 32 },
      xAxis: { type: 'category', data: props.points.map((p) => p.date.slice(0, 7)) },
      yAxis: [
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', name: t('planHealth.trend.count'), minInterval: 1, splitLine: { show: false } },
      ],
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
        laggingBar(t('planHealth.trend.behind'), '#cf1322', props.points, (p) => p.behind),
        laggingBar(t('planHealth.trend.atRisk'), '#d4b106', props.points, (p) => p.atRisk),
      ],
    }),
    [props.points, t],
  );
  const { lang } = props;
  return (
    <EChart
      option={option}
      height={300}
      label={`${t('healthView.trend')}: ${props.points
        .map(
          (p) =>
            `${p.date.slice(0, 7)} ${pct(p.progress, lang)}/${pct(p.expected, lang)}, ` +
            `${t('planHealth.trend.behind')} ${formatNumber(p.behind, lang)}, ` +
            `${t('planHealth.trend.atRisk')} ${formatNumber(p.atRisk, lang)}`,
        )
        .join('; ')}`}
      onClickItem={props.onClickPoint}
    />
  );
}
