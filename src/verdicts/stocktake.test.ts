import { describe, expect, it } from 'vitest';
import type { ConfidenceAssessment } from './confidence.js';
import { deriveStocktakePack, deriveStocktakePage, describeDecision, describeIssue } from './stocktake.js';
import type { StocktakeInput } from './stocktake.js';
import { describeHealthWhyZh } from './words.js';
import { HEALTH_WHY_CODES } from '../contract/constants.js';
import type { HealthWhy } from '../plan/health-why.js';

function assessed(
  level: ConfidenceAssessment['level'],
  source: ConfidenceAssessment['source'],
  comment: string | null = null,
): ConfidenceAssessment {
  return {
    id: 1,
    subject: { type: 'task', id: 7, planId: 1, leadUnitId: 11 },
    periodKey: '2022-06',
    source,
    level,
    comment,
    by: 5,
    at: '2022-07-01T00:00:00.000Z',
  };
}

function input(id: number, patch: Partial<StocktakeInput> = {}): StocktakeInput {
  return {
    item: {
      type: 'task',
      id,
      promise: '完成老旧小区综合整治12个',
      chapter: '三、城市更新',
      leadUnit: '区住房城乡建设委',
      coUnits: [],
      leader: '王副区长',
    },
    health: {
      health: 'on_track',
      why: {
        code: 'PROGRESS_VS_EXPECTED',
        params: { progress: 50, expected: 50, date: '2022-06-30', ratio: 1, stale: false },
      },
    },
    promise: {
      deadline: {
        original: '2022-12-31',
        current: '2022-12-31',
        days: 0,
        rebaselines: 0,
        overdue: false,
        daysLeft: 180,
      },
      value: null,
      changes: [],
    },
    verdict: null,
    confidence: {
      unit: assessed('amber_green', 'lead_unit'),
      independent: null,
      unitMissing: false,
      disagreements: [],
    },
    trajectory: null,
    progress: [],
    notices: [],
    extensions: [],
    latestNote: null,
    ...patch,
  };
}

describe('deriveStocktakePage', () => {
  it('a commitment going well has no issue and asks for nothing', () => {
    const page = deriveStocktakePage(input(1));
    expect(page.issues).toEqual([]);
    expect(page.decisions).toEqual([]);
  });

  it('a slipping, overdue, red commitment says why and what the leader must decide', () => {
    const page = deriveStocktakePage(
      input(1, {
        health: {
          health: 'behind',
          why: { code: 'PAST_DEADLINE', params: { deadline: '2022-09-30', progress: 60 } },
        },
        promise: {
          deadline: {
            original: '2022-06-30',
            current: '2022-09-30',
            days: 92,
            rebaselines: 1,
            overdue: true,
            daysLeft: null,
          },
          value: null,
          changes: [],
        },
        confidence: {
          unit: assessed('amber', 'lead_unit', '拆迁难度大'),
          independent: assessed('red', 'independent', '已无法按期完成'),
          unitMissing: false,
          disagreements: [{ kind: 'unit_vs_independent', direction: 'optimistic', gap: 2 }],
        },
        notices: [{ urgency: 'red', dueOn: '2022-10-10', overdue: true, escalated: true }],
        latestNote: '3户未签约，拟申请司法程序',
      }),
    );
    expect(page.issues.map(describeIssue)).toEqual([
      '滞后：已超过完成时限（2022年9月30日），进度60%',
      '已超过完成时限（2022年9月30日）尚未完成',
      '完成时限由2022年6月30日调整为2022年9月30日，推迟92天，超过调整幅度上限',
      '牵头单位自评为“存在风险”：拆迁难度大',
      '督查室评估为“难以按期完成”：已无法按期完成',
      '牵头单位自评与督查室评估相差2档，牵头单位偏乐观',
      '红色督办未办结，答复期限2022年10月10日，已逾期',
      '牵头单位报告：3户未签约，拟申请司法程序',
    ]);
    expect(page.decisions.map(describeDecision)).toEqual([
      '按期完成难度极大，请研究调整目标、增加保障措施或终止推进',
      '牵头单位与督查室对完成把握判断分歧较大，请明确意见',
      '督办事项已提级，请领导协调推动',
      '已逾期且未申请延期，请明确是否要求限期完成或重新确定完成时限',
    ]);
  });

  it('a pending 延期 is a decision; a unit silent this period is an issue', () => {
    const page = deriveStocktakePage(
      input(1, {
        extensions: [{ requestedDeadline: '2022-09-30', reason: '征地手续未完成' }],
        confidence: { unit: null, independent: null, unitMissing: true, disagreements: [] },
      }),
    );
    expect(page.issues.map((i) => i.code)).toEqual(['NO_CONFIDENCE']);
    expect(page.decisions.map(describeDecision)).toEqual([
      '牵头单位申请延期至2022年9月30日（征地手续未完成），请研究是否同意',
    ]);
  });

  it('an eased target value is an issue', () => {
    const page = deriveStocktakePage(
      input(1, {
        promise: {
          deadline: null,
          value: { original: 9000, current: 8000, unit: '人', percent: -11.1, easing: true, rebaselines: 1 },
          changes: [],
        },
      }),
    );
    expect(page.issues.map(describeIssue)).toEqual(['目标值由9000人调整为8000人（-11.1%）']);
  });
});

describe('deriveStocktakePack', () => {
  it('takes the leader’s commitments only, worst first, with the tally', () => {
    const pack = deriveStocktakePack('王副区长', '2022-07-10', [
      input(1),
      input(2, {
        health: {
          health: 'behind',
          why: { code: 'NO_REPORT_YET', params: { date: '2022-06-30', expected: 50 } },
        },
      }),
      input(3, { item: { ...input(3).item, leader: '李副区长' } }),
      input(4, { extensions: [{ requestedDeadline: '2022-09-30', reason: '征地' }] }),
    ]);
    expect(pack.pages.map((p) => p.input.item.id)).toEqual([2, 4, 1]);
    expect(pack.tally).toEqual({ items: 3, byHealth: { on_track: 2, behind: 1 }, decisions: 1 });
  });
});

describe('describeHealthWhyZh', () => {
  it('has a Chinese sentence for every code', () => {
    const samples: Record<(typeof HEALTH_WHY_CODES)[number], HealthWhy> = {
      STARTS_LATER: { code: 'STARTS_LATER', params: { date: '2022-03-01' } },
      NOTHING_DUE: { code: 'NOTHING_DUE', params: { date: '2022-03-01' } },
      NO_FIGURE_YET: { code: 'NO_FIGURE_YET', params: { date: '2022-03-01' } },
      TARGET_ACHIEVED: {
        code: 'TARGET_ACHIEVED',
        params: { comparator: '>=', value: 9000, unit: '人', actual: 9100 },
      },
      SPAN_ENDED_MISSED: {
        code: 'SPAN_ENDED_MISSED',
        params: { comparator: '>=', value: 9000, unit: '人', actual: 8000, end: '2022-12-31' },
      },
      RATIO_VS_EXPECTED: {
        code: 'RATIO_VS_EXPECTED',
        params: {
          actual: 4000,
          expected: 4463.01,
          unit: '人',
          date: '2022-06-30',
          ratio: 0.8962,
          method: 'linear',
          stale: false,
        },
      },
      CLOSED: { code: 'CLOSED', params: {} },
      REPORTED_DONE: { code: 'REPORTED_DONE', params: { date: '2022-06-30' } },
      NO_REPORT_YET: { code: 'NO_REPORT_YET', params: { date: '2022-06-30', expected: 49.6 } },
      PAST_DEADLINE: { code: 'PAST_DEADLINE', params: { deadline: '2022-06-30', progress: 80 } },
      PROGRESS_VS_EXPECTED: {
        code: 'PROGRESS_VS_EXPECTED',
        params: { progress: 40, expected: 50, date: '2022-06-30', ratio: 0.8, stale: false },
      },
      STAGE_REACHED: { code: 'STAGE_REACHED', params: { reached: 40, promised: 40, stage: '签约' } },
      NO_COUNT_PROMISED: { code: 'NO_COUNT_PROMISED', params: {} },
      STAGE_PAST_DEADLINE: {
        code: 'STAGE_PAST_DEADLINE',
        params: { deadline: '2022-12-31', reached: 30, promised: 40, stage: '开工' },
      },
      PROJECT_STAGE_COUNT: {
        code: 'PROJECT_STAGE_COUNT',
        params: { reached: 10, stage: '开工', expected: 20, date: '2022-06-30', ratio: 0.5 },
      },
      NO_PIPELINE_STAGE: { code: 'NO_PIPELINE_STAGE', params: { stage: '建设' } },
    };
    for (const code of HEALTH_WHY_CODES)
      expect(describeHealthWhyZh(samples[code])).toMatch(/[\u4e00-\u9fff]/);
    expect(describeHealthWhyZh(samples.RATIO_VS_EXPECTED)).toBe(
      '实际4000人，截至2022年6月30日应达4463.01人，为应达值的89.6%',
    );
  });
});
