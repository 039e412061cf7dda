import { describe, expect, it } from 'vitest';
import type { TargetLike } from '../plan/expected.js';
import { deriveActuals, deriveReview, deriveTargetOutcome, deriveTargetVerdict } from './review.js';
import { reviewInput } from './testing/fixtures.js';

describe('deriveTargetVerdict', () => {
  const t = (
    comparator: TargetLike['comparator'],
    value: number,
    metric: string,
    extra: Partial<TargetLike> = {},
  ): TargetLike => ({
    comparator,
    value,
    unit: '%',
    metric,
    period: '2022',
    direction: null,
    baseline: null,
    ...extra,
  });
  it.each([
    ['地区生产总值增长6.5%左右, 6.3', t('~', 6.5, '地区生产总值增长'), 6.3, 'met'],
    ['地区生产总值增长6.5%左右, 6.1 (beyond ±0.325)', t('~', 6.5, '地区生产总值增长'), 6.1, 'not_met'],
    [
      '地区生产总值增长6.5%左右, 7.2 (better than promised)',
      t('~', 6.5, '地区生产总值增长'),
      7.2,
      'exceeded',
    ],
    [
      '城镇调查失业率5%左右 (falling), 5.6',
      t('~', 5, '城镇调查失业率', { direction: 'falling' }),
      5.6,
      'not_met',
    ],
    [
      '城镇调查失业率5%左右 (falling), 4.2',
      t('~', 5, '城镇调查失业率', { direction: 'falling' }),
      4.2,
      'exceeded',
    ],
    [
      '能耗下降3%左右 (the size of the fall), 3.6',
      t('~', 3, '单位地区生产总值能耗下降', { direction: 'falling' }),
      3.6,
      'exceeded',
    ],
    ['森林覆盖率48.5%以上, 48.5', t('>=', 48.5, '森林覆盖率'), 48.5, 'met'],
    ['森林覆盖率48.5%以上, 48.4', t('>=', 48.5, '森林覆盖率'), 48.4, 'not_met'],
    ['旅游业年收入超过175亿元, 175', t('>', 175, '旅游业年收入', { unit: '亿元' }), 175, 'not_met'],
    ['城镇登记失业率5%以内, 5', t('<=', 5, '城镇登记失业率'), 5, 'met'],
    ['城镇登记失业率5%以内, 5.1', t('<=', 5, '城镇登记失业率'), 5.1, 'not_met'],
    ['一般公共预算收入增长6%, 6.2', t('=', 6, '一般公共预算收入增长'), 6.2, 'exceeded'],
    ['一般公共预算收入增长6%, 5.9', t('=', 6, '一般公共预算收入增长'), 5.9, 'not_met'],
  ] as const)('%s → %s', (_name, target, value, verdict) => {
    expect(deriveTargetVerdict(target, { value }).verdict).toBe(verdict);
  });

  it("honours the plan's tolerance and refuses to compare different units", () => {
    expect(
      deriveTargetVerdict(t('~', 6.5, '地区生产总值增长'), { value: 6.1 }, { approx: 0.1 }).verdict,
    ).toBe('met');
    expect(
      deriveTargetVerdict(t('>=', 2500, '供应产业用地', { unit: '亩' }), { value: 1.7, unit: '平方公里' })
        .verdict,
    ).toBe('unit_mismatch');
    expect(deriveTargetVerdict(t('>=', 48.5, '森林覆盖率'), { value: 48.6, unit: '％' }).verdict).toBe(
      'exceeded',
    );
    expect(deriveTargetVerdict(t('>=', 1, '森林覆盖率'), undefined).verdict).toBe('no_data');
  });

  it('explains its verdict', () => {
    expect(deriveTargetVerdict(t('~', 6.5, '地区生产总值增长'), { value: 6.1 }).rule).toBe(
      '左右：|6.1−6.5| > 0.325，越高越好，偏向不利一侧',
    );
  });

  it('does not judge a multi-year target before its last year', () => {
    const forest = t('>=', 48.5, '森林覆盖率', { period: '2022-2026' });
    expect(deriveTargetOutcome(forest, { value: 48.4 }, 2022).verdict).toBe('not_due');
    expect(deriveTargetOutcome(forest, { value: 48.4 }, 2026).verdict).toBe('not_met');
  });
});

describe('deriveActuals', () => {
  it('takes the latest approved figure on or before the date', () => {
    const figures = new Map([
      [
        201,
        [
          { value: 6.1, asOf: '2022-03-31' },
          { value: 6.3, asOf: '2022-12-31' },
        ],
      ],
      [204, [{ value: 900, asOf: '2023-01-31' }]],
    ]);
    expect(deriveActuals(figures, '2022-12-31')).toEqual({ 201: { value: 6.3, asOf: '2022-12-31' } });
    expect(deriveActuals(figures, '2022-06-30')).toEqual({ 201: { value: 6.1, asOf: '2022-03-31' } });
  });
});

describe('deriveReview', () => {
  const review = deriveReview(reviewInput);

  it('judges every target with its baseline and rule', () => {
    expect(review.targets.map((r) => [r.targetId, r.verdict, r.met])).toEqual([
      [201, 'met', true],
      [202, 'not_met', false],
      [203, 'met', true],
      [204, 'exceeded', true],
      [205, 'not_met', false],
      [206, 'not_due', null],
      [207, 'no_data', null],
    ]);
    expect(review.targetCounts).toEqual({
      met: 2,
      exceeded: 1,
      not_met: 2,
      no_data: 1,
      unit_mismatch: 0,
      not_due: 1,
    });
    expect(review.targets[5]!.baseline?.value).toBe(48.3);
    expect(review.targets[0]!.rule).toBe('左右：|6.3−6.5| ≤ 0.325');
  });

  it('counts tasks as 已完成/超进度/达进度/欠进度 at year end', () => {
    // At 2022-12-31 every deadline has passed: 序时进度 is 100 for all.
    expect(review.tasks.map((r) => [r.taskId, r.class])).toEqual([
      [101, '欠进度'],
      [102, '已完成'],
      [103, '欠进度'],
      [104, '欠进度'],
      [105, '欠进度'],
      [106, '欠进度'],
    ]);
    const midYear = deriveReview({ ...reviewInput, asOf: '2022-06-30' });
    expect(midYear.tasks.map((r) => r.class)).toEqual([
      '超进度',
      '已完成',
      '欠进度',
      '欠进度',
      '超进度',
      '欠进度',
    ]);
    expect(midYear.taskCounts).toEqual({ 已完成: 1, 超进度: 2, 达进度: 0, 欠进度: 3, total: 6 });
  });

  it('counts project lists reached against the count promised', () => {
    expect(review.projectLists.map((l) => [l.stage, l.promised, l.tracked, l.reached, l.met])).toEqual([
      ['签约落地', 40, 2, 1, false],
      ['开工建设', 30, 2, 2, false],
      ['建成投用', 30, 2, 1, false],
    ]);
  });

  it('carries unfinished tasks over with their owners', () => {
    expect(review.carryOver.map((c) => [c.taskId, c.leadUnit, c.coUnitIds])).toEqual([
      [101, '区规划自然资源分局', [1]],
      [103, '区市场监管局', [1, 6]],
      [104, '区发展改革委', []],
      [105, '区投资促进中心', [1]],
      [106, '区科委', []],
    ]);
  });

  it('writes a paragraph per chapter from templates, each sentence pointing at its rows', () => {
    expect(review.chapters.map((c) => c.heading)).toEqual(['二、2022年重点任务']);
    const p = review.chapters[0]!.paragraph;
    expect(p[0]).toEqual({
      text: '2022年重点任务方面，部署重点任务6项，其中已完成1项，欠进度5项。',
      refs: [101, 102, 103, 104, 105, 106].map((id) => ({ kind: 'task', id })),
    });
    expect(p[1]!.text).toBe(
      '涉及7项指标，3项达到或超过预期（其中超过预期1项），2项未达到预期，1项尚无实际数据，1项为多年期目标尚未到期。',
    );
    expect(p.map((s) => s.text)).toContain('地区生产总值增长预期6.5%左右，实际6.3%，达到预期。');
    expect(p.map((s) => s.text)).toContain(
      '森林覆盖率预期48.5%以上（2021年为48.3%），为2022-2026年目标，目前为48.4%，尚未到期。',
    );
    expect(p.map((s) => s.text)).toContain('新入库重大项目预期30个，尚未报送实际数据。');
    expect(p.map((s) => s.text)).toContain(
      '承诺签约落地项目40个，在库跟踪2个（科兴生物疫苗质量研究中心、兴唐创新中心），已签约1个，距承诺尚差39个。',
    );
    expect(review.summary.map((s) => s.text)).toEqual([
      '2022年确定的7项指标，3项达到或超过预期（其中超过预期1项），2项未达到预期，1项尚无实际数据，1项为多年期目标尚未到期。',
      '部署重点任务6项，其中已完成1项，欠进度5项。',
      '未完成的5项任务结转下一年度，由原牵头单位继续推进。',
    ]);
  });

  it('invents nothing: every number in the text is a count of its refs or a value of a referenced row', () => {
    const allowed = (refs: { kind: string; id: number }[]): Set<string> => {
      const out = new Set<string>([String(refs.length), '2021', '2022']);
      for (const ref of refs) {
        const values: unknown[] = [];
        if (ref.kind === 'target') {
          const row = review.targets.find((r) => r.targetId === ref.id)!;
          values.push(
            row.value,
            row.achieved,
            row.baseline?.value,
            row.baseline?.period,
            ...row.period.split('-'),
          );
        }
        if (ref.kind === 'task') {
          const row = review.tasks.find((r) => r.taskId === ref.id)!;
          // A task named in the text brings its own sentence's figures with it.
          values.push(row.progress, row.expected, ...(row.text.match(/\d+(\.\d+)?/g) ?? []));
        }
        if (ref.kind === 'projectList') {
          const row = review.projectLists.find((r) => r.listId === ref.id)!;
          values.push(row.promised, row.tracked, row.reached, row.promised - row.reached);
        }
        for (const v of values) if (v !== null && v !== undefined) out.add(String(v));
      }
      // Sub-counts (e.g. "已完成1项") are counts of a subset of the refs.
      for (let i = 0; i <= refs.length; i++) out.add(String(i));
      return out;
    };
    const sentences = [...review.summary, ...review.chapters.flatMap((c) => c.paragraph)];
    for (const s of sentences) {
      const ok = allowed(s.refs);
      for (const n of s.text.match(/\d+(\.\d+)?/g) ?? []) expect(ok, `${n} in ${s.text}`).toContain(n);
    }
  });
});
