/**
 * What the cockpit draws, apart from React: the trajectory of a headline target (expected vs
 * actual to year end), chapters stacked by health, a worst item's reasons in words, and the
 * address an element drills down to.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Cockpit, HeadlineTarget, WorstItem } from '../api/promises';

type T = (key: string, params?: Record<string, unknown>) => string;

export const HEALTH_ORDER = ['behind', 'at_risk', 'on_track', 'done', 'not_started', 'no_data'] as const;
export const HEALTH_COLORS: Record<(typeof HEALTH_ORDER)[number], string> = {
  behind: '#cf1322',
  at_risk: '#faad14',
  on_track: '#389e0d',
  done: '#1677ff',
  not_started: '#8c8c8c',
  no_data: '#d9d9d9',
};

/** The page an item of the cockpit opens. */
export function itemPath(planId: number, item: { type: 'task' | 'target'; id: number }): string {
  return `/plans/${planId}/${item.type}s/${item.id}`;
}

/** A headline target's line chart: expected and actual per month, to the year end. */
export function trajectoryOption(target: HeadlineTarget, t: T, dark = false): EChartsCoreOption {
  const text = dark ? '#e6e6e6' : '#333';
  return {
    title: { text: target.metric, textStyle: { fontSize: 13, color: text } },
    tooltip: { trigger: 'axis' },
    legend: { data: [t('cockpit.expected'), t('cockpit.actual')], bottom: 0, textStyle: { color: text } },
    grid: { left: 40, right: 12, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: target.points.map((p) => p.month.slice(5)), axisLabel: { color: text } },
    yAxis: { type: 'value', name: target.unit, axisLabel: { color: text } },
    series: [
      {
        name: t('cockpit.expected'),
        type: 'line',
        data: target.points.map((p) => p.expected),
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
      {
        name: t('cockpit.actual'),
        type: 'line',
        data: target.points.map((p) => p.actual),
        connectNulls: false,
      },
    ],
  };
}

/** Chapters as horizontal bars stacked by the health of their tasks. */
export function chaptersOption(chapters: Cockpit['chapters'], t: T, dark = false): EChartsCoreOption {
  const text = dark ? '#e6e6e6' : '#333';
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, textStyle: { color: text } },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value', axisLabel: { color: text } },
    yAxis: {
      type: 'category',
      data: chapters.map((c) => (c.title.length > 14 ? `${c.title.slice(0, 14)}…` : c.title)),
      inverse: true,
      axisLabel: { color: text },
    },
    series: HEALTH_ORDER.map((h) => ({
      name: t(`cockpit.health.${h}`),
      type: 'bar',
      stack: 'health',
      itemStyle: { color: HEALTH_COLORS[h] },
      data: chapters.map((c) => c.counts[h] ?? 0),
    })),
  };
}

/** A worst item's reasons in the office's words, joined. */
export function describeReasons(item: WorstItem, t: T): string {
  return item.reasons
    .map((r) => {
      switch (r.code) {
        case 'HEALTH':
          return t('cockpit.health.' + r.health);
        case 'OVERDUE':
        case 'SLIPPED':
          return t(`cockpit.reason.${r.code}`, { days: r.days });
        case 'OPEN_NOTICES':
        case 'PENDING_EXTENSION':
          return t(`cockpit.reason.${r.code}`, { count: r.count });
        case 'LOW_CONFIDENCE':
          return `${t('cockpit.reason.LOW_CONFIDENCE')}（${t('cockpit.level.' + r.level)}）`;
        case 'DISAGREEMENT':
          return t('cockpit.reason.DISAGREEMENT');
      }
    })
    .join('；');
}

/** A rate as shown: "96.5%", or the office's word for none. */
export function formatRate(rate: number | null, t: T): string {
  return rate === null ? t('cockpit.noRate') : `${rate}%`;
}
