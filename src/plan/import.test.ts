import { describe, expect, it } from 'vitest';
import type { Extraction, Item } from '../report/types.js';
import { deriveDirection, derivePlanImport, deriveProjectStage, deriveStartingStage } from './import.js';

// A short report in the real layout: a chapter, a section, a lead phrase, figures and a list.
const text = [
  '一、过去五年工作回顾',
  '2021年森林覆盖率达到48.3%。',
  '二、2022年重点任务',
  '（一）加快建设未来科学城',
  '支撑构建国家战略科技力量。森林覆盖率达到48.5%以上。推动科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地。',
].join('\n');
const at = (quote: string): [number, number] => {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`no ${quote}`);
  return [start, start + quote.length];
};
const figure = (
  quote: string,
  value: number,
  kind: Item['kind'],
  period: string,
  comparator: Item['comparator'],
): Item => ({
  span: at(quote),
  quote,
  value,
  unit: '%',
  comparator,
  kind,
  period,
  metric: '森林覆盖率',
});

function extraction(): Extraction {
  const listSpan = at('科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地');
  const sentence = at('推动科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地。');
  return {
    report: { place: '北京市昌平区', year: 2022 },
    outline: [
      { level: 1, title: '过去五年工作回顾', span: at('过去五年工作回顾') },
      { level: 1, title: '2022年重点任务', span: at('2022年重点任务') },
      { level: 2, title: '加快建设未来科学城', span: at('加快建设未来科学城') },
      { level: 3, title: '支撑构建国家战略科技力量', span: at('支撑构建国家战略科技力量') },
    ],
    zones: [],
    items: [
      figure('48.3%', 48.3, 'achievement', '2021', '='),
      figure('48.5%以上', 48.5, 'target', '2022', '>='),
    ],
    projects: [
      {
        span: at('科兴生物疫苗质量研究中心'),
        name: '科兴生物疫苗质量研究中心',
        stage: '签约落地',
        kind: 'target',
        listSpan,
        listCount: 40,
      },
      {
        span: at('兴唐创新中心'),
        name: '兴唐创新中心',
        stage: '签约落地',
        kind: 'target',
        listSpan,
        listCount: 40,
      },
    ],
    tasks: [
      {
        span: at('森林覆盖率达到48.5%以上。'),
        text: '森林覆盖率达到48.5%以上。',
        outlinePath: [],
        itemIndexes: [1],
        projectIndexes: [],
      },
      {
        span: sentence,
        text: text.slice(...sentence),
        outlinePath: [],
        itemIndexes: [],
        projectIndexes: [0, 1],
      },
    ],
    warnings: [],
  };
}

describe('derivePlanImport', () => {
  const rows = derivePlanImport(text, extraction(), { sourceName: 'changping.txt' });

  it('names the plan from the report, with overrides winning', () => {
    expect(rows.plan).toMatchObject({
      title: '北京市昌平区2022年政府工作报告',
      place: '北京市昌平区',
      year: 2022,
      state: 'draft',
    });
    const over = derivePlanImport(text, extraction(), {
      sourceName: 'x.txt',
      year: 2023,
      place: '昌平',
      state: 'published',
    });
    expect(over.plan).toMatchObject({ year: 2023, place: '昌平', state: 'published' });
  });

  it('builds the outline tree with positions among siblings', () => {
    expect(rows.outline.map((n) => [n.title, n.parentIndex, n.position])).toEqual([
      ['过去五年工作回顾', null, 0],
      ['2022年重点任务', null, 1],
      ['加快建设未来科学城', 1, 0],
      ['支撑构建国家战略科技力量', 2, 0],
    ]);
  });

  it('places a target under the deepest heading before it, in its task and sentence, with its baseline', () => {
    expect(rows.targets).toHaveLength(1);
    expect(rows.targets[0]).toMatchObject({
      outlineIndex: 3,
      taskIndex: 0,
      direction: 'rising',
      sentence: '森林覆盖率达到48.5%以上。',
      baselineIndex: 0,
    });
    expect(rows.achievements[0]).toMatchObject({ outlineIndex: 0, quote: '48.3%', period: '2021' });
  });

  it('groups projects by their list, with the count and the task', () => {
    expect(rows.projectLists).toEqual([
      expect.objectContaining({ stage: '签约落地', count: 40, taskIndex: 1 }),
    ]);
    expect(rows.projects.map((p) => [p.name, p.listIndex, p.taskIndex, p.currentStage])).toEqual([
      ['科兴生物疫苗质量研究中心', 0, 1, '储备'],
      ['兴唐创新中心', 0, 1, '储备'],
    ]);
  });

  it('takes the year from the file name, and refuses when nothing gives it', () => {
    const noYear = { ...extraction(), report: {} };
    expect(derivePlanImport(text, noYear, { sourceName: '2022-beijing-changping.txt' }).plan.year).toBe(2022);
    expect(() => derivePlanImport(text, noYear, { sourceName: 'report.txt' })).toThrow(/year/);
  });
});

describe('deriveDirection', () => {
  it.each([
    ['地区生产总值增长', '~', 'rising'],
    ['单位地区生产总值能耗下降', '=', 'falling'],
    ['城镇调查失业率', '<=', 'falling'],
    ['供应产业用地', '>=', 'rising'],
    ['出口总额', '=', null],
  ] as const)('%s %s → %s', (metric, comparator, direction) => {
    expect(deriveDirection({ metric, comparator })).toBe(direction);
  });
});

describe('deriveProjectStage', () => {
  it.each([
    ['签约落地', '签约'],
    ['开工建设', '开工'],
    ['建成投用', '建成投用'],
    ['竣工开学', '建成投用'],
    ['前期工作', '储备'],
  ] as const)('%s → %s', (step, stage) => {
    expect(deriveProjectStage(step)).toBe(stage);
  });
});

describe('deriveStartingStage', () => {
  it.each([
    ['主体结构封顶', '开工'],
    ['续建', '开工'],
    ['加快建设', '开工'],
    ['竣工验收', '开工'],
    ['签约落地', '储备'],
    ['开工建设', '储备'],
    ['建成投用', '储备'],
  ] as const)('a project promised to reach %s starts the year at %s', (step, stage) => {
    expect(deriveStartingStage(step)).toBe(stage);
  });
});
