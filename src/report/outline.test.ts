import { describe, expect, it } from 'vitest';
import {
  classifyChapter,
  deriveChapterRoles,
  extractOutline,
  findLeadPhrase,
  parseChineseNumeral,
  scanOutline,
} from './outline.js';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十四', 14],
    ['二十', 20],
    ['二十三', 23],
  ])('reads %s as %d', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it('gives undefined for what is not a numeral', () => {
    expect(parseChineseNumeral('')).toBeUndefined();
    expect(parseChineseNumeral('十十')).toBeUndefined();
    expect(parseChineseNumeral('百')).toBeUndefined();
  });
});

describe('classifyChapter', () => {
  it.each([
    ['过去五年工作回顾', 'review'],
    ['2025年工作回顾', 'review'],
    ['2025年和“十四五”时期工作回顾', 'review'],
    ['今后五年的工作目标和发展思路', 'outlook'],
    ['“十五五”时期的主要目标和重点任务', 'outlook'],
    ['关于《上海市国民经济和社会发展第十五个五年规划纲要（草案）》的说明', 'outlook'],
    ['2022年重点任务', 'plan'],
    ['2019年经济社会发展总体要求和政策取向', 'plan'],
    ['2026年工作安排', 'plan'],
  ] as const)('reads “%s” as %s', (title, role) => {
    expect(classifyChapter(title)).toBe(role);
  });
});

describe('findLeadPhrase', () => {
  const at = (text: string) => findLeadPhrase({ text, span: [100, 100 + text.length] });

  it.each([
    ['支撑构建国家战略科技力量。坚决保障昌平国家实验室核心区建设', '支撑构建国家战略科技力量'],
    ['坚持以开放促改革、促发展。服务国际交往中心功能建设', '坚持以开放促改革、促发展'],
    ['深入推进“两区”建设。推出新一轮制度创新清单', '深入推进“两区”建设'],
    ['抓好农业特别是粮食生产。近14亿中国人的饭碗，必须牢牢端在自己手上。', '抓好农业特别是粮食生产'],
    ['积极的财政政策要加力提效。今年赤字率拟按2.8%安排', '积极的财政政策要加力提效'],
  ])('takes the lead phrase of “%s”', (text, title) => {
    const h = at(text);
    expect(h).toEqual({ level: 3, title, span: [100, 100 + title.length] });
  });

  it.each([
    '今年经济社会发展任务重、挑战多、要求高。我们要突出重点、把握关键，扎实做好各项工作。',
    '2022年是党的二十大召开之年，也是北京冬奥会冬残奥会举办之年。',
    '坚持以市场化改革的思路和办法破解发展难题，发挥好宏观政策逆周期调节作用。',
    '——发展质量效益实现新提升。昌平国家实验室建成投用',
    '就业是民生之本、财富之源。今年首次将就业优先政策置于宏观政策层面',
    '各位代表，支持国防和军队现代化建设是我们义不容辞的责任。',
    '当今世界面临百年未有之大变局。我们将坚定不移走和平发展道路',
    '重点抓好以下几个方面工作。一是稳增长。',
  ])('finds no lead phrase in the context sentence “%s”', (text) => {
    expect(at(text)).toBeUndefined();
  });
});

describe('extractOutline', () => {
  it('reads chapters, sections on their own line and lead phrases, with title spans', () => {
    const text = [
      '2022年北京市昌平区政府工作报告',
      '一、过去五年工作回顾',
      '过去五年,是昌平发展史上极不平凡的五年。',
      '——过去五年,我们坚持服务首都发展,城市功能品质全面优化。',
      '三、2022年重点任务',
      '围绕上述目标,将着力抓好八个方面工作:',
      '(一)加快建设未来科学城,更好发挥北京国际科创中心枢纽型主平台作用',
      '支撑构建国家战略科技力量。坚决保障昌平国家实验室核心区建设。',
    ].join('\n');
    const outline = extractOutline(text);
    expect(outline.map((h) => [h.level, h.title])).toEqual([
      [1, '过去五年工作回顾'],
      [1, '2022年重点任务'],
      [2, '加快建设未来科学城,更好发挥北京国际科创中心枢纽型主平台作用'],
      [3, '支撑构建国家战略科技力量'],
    ]);
    for (const h of outline) expect(text.slice(...h.span)).toBe(h.title);
  });

  it('takes a run-in section title up to its first 。 and finds no lead phrase in the review', () => {
    const text = [
      '一、2025年工作回顾',
      '（一）全力促进经济平稳健康发展',
      '稳增长政策措施加快落地见效。全面落实国家出台的存量政策和增量政策。',
      '三、2026年主要任务',
      '（一）着力强化内需主导作用，服务构建新发展格局。坚持扩大内需这个战略基点。',
      '更大力度提振消费。深入实施提振消费专项行动。',
    ].join('\n');
    expect(extractOutline(text).map((h) => [h.level, h.title])).toEqual([
      [1, '2025年工作回顾'],
      [2, '全力促进经济平稳健康发展'],
      [1, '2026年主要任务'],
      [2, '着力强化内需主导作用，服务构建新发展格局'],
      [3, '更大力度提振消费'],
    ]);
  });

  it('reads no chapters from an appendix whose numbering restarts at 一、', () => {
    const text = [
      '一、2025年和“十四五”时期工作回顾',
      '二、“十五五”时期的主要目标和重点任务',
      '三、2026年工作安排',
      '附件1',
      '2026年省十件民生实事',
      '一、提高低保、特困人员、孤儿基本生活与残疾人两项补贴和重点群体救助保障水平。',
      '二、加快建立长期护理保险制度和提升养老服务供给水平。',
      '附件2',
      '名词解释',
    ].join('\n');
    const scan = scanOutline(text);
    expect(scan.headings.map((h) => h.title)).toEqual([
      '2025年和“十四五”时期工作回顾',
      '“十五五”时期的主要目标和重点任务',
      '2026年工作安排',
    ]);
    expect(scan.appendixStart).toBe(text.indexOf('附件1'));
  });

  it('takes an unnumbered first chapter title before chapter 二', () => {
    const text = [
      '各位代表：',
      '过去五年工作回顾',
      '过去五年，我们砥砺前行。',
      '二、今后五年的工作目标',
      '三、2022年重点任务',
    ].join('\n');
    expect(extractOutline(text).map((h) => h.title)).toEqual([
      '过去五年工作回顾',
      '今后五年的工作目标',
      '2022年重点任务',
    ]);
  });

  it('warns about a chapter number that appears twice', () => {
    const text = ['一、2025年工作回顾', '二、2026年主要任务', '二、深入推进政府治理创新'].join('\n');
    const scan = scanOutline(text);
    expect(scan.headings.map((h) => h.title)).toEqual(['2025年工作回顾', '2026年主要任务']);
    expect(scan.warnings.map((w) => w.code)).toEqual(['DUPLICATE_CHAPTER_NUMBER']);
    expect(scan.warnings[0]?.span?.[0]).toBe(text.lastIndexOf('二、'));
  });

  it('gives no headings for text that is not a report', () => {
    expect(extractOutline('')).toEqual([]);
    expect(extractOutline('The quick brown fox.\n一、二、三')).toEqual([]);
  });
});

describe('extractOutline on other layouts', () => {
  it('reads lead phrases numbered 1. 2. in the plan, without their numbers', () => {
    const text = [
      '一、2022年工作回顾',
      '二、2023年工作安排',
      '1.全力稳定经济增长',
      '加快项目建设。',
      '2．扩大有效投资。完成固定资产投资500亿元。',
      '（3）促进消费回升。办好消费季活动。',
    ].join('\n');
    const outline = extractOutline(text);
    expect(outline.filter((h) => h.level === 3).map((h) => h.title)).toEqual([
      '全力稳定经济增长',
      '加快项目建设',
      '扩大有效投资',
      '促进消费回升',
    ]);
    for (const h of outline) expect(text.slice(...h.span)).toBe(h.title);
  });

  it('marks where an untitled review begins when the first numbered chapter is 二', () => {
    const text = [
      '各位代表：',
      '现在，我代表市人民政府，向大会报告工作，请予审议。',
      '2021年，全市地区生产总值增长8%。',
      '二、2022年工作安排',
      '推进城市更新。加快建设。',
    ].join('\n');
    const scan = scanOutline(text);
    expect(scan.untitledReviewStart).toBe(text.indexOf('2021年'));
    expect(scan.headings.map((h) => [h.level, h.title])).toEqual([
      [1, '2022年工作安排'],
      [3, '推进城市更新'],
    ]);
  });
});

describe('findLeadPhrase on measures', () => {
  it('takes no lead phrase from a first sentence that states a quantity', () => {
    const text = '新增城镇就业9000人。实施促进创业带动就业三年行动计划。';
    expect(findLeadPhrase({ text, span: [0, text.length] })).toBeUndefined();
  });
});

describe('extractOutline with chapters written 第一部分', () => {
  it('reads 第一部分 … as a level-1 chapter without its number', () => {
    const text = [
      '第一部分 2021年工作回顾',
      '过去一年，我们推进改革。',
      '第二部分 2022年工作安排',
      '推进城市更新。落实各项任务。',
    ].join('\n');
    expect(extractOutline(text).map((h) => [h.level, h.title])).toEqual([
      [1, '2021年工作回顾'],
      [1, '2022年工作安排'],
      [3, '推进城市更新'],
    ]);
  });
});

describe('scanOutline and appendix markers', () => {
  it('reads a note line between chapters as part of the body, not as an appendix', () => {
    const text = [
      '一、2025年工作回顾',
      '注：以上数据为初步统计。',
      '二、2026年主要任务',
      '推进城市更新。落实各项任务。',
      '注：文中数据为预计数。',
    ].join('\n');
    const scan = scanOutline(text);
    expect(scan.headings.map((h) => h.title)).toEqual(['2025年工作回顾', '2026年主要任务', '推进城市更新']);
    expect(scan.appendixStart).toBe(text.lastIndexOf('注：'));
  });
});

describe('extractOutline without chapter numbers', () => {
  it('reads unnumbered standalone chapter headings that name the review and the plan', () => {
    const text = [
      '各位代表：',
      '过去五年工作回顾',
      '过去五年，我们推进改革。',
      '2022年工作安排',
      '推进城市更新。落实各项任务。',
    ].join('\n');
    expect(extractOutline(text).map((h) => [h.level, h.title])).toEqual([
      [1, '过去五年工作回顾'],
      [1, '2022年工作安排'],
      [3, '推进城市更新'],
    ]);
  });

  it('reads a chapter heading run into its paragraph when it names a review or plan', () => {
    const text = [
      '一、2021年工作回顾。过去一年，我们推进改革。',
      '二、2022年工作安排',
      '推进城市更新。落实各项任务。',
    ].join('\n');
    expect(extractOutline(text).map((h) => [h.level, h.title])).toEqual([
      [1, '2021年工作回顾'],
      [1, '2022年工作安排'],
      [3, '推进城市更新'],
    ]);
  });
});

describe('deriveChapterRoles', () => {
  it.each([
    [['2021年的工作', '2022年工作安排'], undefined, ['review', 'plan']],
    [
      ['过去五年工作回顾', '今后五年的工作目标和发展思路', '2022年重点任务'],
      2022,
      ['review', 'outlook', 'plan'],
    ],
    [
      ['2018年工作回顾', '2019年经济社会发展总体要求和政策取向', '2019年政府工作任务'],
      2019,
      ['review', 'plan', 'plan'],
    ],
    [
      [
        '2025年工作回顾',
        '关于《上海市国民经济和社会发展第十五个五年规划纲要（草案）》的说明',
        '2026年主要任务',
        '深入推进政府治理创新',
      ],
      2026,
      ['review', 'outlook', 'plan', 'plan'],
    ],
    [['政府工作', '对政府工作的建议'], undefined, ['review', 'plan']],
  ] as const)('gives %j (report year %s) the roles %j', (titles, year, roles) => {
    expect(deriveChapterRoles([...titles], year)).toEqual(roles);
  });
});
