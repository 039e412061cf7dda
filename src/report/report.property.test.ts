/**
 * Property-based tests of the whole reader (fast-check): on random text, on soups of the
 * words, numerals and punctuation reports are made of, and on real reports mutated line by
 * line, extractReport never throws, never falls back to its INTERNAL_ERROR warning, and every
 * span lies inside the text with each item's quote equal to the text at its span.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listReports, readReport } from '../../test/fixtures/reports/index.js';
import { extractReport } from './index.js';
import type { Extraction, Span } from './types.js';

const REPORTS = listReports().map(readReport);

/** Every span of an extraction, named for the failure message. */
function listSpans(extraction: Extraction): [string, Span][] {
  const spans: [string, Span][] = [];
  extraction.outline.forEach((h, i) => spans.push([`outline.${i}`, h.span]));
  extraction.zones.forEach((z, i) => spans.push([`zones.${i}`, z.span]));
  extraction.items.forEach((item, i) => spans.push([`items.${i}`, item.span]));
  extraction.projects.forEach((p, i) => {
    spans.push([`projects.${i}`, p.span]);
    spans.push([`projects.${i}.listSpan`, p.listSpan]);
  });
  extraction.tasks.forEach((t, i) => spans.push([`tasks.${i}`, t.span]));
  extraction.warnings.forEach((w, i) => {
    if (w.span) spans.push([`warnings.${i}`, w.span]);
  });
  return spans;
}

/** The invariants; returns the list of violations (empty when the extraction is sound). */
function findViolations(text: string): string[] {
  const extraction = extractReport(text);
  const problems: string[] = [];
  for (const w of extraction.warnings) {
    if (w.code === 'INTERNAL_ERROR') problems.push(`internal error: ${w.message}`);
  }
  for (const [where, span] of listSpans(extraction)) {
    const [start, end] = span;
    const sound =
      Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length;
    if (!sound) problems.push(`${where}: span [${start}, ${end}] outside [0, ${text.length}]`);
  }
  extraction.items.forEach((item, i) => {
    const at = text.slice(item.span[0], item.span[1]);
    if (item.quote !== at)
      problems.push(`items.${i}: quote ${JSON.stringify(item.quote)} ≠ text ${JSON.stringify(at)}`);
  });
  extraction.tasks.forEach((task, i) => {
    for (const k of task.itemIndexes) if (!extraction.items[k]) problems.push(`tasks.${i}: no item ${k}`);
    for (const k of task.projectIndexes)
      if (!extraction.projects[k]) problems.push(`tasks.${i}: no project ${k}`);
  });
  return problems;
}

function holds(text: string): boolean {
  const problems = findViolations(text);
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
  return true;
}

/** Raw UTF-16 code units, lone surrogates and controls included. */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 400 })
  .map((units) => String.fromCharCode(...units));

/** The pieces reports are made of: numbering, numbers, units, comparators, stages, punctuation. */
const PIECES = [
  '一、',
  '二、',
  '十二、',
  '（一）',
  '(二)',
  '（十）',
  '第一章',
  '1.',
  '2、',
  '——',
  '…',
  '附件',
  '名词解释',
  '［1］',
  '[2]',
  '注：',
  '2022年',
  '2017-2021年',
  '今年',
  '过去五年',
  '今后五年',
  '到2026年',
  '12月15日',
  '十四五',
  'PM2.5',
  '5G',
  '6.5',
  '１２',
  '0',
  '00',
  '.',
  '．',
  '-',
  '－',
  '~',
  '～',
  '%',
  '％',
  '‰',
  '千',
  '百',
  '万',
  '亿',
  '两',
  '近一半',
  '超五成',
  '余',
  '亿元',
  '万元',
  '万人',
  '个',
  '项',
  '公顷',
  '平方米',
  '万亩',
  '个百分点',
  '倍',
  '成',
  '增长',
  '下降',
  '提高到',
  '降至',
  '达到',
  '突破',
  '超过',
  '左右',
  '以上',
  '以内',
  '不低于',
  '控制在',
  '约',
  '年均',
  '推动',
  '等',
  '项目',
  '签约落地',
  '开工建设',
  '建成投用',
  '竣工',
  '加快',
  '实施',
  '完成',
  '坚持',
  '全面',
  '我们',
  '政府工作报告',
  '各位代表',
  '北京市',
  '昌平区',
  '区长',
  '。',
  '；',
  '，',
  ',',
  '、',
  '：',
  ':',
  '！',
  '？',
  '“',
  '”',
  '‘',
  '’',
  '「',
  '」',
  '（',
  '）',
  '(',
  ')',
  '《',
  '》',
  ' ',
  '\u3000',
  '\t',
  '\n',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '\u00a0',
  '\ufeff',
  '\u200b',
];
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 100_000 }).map(String) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }).map((n) => n.toFixed(2)) },
);
const soup = fc.array(piece, { maxLength: 300 }).map((pieces) => pieces.join(''));

/** Full-width ⇄ half-width for ASCII punctuation, letters and digits; U+3000 ⇄ space; 。⇄ . */
function swapWidth(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0x21 && code <= 0x7e) return String.fromCharCode(code + 0xfee0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (c === ' ') return '\u3000';
  if (c === '\u3000') return ' ';
  if (c === '。') return '.';
  return c;
}

type Mutation =
  | { op: 'delete' | 'duplicate' | 'widths'; at: number; length: number }
  | { op: 'swap'; at: number; to: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'cut'; at: number };

const position = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constantFrom('delete' as const, 'duplicate' as const, 'widths' as const),
    at: position,
    length: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ op: fc.constant('swap' as const), at: position, to: position }),
  fc.record({
    op: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(soup, fc.constantFrom(...PIECES)),
  }),
  fc.record({ op: fc.constant('cut' as const), at: position }),
);

/** Applies one mutation to a report's lines (line-level) or characters (insert, widths, cut). */
function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = Math.floor(m.at * lines.length);
  const char = Math.floor(m.at * (text.length + 1));
  switch (m.op) {
    case 'delete':
      lines.splice(line, m.length);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(line, 0, ...lines.slice(line, line + m.length));
      return lines.join('\n');
    case 'swap': {
      const other = Math.floor(m.to * lines.length);
      [lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
      return lines.join('\n');
    }
    case 'widths': {
      const end = Math.min(text.length, char + m.length * 40);
      return text.slice(0, char) + Array.from(text.slice(char, end), swapWidth).join('') + text.slice(end);
    }
    case 'insert':
      return text.slice(0, char) + m.text + text.slice(char);
    case 'cut':
      return text.slice(0, char);
  }
}

const mutatedReport = fc
  .record({
    report: fc.integer({ min: 0, max: REPORTS.length - 1 }),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }),
  })
  .map(({ report, mutations }) => mutations.reduce(mutate, REPORTS[report] ?? ''));

describe('extractReport (properties)', () => {
  it('finds the shared reports sound to begin with', () => {
    expect(REPORTS.length).toBeGreaterThan(0);
    for (const report of REPORTS) expect(findViolations(report)).toEqual([]);
  });

  it('never throws and keeps every span inside the text, on random code units', () => {
    fc.assert(fc.property(codeUnits, holds), { numRuns: 600 });
  });

  it('never throws and keeps every span inside the text, on a soup of report words and punctuation', () => {
    fc.assert(fc.property(soup, holds), { numRuns: 1000 });
  });

  it('never throws and keeps every span inside the text, on mutated real reports', () => {
    fc.assert(fc.property(mutatedReport, holds), { numRuns: 400 });
  }, 60_000);
});

// Issue 13, class 8: a run of 200,000 digits once took 145 s. Runs of one character (or a short
// pattern) inside a report must cost time in proportion to their length; the bound is generous
// (a quadratic cost takes minutes), so a busy machine does not decide the outcome.
const RUN_PIECES = ['1', '。', '，', '一二三', '5%', '1:', '1-', '万', '“1”', '的\n', '、', '——', '（一）'];
const LONG_RUN_MS = 20_000;

describe('extractReport (cost)', () => {
  it('reads a report holding a run of 200,000 characters in time proportional to its length', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RUN_PIECES),
        fc.integer({ min: 150_000, max: 200_000 }),
        fc.constantFrom(...REPORTS.map((_, i) => i)),
        (piece, length, report) => {
          const run = piece.repeat(Math.ceil(length / piece.length));
          const text = REPORTS[report] ?? '';
          const cut = text.indexOf('\n', Math.floor(text.length / 2));
          const started = performance.now();
          const x = extractReport(`${text.slice(0, cut)}${run}${text.slice(cut)}`);
          expect(performance.now() - started).toBeLessThan(LONG_RUN_MS);
          expect(x.warnings.some((w) => w.code === 'INTERNAL_ERROR')).toBe(false);
        },
      ),
      { numRuns: 8 },
    );
  }, 240_000);

  it('reads 200,000 digits and 200,000 full stops alone, each under the bound', () => {
    for (const run of ['1'.repeat(200_000), '。'.repeat(200_000), '一'.repeat(200_000)]) {
      const started = performance.now();
      extractReport(`一、2025年工作回顾\n${run}\n二、2026年工作安排\n${run}`);
      expect(performance.now() - started).toBeLessThan(LONG_RUN_MS);
    }
  }, 120_000);
});
