import { describe, expect, it } from 'vitest';
import type { TargetLike } from './expected.js';
import {
  deriveExpectedProgress,
  deriveHealthFromRatio,
  deriveProjectListHealth,
  deriveTargetHealth,
  deriveTaskHealth,
  hasReachedStage,
  parseProjectStage,
} from './health.js';
import type { TaskSchedule } from './health.js';
import { resolveHealthConfig } from './thresholds.js';
import type { Project } from './types.js';

const jobs: TargetLike = {
  comparator: '=',
  value: 9000,
  unit: '人',
  metric: '新增城乡劳动力就业',
  period: '2022',
  direction: null,
  baseline: null,
};
const gdp: TargetLike = { ...jobs, comparator: '~', value: 6.5, unit: '%', metric: '地区生产总值增长' };
const unemployment: TargetLike = { ...jobs, comparator: '<=', value: 5, unit: '%', metric: '城镇调查失业率' };
const halfYear = (9000 * 181) / 365; // expected jobs by 2022-06-30

describe('deriveHealthFromRatio', () => {
  it('colours by the default thresholds 0.9 and 0.7, bounds inclusive', () => {
    expect(deriveHealthFromRatio(0.9)).toBe('on_track');
    expect(deriveHealthFromRatio(0.8999)).toBe('at_risk');
    expect(deriveHealthFromRatio(0.7)).toBe('at_risk');
    expect(deriveHealthFromRatio(0.6999)).toBe('behind');
  });
});

describe('deriveTargetHealth', () => {
  it('judges a flow against its linear expectation at the figure’s date', () => {
    const at = (value: number) => deriveTargetHealth(jobs, [{ value, asOf: '2022-06-30' }], '2022-07-10');
    const r = at(4000);
    expect(r.health).toBe('at_risk');
    expect(r.ratio).toBeCloseTo(4000 / halfYear, 12);
    expect(r.expected).toBeCloseTo(halfYear, 9);
    expect(r.comparedAt).toBe('2022-06-30');
    expect(at(3000).health).toBe('behind');
    expect(at(4500).health).toBe('on_track');
  });

  it('uses the latest figure approved by the date and ignores later ones', () => {
    const observations = [
      { value: 2000, asOf: '2022-03-31' },
      { value: 4000, asOf: '2022-06-30' },
    ];
    expect(deriveTargetHealth(jobs, observations, '2022-06-15').actual).toBe(2000);
    expect(deriveTargetHealth(jobs, [{ value: 4000, asOf: '2022-06-30' }], '2022-06-15').health).toBe(
      'no_data',
    );
  });

  it('says not_started before the span and no_data without a figure', () => {
    expect(deriveTargetHealth(jobs, [], '2021-12-01').health).toBe('not_started');
    const r = deriveTargetHealth(jobs, [], '2022-03-01');
    expect(r.health).toBe('no_data');
    expect(r.expected).toBeCloseTo((9000 * 60) / 365, 9);
  });

  it('judges a stale figure against today’s expectation', () => {
    const fresh = deriveTargetHealth(jobs, [{ value: 4000, asOf: '2022-03-31' }], '2022-04-20');
    expect(fresh).toMatchObject({ health: 'on_track', stale: false, comparedAt: '2022-03-31' });
    expect(fresh.ratio).toBeCloseTo(4000 / ((9000 * 90) / 365), 12);
    const stale = deriveTargetHealth(jobs, [{ value: 4000, asOf: '2022-03-31' }], '2022-06-30');
    expect(stale).toMatchObject({ health: 'at_risk', stale: true, comparedAt: '2022-06-30' });
  });

  it('marks a flow done as soon as it is reached, and behind when the year ends short', () => {
    expect(deriveTargetHealth(jobs, [{ value: 9000, asOf: '2022-10-31' }], '2022-11-05').health).toBe('done');
    expect(deriveTargetHealth(jobs, [{ value: 8500, asOf: '2022-12-31' }], '2023-01-10').health).toBe(
      'behind',
    );
  });

  it('compares a growth rate with the rate itself all year', () => {
    const at = (value: number, asOf = '2022-06-30', date = '2022-07-10') =>
      deriveTargetHealth(gdp, [{ value, asOf }], date);
    expect(at(6.0).ratio).toBeCloseTo(1 - 0.5 / 6.5, 12);
    expect(at(6.0).health).toBe('on_track');
    expect(at(5.5).health).toBe('at_risk');
    expect(at(4.0).health).toBe('behind');
    expect(at(7.0).health).toBe('on_track');
    expect(at(6.6, '2022-12-31', '2023-01-20').health).toBe('done');
  });

  it('does not call a cap done before the year ends', () => {
    expect(deriveTargetHealth(unemployment, [{ value: 4.5, asOf: '2022-06-30' }], '2022-07-01').health).toBe(
      'on_track',
    );
    expect(deriveTargetHealth(unemployment, [{ value: 5.4, asOf: '2022-12-31' }], '2023-01-01').health).toBe(
      'behind',
    );
  });

  it('applies a plan’s own thresholds', () => {
    const config = resolveHealthConfig({ thresholds: { atRisk: 0.95 } });
    const r = deriveTargetHealth(gdp, [{ value: 6.0, asOf: '2022-06-30' }], '2022-07-10', { config });
    expect(r.health).toBe('at_risk');
  });
});

describe('deriveExpectedProgress', () => {
  const year: TaskSchedule = { start: '2022-01-01', deadline: '2022-12-31' };

  it('is the elapsed share of the time from start to deadline', () => {
    expect(deriveExpectedProgress(year, '2022-06-30')).toBeCloseTo((100 * 181) / 365, 9);
    expect(deriveExpectedProgress(year, '2022-12-31')).toBe(100);
  });

  it('steps through milestones when set', () => {
    const stepped = {
      ...year,
      milestones: [
        { date: '2022-03-31', progress: 20 },
        { date: '2022-06-30', progress: 50 },
      ],
    };
    expect(deriveExpectedProgress(stepped, '2022-03-30')).toBe(0);
    expect(deriveExpectedProgress(stepped, '2022-05-01')).toBe(20);
    expect(deriveExpectedProgress(stepped, '2022-07-01')).toBe(50);
  });
});

describe('deriveTaskHealth', () => {
  const year: TaskSchedule = { start: '2022-01-01', deadline: '2022-12-31' };
  const report = (progress: number, asOf: string) => ({ progress, asOf, state: 'in_progress' as const });

  it('compares approved progress with 序时进度 at the report’s date', () => {
    const r = deriveTaskHealth(
      { state: 'in_progress', observations: [report(40, '2022-06-30')] },
      year,
      '2022-07-03',
    );
    expect(r.health).toBe('at_risk');
    expect(r.ratio).toBeCloseTo(40 / ((100 * 181) / 365), 12);
  });

  it('is done when closed or reported done', () => {
    expect(deriveTaskHealth({ state: 'closed', observations: [] }, year, '2022-05-01').health).toBe('done');
    const done = [{ progress: 100, asOf: '2022-05-31', state: 'done' as const }];
    expect(deriveTaskHealth({ state: 'done', observations: done }, year, '2022-06-01').health).toBe('done');
  });

  it('says no_data when progress was expected and nothing approved, not_started before its start', () => {
    const r = deriveTaskHealth({ state: 'not_started', observations: [] }, year, '2022-02-01');
    expect(r.health).toBe('no_data');
    expect(r.expected).toBeCloseTo((100 * 32) / 365, 9);
    expect(deriveTaskHealth({ state: 'not_started', observations: [] }, year, '2021-12-20').health).toBe(
      'not_started',
    );
  });

  it('is behind after the deadline unless done', () => {
    const r = deriveTaskHealth(
      { state: 'in_progress', observations: [report(80, '2022-12-31')] },
      year,
      '2023-01-05',
    );
    expect(r.health).toBe('behind');
  });

  it('follows the milestone schedule', () => {
    const stepped = {
      ...year,
      milestones: [
        { date: '2022-03-31', progress: 20 },
        { date: '2022-06-30', progress: 50 },
      ],
    };
    const at = (progress: number) =>
      deriveTaskHealth(
        { state: 'in_progress', observations: [report(progress, '2022-06-30')] },
        stepped,
        '2022-07-02',
      );
    expect(at(50).health).toBe('on_track');
    expect(at(30).health).toBe('behind');
    const early = [{ progress: 0, asOf: '2022-01-31', state: 'not_started' as const }];
    expect(
      deriveTaskHealth({ state: 'not_started', observations: early }, stepped, '2022-02-03').health,
    ).toBe('not_started');
  });

  it('refuses a deadline before the start', () => {
    expect(() =>
      deriveTaskHealth(
        { state: 'not_started', observations: [] },
        { start: '2022-05-01', deadline: '2022-04-01' },
        '2022-04-02',
      ),
    ).toThrow(/before start/);
  });
});

describe('parseProjectStage', () => {
  it('maps the promised step to the pipeline', () => {
    expect(parseProjectStage('签约落地')).toBe('签约');
    expect(parseProjectStage('开工建设')).toBe('开工');
    expect(parseProjectStage('开复工')).toBe('开工');
    expect(parseProjectStage('建成投用')).toBe('建成投用');
    expect(parseProjectStage('竣工开学')).toBe('建成投用');
    expect(parseProjectStage('建设')).toBeUndefined();
  });
});

describe('hasReachedStage', () => {
  it('reads stage dates, later stages implying earlier ones, else the current stage', () => {
    const p: Pick<Project, 'currentStage' | 'stageDates'> = {
      currentStage: '开工',
      stageDates: { 签约: '2022-03-01', 开工: '2022-08-01' },
    };
    expect(hasReachedStage(p, '签约', '2022-06-30')).toBe(true);
    expect(hasReachedStage(p, '开工', '2022-06-30')).toBe(false);
    expect(hasReachedStage(p, '开工', '2022-08-01')).toBe(true);
    expect(
      hasReachedStage({ currentStage: '开工', stageDates: { 开工: '2022-05-01' } }, '签约', '2022-05-01'),
    ).toBe(true);
    expect(hasReachedStage({ currentStage: '建成投用', stageDates: {} }, '签约', '2022-01-01')).toBe(true);
    expect(hasReachedStage({ currentStage: '储备', stageDates: {} }, '签约', '2022-12-31')).toBe(false);
  });
});

describe('deriveProjectListHealth', () => {
  const schedule = { start: '2022-01-01', deadline: '2022-12-31' };
  const signed = (n: number, date: string) =>
    Array.from({ length: n }, () => ({ currentStage: '签约' as const, stageDates: { 签约: date } }));
  const waiting = (n: number) =>
    Array.from({ length: n }, () => ({ currentStage: '储备' as const, stageDates: {} }));

  it('counts projects at the promised stage against the promised count by the date', () => {
    const projects = [...signed(12, '2022-05-20'), ...waiting(28)];
    const r = deriveProjectListHealth({ stage: '签约落地', count: 40 }, projects, schedule, '2022-06-30');
    expect(r.reached).toBe(12);
    expect(r.expected).toBeCloseTo((40 * 181) / 365, 9);
    expect(r.ratio).toBeCloseTo(12 / ((40 * 181) / 365), 12);
    expect(r.health).toBe('behind');
  });

  it('is done when the count is reached, and uses the list size when no count is given', () => {
    const r = deriveProjectListHealth(
      { stage: '签约落地', count: null },
      signed(3, '2022-04-01'),
      schedule,
      '2022-04-02',
    );
    expect(r).toMatchObject({ health: 'done', promised: 3, reached: 3 });
  });

  it('follows count milestones', () => {
    const projects = [...signed(10, '2022-06-01'), ...waiting(30)];
    const stepped = { ...schedule, milestones: [{ date: '2022-06-30', count: 10 }] };
    expect(
      deriveProjectListHealth({ stage: '签约', count: 40 }, projects, stepped, '2022-07-01').health,
    ).toBe('on_track');
  });

  it('refuses a stage outside the pipeline', () => {
    expect(() => deriveProjectListHealth({ stage: '建设', count: 3 }, [], schedule, '2022-07-01')).toThrow(
      /stage/,
    );
  });
});

describe('why a health is what it is', () => {
  const year: TaskSchedule = { start: '2022-01-01', deadline: '2022-12-31' };
  const task = (state: 'in_progress' | 'closed' | 'not_started', progress?: number, asOf = '2022-06-30') => ({
    state,
    observations:
      progress === undefined ? [] : [{ progress, asOf, state: progress >= 100 ? ('done' as const) : state }],
  });
  const whyOf = (r: { why: unknown; reason: string }) => r.why;

  it('gives every task outcome a code with its figures, and the reason says the same', () => {
    const onTime = deriveTaskHealth(task('in_progress', 40), year, '2022-07-03');
    expect(onTime.why).toEqual({
      code: 'PROGRESS_VS_EXPECTED',
      params: {
        progress: 40,
        expected: expect.closeTo((100 * 181) / 365, 9),
        date: '2022-06-30',
        ratio: onTime.ratio,
        stale: false,
      },
    });
    expect(onTime.reason).toBe('40% against 49.59% expected by 2022-06-30: 80.7% of 序时进度');
    const stale = deriveTaskHealth(task('in_progress', 40, '2022-03-31'), year, '2022-06-30');
    expect(stale.why).toMatchObject({
      code: 'PROGRESS_VS_EXPECTED',
      params: { date: '2022-06-30', stale: true },
    });
    expect(stale.reason).toMatch(/; the report is stale$/);
    expect(whyOf(deriveTaskHealth(task('closed'), year, '2022-05-01'))).toEqual({
      code: 'CLOSED',
      params: {},
    });
    expect(whyOf(deriveTaskHealth(task('in_progress', 100, '2022-05-31'), year, '2022-06-01'))).toEqual({
      code: 'REPORTED_DONE',
      params: { date: '2022-05-31' },
    });
    expect(whyOf(deriveTaskHealth(task('not_started'), year, '2021-12-20'))).toEqual({
      code: 'STARTS_LATER',
      params: { date: '2022-01-01' },
    });
    const missing = deriveTaskHealth(task('not_started'), year, '2022-02-01');
    expect(missing.why).toEqual({
      code: 'NO_REPORT_YET',
      params: { date: '2022-02-01', expected: expect.closeTo((100 * 32) / 365, 9) },
    });
    expect(missing.reason).toBe('No approved report by 2022-02-01; 8.77% was expected');
    const late = deriveTaskHealth(task('in_progress', 80, '2022-12-31'), year, '2023-01-05');
    expect(late.why).toEqual({ code: 'PAST_DEADLINE', params: { deadline: '2022-12-31', progress: 80 } });
    expect(late.reason).toBe('Past its deadline 2022-12-31 at 80%');
    const stepped = { ...year, milestones: [{ date: '2022-06-30', progress: 50 }] };
    expect(whyOf(deriveTaskHealth(task('not_started'), stepped, '2022-02-03'))).toEqual({
      code: 'NOTHING_DUE',
      params: { date: '2022-02-03' },
    });
  });

  it('gives every target outcome a code with the promise and figures', () => {
    const firms: TargetLike = { ...jobs, comparator: '>', value: 1.2, unit: '万户', metric: '新增市场主体' };
    expect(whyOf(deriveTargetHealth(jobs, [], '2021-12-01'))).toEqual({
      code: 'STARTS_LATER',
      params: { date: '2022-01-01' },
    });
    expect(whyOf(deriveTargetHealth(jobs, [], '2022-03-01'))).toEqual({
      code: 'NO_FIGURE_YET',
      params: { date: '2022-03-01' },
    });
    const ratio = deriveTargetHealth(jobs, [{ value: 4000, asOf: '2022-06-30' }], '2022-07-10');
    expect(ratio.why).toEqual({
      code: 'RATIO_VS_EXPECTED',
      params: {
        actual: 4000,
        expected: expect.closeTo(halfYear, 9),
        unit: '人',
        date: '2022-06-30',
        ratio: ratio.ratio,
        method: 'linear',
        stale: false,
      },
    });
    expect(ratio.reason).toBe('4000 against 4463.01 expected by 2022-06-30 (linear): 89.6% of expected');
    const done = deriveTargetHealth(firms, [{ value: 1.3, asOf: '2022-10-31' }], '2022-11-05');
    expect(done.why).toEqual({
      code: 'TARGET_ACHIEVED',
      params: { comparator: '>', value: 1.2, unit: '万户', actual: 1.3 },
    });
    expect(done.reason).toBe('1.3 achieves > 1.2万户');
    const missed = deriveTargetHealth(firms, [{ value: 1.1, asOf: '2022-12-31' }], '2023-01-10');
    expect(missed.why).toEqual({
      code: 'SPAN_ENDED_MISSED',
      params: { comparator: '>', value: 1.2, unit: '万户', actual: 1.1, end: '2022-12-31' },
    });
    expect(missed.reason).toBe('The span ended on 2022-12-31 and 1.1 misses > 1.2万户');
  });

  it('gives every project list outcome a code with the stage and counts', () => {
    const schedule = { start: '2022-01-01', deadline: '2022-12-31' };
    const signed = (n: number) =>
      Array.from({ length: n }, () => ({
        currentStage: '签约' as const,
        stageDates: { 签约: '2022-05-20' },
      }));
    const waiting = (n: number) =>
      Array.from({ length: n }, () => ({ currentStage: '储备' as const, stageDates: {} }));
    const list = { stage: '签约落地', count: 40 };
    const counted = deriveProjectListHealth(list, [...signed(12), ...waiting(28)], schedule, '2022-06-30');
    expect(counted.why).toEqual({
      code: 'PROJECT_STAGE_COUNT',
      params: {
        reached: 12,
        stage: '签约',
        expected: expect.closeTo((40 * 181) / 365, 9),
        date: '2022-06-30',
        ratio: counted.ratio,
      },
    });
    expect(counted.reason).toBe('12 at 签约 against 19.84 expected by 2022-06-30: 60.5%');
    expect(whyOf(deriveProjectListHealth(list, signed(40), schedule, '2022-06-30'))).toEqual({
      code: 'STAGE_REACHED',
      params: { reached: 40, promised: 40, stage: '签约' },
    });
    expect(whyOf(deriveProjectListHealth(list, waiting(40), schedule, '2021-12-01'))).toEqual({
      code: 'STARTS_LATER',
      params: { date: '2022-01-01' },
    });
    expect(
      whyOf(deriveProjectListHealth({ stage: '开工', count: null }, [], schedule, '2022-06-30')),
    ).toEqual({
      code: 'NO_COUNT_PROMISED',
      params: {},
    });
    expect(whyOf(deriveProjectListHealth(list, signed(30), schedule, '2023-01-02'))).toEqual({
      code: 'STAGE_PAST_DEADLINE',
      params: { deadline: '2022-12-31', reached: 30, promised: 40, stage: '签约' },
    });
    const stepped = { ...schedule, milestones: [{ date: '2022-06-30', count: 10 }] };
    expect(whyOf(deriveProjectListHealth(list, waiting(40), stepped, '2022-03-01'))).toEqual({
      code: 'NOTHING_DUE',
      params: { date: '2022-03-01' },
    });
  });
});
