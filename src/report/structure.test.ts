import { describe, expect, it } from 'vitest';
import { extractReport } from './index.js';
import { deriveReportYear, findFiveYearPlan, findYearFromYearsNamed } from './zones.js';

/**
 * Chapters, zones and report year in layouts the reader was not tuned on (issue 13, classes 1–3),
 * made up in their style.
 */
const zoneOf = (text: string, marker: string) => {
  const x = extractReport(text);
  const at = text.indexOf(marker);
  const z = x.zones.find((y) => y.span[0] <= at && at < y.span[1]);
  return z && { role: z.role, period: z.period };
};

const UNNUMBERED_FIRST = [
  '2026年某省政府工作报告',
  '各位代表：',
  '现在，我代表省人民政府，向大会报告工作，请予审议。',
  '“十四五”时期主要成就回顾',
  '过去五年，全省生产总值年均增长5.5%，累计新增城镇就业520万人。',
  '2025年，全省生产总值增长5.2%，新增城镇就业110万人。',
  '“十五五”时期的总体考虑',
  '“十五五”时期是基本实现社会主义现代化夯实基础的关键时期。到2030年，全省生产总值突破8万亿元。',
  '三、2026年工作安排',
  '今年主要预期目标是：全省生产总值增长5%左右。',
].join('\n');

describe('chapters without numerals', () => {
  it('reads the two unnumbered chapters before "三、" as chapters opening their zones', () => {
    const x = extractReport(UNNUMBERED_FIRST);
    expect(x.outline.filter((h) => h.level === 1).map((h) => h.title)).toEqual([
      '“十四五”时期主要成就回顾',
      '“十五五”时期的总体考虑',
      '2026年工作安排',
    ]);
    expect(zoneOf(UNNUMBERED_FIRST, '过去五年')).toEqual({ role: 'review', period: '2021-2025' });
    expect(zoneOf(UNNUMBERED_FIRST, '2025年，全省')).toEqual({ role: 'review', period: '2025' });
    expect(zoneOf(UNNUMBERED_FIRST, '到2030年')).toEqual({ role: 'outlook', period: '2026-2030' });
    expect(zoneOf(UNNUMBERED_FIRST, '今年主要')).toEqual({ role: 'plan', period: '2026' });
    expect(x.warnings).toEqual([]);
  });

  it('reads a report with no numeral at all, and not its date line as a chapter', () => {
    const text = [
      '政府工作报告',
      '——2011年1月13日在县第十五届人民代表大会第五次会议上',
      '各位代表：',
      '2010年工作回顾',
      '全县生产总值完成120亿元，增长11%。',
      '2011年工作安排',
      '生产总值增长10%左右。',
    ].join('\n');
    const x = extractReport(text);
    expect(x.outline.map((h) => h.title)).toEqual(['2010年工作回顾', '2011年工作安排']);
    expect(x.items.map((i) => [i.kind, i.period])).toEqual([
      ['achievement', '2010'],
      ['achievement', '2010'],
      ['target', '2011'],
    ]);
  });

  it('reads a chapter run into a line that lost its breaks, and the section after it', () => {
    const text =
      '一、过去5年政府工作回顾 (一)实施“大经济”战略,经济发展态势良好 ——经济总量稳步增长。2002年辖区国内生产总值517亿元,年均增长12.5%。';
    const x = extractReport(text);
    expect(x.outline.map((h) => [h.level, h.title])).toEqual([
      [1, '过去5年政府工作回顾'],
      [2, '实施“大经济”战略,经济发展态势良好'],
    ]);
    expect(x.report.year).toBe(2003);
    expect(x.items.map((i) => i.period)).toEqual(['2002', '1998-2002']);
  });
});

describe('lead phrases', () => {
  const text = [
    '2014年某县政府工作报告',
    '一、2013年工作回顾',
    '全县生产总值增长11%。',
    '二、2014年工作安排',
    '（一）加快构建现代产业体系',
    '1.全力稳定经济增长',
    '推动重点产业项目落地。新增规模以上工业企业30家。',
    '一要加快工业转型升级。新建标准化厂房20万平方米。二要壮大县域特色产业。新增龙头企业5家。三要抓好招商，扩大有效投资。',
  ].join('\n');
  const titles = extractReport(text)
    .outline.filter((h) => h.level === 3)
    .map((h) => h.title);

  it('drops "一要" from a title and reads a phrase run in after "二要"', () => {
    expect(titles).toContain('加快工业转型升级');
    expect(titles).toContain('壮大县域特色产业');
  });

  it('takes no phrase ending a clause in a comma, nor the first sentence of the body under a subheading', () => {
    expect(titles).toEqual(['全力稳定经济增长', '加快工业转型升级', '壮大县域特色产业']);
  });
});

describe('five-year reviews and outlooks', () => {
  it('reads "“十三五”以来" and "X年是“十二五”收官之年。五年来…" as five-year reviews', () => {
    const text = [
      '2016年某市政府工作报告',
      '一、过去五年工作回顾',
      '2015年是“十二五”收官之年。五年来，全市生产总值年均增长9%。',
      '二、2016年工作安排',
      '“十三五”以来的目标是：全市生产总值年均增长7%。',
    ].join('\n');
    expect(zoneOf(text, '2015年是')).toEqual({ role: 'review', period: '2011-2015' });
    const review = ['2021年某市政府工作报告', '一、工作回顾', '“十三五”以来，全市生产总值年均增长7%。'].join(
      '\n',
    );
    expect(zoneOf(review, '“十三五”以来')).toEqual({ role: 'review', period: '2016-2020' });
  });

  it('reads the plans of earlier decades: 十五, 九五, 八五', () => {
    expect(findFiveYearPlan('由“十五”末的12.8亿元')).toEqual([2001, 2005]);
    expect(findFiveYearPlan('“九五”计划')).toEqual([1996, 2000]);
    expect(findFiveYearPlan('“八五”时期国民经济和社会发展的回顾')).toEqual([1991, 1995]);
    expect(findFiveYearPlan('第十五期培训班')).toBeUndefined();
    expect(findFiveYearPlan('“八五”普法')).toBeUndefined();
  });
});

describe('the report year when the title has none', () => {
  it('reads it from a misprinted date, from "2013年是…开局之年", or as the latest year named plus one', () => {
    expect(extractReport('——20141217日在某区第十四届人民代表大会第四次会议上\n各位代表：').report.year).toBe(
      2015,
    );
    expect(
      findYearFromYearsNamed('2012年全县生产总值增长12%。2013年是全面贯彻党的十八大精神的开局之年。'),
    ).toBe(2013);
    expect(
      findYearFromYearsNamed('过去一年，全县生产总值增长9%。2016年，财政收入增长8%。到2020年翻一番。'),
    ).toBe(2017);
    expect(findYearFromYearsNamed('2014年工作安排：生产总值增长10%。2013年全县…')).toBe(2014);
    expect(deriveReportYear({}, [], '本届政府任期的五年，全市经济持续健康发展。')).toBeUndefined();
  });
});
