import { describe, expect, it } from 'vitest';
import { readReport } from '../../test/fixtures/reports/index.js';
import { extractOutline } from './outline.js';
import { extractTasks, isCommitment } from './tasks.js';
import type { Item, Project, Zone } from './types.js';

describe('isCommitment', () => {
  it.each([
    '坚决保障昌平国家实验室核心区建设,先期投用北京脑科学与类脑研究中心二期等空间。',
    '以回天地区等区域为重点,织补一批社区公园、口袋公园、全龄友好型公园,让市民乐享绿色生活。',
    '发布新一批“上海标准”和“上海品牌”。',
    '继续发行一定数量的地方政府置换债券，减轻地方利息负担。',
  ])('takes “%s” as a commitment', (s) => {
    expect(isCommitment(s, false)).toBe(true);
  });

  it.each([
    '2022年是党的二十大召开之年,也是北京冬奥会冬残奥会举办之年。',
    '就业是民生之本、财富之源。',
    '围绕上述目标,将着力抓好八个方面工作:',
    '今年要重点做好以下工作。',
    '各位代表，支持国防和军队现代化建设是我们义不容辞的责任。',
    '困难不容低估，信心不可动摇，干劲不能松懈。',
  ])('takes “%s” as context, not a task', (s) => {
    expect(isCommitment(s, false)).toBe(false);
  });

  it('takes a sentence of targets as a commitment even without a verb', () => {
    expect(isCommitment('明年全区经济社会发展的主要预期目标是:地区生产总值增长6.5%左右。', true)).toBe(true);
  });
});

describe('extractTasks', () => {
  const text = [
    '一、过去五年工作回顾',
    '过去五年,我们推进了一批项目建设。',
    '三、2022年重点任务',
    '2022年是党的二十大召开之年。',
    '(三)加快构建现代产业体系,推动经济高质量发展',
    '紧抓重点产业项目落地。推动科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地,力促国家电投二期等30个项目开工建设。',
    '加快推进绿色低碳发展。落实全市碳中和行动纲要。',
  ].join('\n');
  const outline = extractOutline(text);
  const review = text.indexOf('三、');
  const zones: Zone[] = [
    { span: [0, review], role: 'review', tense: 'past', period: '2017-2021' },
    { span: [review, text.length], role: 'plan', tense: 'future', period: '2022' },
  ];
  const at = (quote: string): [number, number] => {
    const i = text.indexOf(quote);
    return [i, i + quote.length];
  };
  const items: Item[] = [
    {
      span: at('40个'),
      quote: '40个',
      value: 40,
      unit: '个',
      comparator: '=',
      kind: 'target',
      period: '2022',
      metric: '项目签约落地',
    },
  ];
  const projects: Project[] = [
    {
      span: at('兴唐创新中心'),
      name: '兴唐创新中心',
      stage: '签约落地',
      kind: 'target',
      listSpan: at('兴唐创新中心'),
    },
  ];
  const tasks = extractTasks(text, outline, zones, items, projects);

  it('takes commitments of the plan only, not the review, context sentences or headings', () => {
    expect(tasks.map((t) => t.text)).toEqual([
      '推动科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地,力促国家电投二期等30个项目开工建设。',
      '落实全市碳中和行动纲要。',
    ]);
  });

  it('gives the outline path down to the lead phrase of the sentence’s own paragraph', () => {
    expect(tasks.map((t) => t.outlinePath)).toEqual([
      ['2022年重点任务', '加快构建现代产业体系,推动经济高质量发展', '紧抓重点产业项目落地'],
      ['2022年重点任务', '加快构建现代产业体系,推动经济高质量发展', '加快推进绿色低碳发展'],
    ]);
  });

  it('links the items and projects inside the sentence, with spans into the text', () => {
    expect(tasks[0]?.itemIndexes).toEqual([0]);
    expect(tasks[0]?.projectIndexes).toEqual([0]);
    expect(tasks[1]?.itemIndexes).toEqual([]);
    for (const t of tasks) expect(text.slice(...t.span)).toBe(t.text);
  });

  it('finds no tasks without a plan zone', () => {
    expect(extractTasks(text, outline, [{ ...zones[0]!, span: [0, text.length] }], [], [])).toEqual([]);
  });
});

describe('isCommitment and 以下', () => {
  it('takes “省以下” as a word, not the introduction of a list', () => {
    expect(isCommitment('纵深推进地方财政科学管理试点，深化省以下财政体制改革。', false)).toBe(true);
    expect(isCommitment('重点抓好以下14个方面的工作：', false)).toBe(false);
  });
});

describe('extractTasks on an attached list of commitments', () => {
  it('reads the tasks of 附件1 (十件民生实事) outside every chapter, with their items', async () => {
    const { extractReport } = await import('./index.js');
    const text = readReport('2026-guangdong');
    const x = extractReport(text);
    const attached = x.tasks.filter((t) => t.span[0] >= text.indexOf('附件1'));
    expect(attached.length).toBeGreaterThan(10);
    expect(attached.every((t) => t.outlinePath.length === 0)).toBe(true);
    expect(attached.some((t) => t.itemIndexes.length > 0)).toBe(true);
    expect(x.tasks.some((t) => t.span[0] >= text.indexOf('名词解释'))).toBe(false);
  });
});
