import { describe, expect, it } from 'vitest';
import { readReport } from '../../test/fixtures/reports/index.js';
import { extractReport } from './index.js';
import type { Extraction } from './types.js';

/**
 * Layouts the gold reports do not show (issue 2, "Layouts it must handle"): each test rewrites a
 * real report the way other reports are written — line ends, blank lines, punctuation widths,
 * section headings run into paragraphs, an unnumbered first chapter, appendices and notes, an
 * older year and plan (十二五), county and city wording — and requires the same extraction.
 */
const report = (name: string) => readReport(name);
const CHANGPING = report('2022-beijing-changping');
const SHANGHAI = report('2026-shanghai');
const NATIONAL = report('2019-national-state-council');
const GUANGDONG = report('2026-guangdong');

// Punctuation that comes in two widths; compared in its half-width form.
const FULL = '，：；（）！？';
const HALF = ',:;()!?';
const halfWidth = (s: string): string => s.replace(/[，：；（）！？]/g, (c) => HALF[FULL.indexOf(c)] ?? c);
/** Half-width punctuation as full-width, leaving "1,234" and "4.0:37.7" between digits alone. */
const fullWidth = (s: string): string =>
  s.replace(/[,:;()!?]/g, (c, at: number) =>
    /[0-9]/.test(s[at - 1] ?? '') && /[0-9]/.test(s[at + 1] ?? '') ? c : (FULL[HALF.indexOf(c)] ?? c),
  );

type Norm = (s: string) => string;
const same: Norm = (s) => s;

/** Items as text: quote, value, unit, comparator, kind, period and metric, in order. */
function itemsOf(x: Extraction, norm: Norm = same, period: Norm = same): string[] {
  return x.items.map((i) =>
    [norm(i.quote), i.value, norm(i.unit), i.comparator, i.kind, period(i.period), norm(i.metric)].join(
      ' | ',
    ),
  );
}
const outlineOf = (x: Extraction, norm: Norm = same): string[] =>
  x.outline.map((h) => `${h.level} ${norm(h.title)}`);
const projectsOf = (x: Extraction, norm: Norm = same): string[] =>
  x.projects.map((p) => `${norm(p.name)} ${p.stage} ${p.kind}`);

/** Every quote and title still sits at its span in the rewritten text. */
function expectSpansHold(x: Extraction, text: string): void {
  for (const i of x.items) expect(text.slice(...i.span)).toBe(i.quote);
  for (const h of x.outline) expect(text.slice(...h.span)).toBe(h.title);
  for (const p of x.projects) expect(text.slice(...p.span)).toBe(p.name);
}

function expectEquivalent(original: string, rewritten: string, norm: Norm = same, period: Norm = same) {
  const a = extractReport(original);
  const b = extractReport(rewritten);
  expectSpansHold(b, rewritten);
  expect(itemsOf(b, norm)).toEqual(itemsOf(a, norm, period));
  expect(outlineOf(b, norm)).toEqual(outlineOf(a, norm));
  expect(projectsOf(b, norm)).toEqual(projectsOf(a, norm));
  return { a, b };
}

describe('extractReport across layouts', () => {
  it('reads CRLF line ends as LF', () => {
    expectEquivalent(CHANGPING, CHANGPING.replace(/\n/g, '\r\n'));
    expectEquivalent(SHANGHAI, SHANGHAI.replace(/\n/g, '\r\n'));
  });

  it('reads paragraphs indented with full-width spaces or tabs (copies of web pages)', () => {
    const zonesOf = (x: Extraction): string[] => x.zones.map((z) => `${z.role} ${z.period}`);
    for (const text of [CHANGPING, SHANGHAI, NATIONAL, GUANGDONG]) {
      for (const indent of ['\u3000\u3000', '\t']) {
        const { a, b } = expectEquivalent(text, text.replace(/^/gm, indent));
        expect(zonesOf(b)).toEqual(zonesOf(a));
      }
    }
  });

  it('reads blank lines between paragraphs (the national report’s layout)', () => {
    expectEquivalent(CHANGPING, CHANGPING.replace(/\n/g, '\n\n'));
    expectEquivalent(SHANGHAI, SHANGHAI.replace(/\n/g, '\r\n\r\n'));
  });

  it('reads full-width punctuation as half-width and back', () => {
    expectEquivalent(CHANGPING, fullWidth(CHANGPING), halfWidth);
    expectEquivalent(SHANGHAI, halfWidth(SHANGHAI), halfWidth);
  });

  it('reads a first chapter without its numeral', () => {
    expect(CHANGPING).toContain('\n一、过去五年工作回顾\n');
    expectEquivalent(CHANGPING, CHANGPING.replace('\n一、过去五年工作回顾\n', '\n过去五年工作回顾\n'));
    expect(SHANGHAI).toContain('\n一、2025年工作回顾\n');
    expectEquivalent(SHANGHAI, SHANGHAI.replace('\n一、2025年工作回顾\n', '\n2025年工作回顾\n'));
  });

  it('reads chapters named 第一部分 with sections numbered 一、 (a county layout)', () => {
    const parts = CHANGPING.replace('\n一、过去五年工作回顾', '\n第一部分 过去五年工作回顾')
      .replace('\n二、今后五年', '\n第二部分 今后五年')
      .replace('\n三、2022年重点任务', '\n第三部分　2022年重点任务')
      .replace(/\n\(([一二三四五六七八九十])\)/g, '\n$1、');
    expectEquivalent(CHANGPING, parts);
  });

  it('reads sections run into the start of their paragraph like sections on their own line', () => {
    // "（一）坚定不移加快“五个中心”建设。提…" split after the title, and joined back
    const split = SHANGHAI.replace(/\n(（[一二三四五六七八九十]{1,2}）[^\n。]{4,60}。)(?=[^\n])/g, '\n$1\n');
    expect(split).not.toBe(SHANGHAI);
    const { a, b } = expectEquivalent(SHANGHAI, split);
    expect(b.items.length).toBe(a.items.length);
  });

  it('keeps appendices, glossaries and notes out of items and outline', () => {
    const appendix = [
      '',
      '名词解释',
      '1.三城一区：指中关村科学城、怀柔科学城、未来科学城和北京经济技术开发区。',
      '［1］全区地区生产总值增长6%左右，以第七次全国人口普查数据为基础测算。',
      '[2]注：规模以上工业增加值增长8%。',
    ].join('\n');
    expectEquivalent(CHANGPING, CHANGPING.trimEnd() + appendix);
    expectEquivalent(SHANGHAI, SHANGHAI.trimEnd() + appendix.replace(/\n/g, '\r\n'));
    const notes = [
      '',
      '本报告相关名词解释',
      '①两区：指国家服务业扩大开放综合示范区和中国（北京）自由贸易试验区，增长6%。',
    ].join('\n');
    expectEquivalent(CHANGPING, CHANGPING.trimEnd() + notes);
    expectEquivalent(NATIONAL, NATIONAL.trimEnd() + notes.replace(/\n/g, '\n\n'));
  });

  it('reads an attached list of the year’s commitments (民生实事) as targets, apart from the glossary', () => {
    const attached = [
      '',
      '附件',
      '2022年区政府重要民生实事项目',
      '一、新增城镇就业岗位1.2万个。',
      '二、完成老旧小区综合整治50个。',
      '附件2',
      '名词解释',
      '［1］全区地区生产总值增长6%左右，以第七次全国人口普查数据为基础测算。',
    ].join('\n');
    const a = extractReport(CHANGPING);
    const text = CHANGPING.trimEnd() + attached;
    const b = extractReport(text);
    expectSpansHold(b, text);
    expect(outlineOf(b)).toEqual(outlineOf(a));
    const added = b.items.slice(a.items.length);
    expect(added.map((i) => [i.quote, i.kind, i.period, i.metric])).toEqual([
      ['1.2万个', 'target', '2022', '新增城镇就业岗位'],
      ['50个', 'target', '2022', '老旧小区综合整治'],
    ]);
  });

  it('reads a 2012 report of the 十二五 plan like a 2022 report of the 十四五 plan', () => {
    // Every year ten years earlier: 十四五 (2021-2025) becomes 十二五 (2011-2015), 十三五 十一五.
    const older = CHANGPING.replace(/20([12][0-9])(?=\s*年|[-—–~～至到]20[12][0-9]\s*年)/g, (_, y: string) =>
      String(2000 + Number(y) - 10),
    )
      .replace(/十四五/g, '十二五')
      .replace(/十三五/g, '十一五');
    const back = (p: string): string => p.replace(/\d{4}/g, (y) => String(Number(y) - 10));
    const anyYear = (s: string): string => s.replace(/20[0-2][0-9](?=\s*年)/g, 'YYYY');
    const { b } = expectEquivalent(CHANGPING, older, anyYear, back);
    expect(b.report.year).toBe(2012);
  });

  it('reads county and city reports (县长, 县人民政府, 全县; 市长, 全市) like the district’s', () => {
    const county = CHANGPING.replace(/昌平区/g, '昌平县')
      .replace(/区长/g, '县长')
      .replace(/区人民政府/g, '县人民政府')
      .replace(/全区/g, '全县')
      .replace(/我区/g, '我县');
    const level = (s: string): string => s.replace(/[县市]/g, '区');
    const { b } = expectEquivalent(CHANGPING, county, level);
    expect(b.report).toMatchObject({ place: '北京市昌平县', level: '区县', year: 2022 });
    const city = CHANGPING.replace(/北京市昌平区/g, '河北省昌平市')
      .replace(/昌平区/g, '昌平市')
      .replace(/区长/g, '市长')
      .replace(/区人民政府/g, '市人民政府')
      .replace(/全区/g, '全市');
    const c = expectEquivalent(CHANGPING, city, level).b;
    expect(c.report).toMatchObject({ level: '市', year: 2022 });
  });

  it('reads a report whose chapters say 过去一年 and 今年 instead of years', () => {
    const plain = NATIONAL.replace('一、2018年工作回顾', '一、过去一年工作回顾')
      .replace('二、2019年经济社会发展总体要求和政策取向', '二、今年经济社会发展总体要求和政策取向')
      .replace('三、2019年政府工作任务', '三、今年政府工作任务');
    const words = (s: string): string =>
      s.replace('2018年工作回顾', '过去一年工作回顾').replace(/^2019年/, '今年');
    const { b } = expectEquivalent(NATIONAL, plain, words);
    expect(b.report).toMatchObject({ place: '国务院', level: '国家', year: 2019 });
    const since = plain.replace('一、过去一年工作回顾', '一、一年来的工作');
    expectEquivalent(NATIONAL, since, (s) => words(s).replace('一年来的工作', '过去一年工作回顾'));
  });

  it('reads a 2014 national report of the 十二五 plan like the 2019 one of the 十三五 plan', () => {
    const older = NATIONAL.replace(/20([012][0-9])(?=\s*年)/g, (_, y: string) =>
      String(2000 + Number(y) - 5),
    ).replace(/十三五/g, '十二五');
    const back = (p: string): string => p.replace(/\d{4}/g, (y) => String(Number(y) - 5));
    const anyYear = (s: string): string => s.replace(/20[0-2][0-9](?=\s*年)/g, 'YYYY');
    const { b } = expectEquivalent(NATIONAL, older, anyYear, back);
    expect(b.report.year).toBe(2014);
    expect(b.zones.find((z) => z.role === 'review')?.period).toBe('2013');
  });

  it('reads the national report without its blank lines, and Guangdong’s with CRLF and half-width marks', () => {
    expectEquivalent(NATIONAL, NATIONAL.replace(/\n\n/g, '\n'));
    expectEquivalent(GUANGDONG, halfWidth(GUANGDONG).replace(/\n/g, '\r\n'), halfWidth);
  });

  it('reads full-width digits and ％, and a space between a number and its unit (text from PDFs)', () => {
    const facts = (x: Extraction): string[] =>
      x.items.map((i) => [i.value, i.comparator, i.kind, i.period].join(' | '));
    for (const text of [CHANGPING, NATIONAL]) {
      const a = extractReport(text);
      const wide = text
        .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
        .replace(/%/g, '％')
        .replace(/(?<=[０-９])\.(?=[０-９])/g, '．');
      const spaced = text.replace(/([0-9])(%|万|亿|个|家)/g, '$1 $2');
      for (const rewritten of [wide, spaced]) {
        const b = extractReport(rewritten);
        expectSpansHold(b, rewritten);
        expect(facts(b)).toEqual(facts(a));
        expect(b.outline.length).toBe(a.outline.length);
        expect(b.projects.map((p) => p.stage)).toEqual(a.projects.map((p) => p.stage));
      }
    }
  });

  it('reads a target repeated in the text that explains it as an item each time (GUIDE.md §1)', () => {
    const goal = '上述主要预期目标，体现了推动高质量发展要求';
    const explained = NATIONAL.replace(
      goal,
      '国内生产总值增长6%－6.5%，与全面建成小康社会目标相衔接，也与“十三五”规划相衔接。' + goal,
    );
    const a = extractReport(NATIONAL);
    const b = extractReport(explained);
    expectSpansHold(b, explained);
    const at = explained.indexOf('国内生产总值增长6%－6.5%，与');
    const added = b.items.filter((i) => i.span[0] >= at && i.span[0] < at + 20);
    expect(added.map((i) => [i.quote, i.comparator, i.kind, i.period, i.metric])).toEqual([
      ['6%', '>=', 'target', '2019', '国内生产总值增长'],
      ['6.5%', '<=', 'target', '2019', '国内生产总值增长'],
    ]);
    expect(b.items.length).toBe(a.items.length + 2);
  });

  it('reads a 2016 report closing the 十二五 and opening the 十三五 like the 2026 one for 十四五 and 十五五', () => {
    const older = GUANGDONG.replace(
      /20([123][0-9])(?=\s*年|[-—–~～至到]20[123][0-9]\s*年)/g,
      (_, y: string) => String(2000 + Number(y) - 10),
    )
      .replace(/十四五/g, '十二五')
      .replace(/十五五/g, '十三五')
      .replace(/第十五个五年/g, '第十三个五年');
    const back = (p: string): string => p.replace(/\d{4}/g, (y) => String(Number(y) - 10));
    const anyYear = (s: string): string =>
      s.replace(/20[0-3][0-9](?=\s*年)/g, 'YYYY').replace(/十[二三四五]五/g, '十X五');
    const { b } = expectEquivalent(GUANGDONG, older, anyYear, back);
    expect(b.report.year).toBe(2016);
    expect(b.zones.map((z) => z.period)).toContain('2011-2015');
    expect(b.zones.map((z) => z.period)).toContain('2016-2020');
  });
});
