import { describe, expect, it } from 'vitest';
import { readReport } from '../../test/fixtures/reports/index.js';
import { extractReport } from './index.js';
import type { Item } from './types.js';

const read = (name: string): string => readReport(name);

const reports = new Map<string, { text: string; items: Item[] }>();
function itemsOf(name: string): { text: string; items: Item[] } {
  let r = reports.get(name);
  if (!r) {
    const text = read(name);
    r = { text, items: extractReport(text).items };
    reports.set(name, r);
  }
  return r;
}

/** The scorer's metric rule (GUIDE.md, Scoring): at least half the characters shared. */
function overlap(a: string, b: string): number {
  const x = [...a];
  const pool = new Map<string, number>();
  for (const c of b) pool.set(c, (pool.get(c) ?? 0) + 1);
  let common = 0;
  for (const c of x) {
    const n = pool.get(c) ?? 0;
    if (n > 0) {
      common++;
      pool.set(c, n - 1);
    }
  }
  return x.length && b.length ? common / Math.max(x.length, [...b].length) : 0;
}

type Row = [
  report: string,
  before: string,
  quote: string,
  value: number,
  unit: string,
  comparator: Item['comparator'],
  kind: Item['kind'],
  period: string,
  metric: string,
];

// Exact quotes from real reports; `before` is the text just before the quote, to find it once.
const ROWS: Row[] = [
  [
    '2022-beijing-changping',
    '全区地区生产总值年均增长',
    '6.6%',
    6.6,
    '%',
    '=',
    'achievement',
    '2017-2021',
    '地区生产总值年均增长',
  ],
  [
    '2022-beijing-changping',
    '年均增长6.6%,',
    '突破千亿元',
    1000,
    '亿元',
    '>',
    'achievement',
    '2017-2021',
    '地区生产总值',
  ],
  [
    '2022-beijing-changping',
    '年均增长9.4%,跨入',
    '百亿元',
    100,
    '亿元',
    '>=',
    'achievement',
    '2017-2021',
    '一般公共预算收入',
  ],
  [
    '2022-beijing-changping',
    '单位产值能耗水耗分别下降27%和',
    '36%',
    36,
    '%',
    '=',
    'achievement',
    '2017-2021',
    '单位产值水耗下降',
  ],
  [
    '2022-beijing-changping',
    '编制实施昌平分区规划,形成32个街区控规、',
    '4个',
    4,
    '个',
    '=',
    'achievement',
    '2017-2021',
    '镇域规划成果',
  ],
  [
    '2022-beijing-changping',
    '全区道路总里程增至',
    '2470公里',
    2470,
    '公里',
    '=',
    'achievement',
    '2021',
    '道路总里程',
  ],
  [
    '2022-beijing-changping',
    '优良天数由2016年的',
    '212天',
    212,
    '天',
    '=',
    'achievement',
    '2016',
    '优良天数',
  ],
  [
    '2022-beijing-changping',
    '优良天数由2016年的212天增加至',
    '290天',
    290,
    '天',
    '=',
    'achievement',
    '2021',
    '优良天数',
  ],
  [
    '2022-beijing-changping',
    '林木绿化率分别提高到48.3%和',
    '67.2%',
    67.2,
    '%',
    '=',
    'achievement',
    '2021',
    '林木绿化率',
  ],
  [
    '2022-beijing-changping',
    '研发经费投入强度保持在',
    '7%',
    7,
    '%',
    '=',
    'achievement',
    '2017-2021',
    '研发经费投入强度',
  ],
  [
    '2022-beijing-changping',
    '落实全市优化营商环境改革任务,',
    '90%',
    90,
    '%',
    '=',
    'achievement',
    '2021',
    '区级事项“一网通办”比例',
  ],
  [
    '2022-beijing-changping',
    '成为北京仅有的',
    '两家',
    2,
    '家',
    '=',
    'achievement',
    '2017-2021',
    '全球“灯塔工厂”',
  ],
  [
    '2022-beijing-changping',
    '预计全年地区生产总值完成1270亿元、增长',
    '9%',
    9,
    '%',
    '=',
    'achievement',
    '2021',
    '地区生产总值增长',
  ],
  [
    '2022-beijing-changping',
    '新一代信息技术3个',
    '千亿级',
    1000,
    '亿元',
    '>=',
    'target',
    '2022-2026',
    '产业集群规模',
  ],
  [
    '2022-beijing-changping',
    '城乡建设用地规模控制在',
    '267.3平方公里以内',
    267.3,
    '平方公里',
    '<=',
    'target',
    '2022-2026',
    '城乡建设用地规模',
  ],
  [
    '2022-beijing-changping',
    '主要预期目标是:地区生产总值增长',
    '6.5%左右',
    6.5,
    '%',
    '~',
    'target',
    '2022',
    '地区生产总值增长',
  ],
  ['2022-beijing-changping', '兴唐创新中心等', '40个', 40, '个', '=', 'target', '2022', '项目签约落地'],
  ['2022-beijing-changping', '建好用好', '2个', 2, '个', '=', 'target', '2022', '产教融合实训基地'],
  [
    '2022-beijing-changping',
    '争创全国双拥模范城“',
    '十一连冠',
    11,
    '连冠',
    '=',
    'target',
    '2022',
    '全国双拥模范城连冠',
  ],
  [
    '2026-shanghai',
    '全市生产总值从',
    '4.16万亿元',
    4.16,
    '万亿元',
    '=',
    'achievement',
    '2020',
    '全市生产总值',
  ],
  [
    '2026-shanghai',
    '全市生产总值从4.16万亿元增加到',
    '5.67万亿元',
    5.67,
    '万亿元',
    '=',
    'achievement',
    '2025',
    '全市生产总值',
  ],
  [
    '2026-shanghai',
    '单位生产总值能耗累计下降',
    '14%',
    14,
    '%',
    '=',
    'achievement',
    '2021-2025',
    '单位生产总值能耗累计下降',
  ],
  [
    '2026-shanghai',
    '认定跨国公司地区总部、外资研发中心分别从771家、481家增加到1076家、',
    '636家',
    636,
    '家',
    '=',
    'achievement',
    '2025',
    '认定外资研发中心',
  ],
  [
    '2026-shanghai',
    '跨部门综合监管事项从',
    '39个',
    39,
    '个',
    '=',
    'achievement',
    '2024',
    '跨部门综合监管事项',
  ],
  [
    '2026-shanghai',
    '上海机场航空旅客和货邮吞吐量分别达到1.35亿人次、',
    '453.8万吨',
    453.8,
    '万吨',
    '>=',
    'achievement',
    '2025',
    '上海机场货邮吞吐量',
  ],
  [
    '2026-shanghai',
    '实际使用外资达到160.6亿美元、折合',
    '1148亿元',
    1148,
    '亿元',
    '=',
    'achievement',
    '2025',
    '实际使用外资折合人民币',
  ],
  [
    '2026-shanghai',
    '刑事立案数、电诈案件既遂数、道路交通事故数分别下降13.5%、',
    '8.6%',
    8.6,
    '%',
    '=',
    'achievement',
    '2025',
    '电诈案件既遂数下降',
  ],
  ['2026-shanghai', '全市生产总值增长', '5%左右', 5, '%', '~', 'target', '2026', '全市生产总值增长'],
  ['2026-shanghai', '新增', '50家以上', 50, '家', '>=', 'target', '2026', '新增先进智能工厂'],
  [
    '2019-national-state-council',
    '预期目标是：国内生产总值增长6%－',
    '6.5%',
    6.5,
    '%',
    '<=',
    'target',
    '2019',
    '国内生产总值增长',
  ],
  [
    '2019-national-state-council',
    '城镇登记失业率',
    '4.5%以内',
    4.5,
    '%',
    '<=',
    'target',
    '2019',
    '城镇登记失业率',
  ],
  [
    '2026-guangdong',
    '地区生产总值从',
    '11.37万亿元',
    11.37,
    '万亿元',
    '=',
    'achievement',
    '2020',
    '地区生产总值',
  ],
];

describe('extractItems on real reports', () => {
  it.each(ROWS)('%s: “…%s[%s]”', (report, before, quote, value, unit, comparator, kind, period, metric) => {
    const { text, items } = itemsOf(report);
    const at = text.indexOf(before + quote);
    expect(at, 'quote not found in the report').toBeGreaterThanOrEqual(0);
    const start = at + before.length;
    const item = items.find((i) => i.span[0] < start + quote.length && start < i.span[1]);
    expect(item, `no item at ${quote}`).toBeDefined();
    if (!item) return;
    expect(item.quote).toBe(quote);
    expect(text.slice(...item.span)).toBe(item.quote);
    expect([item.value, item.unit, item.comparator]).toEqual([value, unit, comparator]);
    expect([item.kind, item.period]).toEqual([kind, period]);
    expect(overlap(item.metric, metric), `metric ${item.metric} vs ${metric}`).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves out a Chinese-numeral count the report repeats as a name (五个新城, 八项规定)', () => {
    const { text, items } = itemsOf('2026-shanghai');
    for (const label of ['五个新城', '八项规定']) {
      let at = text.indexOf(label);
      expect(at).toBeGreaterThan(0);
      while (at >= 0) {
        const start = at;
        expect(items.some((i) => i.span[0] <= start && start < i.span[1])).toBe(false);
        at = text.indexOf(label, at + 1);
      }
    }
  });

  it('reads an attached list of the year’s commitments as targets, and leaves the glossary out', () => {
    // GUIDE.md §1: an item is a number measuring promised performance; 附件1 "2026年省十件民生实事"
    // promises work like the plan chapters, 附件2 "名词解释" only explains words.
    const { text, items } = itemsOf('2026-guangdong');
    const first = text.indexOf('附件1');
    const glossary = text.indexOf('附件2');
    expect(first).toBeGreaterThan(0);
    const attached = items.filter((i) => i.span[0] >= first && i.span[0] < glossary);
    expect(attached.length).toBeGreaterThan(50);
    // …except the levels its promises start from ("从77%提高到80%"): achievements of 2025
    const starts = attached.filter((i) => i.kind === 'achievement');
    expect(
      starts.every((i) => i.period === '2025' && /提高到|扩/.test(text.slice(i.span[1], i.span[1] + 24))),
    ).toBe(true);
    expect(attached.filter((i) => i.kind === 'target').every((i) => i.period === '2026')).toBe(true);
    expect(starts.length).toBeLessThan(8);
    expect(attached.find((i) => i.quote === '超50万个')?.metric).toBe('新建新能源汽车充电设施');
    expect(items.some((i) => i.span[0] >= glossary)).toBe(false);
  });
});
