import { describe, expect, it } from 'vitest';
import { extractReport } from './index.js';

/**
 * Kind and period of items in wordings of reports the reader was not tuned on (issue 13, class 2),
 * made up in their style.
 */
const at = (text: string, quote: string) => {
  const x = extractReport(text);
  const item = x.items.find((i) => i.quote === quote);
  expect(item, `no item ${quote} among ${x.items.map((i) => i.quote).join(' ')}`).toBeDefined();
  return item;
};

const PLAN_2019 = [
  '2019年政府工作报告',
  '一、2018年工作回顾',
  '过去一年，全县生产总值增长6.6%。',
  '二、2019年政府工作任务',
  '目前，全县金融机构存款余额已经超过300亿元。去年，居民消费价格涨幅回落到2.1%。',
  '将制造业等行业现行16%的税率降至13%，大病保险报销比例由50%提高到60%。',
  '我县有上万名农民工返乡创业，受益群众以千万计。今明两年新增就业6000人。',
  '全县生产总值增长6%左右。',
].join('\n');

describe('kind and period among the plans', () => {
  it('reads facts of now and of last year as achievements of the past year', () => {
    expect(at(PLAN_2019, '超过300亿元')).toMatchObject({ kind: 'achievement', period: '2018' });
    expect(at(PLAN_2019, '2.1%')).toMatchObject({ kind: 'achievement', period: '2018' });
  });

  it('reads the level a promise starts from as an achievement and the promised level as a target', () => {
    expect(at(PLAN_2019, '16%')).toMatchObject({ kind: 'achievement', period: '2018' });
    expect(at(PLAN_2019, '13%')).toMatchObject({ kind: 'target', period: '2019' });
    expect(at(PLAN_2019, '50%')).toMatchObject({ kind: 'achievement', period: '2018' });
    expect(at(PLAN_2019, '60%')).toMatchObject({ kind: 'target', period: '2019' });
  });

  it('reads the size of a group as it stands as an achievement, and 今明两年 as two years', () => {
    expect(at(PLAN_2019, '上万名')).toMatchObject({ kind: 'achievement', period: '2018', value: 1 });
    expect(at(PLAN_2019, '以千万计')).toMatchObject({ kind: 'achievement', period: '2018', value: 1000 });
    expect(at(PLAN_2019, '6000人')).toMatchObject({ kind: 'target', period: '2019-2020' });
    expect(at(PLAN_2019, '6%左右')).toMatchObject({ kind: 'target', period: '2019' });
  });
});

const REVIEW_2011 = [
  '2011年政府工作报告',
  '一、“十一五”时期工作回顾',
  '——过去的五年，是县域经济快速增长的五年。五年来，我们狠抓产业开发，主要经济指标快速增长。全县生产总值由“十五”末的',
  '12.8亿元增加到19.2亿元，年均增长8.4%。财政支出由2.9亿元增加到13.4亿元，是“十五”末的4.6倍。',
  '新植果树经济林44万亩，总面积达到76万亩，产值14.7亿元。结构比由2005年的14:68:18演进为11:64:25。',
  '二、2011年工作安排',
  '全县生产总值增长12%。',
].join('\n');

describe('kind and period in a five-year review', () => {
  it('dates a start value named by the plan before, across a line break inside the sentence', () => {
    expect(at(REVIEW_2011, '12.8亿元')).toMatchObject({ period: '2005' });
    expect(at(REVIEW_2011, '19.2亿元')).toMatchObject({ period: '2010' });
    expect(at(REVIEW_2011, '8.4%')).toMatchObject({ period: '2006-2010' });
  });

  it('gives a ratio to the start the time of the level it compares', () => {
    expect(at(REVIEW_2011, '4.6倍')).toMatchObject({ period: '2010' });
  });

  it('reads flows over the span and stocks as they stand at its end', () => {
    expect(at(REVIEW_2011, '44万亩')).toMatchObject({ period: '2006-2010' });
    expect(at(REVIEW_2011, '76万亩')).toMatchObject({ period: '2010', comparator: '>=' });
    expect(at(REVIEW_2011, '14.7亿元')).toMatchObject({ period: '2010' });
  });

  it('dates every part of a ratio chain like its first', () => {
    const x = extractReport(REVIEW_2011);
    const parts = x.items.filter((i) => i.unit === '').map((i) => [i.value, i.period]);
    expect(parts).toEqual([
      [14, '2005'],
      [68, '2005'],
      [18, '2005'],
      [11, '2010'],
      [64, '2010'],
      [25, '2010'],
    ]);
  });
});
