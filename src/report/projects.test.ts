import { describe, expect, it } from 'vitest';
import { extractProjects } from './projects.js';
import type { Zone } from './types.js';

const plan = (text: string): Zone[] => [
  { span: [0, text.length], role: 'plan', tense: 'future', period: '2022' },
];
const review = (text: string): Zone[] => [
  { span: [0, text.length], role: 'review', tense: 'past', period: '2021' },
];
const read = (text: string, zones = plan(text)) =>
  extractProjects(text, zones).map((p) => [p.name, p.stage, p.kind, p.listCount ?? null]);

describe('extractProjects', () => {
  it.each([
    [
      '推动科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地,力促诺诚健华抗肿瘤创新药物生产基地、国家电投二期等30个项目开工建设。',
      [
        ['科兴生物疫苗质量研究中心', '签约落地', 'target', 40],
        ['兴唐创新中心', '签约落地', 'target', 40],
        ['诺诚健华抗肿瘤创新药物生产基地', '开工建设', 'target', 30],
        ['国家电投二期', '开工建设', 'target', 30],
      ],
    ],
    [
      '推动北大产教研融合创新中心、清华昌平科研基地、北航高精尖创新中心等项目建设。',
      [
        ['北大产教研融合创新中心', '建设', 'target', null],
        ['清华昌平科研基地', '建设', 'target', null],
        ['北航高精尖创新中心', '建设', 'target', null],
      ],
    ],
    [
      '推进西沙屯和满井西、小沙河等棚改项目,优化城乡结合部功能。',
      [
        ['西沙屯', '推进', 'target', null],
        ['满井西', '推进', 'target', null],
        ['小沙河', '推进', 'target', null],
      ],
    ],
    [
      '加快保利、华润两个城市综合体建设,为各类人才提供服务。',
      [
        ['保利', '建设', 'target', 2],
        ['华润', '建设', 'target', 2],
      ],
    ],
    [
      '建成开放大运河源头遗址公园(一期),积极融入长城国家文化公园建设。',
      [['大运河源头遗址公园(一期)', '建成开放', 'target', null]],
    ],
    ['启动公共卫生服务大厦建设。', [['公共卫生服务大厦', '启动建设', 'target', null]]],
    [
      '开工建设嘉闵线北延伸轨道交通线，加快建设崇明线、上海示范区线等轨道交通线。',
      [
        ['嘉闵线北延伸', '开工建设', 'target', null],
        ['崇明线', '建设', 'target', null],
        ['上海示范区线', '建设', 'target', null],
      ],
    ],
    [
      '力促鞍钢、武钢等地块利用取得突破性进展。',
      [
        ['鞍钢', '利用', 'target', null],
        ['武钢', '利用', 'target', null],
      ],
    ],
  ])('reads the list in “%s”', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('reads named projects of the review as achievements, without the superlative before a name', () => {
    const text =
      '组建协同创新平台23个,北京脑科学与类脑研究中心等新型研发机构建成投用,国内首家国际研究型医院主体结构封顶。';
    expect(read(text, review(text))).toEqual([
      ['北京脑科学与类脑研究中心', '建成投用', 'achievement', null],
      ['国际研究型医院', '主体结构封顶', 'achievement', null],
    ]);
  });

  it.each([
    '深化国际经济中心建设。',
    '加快建设国际消费中心城市。',
    '聚焦生态保护红线、城市绿线、河道蓝线等生态空间,拆除违法建设400万平方米。',
    '新能源汽车、生物医药等领域一批重大外资项目加快落地。',
    '建设人民币资产全球配置中心和风险管理中心。',
    '7座输变电工程建成送电。',
    '推进“雪亮工程”和智慧平安社区建设。',
    '深入实施新一轮回天行动计划。',
  ])('finds no project in “%s”', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('gives each name its span and the list its span', () => {
    const text = '实现福田中街、黄平西侧路等7条道路建成通车。';
    const [a, b] = extractProjects(text, plan(text));
    expect(text.slice(...(a?.span ?? [0, 0]))).toBe('福田中街');
    expect(text.slice(...(b?.span ?? [0, 0]))).toBe('黄平西侧路');
    expect(text.slice(...(a?.listSpan ?? [0, 0]))).toBe('福田中街、黄平西侧路等7条道路建成通车');
    expect(a?.listCount).toBe(7);
  });

  it('skips headings, the preamble and appendices', () => {
    const text = '加快建设崇明线、上海示范区线等轨道交通线。';
    const zones: Zone[] = [{ span: [0, text.length], role: 'appendix', tense: 'future', period: '2026' }];
    expect(extractProjects(text, zones)).toEqual([]);
    expect(
      extractProjects(text, plan(text), [{ level: 3, title: text.slice(0, -1), span: [0, text.length - 1] }]),
    ).toEqual([]);
  });
});

describe('extractProjects and words holding 等', () => {
  it('does not close a list at the 等 of 中等 or 高等', () => {
    const text = '推进昌平中等职业学校、北京农学院等项目建设。';
    const zones: Zone[] = [{ span: [0, text.length], role: 'plan', tense: 'future', period: '2022' }];
    expect(extractProjects(text, zones).map((p) => p.name)).toEqual(['昌平中等职业学校', '北京农学院']);
  });
});

describe('extractProjects and compound steps', () => {
  it('keeps 建成 with the step after it ("建成投产")', () => {
    const text = '揭阳中石油炼化一体化等23个投资额百亿元以上重大工业项目建成投产。';
    const zones: Zone[] = [{ span: [0, text.length], role: 'review', tense: 'past', period: '2025' }];
    expect(extractProjects(text, zones).map((p) => [p.name, p.stage, p.listCount])).toEqual([
      ['揭阳中石油炼化一体化', '建成投产', 23],
    ]);
  });
});

describe('extractProjects and time words before a step', () => {
  it('leaves 年内 out of the name ("确保…项目年内开工")', () => {
    const text = '确保地铁19号线北延项目年内开工。';
    const zones: Zone[] = [{ span: [0, text.length], role: 'plan', tense: 'future', period: '2022' }];
    expect(extractProjects(text, zones).map((p) => [p.name, p.stage])).toEqual([['地铁19号线北延', '开工']]);
  });
});

describe('extractProjects and digits in names', () => {
  it('keeps names with digits inside ("G60科创走廊") and drops names that open on an amount', () => {
    const text = '推进G60科创走廊、沪苏湖铁路等项目建设。完成43.6万平方米小梁薄板房屋等旧住房成套改造。';
    const zones: Zone[] = [{ span: [0, text.length], role: 'plan', tense: 'future', period: '2026' }];
    expect(extractProjects(text, zones).map((p) => p.name)).toEqual(['G60科创走廊', '沪苏湖铁路']);
  });
});

describe('extractProjects and a step inside the list', () => {
  it('gives each name its own step ("推动地铁M1线开工、M2线竣工")', () => {
    const text = '推动地铁M1线开工、M2线竣工。';
    const zones: Zone[] = [{ span: [0, text.length], role: 'plan', tense: 'future', period: '2022' }];
    expect(extractProjects(text, zones).map((p) => [p.name, p.stage, text.slice(...p.span)])).toEqual([
      ['地铁M1线', '开工', '地铁M1线'],
      ['M2线', '竣工', 'M2线'],
    ]);
  });
});

// 2026 Guangdong report (held out of tuning)
describe('extractProjects and a bare step after 等', () => {
  it('reads "加快A、B…等建设" when every name is a built place, and drops a note on what a project holds', () => {
    expect(
      read(
        '加快珠肇高铁、深南高铁、深惠城际、南珠（中）城际、狮子洋通道、南沙港五期等建设，建成清花高速等项目，做好粤东水资源优化配置工程（含龙颈水库扩建）前期工作。',
      ),
    ).toEqual([
      ['珠肇高铁', '建设', 'target', null],
      ['深南高铁', '建设', 'target', null],
      ['深惠城际', '建设', 'target', null],
      ['南珠（中）城际', '建设', 'target', null],
      ['狮子洋通道', '建设', 'target', null],
      ['南沙港五期', '建设', 'target', null],
      ['清花高速', '建成', 'target', null],
      ['粤东水资源优化配置工程', '前期工作', 'target', null],
    ]);
  });

  it('reads 建成使用 as one step', () => {
    expect(
      read('广州国家版本馆、白鹅潭大湾区艺术中心等标志性文化设施建成使用，', review('x'.repeat(40))),
    ).toEqual([
      ['广州国家版本馆', '建成使用', 'achievement', null],
      ['白鹅潭大湾区艺术中心', '建成使用', 'achievement', null],
    ]);
  });

  it('leaves kinds of facilities listed before 等建设 alone', () => {
    expect(
      read('加快城市间高铁、城际铁路、高快速路、跨江跨海通道等建设，推动充电、加氢等设施建设。'),
    ).toEqual([]);
  });
});

describe('extractProjects and a zone written before a name', () => {
  it('drops the zone where the report names the project elsewhere without it', () => {
    const text = '生命谷昌平国家实验室开工建设,新冠中和抗体药物迅速投用。推动昌平国家实验室建成投用。';
    const projects = extractProjects(text, plan(text));
    expect(projects.map((p) => [p.name, p.stage, text.slice(...p.span)])).toEqual([
      ['昌平国家实验室', '开工建设', '昌平国家实验室'],
      ['昌平国家实验室', '建成投用', '昌平国家实验室'],
    ]);
  });
});
