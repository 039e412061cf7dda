import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import EChart from './echart';
import type { StageTotal } from '../lib/projects';

export interface ProjectPipelineChartProps {
  totals: StageTotal[];
  onSelect?: (total: StageTotal) => void;
}

/** Per pipeline stage: projects that reached it, against the count the report promised. */
export default function ProjectPipelineChart({ totals, onSelect }: ProjectPipelineChartProps) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('projects.reached'), t('projects.promised')] },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: totals.map((total) => total.stage) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('projects.reached'),
          type: 'bar',
          data: totals.map((total) => total.reached),
          color: '#1677ff',
          label: { show: true, position: 'top' },
        },
        {
          name: t('projects.promised'),
          type: 'bar',
          data: totals.map((total) => total.promised),
          color: '#bfbfbf',
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [totals, t],
  );
  const label = `${t('projects.chartTitle')}: ${totals
    .map((total) => `${total.stage} ${total.reached}/${total.promised}`)
    .join('; ')}`;
  return (
    <EChart
      option={option}
      label={label}
      height={280}
      onClickItem={onSelect ? (index) => totals[index] && onSelect(totals[index]) : undefined}
    />
  );
}
