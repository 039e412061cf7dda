import { describe, expect, it } from 'vitest';
import { readReport } from '../../test/fixtures/reports/index.js';
import { parseReportMeta } from './meta.js';
import { extractOutline } from './outline.js';
import { deriveReportYear, deriveZones, findFiveYearPlan, findYearInWords } from './zones.js';

const report = (name: string) => readReport(name);
const zonesOf = (text: string) => deriveZones(text, extractOutline(text), parseReportMeta(text));
const at = (text: string, quote: string) => {
  const i = text.indexOf(quote);
  const z = zonesOf(text).find((x) => x.span[0] <= i && i < x.span[1]);
  return z && [z.role, z.tense, z.period];
};

describe('findFiveYearPlan', () => {
  it.each([
    ['“十四五”时期', [2021, 2025]],
    ['“十五五”时期的主要目标和重点任务', [2026, 2030]],
    ['“十三五”圆满收官', [2016, 2020]],
    ['第十五个五年规划纲要', [2026, 2030]],
  ] as const)('reads %s', (s, years) => {
    expect(findFiveYearPlan(s)).toEqual(years);
  });

  it('gives undefined when no plan is named', () => {
    expect(findFiveYearPlan('今后五年')).toBeUndefined();
  });
});

describe('deriveReportYear', () => {
  it('takes the plan chapter’s year, else the year after the review’s', () => {
    expect(deriveReportYear({}, [{ level: 1, title: '2019年政府工作任务', span: [0, 0] }])).toBe(2019);
    expect(deriveReportYear({}, [{ level: 1, title: '2018年工作回顾', span: [0, 0] }])).toBe(2019);
    expect(deriveReportYear({ deliveredOn: '2021-12-15' }, [])).toBe(2022);
    expect(deriveReportYear({}, [])).toBeUndefined();
  });

  it('reads the year from how the text speaks of it when titles and date say none', () => {
    expect(deriveReportYear({}, [], '今年是新中国成立70周年，是全面建成小康社会关键之年。')).toBe(2019);
    expect(deriveReportYear({}, [], '今年是实施“十五五”规划的开局之年。做好今年工作')).toBe(2026);
    expect(findYearInWords('今年是“十二五”规划的收官之年')).toBe(2015);
    expect(findYearInWords('今年是全面深化改革的关键一年')).toBeUndefined();
  });
});

describe('deriveZones', () => {
  it('covers the text with contiguous zones in order', () => {
    for (const name of [
      '2022-beijing-changping',
      '2026-shanghai',
      '2026-guangdong',
      '2019-national-state-council',
    ]) {
      const text = report(name);
      const zones = zonesOf(text);
      expect(zones[0]?.span[0]).toBe(0);
      expect(zones[zones.length - 1]?.span[1]).toBe(text.length);
      zones.forEach((z, i) => {
        expect(z.span[0]).toBeLessThan(z.span[1]);
        if (i > 0) expect(z.span[0]).toBe(zones[i - 1]?.span[1]);
      });
    }
  });

  it.each([
    ['2022-beijing-changping', '过去五年,是昌平发展史上极不平凡的五年', ['review', 'past', '2017-2021']],
    ['2022-beijing-changping', '一年来,我们全面聚焦', ['review', 'past', '2021']],
    ['2022-beijing-changping', '回望这五年', ['review', 'past', '2017-2021']],
    ['2022-beijing-changping', '——发展质量效益实现新提升', ['outlook', 'future', '2022-2026']],
    ['2022-beijing-changping', '地区生产总值增长6.5%左右', ['plan', 'future', '2022']],
    ['2022-beijing-changping', '实干成就梦想,奋斗创造未来', ['closing', 'future', '2022']],
    ['2026-shanghai', '全市生产总值达到5.67万亿元', ['review', 'past', '2025']],
    ['2026-shanghai', '“十四五”时期，上海发展历程极不寻常', ['review', 'past', '2021-2025']],
    ['2026-shanghai', '“十五五”时期具有承前启后的重要地位', ['outlook', 'future', '2026-2030']],
    ['2026-shanghai', '全市生产总值增长5%左右', ['plan', 'future', '2026']],
    ['2026-shanghai', '（一）坚持政治引领', ['plan', 'future', '2026']],
    ['2026-guangdong', '地区生产总值增长3.9%', ['review', 'past', '2025']],
    ['2026-guangdong', '地区生产总值从11.37万亿元提高到14.58万亿元', ['review', 'past', '2021-2025']],
    ['2026-guangdong', '地区生产总值年均增长5%左右', ['outlook', 'future', '2026-2030']],
    ['2026-guangdong', '名词解释', ['appendix', 'future', '2026']],
    ['2019-national-state-council', '国内生产总值增长6.6%', ['review', 'past', '2018']],
    ['2019-national-state-council', '国内生产总值增长6%－6.5%', ['plan', 'future', '2019']],
  ] as const)('places “%s … %s” in %j', (name, quote, expected) => {
    expect(at(report(name), quote)).toEqual(expected);
  });

  it('gives one plan zone for text without chapters and none for empty text', () => {
    expect(zonesOf('推进城市更新。')).toEqual([{ span: [0, 7], role: 'plan', tense: 'future', period: '' }]);
    expect(zonesOf('')).toEqual([]);
  });
});

describe('deriveZones for a report that opens straight into its review', () => {
  it('zones the untitled first chapter as the review of the past year, refined by its paragraphs', () => {
    const text = [
      '各位代表：',
      '现在，我代表市人民政府，向大会报告工作，请予审议。',
      '2021年，全市地区生产总值增长8%。',
      '过去五年，我们推进改革。',
      '二、2022年工作安排',
      '推进城市更新。',
    ].join('\n');
    expect(zonesOf(text).map((z) => [z.role, z.period, text.slice(z.span[0], z.span[0] + 5)])).toEqual([
      ['preamble', '2022', '各位代表：'],
      ['review', '2021', '2021年'],
      ['review', '2017-2021', '过去五年，'],
      ['plan', '2022', '二、202'],
    ]);
  });
});

describe('deriveZones for a chapter of both the five years and the year', () => {
  it('turns to the year’s plan where a paragraph of the outlook opens on the report year', () => {
    const text = [
      '2022年某区政府工作报告',
      '一、过去五年工作回顾',
      '过去五年，我们推进改革。',
      '二、今后五年的奋斗目标和2022年工作安排',
      '今后五年，地区生产总值年均增长6%。',
      '2022年是党的二十大召开之年。地区生产总值增长6.5%左右。',
    ].join('\n');
    expect(zonesOf(text).map((z) => [z.role, z.period, text.slice(z.span[0], z.span[0] + 4)])).toEqual([
      ['preamble', '2022', '2022'],
      ['review', '2017-2021', '一、过去'],
      ['outlook', '2022-2026', '二、今后'],
      ['plan', '2022', '2022'],
    ]);
  });
});

describe('deriveZones and the current five-year plan', () => {
  it('keeps a “十四五”时期 paragraph of a 2022 outlook in the outlook, and 未来的五年 in the future', () => {
    const text = [
      '2022年某区政府工作报告',
      '一、过去五年工作回顾',
      '过去五年，我们推进改革。',
      '二、今后五年的奋斗目标',
      '“十四五”时期，我们要加快发展。',
      '未来的五年，是关键的五年。',
      '三、2022年重点任务',
      '推进城市更新。',
    ].join('\n');
    expect(zonesOf(text).map((z) => [z.role, z.period])).toEqual([
      ['preamble', '2022'],
      ['review', '2017-2021'],
      ['outlook', '2022-2026'],
      ['plan', '2022'],
    ]);
  });
});

describe('deriveZones with full-width digits', () => {
  it('reads years written ２０２２年 in titles and paragraphs', () => {
    const text = [
      '２０２２年某区政府工作报告',
      '一、２０２１年工作回顾',
      '过去一年，我们推进改革。',
      '二、２０２２年工作安排',
      '推进城市更新。',
    ].join('\n');
    expect(zonesOf(text).map((z) => [z.role, z.period])).toEqual([
      ['preamble', '2022'],
      ['review', '2021'],
      ['plan', '2022'],
    ]);
  });
});

describe('deriveZones for a chapter of two five-year plans', () => {
  it('gives the outlook the later plan and its review paragraph the earlier one', () => {
    const text = [
      '2021年政府工作报告',
      '一、2020年工作回顾',
      '过去一年，我们推进改革。',
      '二、“十三五”时期发展成就和“十四五”时期主要目标任务',
      '“十三五”时期是我国发展进程中极不平凡的五年。',
      '“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年。',
      '三、2021年重点工作',
      '推进城市更新。',
    ].join('\n');
    expect(zonesOf(text).map((z) => [z.role, z.period])).toEqual([
      ['preamble', '2021'],
      ['review', '2020'],
      ['outlook', '2021-2025'],
      ['review', '2016-2020'],
      ['outlook', '2021-2025'],
      ['plan', '2021'],
    ]);
  });
});
