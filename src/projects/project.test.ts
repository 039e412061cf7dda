import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { PROJECT_PROBLEM_CODES } from '../contract/constants.js';
import {
  addAlias,
  addProgressReport,
  checkProject,
  createProject,
  exitProject,
  isGeoPoint,
  recordInvestment,
  setYearTarget,
  transitionStage,
} from './project.js';
import type { ProjectDraft } from './project.js';
import { DEFAULT_LIBRARIES, DEFAULT_STAGE_MODEL } from './stages.js';
import { makeDraft, makeProject } from './test-fixtures.js';

const M = DEFAULT_STAGE_MODEL;

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('checkProject', () => {
  it('accepts a plain record', () => {
    expect(checkProject(makeDraft(), M, DEFAULT_LIBRARIES)).toEqual([]);
  });

  it('names each bad field by its path', () => {
    const cases: [string, Partial<ProjectDraft>, string, RegExp][] = [
      ['no name', { name: '  ' }, 'name', /^项目名称不能为空$/],
      ['an empty alias', { aliases: ['别名', ''] }, 'aliases.1', /^第2个曾用名为空/],
      ['an unknown library', { library: 'nope' }, 'library', /^项目库“nope”不在本辖区的项目库设置中/],
      ['a bad class', { class: 'D' as 'A' }, 'class', /^项目类别应为A、B或C，填的是“D”$/],
      ['no history', { history: [] }, 'history', /^项目须有起始阶段/],
      [
        'an unknown stage',
        { history: [{ stage: '储备中', date: '2022-01-01' }] },
        'history.0.stage',
        /^第1条阶段记录的阶段“储备中”不在本辖区的阶段设置中/,
      ],
      [
        'an impossible date',
        { history: [{ stage: '入库', date: '2022-02-30' }] },
        'history.0.date',
        /^第1条阶段记录的日期“2022-02-30”不是有效日期/,
      ],
      [
        'dates out of order',
        {
          history: [
            { stage: '签约', date: '2022-03-01' },
            { stage: '入库', date: '2022-02-01' },
          ],
        },
        'history.1.date',
        /^第2条阶段记录的日期2022-02-01早于上一阶段（签约）的日期2022-03-01$/,
      ],
      [
        'a move back without a reason',
        {
          history: [
            { stage: '开工', date: '2022-03-01' },
            { stage: '入库', date: '2022-04-01' },
          ],
        },
        'history.1.reason',
        /^由“开工”退回“入库”须说明原因$/,
      ],
      ['a negative total', { totalInvestment: -1 }, 'totalInvestment', /^总投资应为不小于0的金额（万元）$/],
      [
        'two plans for a year',
        {
          annualPlans: [
            { year: 2022, planned: 1 },
            { year: 2022, planned: 2 },
          ],
        },
        'annualPlans.1.year',
        /^2022年度已填报过计划投资，同一年度只能填一行$/,
      ],
      [
        'a short monthly spread',
        { annualPlans: [{ year: 2022, planned: 12, monthly: [1, 2] }] },
        'annualPlans.0.monthly',
        /^2022年度的分月计划应为1月至12月共12个/,
      ],
      [
        'a bad month',
        { investments: [{ month: '2022-13', amount: 1 }] },
        'investments.0.month',
        /^第1行月度完成投资的月份“2022-13”不是有效月份/,
      ],
      [
        'a month twice',
        {
          investments: [
            { month: '2022-01', amount: 1 },
            { month: '2022-01', amount: 2 },
          ],
        },
        'investments.1.month',
        /^2022-01的完成投资已填过/,
      ],
      [
        'a NaN amount',
        { investments: [{ month: '2022-01', amount: NaN }] },
        'investments.0.amount',
        /^2022-01完成投资应为不小于0的金额/,
      ],
      [
        'a milestone of no stage',
        { milestones: [{ stage: '封顶', planned: '2022-01-01' }] },
        'milestones.0.stage',
        /^第1个计划节点的阶段“封顶”不在本辖区的阶段设置中/,
      ],
      [
        'a milestone with no date',
        { milestones: [{ stage: '开工', planned: '' }] },
        'milestones.0.planned',
        /^第1个计划节点的计划日期“”不是有效日期/,
      ],
      [
        'two targets for a year',
        {
          targets: [
            { year: 2022, stage: '开工', step: '开工建设' },
            { year: 2022, stage: '签约', step: '签约落地' },
          ],
        },
        'targets.1.year',
        /^2022年度已有目标阶段/,
      ],
      [
        'a percent over 100',
        { progress: [{ date: '2022-01-01', note: '封顶', percent: 120 }] },
        'progress.0.percent',
        /^第1条形象进度的完成百分比应在0至100之间$/,
      ],
      ['a point off Earth', { location: { lng: 200, lat: 40 } }, 'location', /^项目位置不在有效范围内/],
      [
        'a bad 入统 date',
        { statsRegisteredOn: '2022/01/01' },
        'statsRegisteredOn',
        /^入统日期“2022\/01\/01”不是有效日期/,
      ],
      [
        'an exit without a reason',
        { exited: { date: '2022-05-01', reason: ' ' } },
        'exited',
        /^出库须填写日期和原因$/,
      ],
    ];
    for (const [what, change, path, message] of cases) {
      const problems = checkProject(makeDraft(change), M, DEFAULT_LIBRARIES);
      expect(problems.length, what).toBe(1);
      expect(problems[0]!.path, what).toBe(path);
      expect(problems[0]!.message, what).toMatch(message);
      // A client matches the code, never the words.
      expect(PROJECT_PROBLEM_CODES, what).toContain(problems[0]!.code);
    }
  });
});

describe('createProject', () => {
  it('sorts what it keeps in order and refuses a bad record with every problem', () => {
    const project = createProject(
      makeDraft({
        investments: [
          { month: '2022-03', amount: 3 },
          { month: '2022-01', amount: 1 },
        ],
        milestones: [
          { stage: '建成投用', planned: '2024-06-30' },
          { stage: '开工', planned: '2022-06-30' },
        ],
      }),
      M,
      DEFAULT_LIBRARIES,
    );
    expect(project.investments.map((m) => m.month)).toEqual(['2022-01', '2022-03']);
    expect(project.milestones.map((m) => m.stage)).toEqual(['开工', '建成投用']);
    const error = caught(() => createProject(makeDraft({ name: '', library: 'x' }), M, DEFAULT_LIBRARIES));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details.map((d) => d.path)).toEqual(['name', 'library']);
    expect(error.details.map((d) => d.code)).toEqual(['required', 'unknownLibrary']);
    expect(error.message).toBe('项目“”有2处问题：项目名称不能为空');
  });
});

describe('transitionStage', () => {
  const project = makeProject({
    history: [
      { stage: '签约', date: '2022-03-01' },
      { stage: '入库', date: '2022-04-01' },
    ],
  });

  it('moves forward, naming the stages passed over, and leaves the record given unchanged', () => {
    const moved = transitionStage(project, { stage: '建设', date: '2022-06-01' }, M);
    expect(moved).toMatchObject({ from: '入库', to: '建设', direction: 'forward', skipped: ['开工'] });
    expect(moved.project.history.at(-1)).toEqual({ stage: '建设', date: '2022-06-01' });
    expect(project.history).toHaveLength(2);
  });

  it('moves back with a reason, on the same day as the last change', () => {
    const moved = transitionStage(project, { stage: '签约', date: '2022-04-01', reason: ' 规划调整 ' }, M);
    expect(moved.direction).toBe('back');
    expect(moved.project.history.at(-1)).toEqual({ stage: '签约', date: '2022-04-01', reason: '规划调整' });
  });

  it('refuses what breaks the rules, saying which field', () => {
    const cases: [
      string,
      Parameters<typeof transitionStage>[1],
      string | undefined,
      string,
      string | undefined,
    ][] = [
      ['an unknown stage', { stage: '封顶', date: '2022-05-01' }, undefined, 'BAD_INPUT', 'stage'],
      ['a bad date', { stage: '开工', date: '2022-5-1' }, undefined, 'BAD_INPUT', 'date'],
      [
        'a date before the last change',
        { stage: '开工', date: '2022-03-31' },
        undefined,
        'BAD_INPUT',
        'date',
      ],
      ['a date after today', { stage: '开工', date: '2022-05-02' }, '2022-05-01', 'BAD_INPUT', 'date'],
      ['the same stage', { stage: '入库', date: '2022-05-01' }, undefined, 'CONFLICT', undefined],
      [
        'a move back without a reason',
        { stage: '签约', date: '2022-05-01', reason: ' ' },
        undefined,
        'BAD_INPUT',
        'reason',
      ],
    ];
    for (const [what, change, today, code, path] of cases) {
      const error = caught(() => transitionStage(project, change, M, today));
      expect(error.code, what).toBe(code);
      expect(error.details[0]?.path, what).toBe(path);
      expect(error.message, what).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(caught(() => transitionStage(project, { stage: '开工', date: '2022-03-31' }, M)).message).toBe(
      '变更日期2022-03-31早于上一阶段（入库）的日期2022-04-01',
    );
    expect(
      caught(() => transitionStage(project, { stage: '开工', date: '2022-05-02' }, M, '2022-05-01'))
        .details[0],
    ).toEqual({
      path: 'date',
      code: 'dateAfterToday',
      values: { where: '变更日期', value: '2022-05-02', date: '2022-05-01' },
      message: '变更日期2022-05-02晚于今天（2022-05-01）',
    });
    expect(caught(() => transitionStage(project, { stage: '入库', date: '2022-05-01' }, M)).message).toBe(
      '该项目已处于“入库”阶段',
    );
    const left = exitProject(project, '2022-05-01', '投资方放弃');
    expect(caught(() => transitionStage(left, { stage: '开工', date: '2022-06-01' }, M)).code).toBe(
      'CONFLICT',
    );
  });
});

describe('exitProject', () => {
  it('keeps the date and reason, refusing a second exit, no reason or an early date', () => {
    const project = makeProject();
    expect(exitProject(project, '2022-05-01', ' 与其他项目合并 ').exited).toEqual({
      date: '2022-05-01',
      reason: '与其他项目合并',
    });
    expect(caught(() => exitProject(project, '2022-05-01', '')).code).toBe('BAD_INPUT');
    expect(caught(() => exitProject(project, '2021-12-31', '合并')).code).toBe('BAD_INPUT');
    const left = exitProject(project, '2022-05-01', '合并');
    expect(caught(() => exitProject(left, '2022-06-01', '合并')).code).toBe('CONFLICT');
    expect(caught(() => exitProject(project, '2022-05-01', '')).details).toEqual([
      { path: 'reason', code: 'exit', values: {}, message: '出库须填写日期和原因' },
    ]);
    expect(caught(() => exitProject(left, '2022-06-01', '合并')).message).toBe(
      '该项目已于2022-05-01出库，不能再变更',
    );
  });
});

describe('recordInvestment', () => {
  it("replaces a month's figure and keeps months in order", () => {
    let project = makeProject({ investments: [{ month: '2022-03', amount: 100 }] });
    project = recordInvestment(project, '2022-01', 50);
    project = recordInvestment(project, '2022-03', 120, '2022-04-02');
    expect(project.investments).toEqual([
      { month: '2022-01', amount: 50 },
      { month: '2022-03', amount: 120 },
    ]);
  });
  it('refuses a bad month, a negative or infinite amount, and a month not begun', () => {
    const project = makeProject();
    const cases: [string, number, string | undefined][] = [
      ['2022-3', 1, undefined],
      ['2022-03', -1, undefined],
      ['2022-03', Infinity, undefined],
      ['2022-05', 1, '2022-04-30'],
    ];
    for (const [month, amount, today] of cases)
      expect(caught(() => recordInvestment(project, month, amount, today)).code, `${month} ${amount}`).toBe(
        'BAD_INPUT',
      );
    expect(caught(() => recordInvestment(project, '2022-03', -1)).details[0]).toMatchObject({
      path: 'amount',
      code: 'amount',
      message: '2022-03完成投资应为不小于0的金额（万元）',
    });
    expect(caught(() => recordInvestment(project, '2022-05', 1, '2022-04-30')).message).toBe(
      '2022-05尚未开始，不能填报完成投资',
    );
  });
});

describe('progress reports, targets, aliases, points', () => {
  it('keeps 形象进度 in date order and refuses an empty note', () => {
    let project = makeProject();
    project = addProgressReport(project, { date: '2022-06-30', note: '主体封顶', percent: 60 });
    project = addProgressReport(project, { date: '2022-03-31', note: '桩基完成' });
    expect(project.progress.map((p) => p.date)).toEqual(['2022-03-31', '2022-06-30']);
    expect(caught(() => addProgressReport(project, { date: '2022-07-01', note: ' ' })).code).toBe(
      'BAD_INPUT',
    );
  });
  it("replaces a year's target and keeps one per year", () => {
    let project = makeProject();
    project = setYearTarget(project, { year: 2023, stage: '建成投用', step: '建成投用' });
    project = setYearTarget(project, { year: 2022, stage: '签约', step: '签约落地' });
    project = setYearTarget(project, { year: 2022, stage: '开工', step: '开工建设' });
    expect(project.targets.map((t) => [t.year, t.stage])).toEqual([
      [2022, '开工'],
      [2023, '建成投用'],
    ]);
  });
  it('adds an alias once, never the name itself', () => {
    const project = makeProject({ name: '甲项目', aliases: ['乙'] });
    expect(addAlias(project, ' 丙 ').aliases).toEqual(['乙', '丙']);
    expect(addAlias(project, '乙')).toBe(project);
    expect(addAlias(project, '甲项目')).toBe(project);
  });
  it('tells a point on Earth', () => {
    expect(isGeoPoint({ lng: 116.4, lat: 39.9 })).toBe(true);
    expect(isGeoPoint({ lng: -181, lat: 0 })).toBe(false);
    expect(isGeoPoint({ lng: 0, lat: NaN })).toBe(false);
  });
});
