import { describe, expect, it } from 'vitest';
import type { Item, Project as ReportProject, Task as ReportTask } from '../report/types.js';
import { bigramDice, deriveCarryOver, normaliseMetric } from './carry-over.js';
import * as fx from './testing/fixtures.js';

// "Next year's" extraction: exact quotes from reports/2022-beijing-changping.txt (its outlook
// chapter and its review of past work restate this year's metrics, tasks and projects).
const item = (
  quote: string,
  metric: string,
  value: number,
  unit: string,
  comparator: Item['comparator'],
  kind: Item['kind'] = 'target',
): Item => ({
  span: [0, quote.length],
  quote,
  value,
  unit,
  comparator,
  kind,
  period: '2023',
  metric,
});
const task = (text: string): ReportTask => ({
  span: [0, text.length],
  text,
  outlinePath: [],
  itemIndexes: [],
  projectIndexes: [],
});
const project = (name: string, stage: string): ReportProject => ({
  span: [0, name.length],
  name,
  stage,
  kind: 'target',
  listSpan: [0, 1],
});

const next = {
  items: [
    item('地区生产总值年均增长6%左右', '地区生产总值年均增长', 6, '%', '~'),
    item('城镇调查失业率控制在5%以内', '城镇调查失业率', 5, '%', '<='),
    item('森林覆盖率提高到48.5%以上', '森林覆盖率', 48.5, '%', '>='),
    item('一般公共预算收入年均增长6%左右', '一般公共预算收入年均增长', 6, '%', '~'),
    item('城乡建设用地规模控制在267.3平方公里以内', '城乡建设用地规模', 267.3, '平方公里', '<='),
    item('森林覆盖率、林木绿化率分别提高到48.3%和67.2%', '森林覆盖率', 48.3, '%', '=', 'achievement'),
    item('力争规模以上工业总产值增长6.5%', '规模以上工业总产值增长', 6.5, '%', '='),
  ],
  tasks: [
    task(
      '落实全市优化营商环境改革任务,90%的区级事项实现“一网通办”,形成拿地即开工的“小米模式”,兑现重点企业“服务包”474个,市场主体较五年前净增1.8万户。',
    ),
    task(
      '理顺生命科学园管理体制,推动街区控规、城市设计和产业规划融合落地,实现三期产业用地、信息园二期(一)等地块供应;抓紧推进马池口工业区一期、小汤山工业园等项目开发,梯次布局产业示范基地、加速基地和转化基地,打造具有国际领先水平的生命谷创新走廊。',
    ),
    task(
      '聚焦投资建设领域审批制度改革,推广“小米模式”,实施“标准地”改革,提高重大项目供地、开工和竣工验收效率。',
    ),
    task(
      '做优先进智造产业,制定先进智造高质量发展三年行动计划,加快小米“灯塔工厂”、华为生态数字经济产业园等项目建设,支持传统工业企业开展数字化改造,力争规模以上工业总产值增长6.5%。',
    ),
  ],
  projects: [
    project('小米智慧园区', '建成投用'),
    project('小米科技', '签约落地'),
    project('国家电投二期项目', '建成投用'),
  ],
};

describe('normaliseMetric and bigramDice', () => {
  it('keeps the core of a metric', () => {
    expect(normaliseMetric('地区生产总值年均增长')).toBe('地区生产总值');
    expect(normaliseMetric('全区地区生产总值增长')).toBe('地区生产总值');
    expect(normaliseMetric('森林覆盖率提高到')).toBe('森林覆盖率');
  });
  it('scores 城镇调查失业率 against 城镇登记失业率 at 0.5: different statistics', () => {
    expect(bigramDice('城镇调查失业率', '城镇登记失业率')).toBe(0.5);
  });
});

describe('deriveCarryOver', () => {
  const result = deriveCarryOver({
    last: {
      year: 2022,
      targets: fx.targets,
      actuals: fx.reviewInput.actuals,
      tasks: fx.tasks,
      projects: fx.projects,
    },
    next,
  });

  it('links recurring targets by metric, with last year’s result', () => {
    expect(result.targets.map((l) => [l.nextIndex, l.lastTargetId, l.reason])).toEqual([
      [0, 201, 'same metric (地区生产总值)'],
      [2, 206, 'same metric (森林覆盖率)'],
      [3, 202, 'same metric (一般公共预算收入)'],
    ]);
    expect(result.targets[0]!.last).toEqual({
      metric: '地区生产总值增长',
      promise: '6.5%左右',
      achieved: 6.3,
      verdict: 'met',
    });
    expect(result.targets[1]!.last).toMatchObject({ achieved: 48.4, verdict: 'not_due' });
  });

  it('links continuing tasks by a similar sentence or lead clause, and nothing else', () => {
    expect(result.tasks.map((l) => [l.nextIndex, l.lastTaskId])).toEqual([
      [0, 103],
      [1, 102],
    ]);
    expect(result.tasks[0]!.reason).toMatch(/^similar lead clause/);
    expect(result.tasks[0]!.last).toMatchObject({
      state: 'in_progress',
      progress: 30,
      leadUnitId: 4,
      coUnitIds: [1, 6],
    });
  });

  it('links continuing projects by name, not by a shared word', () => {
    expect(result.projects.map((l) => [l.nextName, l.lastProjectId, l.reason])).toEqual([
      ['小米智慧园区', 505, 'same project name'],
      ['国家电投二期项目', 504, 'same project name'],
    ]);
    expect(result.projects[0]!.last).toMatchObject({ stage: '建成投用', currentStage: '开工' });
  });

  it('lists unfinished tasks with their owners and whether next year continues them', () => {
    expect(result.unfinished.map((u) => [u.lastTaskId, u.leadUnitId, u.continuedBy])).toEqual([
      [101, 3, null],
      [103, 4, 0],
      [104, 1, null],
      [105, 5, null],
      [106, 2, null],
    ]);
  });

  it('links one to one: two similar new targets do not both take the same old one', () => {
    const twice = deriveCarryOver({
      last: { targets: fx.targets, tasks: [], projects: [] },
      next: {
        items: [next.items[0]!, { ...next.items[0]!, metric: '地区生产总值增长' }],
        tasks: [],
        projects: [],
      },
    });
    expect(twice.targets.map((l) => [l.nextIndex, l.lastTargetId])).toEqual([[0, 201]]);
  });
});
