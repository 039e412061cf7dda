import { describe, expect, it } from 'vitest';
import { listReports, readReport } from '../../test/fixtures/reports/index.js';
import { extractReport } from './index.js';
import type { Extraction } from './types.js';

/**
 * The public reports kept in test/fixtures/reports: what the reader must say of each whatever the
 * scores. Scoring against the adjudicated gold files is `npm run eval` (scripts/eval.ts).
 */

/** Every span the reader gives lies inside the text it read. */
function expectSpansInside(x: Extraction, length: number): void {
  const spans = [
    ...x.items.map((i) => i.span),
    ...x.projects.flatMap((p) => [p.span, p.listSpan]),
    ...x.outline.map((h) => h.span),
    ...x.zones.map((z) => z.span),
    ...x.tasks.map((t) => t.span),
    ...x.warnings.flatMap((w) => (w.span ? [w.span] : [])),
  ];
  for (const [a, b] of spans) {
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThanOrEqual(length);
    expect(a).toBeLessThanOrEqual(b);
  }
}

describe('extractReport on the example report (2022-beijing-changping)', () => {
  it('reads the report’s facts, task sentences and no warnings', () => {
    const text = readReport('2022-beijing-changping');
    const extraction = extractReport(text);
    expect(extraction.report).toMatchObject({
      place: '北京市昌平区',
      level: '区县',
      year: 2022,
      deliveredOn: '2021-12-15',
    });
    expect(extraction.warnings).toEqual([]);
    const task = extraction.tasks.find((t) => t.text.startsWith('推动科兴生物疫苗质量研究中心'));
    expect(task?.outlinePath).toEqual([
      '2022年重点任务',
      '加快构建现代产业体系,推动经济高质量发展',
      '紧抓重点产业项目落地',
    ]);
    expect(task?.projectIndexes.map((i) => extraction.projects[i]?.name)).toContain('兴唐创新中心');
  });
});

describe('extractReport on every public report in the fixtures', () => {
  for (const name of listReports()) {
    it(`${name}: spans inside the text, a year, a plan zone and periods on every item`, () => {
      const text = readReport(name);
      const x = extractReport(text);
      expectSpansInside(x, text.length);
      expect(x.report.year).toBeGreaterThan(2000);
      expect(x.zones.some((z) => z.role === 'plan')).toBe(true);
      expect(x.items.every((i) => i.period !== '')).toBe(true);
      for (const item of x.items) expect(text.slice(...item.span)).toBe(item.quote);
    });
  }
});
