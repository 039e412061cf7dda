import type { healthZhCN } from './health-zh-CN';

/** English for health-zh-CN.ts (the type checks the keys). */
export const healthEn: typeof healthZhCN = {
  why: {
    STARTS_LATER: 'Starts on {{date}}',
    NOTHING_DUE: 'Nothing was due by {{date}}',
    NO_FIGURE_YET: 'No approved figure by {{date}}',
    TARGET_ACHIEVED: '{{actual}} achieves “{{promise}}”',
    SPAN_ENDED_MISSED: 'The period ended on {{end}} and {{actual}} misses “{{promise}}”',
    RATIO_VS_EXPECTED:
      '{{actual}} against {{expected}} expected by {{date}} ({{method}}): {{ratio}} of expected{{stale}}',
    CLOSED: 'Closed (signed off)',
    REPORTED_DONE: 'Reported done as of {{date}}',
    NO_REPORT_YET: 'No approved report by {{date}}; {{expected}} was expected',
    PAST_DEADLINE: 'Past its deadline ({{deadline}}) at {{progress}}',
    PROGRESS_VS_EXPECTED:
      '{{progress}} against {{expected}} expected by {{date}}: {{ratio}} of expected progress{{stale}}',
    STAGE_REACHED: '{{reached}} of {{promised}} projects reached {{stage}}',
    NO_COUNT_PROMISED: 'The list promises no count and names no project',
    STAGE_PAST_DEADLINE:
      'Past its deadline ({{deadline}}) with {{reached}} of {{promised}} projects at {{stage}}',
    PROJECT_STAGE_COUNT:
      '{{reached}} projects at {{stage}} against {{expected}} expected by {{date}}: {{ratio}}',
    NO_PIPELINE_STAGE: '“{{stage}}” is not a project stage (储备, 签约, 开工, 建成投用)',
  },
  method: {
    linear: 'even over time',
    stepped: 'by milestones',
    seasonal: 'seasonal profile',
    flat: 'same all year',
  },
  stale: '; the figure is stale, so it is judged against today',
  formula: {
    noData: 'no data',
    own: 'own figure {{value}}',
    noChildData: 'no part has data',
    leftOut: ' (no data, left out: {{items}})',
  },
  trend: { behind: 'Tasks behind', atRisk: 'Tasks at risk', count: 'Tasks' },
  headline: {
    year: 'Targets for {{year}}',
    multiYear: 'Multi-year targets, {{period}} ({{count}})',
    otherPeriod: 'Targets for {{period}} ({{count}})',
    none: 'No headline targets for this year',
  },
};
