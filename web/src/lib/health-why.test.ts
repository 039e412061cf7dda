import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_WHY_CODES } from '../../../src/contract/constants';
import type { Explanation, HealthWhy } from '../api/tracking';
import { explainFormula, formatHealthWhy, healthReasonText } from './health-why';

const zh = i18next.getFixedT('zh-CN');
const en = i18next.getFixedT('en');
// English is loaded on demand (i18n/index.ts): in before the tests read it.
beforeAll(() => i18next.loadLanguages('en'));

/** One example of every code, with figures as the server sends them (rounded to 4 places). */
const EXAMPLES: HealthWhy[] = [
  { code: 'STARTS_LATER', params: { date: '2022-03-01' } },
  { code: 'NOTHING_DUE', params: { date: '2022-02-03' } },
  { code: 'NO_FIGURE_YET', params: { date: '2022-03-01' } },
  { code: 'TARGET_ACHIEVED', params: { actual: 1.3, comparator: '>', value: 1.2, unit: '万户' } },
  {
    code: 'SPAN_ENDED_MISSED',
    params: { actual: 8500, comparator: '=', value: 9000, unit: '人', end: '2022-12-31' },
  },
  {
    code: 'RATIO_VS_EXPECTED',
    params: {
      actual: 0.25,
      expected: 0.2959,
      unit: '万户',
      date: '2022-03-31',
      ratio: 0.8449,
      method: 'linear',
      stale: true,
    },
  },
  { code: 'CLOSED', params: {} },
  { code: 'REPORTED_DONE', params: { date: '2022-05-31' } },
  { code: 'NO_REPORT_YET', params: { date: '2022-04-15', expected: 57.4586 } },
  { code: 'PAST_DEADLINE', params: { deadline: '2022-06-30', progress: 80 } },
  {
    code: 'PROGRESS_VS_EXPECTED',
    params: { progress: 40, expected: 49.7238, date: '2022-03-31', ratio: 0.8044, stale: false },
  },
  { code: 'STAGE_REACHED', params: { reached: 40, promised: 40, stage: '签约' } },
  { code: 'NO_COUNT_PROMISED', params: {} },
  {
    code: 'STAGE_PAST_DEADLINE',
    params: { deadline: '2022-12-31', reached: 30, promised: 40, stage: '开工' },
  },
  {
    code: 'PROJECT_STAGE_COUNT',
    params: { reached: 12, stage: '签约', expected: 19.8356, date: '2022-06-30', ratio: 0.605 },
  },
  { code: 'NO_PIPELINE_STAGE', params: { stage: '建设' } },
];
const byCode = new Map(EXAMPLES.map((why) => [why.code, why]));

describe('formatHealthWhy', () => {
  it('says every code the server sends in both languages, every placeholder filled', () => {
    expect(EXAMPLES.map((why) => why.code)).toEqual(HEALTH_WHY_CODES);
    for (const why of EXAMPLES) {
      for (const t of [zh, en]) {
        const text = formatHealthWhy(why, t, t === zh ? 'zh-CN' : 'en');
        expect(text, why.code).toBeTruthy();
        expect(text, why.code).not.toMatch(/\{\{|planHealth\.|undefined|NaN/);
      }
    }
  });

  it('formats dates, percentages and progress in the reader’s language', () => {
    const why = byCode.get('PROGRESS_VS_EXPECTED')!;
    expect(formatHealthWhy(why, zh, 'zh-CN')).toBe(
      '进度40%，截至2022年3月31日序时进度49.7%，为序时进度的80.4%',
    );
    expect(formatHealthWhy(why, en, 'en')).toBe(
      '40% against 49.7% expected by Mar 31, 2022: 80.4% of expected progress',
    );
    expect(formatHealthWhy(byCode.get('NO_REPORT_YET')!, zh, 'zh-CN')).toBe(
      '截至2022年4月15日尚无审核通过的报送，序时进度应达57.5%',
    );
    expect(formatHealthWhy(byCode.get('PAST_DEADLINE')!, en, 'en')).toBe(
      'Past its deadline (Jun 30, 2022) at 80%',
    );
  });

  it('says a target’s figures with its unit and promise, in each language’s word order', () => {
    expect(formatHealthWhy(byCode.get('TARGET_ACHIEVED')!, zh, 'zh-CN')).toBe(
      '实际1.3万户，已实现“超过1.2万户”',
    );
    expect(formatHealthWhy(byCode.get('TARGET_ACHIEVED')!, en, 'en')).toBe(
      '13K households achieves “over 12K households”',
    );
    expect(formatHealthWhy(byCode.get('RATIO_VS_EXPECTED')!, zh, 'zh-CN')).toBe(
      '实际0.25万户，截至2022年3月31日应达0.3万户（按时间均匀推算），为应达值的84.5%；数据已过时，按当日应达值判断',
    );
    expect(formatHealthWhy(byCode.get('SPAN_ENDED_MISSED')!, en, 'en')).toBe(
      'The period ended on Dec 31, 2022 and 8,500 people misses “9,000 people”',
    );
  });

  it('falls back to the server’s English reason for a code it does not know', () => {
    const unknown = { code: 'SOMETHING_NEW', params: {} } as unknown as HealthWhy;
    expect(formatHealthWhy(unknown, zh, 'zh-CN')).toBeUndefined();
    expect(healthReasonText({ why: unknown, reason: 'Something new' }, zh, 'zh-CN')).toBe('Something new');
    expect(healthReasonText({ why: byCode.get('CLOSED')!, reason: 'Closed (已销号)' }, zh, 'zh-CN')).toBe(
      '已销号',
    );
    expect(healthReasonText({ reason: 'Closed (已销号)' }, en, 'en')).toBe('Closed (已销号)');
  });
});

describe('explainFormula', () => {
  const child = (id: string, effectiveShare: number, value: number | null, label?: string) => ({
    id,
    ...(label ? { label } : {}),
    rawWeight: 1,
    weight: 1,
    share: effectiveShare,
    effectiveShare,
    value,
    coverage: value === null ? 0 : 1,
    contribution: effectiveShare * (value ?? 0),
  });
  const rollup: Explanation = {
    id: 'outline:1',
    kind: 'rollup',
    value: 61.666666,
    coverage: 0.75,
    children: [child('task:1', 0.666667, 70), child('task:2', 0.333333, 45), child('task:3', 0, null)],
    formula: '0.6667 × 70 + 0.3333 × 45 = 61.67 (no data, left out: task:3)',
  };

  it('writes the arithmetic with the parts left out named, in the reader’s language', () => {
    const labelOf = (id: string) => (id === 'task:3' ? '推进回天行动' : id);
    expect(explainFormula(rollup, zh, 'zh-CN', labelOf)).toBe(
      '66.7% × 70 + 33.3% × 45 = 61.67（无数据，未计入：推进回天行动）',
    );
    expect(explainFormula(rollup, en, 'en', labelOf)).toBe(
      '66.7% × 70 + 33.3% × 45 = 61.67 (no data, left out: 推进回天行动)',
    );
  });

  it('says a leaf, an empty node and a node whose parts have no data', () => {
    const leaf: Explanation = { ...rollup, kind: 'leaf', value: 1234.5, children: [] };
    expect(explainFormula(leaf, en, 'en', String)).toBe('own figure 1,234.5');
    expect(explainFormula({ ...leaf, kind: 'empty', value: null }, zh, 'zh-CN', String)).toBe('无数据');
    expect(explainFormula({ ...rollup, value: null }, zh, 'zh-CN', String)).toBe('下级均无数据');
  });
});
