/**
 * Colours as offices use them: 红黄绿 for health, 红黄蓝 for the urgency of a 督办单.
 */
import type { Health } from './types.js';

export type HealthColor = 'green' | 'yellow' | 'red' | 'grey';

/**
 * 绿 on track or done, 黄 at risk, 红 behind, grey (no colour) when there is nothing to judge.
 */
export const HEALTH_COLORS: Readonly<Record<Health, HealthColor>> = Object.freeze({
  on_track: 'green',
  done: 'green',
  at_risk: 'yellow',
  behind: 'red',
  not_started: 'grey',
  no_data: 'grey',
});

/** Labels in the offices' words, for tables and exports. */
export const HEALTH_LABELS: Readonly<Record<Health, string>> = Object.freeze({
  on_track: '正常推进',
  at_risk: '存在风险',
  behind: '滞后',
  done: '已完成',
  not_started: '未到期',
  no_data: '无数据',
});

/**
 * The office colour of a health.
 * @example
 * deriveHealthColor('behind') // 'red'
 */
export function deriveHealthColor(health: Health): HealthColor {
  return HEALTH_COLORS[health];
}
