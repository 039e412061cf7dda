/**
 * 健康度的原因、月度趋势与主要预期目标分组 (issue 5), zh-CN; health-en.ts mirrors them.
 * `why` has one sentence per code of src/plan/health-why.ts; figures arrive formatted.
 */
import type { HealthWhyCode } from '../api/tracking';

const why = {
  STARTS_LATER: '{{date}}开始',
  NOTHING_DUE: '截至{{date}}尚无应完成的进度',
  NO_FIGURE_YET: '截至{{date}}尚无审核通过的数据',
  TARGET_ACHIEVED: '实际{{actual}}，已实现“{{promise}}”',
  SPAN_ENDED_MISSED: '期限已于{{end}}届满，实际{{actual}}，未实现“{{promise}}”',
  RATIO_VS_EXPECTED:
    '实际{{actual}}，截至{{date}}应达{{expected}}（{{method}}），为应达值的{{ratio}}{{stale}}',
  CLOSED: '已销号',
  REPORTED_DONE: '截至{{date}}报送已完成',
  NO_REPORT_YET: '截至{{date}}尚无审核通过的报送，序时进度应达{{expected}}',
  PAST_DEADLINE: '已超过完成时限（{{deadline}}），进度{{progress}}',
  PROGRESS_VS_EXPECTED: '进度{{progress}}，截至{{date}}序时进度{{expected}}，为序时进度的{{ratio}}{{stale}}',
  STAGE_REACHED: '{{promised}}个项目中已有{{reached}}个{{stage}}',
  NO_COUNT_PROMISED: '清单既未承诺数量，也未列出项目',
  STAGE_PAST_DEADLINE: '已超过时限（{{deadline}}），{{promised}}个项目中{{reached}}个达到{{stage}}',
  PROJECT_STAGE_COUNT: '{{reached}}个项目达到{{stage}}，截至{{date}}应达{{expected}}个，为应达数的{{ratio}}',
  NO_PIPELINE_STAGE: '“{{stage}}”不是项目推进阶段（储备、签约、开工、建成投用）',
} satisfies Record<HealthWhyCode, string>;

export const healthZhCN = {
  why,
  method: { linear: '按时间均匀推算', stepped: '按节点目标', seasonal: '按季节规律', flat: '全年同一标准' },
  stale: '；数据已过时，按当日应达值判断',
  formula: {
    noData: '无数据',
    own: '本项数值 {{value}}',
    noChildData: '下级均无数据',
    leftOut: '（无数据，未计入：{{items}}）',
  },
  trend: { behind: '滞后任务', atRisk: '预警任务', count: '任务数' },
  headline: {
    year: '{{year}}年目标',
    multiYear: '{{period}}年目标（多年期，{{count}}项）',
    otherPeriod: '{{period}}目标（{{count}}项）',
    none: '本年度暂无主要预期目标',
  },
};
