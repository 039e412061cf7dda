import { describe, expect, it } from 'vitest';
import { listReports, readReport } from '../../test/fixtures/reports/index.js';
import { ITEM_DOUBTS, rate } from './doubt.js';
import { extractReport } from './index.js';
import type { Doubted } from './types.js';

/** Every item, project and heading carries a confidence and its reasons for doubt (issue 13). */
const doubtsOf = (text: string, quote: string) =>
  extractReport(text).items.find((i) => i.quote === quote)?.doubts;

describe('rate', () => {
  it('multiplies the weights of the doubts, most weighty first, and is 1 without doubt', () => {
    expect(rate<Doubted>({}, [], ITEM_DOUBTS)).toEqual({ confidence: 1, doubts: [] });
    const x = rate<Doubted>({}, ['NO_METRIC', 'NO_PERIOD'], ITEM_DOUBTS);
    expect(x.doubts).toEqual(['NO_PERIOD', 'NO_METRIC']);
    expect(x.confidence).toBeCloseTo(0.4 * 0.85, 3);
  });
});

describe('doubts of items', () => {
  it('doubts a number with no period, and one in a five-year review that may be a flow or a stock', () => {
    const review = [
      '2011年某县政府工作报告',
      '一、过去五年工作回顾',
      '商品交易市场98个，累计完成税收374亿元。',
    ].join('\n');
    expect(doubtsOf(review, '98个')).toContain('FLOW_OR_STOCK');
    expect(doubtsOf(review, '374亿元')).not.toContain('FLOW_OR_STOCK');
    const noYear = [
      '各位代表：',
      '一、本届政府工作回顾',
      '五年交通建设投资331.9亿元。',
      '二、主要任务',
      '新建学校12所。',
    ].join('\n');
    expect(doubtsOf(noYear, '331.9亿元')).toContain('NO_PERIOD');
  });

  it('doubts a past fact among the plans, a word numeral, a bare ratio and a bare size', () => {
    const text = [
      '2019年某县政府工作报告',
      '一、2018年工作回顾',
      '全县生产总值增长6%。',
      '二、2019年工作任务',
      '目前全县存款余额已经超过300亿元。培育两家上市企业，城乡收入比缩小到2.1左右，带动上万名农民增收。',
    ].join('\n');
    expect(doubtsOf(text, '超过300亿元')).toContain('PAST_AMONG_PLANS');
    expect(doubtsOf(text, '两家')).toContain('WORD_NUMERAL');
    expect(doubtsOf(text, '2.1左右')).toContain('BARE_RATIO');
    expect(doubtsOf(text, '上万名')).toContain('SIZE_WORD');
    expect(doubtsOf(text, '6%')).toEqual([]);
  });

  it('doubts numbers standing in a part a structure warning points at', () => {
    const text = [
      '2026年某省政府工作报告',
      '各位代表：',
      '过去五年，全省生产总值年均增长5.5%，城镇新增就业520万人，粮食产量稳定在1400万吨以上，森林覆盖率提高到58%，城镇化率达到66%。',
      '一、2026年工作安排',
      '全省生产总值增长5%左右。',
    ].join('\n');
    expect(doubtsOf(text, '5.5%')).toEqual(expect.arrayContaining(['STRUCTURE', 'BEFORE_CHAPTERS']));
    expect(doubtsOf(text, '5%左右')).toEqual([]);
  });
});

describe('doubts of projects and headings', () => {
  it('doubts a single unlisted name more than a name in a list closed by 等', () => {
    const text = [
      '2026年某市政府工作报告',
      '一、2025年工作回顾',
      '全市生产总值增长5%。',
      '二、2026年工作安排',
      '坚持项目带动。推动科兴中心、兴唐中心等40个项目签约落地，高标准建设雄安新区。',
    ].join('\n');
    const x = extractReport(text);
    const listed = x.projects.find((p) => p.name === '科兴中心');
    const single = x.projects.find((p) => p.name === '雄安新区');
    expect(listed?.doubts).toEqual([]);
    expect(single?.doubts).toEqual(expect.arrayContaining(['NOT_LISTED', 'STEP_BEFORE_ONLY']));
    expect(single?.confidence ?? 1).toBeLessThan(listed?.confidence ?? 0);
  });

  it('doubts a chapter without numeral and a lead phrase, not a numbered chapter', () => {
    const text = [
      '各位代表：',
      '“十四五”时期主要成就回顾',
      '过去五年成就显著。',
      '二、2026年工作安排',
      '推进制造业升级。新增企业50家。',
    ].join('\n');
    const outline = extractReport(text).outline;
    expect(outline.map((h) => [h.title, h.doubts])).toEqual([
      ['“十四五”时期主要成就回顾', ['NO_NUMERAL']],
      ['2026年工作安排', []],
      ['推进制造业升级', ['LEAD_PHRASE']],
    ]);
  });

  it('gives every item, project and heading of every public report a confidence in [0, 1] and its doubts', () => {
    for (const name of listReports()) {
      const x = extractReport(readReport(name));
      const things: Doubted[] = [...x.items, ...x.projects, ...x.outline];
      for (const t of things) {
        expect(t.confidence).toBeGreaterThanOrEqual(0);
        expect(t.confidence).toBeLessThanOrEqual(1);
        expect(Array.isArray(t.doubts)).toBe(true);
        expect(t.confidence === 1).toBe(t.doubts?.length === 0);
      }
    }
  });
});
