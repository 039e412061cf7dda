import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReport } from '../../test/fixtures/reports/index.js';
import { extractReport } from './index.js';
import type { Extraction } from './types.js';

const report = (name: string) => readReport(name);
const NAMES = ['2022-beijing-changping', '2026-shanghai', '2026-guangdong', '2019-national-state-council'];

function spansOf(x: Extraction): [number, number][] {
  return [
    ...x.items.map((i) => i.span),
    ...x.projects.flatMap((p) => [p.span, p.listSpan]),
    ...x.outline.map((h) => h.span),
    ...x.zones.map((z) => z.span),
    ...x.tasks.map((t) => t.span),
    ...x.warnings.flatMap((w) => (w.span ? [w.span] : [])),
  ];
}

function expectInside(x: Extraction, length: number) {
  for (const [a, b] of spansOf(x)) {
    expect(Number.isInteger(a) && Number.isInteger(b)).toBe(true);
    expect(0 <= a && a <= b && b <= length).toBe(true);
  }
}

describe('extractReport', () => {
  it('gives an empty extraction with NOT_A_REPORT for text that is not a report', () => {
    for (const text of [
      '',
      'The quick brown fox jumps over the lazy dog.',
      '今天天气很好，我们去公园散步。',
      '小区物业将加快推进电梯改造，居民可以在周末参加开展的活动。',
    ]) {
      const x = extractReport(text);
      expect(x.warnings.map((w) => w.code)).toEqual(['NOT_A_REPORT']);
      expect(x.warnings[0]?.message).toBe(
        'no chapters or tasks found: this text does not look like a government work report',
      );
      expect([x.outline, x.items, x.projects, x.tasks, x.zones]).toEqual([[], [], [], [], []]);
    }
  });

  it('warns NO_OUTLINE for a text with commitments but no chapters', () => {
    const x = extractReport(
      '力争全年完成固定资产投资520亿元。推动科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地。',
    );
    expect(x.warnings.map((w) => w.code)).toEqual(['NO_OUTLINE', 'PERIODS_EMPTY', 'NO_REPORT_YEAR']);
    expect(x.tasks.length).toBe(2);
    expect(x.projects.map((p) => p.name)).toEqual(['科兴生物疫苗质量研究中心', '兴唐创新中心']);
  });

  it('warns about a chapter number given twice, with its span', () => {
    const text =
      '一、2025年工作回顾\n过去一年，我们推进改革。\n二、2026年主要任务\n推进城市更新。\n二、深入推进政府治理创新\n加强政府自身建设。';
    const x = extractReport(text);
    const w = x.warnings.find((y) => y.code === 'DUPLICATE_CHAPTER_NUMBER');
    expect(w?.span && text.slice(...w.span)).toBe('二、');
  });

  it.each(NAMES)('reads %s with every span inside the text and the report year set', (name) => {
    const text = report(name);
    const x = extractReport(text);
    expect(x.outline.filter((h) => h.level === 1).length).toBeGreaterThanOrEqual(3);
    expect(x.tasks.length).toBeGreaterThan(100);
    expect(x.report.year).toBeGreaterThan(2012);
    expectInside(x, text.length);
  });

  it('never throws and keeps spans inside on random and mutated report text', () => {
    const base = report('2022-beijing-changping').slice(0, 4000);
    const mutated = fc
      .tuple(fc.nat({ max: base.length }), fc.nat({ max: 400 }), fc.string({ maxLength: 40 }))
      .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(Math.min(base.length, at + cut)));
    const noise = fc.string({
      unit: fc.constantFrom(
        ...'一二三、（）()。，,：:——\n\r 年月日%等项目建设推进0123456789各位代表政府工作报告附件'.split(''),
      ),
      maxLength: 300,
    });
    fc.assert(
      fc.property(fc.oneof(mutated, noise, fc.string({ maxLength: 200 })), (text) => {
        const x = extractReport(text);
        expectInside(x, text.length);
      }),
      { numRuns: 150 },
    );
  });

  it('reads in time linear in the text’s size', () => {
    const one = NAMES.map(report).join('\n');
    const big = Array.from({ length: 8 }, () => one).join('\n');
    // Best of three runs each, so a busy shared machine does not decide the outcome.
    const best = (text: string) => {
      let min = Infinity;
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        extractReport(text);
        min = Math.min(min, performance.now() - t0);
      }
      return min;
    };
    const small = best(one);
    const large = best(big);
    // Eight times the text may take at most ~3× eight times as long.
    expect(large).toBeLessThan(Math.max(small, 5) * 8 * 3);
  });
});
