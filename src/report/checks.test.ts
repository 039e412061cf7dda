import { describe, expect, it } from 'vitest';
import { extractReport } from './index.js';

/** Structure warnings on made-up reports whose shape the reader may have misread (issue 13). */
const codes = (text: string) => extractReport(text).warnings.map((w) => w.code);

describe('structure warnings', () => {
  it('warns when many numbers stand before the first chapter, with the span before it', () => {
    const text = [
      '2026年某省政府工作报告',
      '各位代表：',
      '过去五年，全省生产总值年均增长5.5%，城镇新增就业520万人，粮食产量稳定在1400万吨以上，森林覆盖率提高到58%，城镇化率达到66%。',
      '一、2026年工作安排',
      '全省生产总值增长5%左右。',
    ].join('\n');
    const x = extractReport(text);
    const w = x.warnings.find((y) => y.code === 'NUMBERS_BEFORE_FIRST_CHAPTER');
    expect(w?.message).toContain('5 numbers');
    expect(w?.span && text.slice(...w.span)).toContain('过去五年');
  });

  it('warns when no chapter of the year’s tasks is found', () => {
    expect(
      codes('各位代表：\n一、2025年工作回顾\n全省生产总值增长5.2%。\n二、过去五年工作回顾\n年均增长5.5%。'),
    ).toContain('NO_PLAN_CHAPTER');
  });

  it('warns when a part is much longer than usual, and not for a report of usual proportions', () => {
    const review = '全省生产总值增长5.2%，城镇新增就业110万人，完成了各项目标任务。'.repeat(120);
    const plan = '推进制造业高质量发展，新增专精特新企业500家。'.repeat(20);
    const long = `2026年某省政府工作报告\n一、2025年工作回顾\n${review}\n二、2026年工作安排\n${plan}`;
    const w = extractReport(long).warnings.find((y) => y.code === 'ZONE_TOO_LONG');
    expect(w?.message).toContain('the review of past work');
    const usual = `2026年某省政府工作报告\n一、2025年工作回顾\n${review.slice(0, 1200)}\n二、2026年工作安排\n${plan.repeat(4)}`;
    expect(codes(usual)).not.toContain('ZONE_TOO_LONG');
  });

  it('warns when no number could be given a period', () => {
    const text =
      '各位代表：\n一、本届政府工作回顾\n五年交通建设投资331.9亿元。\n二、主要任务\n新建学校12所。';
    expect(codes(text)).toContain('PERIODS_EMPTY');
    expect(codes(text.replace('各位代表：', '2017年某市政府工作报告\n各位代表：'))).not.toContain(
      'PERIODS_EMPTY',
    );
  });

  it('gives the shared reports none of these warnings', async () => {
    const { listReports, readReport } = await import('../../test/fixtures/reports/index.js');
    for (const name of listReports()) expect(codes(readReport(name)), name).toEqual([]);
  });
});
