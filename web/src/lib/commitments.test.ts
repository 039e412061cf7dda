import { describe, expect, it } from 'vitest';
import type { Project, Target, Task } from '../api/types';
import {
  chapterKind,
  deriveCommitments,
  searchCommitments,
  sentenceAround,
  toCsv,
  type Commitment,
} from './commitments';

const row = (over: Partial<Commitment>): Commitment => ({
  key: 'task:1',
  kind: 'task',
  group: 'task',
  overdue: false,
  id: 1,
  title: '推进回天地区建设',
  source: '推进回天地区建设，新增学位2000个。',
  status: 'in_progress',
  leadUnit: '区发展改革委',
  deadline: '2022-12-31',
  start: 0,
  ...over,
});

describe('toCsv', () => {
  it('starts with a BOM and quotes fields with commas, quotes and newlines', () => {
    const csv = toCsv([row({ source: '他说"好",然后\n走了' })]);
    expect(csv.startsWith('\uFEFFgroup,kind,id,title')).toBe(true);
    expect(csv).toContain('"他说""好"",然后\n走了"');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });
});

describe('chapterKind', () => {
  it('tells the review, the outlook and the year by the titles every report uses', () => {
    expect(chapterKind('过去五年工作回顾', 2022)).toBe('review');
    expect(chapterKind('2021年工作回顾', 2022)).toBe('review');
    expect(chapterKind('今后五年的工作目标和发展思路', 2022)).toBe('longTerm');
    expect(chapterKind('“十四五”时期主要目标', 2022)).toBe('longTerm');
    expect(chapterKind('2022年重点任务', 2022)).toBe('year');
    expect(chapterKind('2022年和今后五年的工作', 2022)).toBe('year');
  });
});

describe('searchCommitments', () => {
  it('finds by title, source or unit', () => {
    const rows = [
      row({}),
      row({ key: 'task:2', id: 2, title: '森林覆盖率', source: '森林覆盖率48.5%以上', leadUnit: null }),
    ];
    expect(searchCommitments(rows, '学位').map((r) => r.id)).toEqual([1]);
    expect(searchCommitments(rows, '森林').map((r) => r.id)).toEqual([2]);
    expect(searchCommitments(rows, '发展改革').map((r) => r.id)).toEqual([1]);
    expect(searchCommitments(rows, '  ')).toHaveLength(2);
  });
});

describe('sentenceAround', () => {
  it('widens a span to its whole sentence', () => {
    const text = '一、回顾。推进小米科技、北新建材等40个项目签约落地。二、任务';
    const start = text.indexOf('小米科技');
    expect(sentenceAround(text, [start, start + 4])).toBe('推进小米科技、北新建材等40个项目签约落地。');
  });

  it('stops at the ends of the text', () => {
    expect(sentenceAround('建设项目', [0, 2])).toBe('建设项目');
  });
});

describe('deriveCommitments', () => {
  const assignment = { leadUnitId: null, coUnitIds: [], leader: null, deadline: null, weight: 1 };
  const target = (id: number, over: Partial<Target>): Target => ({
    id,
    planId: 1,
    outlineNodeId: null,
    taskId: null,
    metric: `指标${id}`,
    comparator: '~',
    value: 6.5,
    unit: '%',
    period: '2022',
    direction: null,
    span: [id * 10, id * 10 + 5],
    quote: '',
    sentence: `句子${id}`,
    baseline: null,
    version: 1,
    ...assignment,
    ...over,
  });
  const task = (id: number, over: Partial<Task>): Task => ({
    id,
    planId: 1,
    outlineNodeId: null,
    text: `任务${id}`,
    span: [id * 10, id * 10 + 5],
    state: 'in_progress',
    progress: 40,
    version: 1,
    carriedFrom: null,
    ...assignment,
    ...over,
  });
  const project = (id: number, over: Partial<Project>): Project => ({
    id,
    planId: 1,
    listId: 1,
    taskId: null,
    name: `项目${id}`,
    stage: '建成投用',
    kind: 'target',
    span: [id * 10, id * 10 + 5],
    currentStage: '开工',
    stageDates: {},
    version: 1,
    ...over,
  });

  const at = (start: number): [number, number] => [start, start + 5];
  const rows = deriveCommitments(
    {
      targets: [
        target(21, { span: at(210) }),
        target(22, { span: at(220), taskId: 30 }),
        target(40, { span: at(400), period: '2022-2026', metric: '五年目标' }),
      ],
      tasks: [
        task(30, { span: at(215), deadline: '2022-06-30' }),
        task(31, { span: at(300), deadline: '2022-06-30', state: 'done' }),
      ],
      projects: [
        project(1, { span: at(10), kind: 'achievement', currentStage: '储备', stage: '主体结构封顶' }),
        project(11, { span: at(110) }),
        project(32, { span: at(320) }),
      ],
    },
    new Map(),
    undefined,
    undefined,
    {
      year: 2022,
      today: '2022-09-01',
      chapters: [
        { title: '过去五年工作回顾', start: 0 },
        { title: '今后五年的工作目标和发展思路', start: 100 },
        { title: '2022年重点任务', start: 200 },
      ],
    },
  );

  it("puts the year's headline targets first, five-year promises after the year's, the review's work apart", () => {
    expect(rows.map((r) => `${r.group}:${r.key}`)).toEqual([
      'headline:target:21',
      'headline:target:22',
      'task:task:30',
      'task:task:31',
      'task:project:32',
      'longTerm:project:11',
      'longTerm:target:40',
      'achievement:project:1',
    ]);
  });

  it('marks what is past its deadline and not done as overdue', () => {
    const overdue = new Set(rows.filter((r) => r.overdue).map((r) => r.key));
    expect(overdue.has('task:30')).toBe(true);
    expect(overdue.has('task:31')).toBe(false);
    // the plan's year has not ended: a project and a yearly target are not late yet
    expect(overdue.has('project:32')).toBe(false);
    expect(overdue.has('target:21')).toBe(false);
    // a five-year promise is not due with the year
    expect(overdue.has('project:11')).toBe(false);
  });

  it('gives an achievement no status to contradict what the report says was done', () => {
    const done = rows.find((r) => r.key === 'project:1')!;
    expect(done.status).toBe('');
    expect(done.overdue).toBe(false);
  });
});
