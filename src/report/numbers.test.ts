import { describe, expect, it } from 'vitest';
import { parseArabic, parseChineseNumeral, parseQuantity, scanQuantities } from './numbers.js';

describe('parseChineseNumeral', () => {
  it.each([
    ['两', 2],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['三千五百', 3500],
    ['一百零五', 105],
    ['千', 1000],
    ['百', 100],
    ['两万', 20000],
    ['万亿', 1e12],
    ['一亿二千万', 120000000],
  ])('reads %s as %d', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it.each(['十四五', '一二', '七五', '二十大', '', '十十'])(
    'refuses %s, which is a label and not one number',
    (s) => {
      expect(parseChineseNumeral(s)).toBeUndefined();
    },
  );
});

describe('parseArabic', () => {
  it('reads half- and full-width digits with a decimal point', () => {
    expect(parseArabic('48.3')).toBe(48.3);
    expect(parseArabic('１２．５')).toBe(12.5);
    expect(parseArabic('4.0∶')).toBeUndefined();
  });
});

// Exact quotes from the public reports (test/fixtures/reports): [text, quote, value, unit, comparator].
const QUANTITIES: [string, string, number, string, string][] = [
  ['单位产值能耗水耗分别下降27%和36%', '27%', 27, '%', '='],
  ['累计减免税费超过683亿元。', '超过683亿元', 683, '亿元', '>'],
  ['全区地区生产总值年均增长6.6%,突破千亿元大关', '突破千亿元', 1000, '亿元', '>'],
  ['一般公共预算收入年均增长9.4%,跨入百亿元行列', '百亿元', 100, '亿元', '>='],
  ['居民人均可支配收入年均增长8.1%,迈上5万元台阶', '5万元', 5, '万元', '>='],
  ['实施“五微”提升项目562 个,织补便民商业网点', '562 个', 562, '个', '='],
  ['吸引白尾海雕等300余种鸟类栖息', '300余种', 300, '种', '>'],
  ['污水处理率达到96%', '96%', 96, '%', '>='],
  ['城乡建设用地规模控制在267.3平方公里以内', '267.3平方公里以内', 267.3, '平方公里', '<='],
  ['城乡居民收入比保持在1.75左右。', '1.75左右', 1.75, '', '~'],
  ['全年新增市场主体超过1.2万户。', '超过1.2万户', 1.2, '万户', '>'],
  ['确保粮食和蔬菜播种面积不低于2.6万亩。', '不低于2.6万亩', 2.6, '万亩', '>='],
  ['力争形成20个左右全面振兴样板村', '20个左右', 20, '个', '~'],
  ['PM2.5浓度降至31微克/立方米、达到国家二级标准', '31微克/立方米', 31, '微克/立方米', '='],
  ['三一、福田康明斯成为北京仅有的两家全球“灯塔工厂”', '两家', 2, '家', '='],
  ['顺利通过两次国家卫生区复审', '两次', 2, '次', '='],
  ['连续五年获评全市充分就业区', '五年', 5, '年', '='],
  ['荣获全国双拥模范城“十连冠”。', '十连冠', 10, '连冠', '='],
  ['新集聚海内外人才近15万人，', '近15万人', 15, '万人', '~'],
  ['全市生产总值达到5.67万亿元、增长5.4%', '5.67万亿元', 5.67, '万亿元', '>='],
  ['建设筹措保障性租赁住房7.4万套（间）、累计达到61万套（间）', '7.4万套（间）', 7.4, '万套（间）', '='],
  ['全员劳动生产率提高到42万元/人以上，', '42万元/人以上', 42, '万元/人', '>='],
  ['提前建成千座公园城市', '千座', 1000, '座', '>='],
  ['全社会研发经费支出相当于全市生产总值的比例达到4.5%左右。', '4.5%左右', 4.5, '%', '~'],
  ['无人机产量增长39%、占全国9成', '9成', 9, '成', '='],
  ['棚户区住房改造620多万套', '620多万套', 620, '万套', '>'],
  ['民生类支出占一般公共预算支出7成以上', '7成以上', 7, '成', '>='],
  ['港口集装箱吞吐量达8097万标箱', '8097万标箱', 8097, '万标箱', '>='],
  ['国际友城和外国驻穗总领馆分别增至214对和69家', '214对', 214, '对', '='],
  ['新增光伏装机214万千瓦', '214万千瓦', 214, '万千瓦', '='],
  ['锻造更多千亿元级、万亿元级新兴产业集群', '千亿元级', 1000, '亿元', '>='],
  ['重点城市重污染天数减少一半', '一半', 0.5, '', '='],
  ['全年完成投资1,234.5亿元', '1,234.5亿元', 1234.5, '亿元', '='],
  ['三次产业比重为4.0∶37.7∶58.3', '58.3', 58.3, '', '='],
  ['城镇调查失业率低于5.5%', '低于5.5%', 5.5, '%', '<='],
  ['引进5个上下游企业', '5个', 5, '个', '='],
  ['城镇累计新增就业超700万人、约占全国1/10，', '1/10', 0.1, '', '='],
  // 2019 national and 2026 Guangdong reports (held out of tuning)
  ['工业生产许可证种类压减三分之一以上', '三分之一以上', 1 / 3, '', '>='],
  ['揭阳潮汕机场成为全省第4个吞吐量超千万人次的机场', '超千万人次', 1000, '万人次', '>'],
  ['成功应对22轮强降水和“桦加沙”等15个台风', '22轮', 22, '轮', '='],
  ['连续6年成为全国唯一出生人口超百万的省份', '超百万', 100, '万', '>'],
  // Constructed: no public report in the fixtures writes a Latin unit, some reports keep them
  ['新增储能装机500MW，', '500MW', 500, 'MW', '='],
  ['建成高速公路120km。', '120km', 120, 'km', '='],
  // Constructed in the wording of older city and county reports
  ['城镇化率提高两个百分点', '两个百分点', 2, '个百分点', '='],
  ['城镇化率提高一个百分点', '一个百分点', 1, '个百分点', '='],
  ['进出口总额增长一倍', '一倍', 1, '倍', '='],
  ['财政收入实现十连增', '十连增', 10, '连增', '='],
  ['三次产业结构调整为8.2:45.6:46.2', '8.2', 8.2, '', '='],
  ['三次产业比例为9:41:50', '9', 9, '', '='],
  ['出栏家禽1.2亿羽', '1.2亿羽', 1.2, '亿羽', '='],
  ['补助标准提高到2375元/月', '2375元/月', 2375, '元/月', '='],
  ['开行中欧班列1200趟', '1200趟', 1200, '趟', '='],
];

// Made up in the style of reports of other places, levels and decades (issue 13, classes 4–6):
// [text, quote, value, unit, comparator].
const UNSEEN: [string, string, number, string, string][] = [
  ['国内生产总值比上年增长百分之六点八。', '百分之六点八', 6.8, '%', '='],
  ['进出口总额增长二点五倍。', '二点五倍', 2.5, '倍', '='],
  ['全年举办千场招聘活动。', '千场', 1000, '场', '>='],
  ['带动万名青年返乡创业。', '万名', 1, '万名', '>='],
  ['县域就业率提升四成。', '四成', 4, '成', '='],
  ['粮食生产实现二十连丰。', '二十连丰', 20, '连丰', '='],
  ['工业总产值达千亿元。', '千亿元', 1000, '亿元', '>='],
  ['经济总量跨上万亿元台阶。', '上万亿元', 1, '万亿元', '>='],
  ['我省有上亿亩耕地。', '上亿亩', 1, '亿亩', '>='],
  ['受益群众以千万计。', '以千万计', 1000, '万', '>='],
  ['城乡居民收入倍差从2.01缩小至1.85。', '1.85', 1.85, '', '='],
  ['新生儿男女之比1：1。', '1：1', 1, '', '='],
  ['城乡收入比收窄至2：1以内。', '2：1以内', 2, '', '<='],
  ['开行中欧班列120航次。', '120航次', 120, '航次', '='],
  ['成功发射遥感卫星20发。', '20发', 20, '发', '='],
  ['放归大熊猫5群30只。', '5群', 5, '群', '='],
  ['放归大熊猫5群30只。', '30只', 30, '只', '='],
  ['举办乡村振兴培训班12期。', '12期', 12, '期', '='],
  ['细颗粒物浓度降至30微克每立方米。', '30微克每立方米', 30, '微克每立方米', '='],
  ['货运周转量达1.2亿吨公里。', '1.2亿吨公里', 1.2, '亿吨公里', '>='],
  ['人口自然增长率下降0.5个千分点。', '0.5个千分点', 0.5, '个千分点', '='],
  ['人均预期寿命从80.1岁提升至82岁。', '80.1岁', 80.1, '岁', '='],
  ['人均预期寿命从80.1岁提升至82岁。', '82岁', 82, '岁', '='],
  ['全年实现旅游收入超500亿元。', '超500亿元', 500, '亿元', '>'],
  ['城镇化率提高约12个百分点。', '约12个百分点', 12, '个百分点', '~'],
  ['外贸进出口总额增长2倍多。', '2倍多', 2, '倍', '>'],
  ['研发投入强度提高2个多百分点。', '2个多百分点', 2, '个百分点', '>'],
  ['保持6%一档的税率不变。', '6%', 6, '%', '='],
  ['近14亿人口的发展中大国，实现了比较充分就业', '近14亿', 14, '亿', '~'],
];

describe('scanQuantities on wordings of unseen reports', () => {
  it.each(UNSEEN)('reads “%s” → %s', (text, quote, value, unit, comparator) => {
    const q = scanQuantities(text).find((x) => text.slice(...x.span) === quote);
    expect(
      q,
      `no quantity quoted ${quote} in ${scanQuantities(text).map((x) => text.slice(...x.span))}`,
    ).toBeDefined();
    expect(q?.value).toBe(value);
    expect(q?.unit).toBe(unit);
    expect(q?.comparator).toBe(comparator);
  });

  it('reads a range written in words, "百分之八至九" and "百分之四至百分之五", as two percentages', () => {
    for (const text of ['增长百分之八至九。', '增长百分之八至百分之九。']) {
      expect(scanQuantities(text).map((q) => [q.value, q.unit, q.comparator])).toEqual([
        [8, '%', '>='],
        [9, '%', '<='],
      ]);
    }
  });

  it('reads "累计提高40.5%到85.2%" as a change and the level it reached, not a range', () => {
    const qs = scanQuantities('森林覆盖率累计提高40.5%到85.2%。');
    expect(qs.map((q) => [q.value, q.comparator, q.reached ?? false])).toEqual([
      [40.5, '=', false],
      [85.2, '=', true],
    ]);
  });

  it('marks the size of the people as a background fact', () => {
    expect(parseQuantity('近14亿中国人的饭碗')).toMatchObject({ value: 14, unit: '亿', background: true });
  });

  it.each([
    '加快建设数字政府3.0。',
    '深入实施“666项目”。',
    '提供7×24小时不打烊服务。',
    '每10万人口拥有执业医师。',
    '落实“民营经济20条”。',
    '共设置25项指标。',
    '聚焦三条主线，实施五大工程。',
    '走进千家万户。',
    '成千上万的群众参与。',
    '惠及5万群众。',
    '推进二期工程建设。',
  ])('reads no measurement in the label “%s”', (text) => {
    const read = scanQuantities(text).map((q) => text.slice(...q.span));
    if (text.includes('5万群众')) expect(read).toEqual(['5万']);
    else expect(read).toEqual([]);
  });
});

describe('scanQuantities', () => {
  it.each(QUANTITIES)('reads “%s” → %s', (text, quote, value, unit, comparator) => {
    const q = scanQuantities(text).find((x) => text.slice(...x.span) === quote);
    expect(q, `no quantity quoted ${quote}`).toBeDefined();
    expect(q?.value).toBe(value);
    expect(q?.unit).toBe(unit);
    expect(q?.comparator).toBe(comparator);
  });

  it('reads a range as two quantities, the low one ">=" and the high one "<="', () => {
    const text = '国内生产总值增长6%－6.5%；';
    const qs = scanQuantities(text);
    expect(qs.map((q) => [text.slice(...q.span), q.value, q.unit, q.comparator])).toEqual([
      ['6%', 6, '%', '>='],
      ['6.5%', 6.5, '%', '<='],
    ]);
  });

  it('reads 到 right after a unit as a range but not after a verb', () => {
    expect(scanQuantities('增长6%到7%').map((q) => q.comparator)).toEqual(['>=', '<=']);
    expect(scanQuantities('从4.16万亿元增加到5.67万亿元').map((q) => q.comparator)).toEqual(['=', '=']);
  });

  it('gives a range written without the first unit the second one’s unit', () => {
    const qs = scanQuantities('地区生产总值增长4.5%—5%');
    expect(qs.map((q) => [q.value, q.unit, q.comparator])).toEqual([
      [4.5, '%', '>='],
      [5, '%', '<='],
    ]);
  });

  it('reads a size class as 1000 亿元 ">=" beside the count before it', () => {
    const qs = scanQuantities('形成先进能源、医药健康、新一代信息技术3个千亿级产业集群。');
    expect(qs.map((q) => [q.value, q.unit, q.comparator])).toEqual([
      [3, '个', '='],
      [1000, '亿元', '>='],
    ]);
    expect(scanQuantities('一批万亿级产业集群基本形成')[0]).toMatchObject({ value: 1, unit: '万亿元' });
  });

  it('reads 近一半 as 0.5 and 超五成 as 5 成', () => {
    expect(parseQuantity('占比近一半')).toMatchObject({ value: 0.5, unit: '', comparator: '~' });
    expect(parseQuantity('超五成')).toMatchObject({ value: 5, unit: '成', comparator: '>' });
  });

  it('keeps the span on the number, its unit and tight qualifiers, not on 达到', () => {
    const text = '污水处理率达到96%，';
    const [q] = scanQuantities(text);
    expect(q && text.slice(...q.span)).toBe('96%');
  });

  // GUIDE.md §1 "Not counted": years, dates, names, ordinals, slogans, anniversaries.
  it.each([
    '2022年北京市昌平区政府工作报告',
    '——2021年12月15日在北京市昌平区第六届人民代表大会第一次会议上',
    '中国共产党成立100周年',
    '5G网络基本实现室外连续覆盖',
    'PM2.5浓度',
    '落实全市优化营商环境5.0版改革任务',
    '保障地铁17号线、13号线扩能提升',
    '“十四五”开局之年',
    '党的二十大胜利召开',
    '今后五年要把握好以下七个方面',
    '紧紧抓住…“四大机遇”,积极应对…“两大挑战”',
    '狠抓两个“关键小事”',
    '统筹好发展和安全两件大事',
    '“七有”“五性”水平稳步提高',
    '三级医院增至',
    '完善“1+6”应急指挥体系',
    '制度型开放总体方案“80条”基本落地',
    '完成1%人口抽样调查',
    '有序推动公园24小时开放',
    '提升15分钟社区生活圈功能',
    '高质量办好第48届世界技能大赛',
    '推进第二轮土地承包到期后再延长30年试点',
    '优化365展贸网开放合作功能',
    '首发经济3.0、商业品牌建设',
    '深化G60科创走廊',
    '“2+3+6+6”现代化产业体系',
    '创新创业青年50人论坛',
    '实施“十四五”规划和2021-2025年行动',
    '完成新一轮百万亩造林任务',
    '签约落地一批项目',
    '同步提速北七家工业园规划建设',
    '深入贯彻中央八项规定精神',
    '更好利用国际国内两个市场两种资源',
    '我国60岁以上人口已达',
    '三次产业比重',
    '省委十三届七次、八次全会',
    '吸引数十家企业落户',
    '2019年要重点做好八项工作',
    '巴林—奈曼—阜新500千伏输变电工程竣工投运',
    '华润微电子12英寸产线',
    '积极培育3D打印产业',
    '每天上午8:30开放',
    '实现两位数增长',
    '更好发挥中央和地方两个积极性',
    '2021/12/15召开',
  ])('finds no quantity in “%s”', (text) => {
    expect(scanQuantities(text).map((q) => text.slice(...q.span))).toEqual([]);
  });

  it('reads qualifiers across a single space, as text from PDFs has them', () => {
    expect(parseQuantity('增长 6.5% 左右')).toMatchObject({ value: 6.5, comparator: '~' });
    expect(parseQuantity('超过 683亿元')).toMatchObject({ value: 683, comparator: '>' });
    expect(parseQuantity('达到 96%')).toMatchObject({ value: 96, comparator: '>=' });
  });

  it('does not read 签约 as the qualifier 约', () => {
    const text = '棚改项目累计签约2417户';
    const [q] = scanQuantities(text);
    expect(q && text.slice(...q.span)).toBe('2417户');
    expect(q?.comparator).toBe('=');
  });

  it('never throws and keeps spans inside the text on odd input', () => {
    for (const s of [
      '',
      '。',
      '1',
      '万',
      '一',
      '亿亿亿',
      '99999999999999999999',
      '0.',
      '%%',
      '—-—',
      '１２３',
    ]) {
      for (const q of scanQuantities(s)) {
        expect(q.span[0]).toBeGreaterThanOrEqual(0);
        expect(q.span[1]).toBeLessThanOrEqual(s.length);
      }
    }
  });
});
