import { describe, expect, it } from 'vitest';
import { extractItems } from './items.js';
import type { Zone } from './types.js';

/** extractItems on constructed text: kind, period, comparator and metric from the words around. */
describe('extractItems', () => {
  const zone = (span: [number, number], tense: Zone['tense'], period: string, role: Zone['role']): Zone => ({
    span,
    tense,
    period,
    role,
  });

  it('takes kind and period from the zone, and skips appendix zones', () => {
    const text = '新增就业9000人。\n附件\n新增就业100人。';
    const cut = text.indexOf('附件');
    const items = extractItems(
      text,
      [zone([0, cut], 'future', '2022', 'plan'), zone([cut, text.length], 'future', '2022', 'appendix')],
      { year: 2022 },
    );
    expect(items.map((i) => [i.quote, i.kind, i.period, i.metric])).toEqual([
      ['9000人', 'target', '2022', '新增就业'],
    ]);
  });

  it('reads a past year cited among the plans as that year’s achievement', () => {
    const text = '2021年全区地区生产总值达到1270亿元,今年增长6%。';
    const items = extractItems(text, [zone([0, text.length], 'future', '2022', 'plan')], { year: 2022 });
    expect(items.map((i) => [i.quote, i.kind, i.period])).toEqual([
      ['1270亿元', 'achievement', '2021'],
      ['6%', 'target', '2022'],
    ]);
  });

  it('reads a sentence opened by a past year among the plans as that year’s achievement', () => {
    const text = '2018年，全县地区生产总值完成46.1亿元，同比下降4.3%。今年力争增长6%。';
    const items = extractItems(text, [zone([0, text.length], 'future', '2019', 'plan')], { year: 2019 });
    expect(items.map((i) => [i.quote, i.kind, i.period])).toEqual([
      ['46.1亿元', 'achievement', '2018'],
      ['4.3%', 'achievement', '2018'],
      ['6%', 'target', '2019'],
    ]);
  });

  it('gives the second number of a range the first one’s metric', () => {
    const text = '国内生产总值增长6%－6.5%；';
    const items = extractItems(text, [zone([0, text.length], 'future', '2019', 'plan')], { year: 2019 });
    expect(items.map((i) => i.metric)).toEqual(['国内生产总值增长', '国内生产总值增长']);
  });

  it('spreads a verb comparator along a 分别 list', () => {
    const text = '上海机场航空旅客和货邮吞吐量分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9%。';
    const items = extractItems(text, [zone([0, text.length], 'past', '2025', 'review')], { year: 2026 });
    expect(items.map((i) => i.comparator)).toEqual(['>=', '>=', '=', '=']);
  });

  it('hands out the names of a 分别 list in order, splitting the last 和 when a name is short', () => {
    const text = '城镇登记失业率、居民价格消费指数和人口自增率分别控制在4.2%、3%、2.5‰以内。';
    const items = extractItems(text, [zone([0, text.length], 'future', '2015', 'plan')], { year: 2015 });
    expect(items.map((i) => [i.quote, i.comparator, i.metric])).toEqual([
      ['4.2%', '<=', '城镇登记失业率'],
      ['3%', '<=', '居民价格消费指数'],
      ['2.5‰以内', '<=', '人口自增率'],
    ]);
  });

  it('lets a qualifier that closes a list hold for the numbers before it', () => {
    const text = '财政总收入和地方财政收入分别增长10.6%和12.3%左右。';
    const items = extractItems(text, [zone([0, text.length], 'future', '2015', 'plan')], { year: 2015 });
    expect(items.map((i) => [i.comparator, i.metric])).toEqual([
      ['~', '财政总收入增长'],
      ['~', '地方财政收入增长'],
    ]);
  });

  it('dates a value by the year written before it in a five-year review', () => {
    const text =
      '税收收入总额从2006年的19.8亿元增至2011年的48.6亿元；2011年第三产业比重达到73.8%，比2006年提高11个百分点。';
    const items = extractItems(text, [zone([0, text.length], 'past', '2007-2011', 'review')], { year: 2012 });
    expect(items.map((i) => [i.quote, i.period])).toEqual([
      ['19.8亿元', '2006'],
      ['48.6亿元', '2011'],
      ['73.8%', '2011'],
      ['11个百分点', '2007-2011'],
    ]);
    expect(items[3]?.metric).toBe('第三产业比重提高');
  });

  // 2026 Guangdong and 2019 national reports (held out of tuning)
  it('gives short names listed before a longer one the tail they share', () => {
    const text =
      '广州、深圳地铁线网单日最高客运量分别达1409万、1305万人次，均创历史新高。水果、蔬菜、茶叶产量分别达2050万吨、4200万吨、19万吨以上。先进制造业、高技术制造业增加值占规模以上工业增加值比重分别达56.2%、34.7%，';
    const items = extractItems(text, [zone([0, text.length], 'past', '2025', 'review')], { year: 2026 });
    expect(items.map((i) => [i.quote, i.unit, i.comparator, i.metric])).toEqual([
      ['1409万', '万人次', '>=', '广州地铁线网单日最高客运量'],
      ['1305万人次', '万人次', '>=', '深圳地铁线网单日最高客运量'],
      ['2050万吨', '万吨', '>=', '水果产量'],
      ['4200万吨', '万吨', '>=', '蔬菜产量'],
      ['19万吨以上', '万吨', '>=', '茶叶产量'],
      ['56.2%', '%', '>=', '先进制造业增加值占规模以上工业增加值比重'],
      ['34.7%', '%', '>=', '高技术制造业增加值占规模以上工业增加值比重'],
    ]);
  });

  it('lets a qualifier written before the first listed number hold for the rest', () => {
    const text = '进出口总额接连突破8万亿元、9万亿元，年实际使用外资保持在千亿元以上。';
    const items = extractItems(text, [zone([0, text.length], 'past', '2021-2025', 'review')], { year: 2026 });
    expect(items.map((i) => [i.quote, i.comparator])).toEqual([
      ['突破8万亿元', '>'],
      ['9万亿元', '>'],
      ['千亿元以上', '>='],
    ]);
  });

  it('gives a bare measure word or a noun after 的 the subject of the number before it', () => {
    const text =
      '实现粮食播种面积3320万亩、产量1285万吨以上。国内生产总值增长6.6%，总量突破90万亿元。将制造业等行业现行16%的税率降至13%，';
    const items = extractItems(text, [zone([0, text.length], 'future', '2026', 'plan')], { year: 2026 });
    expect(items.map((i) => [i.quote, i.metric])).toEqual([
      ['3320万亩', '粮食播种面积'],
      ['1285万吨以上', '粮食播种产量'],
      ['6.6%', '国内生产总值增长'],
      ['突破90万亿元', '国内生产总值总量'],
      ['16%', '制造业等行业现行'],
      ['13%', '制造业等行业现行税率'],
    ]);
    const deficit = '今年赤字率拟按2.8%安排，比去年预算高0.2个百分点；';
    expect(
      extractItems(deficit, [zone([0, deficit.length], 'future', '2019', 'plan')], { year: 2019 }).map(
        (i) => i.metric,
      ),
    ).toEqual(['赤字率拟按', '赤字率拟按预算高']);
  });

  it('dates a whole and the part of it standing at a level by the last year of a five-year review', () => {
    const text =
      '世界银行营商环境对标改革取得显著成绩，企业调查59项测评点中有22项达到全球最优水平。实际使用外资累计超过1000亿美元，';
    const items = extractItems(text, [zone([0, text.length], 'past', '2021-2025', 'review')], { year: 2026 });
    expect(items.map((i) => [i.quote, i.period])).toEqual([
      ['59项', '2025'],
      ['22项', '2025'],
      ['超过1000亿美元', '2021-2025'],
    ]);
  });

  it('reads a level the plans say is already reached as the past year’s achievement', () => {
    const text = '我国60岁以上人口已达2.5亿。要大力发展养老特别是社区养老服务业。';
    const items = extractItems(text, [zone([0, text.length], 'future', '2019', 'plan')], { year: 2019 });
    expect(items.map((i) => [i.quote, i.kind, i.period])).toEqual([['2.5亿', 'achievement', '2018']]);
  });

  it('reads 约 before a verb as approximate, and a start value "从每月70元" as the year before', () => {
    const review = (text: string, period: string) =>
      extractItems(text, [zone([0, text.length], 'past', period, 'review')], { year: 2026 });
    expect(review('城镇累计新增就业超700万人、约占全国1/10，', '2021-2025').map((i) => i.comparator)).toEqual(
      ['>', '~'],
    );
    expect(
      review('城乡居民基础养老金最低标准从每月70元提高到88元。', '2018').map((i) => [i.period, i.metric]),
    ).toEqual([
      ['2017', '城乡居民基础养老金最低标准'],
      ['2018', '城乡居民基础养老金最低标准'],
    ]);
  });

  // Constructed in the wording of 2013 city and county reports (no such report is in shared/).
  it('reads "是2007年的2.1倍" as no period of 2007, and "到2015年，…" opening a sentence as the plan’s goal', () => {
    const past = '人均生产总值突破1万美元，是2007年的2.1倍；';
    expect(
      extractItems(past, [zone([0, past.length], 'past', '2008-2012', 'review')], { year: 2013 }).map(
        (i) => i.period,
      ),
    ).toEqual(['2008-2012', '2008-2012']);
    const goal = '到2015年，全县地区生产总值突破200亿元。今年增长10%。';
    expect(
      extractItems(goal, [zone([0, goal.length], 'future', '2013', 'plan')], { year: 2013 }).map(
        (i) => i.period,
      ),
    ).toEqual(['2011-2015', '2013']);
  });

  it('reads direction from the verb: 增长 rising, 下降 and 以内 falling', () => {
    const text = '地区生产总值增长6.5%左右，单位产值能耗下降3%，城镇登记失业率控制在5%以内。';
    const items = extractItems(text, [zone([0, text.length], 'future', '2022', 'plan')], { year: 2022 });
    expect(items.map((i) => i.direction)).toEqual(['rising', 'falling', 'falling']);
  });

  it('returns no items for empty or numberless text and never throws on odd text', () => {
    expect(extractItems('', [], {})).toEqual([]);
    expect(extractItems('各位代表：', [], {})).toEqual([]);
    const odd = '，、和1%。分别、达到——1—2；从由100个\n\n超过近约万亿级';
    for (const i of extractItems(odd, [], {})) {
      expect(odd.slice(...i.span)).toBe(i.quote);
    }
  });
});
