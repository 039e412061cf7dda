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

/**
 * Month by month, each on its own axis (a chart with two axes reads as one scale): the plan's
 * progress against expected in %, then the tasks behind and at risk as counts.
 */
export default function HealthTrendChart(props: {
  points: HealthTrendChartPoint[];
  lang: Lang;
  onClickPoint?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const months = useMemo(() => props.points.map((p) => p.date.slice(0, 7)), [props.points]);
  const progress = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      legend: { top: 0, data: [t('healthView.actual'), t('healthView.expected')] },
      grid: { left: 48, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
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
    [props.points, months, t],
  );
  const lagging = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('planHealth.trend.behind'), t('planHealth.trend.atRisk')] },
      grid: { left: 48, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: t('planHealth.trend.count'), minInterval: 1 },
      series: [
        {
          name: t('planHealth.trend.behind'),
          type: 'bar',
          stack: 'lagging',
          barMaxWidth: 16,
          data: props.points.map((p) => p.behind),
          itemStyle: { color: '#cf1322' },
        },
        {
          name: t('planHealth.trend.atRisk'),
          type: 'bar',
          stack: 'lagging',
          barMaxWidth: 16,
          data: props.points.map((p) => p.atRisk),
          itemStyle: { color: '#d4b106' },
        },
      ],
    }),
    [props.points, months, t],
  );
  const { lang } = props;
  return (
    <div data-testid="trend-charts">
      <EChart
        option={progress}
        height={220}
        label={`${t('healthView.trend')}（${t('healthView.actual')}/${t('healthView.expected')}）: ${props.points
          .map((p) => `${p.date.slice(0, 7)} ${pct(p.progress, lang)}/${pct(p.expected, lang)}`)
          .join('; ')}`}
        onClickItem={props.onClickPoint}
      />
      <EChart
        option={lagging}
        height={170}
        label={`${t('planHealth.trend.count')}: ${props.points
          .map(
            (p) =>
              `${p.date.slice(0, 7)} ${t('planHealth.trend.behind')} ${formatNumber(p.behind, lang)}, ` +
              `${t('planHealth.trend.atRisk')} ${formatNumber(p.atRisk, lang)}`,
          )
          .join('; ')}`}
        onClickItem={props.onClickPoint}
      />
    </div>
  );
}
