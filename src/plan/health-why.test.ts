import { describe, expect, it } from 'vitest';
import { describeHealthWhy, HEALTH_WHY_CODES } from './health-why.js';
import type { HealthWhy } from './health-why.js';

describe('describeHealthWhy', () => {
  it('says each code in one English sentence, figures rounded to two places', () => {
    const cases: [HealthWhy, string][] = [
      [{ code: 'STARTS_LATER', params: { date: '2022-03-01' } }, 'Starts on 2022-03-01'],
      [{ code: 'NOTHING_DUE', params: { date: '2022-02-03' } }, 'Nothing was due by 2022-02-03'],
      [{ code: 'NO_FIGURE_YET', params: { date: '2022-03-01' } }, 'No approved figure by 2022-03-01'],
      [
        { code: 'TARGET_ACHIEVED', params: { actual: 9123.456, comparator: '>=', value: 9000, unit: '人' } },
        '9123.46 achieves >= 9000人',
      ],
      [
        {
          code: 'SPAN_ENDED_MISSED',
          params: { actual: 1.1, comparator: '>', value: 1.2, unit: '万户', end: '2022-12-31' },
        },
        'The span ended on 2022-12-31 and 1.1 misses > 1.2万户',
      ],
      [
        {
          code: 'RATIO_VS_EXPECTED',
          params: {
            actual: 0.25,
            expected: 0.29589,
            unit: '万户',
            date: '2022-03-31',
            ratio: 0.84491,
            method: 'linear',
            stale: true,
          },
        },
        '0.25 against 0.3 expected by 2022-03-31 (linear): 84.5% of expected; the figure is stale',
      ],
      [{ code: 'CLOSED', params: {} }, 'Closed (已销号)'],
      [{ code: 'REPORTED_DONE', params: { date: '2022-05-31' } }, 'Reported done as of 2022-05-31'],
      [
        { code: 'NO_REPORT_YET', params: { date: '2022-02-01', expected: 8.767 } },
        'No approved report by 2022-02-01; 8.77% was expected',
      ],
      [
        { code: 'PAST_DEADLINE', params: { deadline: '2022-06-30', progress: 80 } },
        'Past its deadline 2022-06-30 at 80%',
      ],
      [
        {
          code: 'PROGRESS_VS_EXPECTED',
          params: { progress: 40, expected: 49.7238, date: '2022-03-31', ratio: 0.80444, stale: false },
        },
        '40% against 49.72% expected by 2022-03-31: 80.4% of 序时进度',
      ],
      [{ code: 'STAGE_REACHED', params: { reached: 3, promised: 3, stage: '开工' } }, '3 of 3 reached 开工'],
      [{ code: 'NO_COUNT_PROMISED', params: {} }, 'The list promises no count and names no project'],
      [
        {
          code: 'STAGE_PAST_DEADLINE',
          params: { deadline: '2022-12-31', reached: 30, promised: 40, stage: '签约' },
        },
        'Past 2022-12-31 with 30 of 40 at 签约',
      ],
      [
        {
          code: 'PROJECT_STAGE_COUNT',
          params: { reached: 12, stage: '签约', expected: 19.8356, date: '2022-06-30', ratio: 0.60497 },
        },
        '12 at 签约 against 19.84 expected by 2022-06-30: 60.5%',
      ],
      [{ code: 'NO_PIPELINE_STAGE', params: { stage: '建设' } }, '"建设" names no pipeline stage'],
    ];
    expect(cases.map(([why]) => why.code)).toEqual(HEALTH_WHY_CODES);
    for (const [why, sentence] of cases) expect(describeHealthWhy(why)).toBe(sentence);
  });
});
