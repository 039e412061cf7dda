/**
 * Words the server writes itself, in Chinese (the stocktake pack, the wall screen's captions):
 * the web app says the same through i18next (web/src/i18n/health-zh-CN.ts); documents made on
 * the server have no i18next, so the sentences they need are here, figures formatted the
 * Chinese way.
 */
import type { HealthWhy } from '../plan/health-why.js';
import type { Health } from '../plan/types.js';
import { formatChineseDate } from './messages.js';

export const HEALTH_LABELS: Readonly<Record<Health, string>> = Object.freeze({
  on_track: '正常推进',
  at_risk: '预警',
  behind: '滞后',
  done: '已完成',
  not_started: '未开始',
  no_data: '无数据',
});

function number(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

/**
 * A health's reason as one Chinese sentence.
 * @example
 * describeHealthWhyZh({ code: 'PAST_DEADLINE', params: { deadline: '2022-06-30', progress: 80 } })
 * // '已超过完成时限（2022年6月30日），进度80%'
 */
export function describeHealthWhyZh(why: HealthWhy): string {
  switch (why.code) {
    case 'STARTS_LATER':
      return `${formatChineseDate(why.params.date)}开始`;
    case 'NOTHING_DUE':
      return `截至${formatChineseDate(why.params.date)}尚无应完成的进度`;
    case 'NO_FIGURE_YET':
      return `截至${formatChineseDate(why.params.date)}尚无审核通过的数据`;
    case 'TARGET_ACHIEVED':
      return `实际${number(why.params.actual)}${why.params.unit}，已实现目标`;
    case 'SPAN_ENDED_MISSED':
      return `期限已于${formatChineseDate(why.params.end)}届满，实际${number(why.params.actual)}${why.params.unit}，未实现目标`;
    case 'RATIO_VS_EXPECTED':
      return `实际${number(why.params.actual)}${why.params.unit}，截至${formatChineseDate(why.params.date)}应达${number(why.params.expected)}${why.params.unit}，为应达值的${percent(why.params.ratio)}`;
    case 'CLOSED':
      return '已销号';
    case 'REPORTED_DONE':
      return `截至${formatChineseDate(why.params.date)}报送已完成`;
    case 'NO_REPORT_YET':
      return `截至${formatChineseDate(why.params.date)}尚无审核通过的报送，序时进度应达${number(why.params.expected)}%`;
    case 'PAST_DEADLINE':
      return `已超过完成时限（${formatChineseDate(why.params.deadline)}），进度${number(why.params.progress)}%`;
    case 'PROGRESS_VS_EXPECTED':
      return `进度${number(why.params.progress)}%，截至${formatChineseDate(why.params.date)}序时进度${number(why.params.expected)}%，为序时进度的${percent(why.params.ratio)}`;
    case 'STAGE_REACHED':
      return `${why.params.promised}个项目中已有${why.params.reached}个${why.params.stage}`;
    case 'NO_COUNT_PROMISED':
      return '清单既未承诺数量，也未列出项目';
    case 'STAGE_PAST_DEADLINE':
      return `已超过时限（${formatChineseDate(why.params.deadline)}），${why.params.promised}个项目中${why.params.reached}个达到${why.params.stage}`;
    case 'PROJECT_STAGE_COUNT':
      return `${why.params.reached}个项目达到${why.params.stage}，截至${formatChineseDate(why.params.date)}应达${number(why.params.expected)}个，为应达数的${percent(why.params.ratio)}`;
    case 'NO_PIPELINE_STAGE':
      return `“${why.params.stage}”不是项目推进阶段`;
  }
}
