import { describe, expect, it } from 'vitest';
import { completedBetween, deriveInvestmentSummary, plannedThrough } from './investment.js';
import { LAMP_WHY_CODES, describeLampWhy } from './lamp-why.js';
import type { LampWhy } from './lamp-why.js';
import {
  DEFAULT_LAMP_RULES,
  deriveFundsLamp,
  deriveLamps,
  derivePaceLamp,
  deriveStartLamp,
  deriveStatsLamp,
} from './lamps.js';
import { DEFAULT_STAGE_MODEL } from './stages.js';
import { makeProject } from './test-fixtures.js';
import type { LibraryProject } from './types.js';

const M = DEFAULT_STAGE_MODEL;

describe('describeLampWhy', () => {
  it('says each code in one English sentence', () => {
    const cases: [LampWhy, string][] = [
      [{ code: 'EXITED', params: { date: '2022-05-01' } }, 'Left the library on 2022-05-01'],
      [{ code: 'NO_PLANNED_START', params: {} }, 'No planned start date'],
      [{ code: 'STARTED', params: { actual: '2022-03-01' } }, 'Started on 2022-03-01'],
      [
        { code: 'STARTED_ON_TIME', params: { planned: '2022-06-30', actual: '2022-06-01' } },
        'Started on 2022-06-01, planned 2022-06-30',
      ],
      [
        { code: 'STARTED_LATE', params: { planned: '2022-06-30', actual: '2022-08-01', days: 32 } },
        'Started on 2022-08-01, 32 days after the planned 2022-06-30',
      ],
      [
        { code: 'START_NOT_DUE', params: { planned: '2022-06-30', days: 90 } },
        'Start planned for 2022-06-30, in 90 days',
      ],
      [
        { code: 'START_DUE_SOON', params: { planned: '2022-06-30', days: 9 } },
        'Start due on 2022-06-30, in 9 days',
      ],
      [
        { code: 'START_OVERDUE', params: { planned: '2022-06-30', days: 12 } },
        'Not started, 12 days past the planned start 2022-06-30',
      ],
      [{ code: 'NO_MILESTONES', params: {} }, 'No milestones planned'],
      [
        { code: 'NO_MILESTONE_DUE', params: { stage: '开工', planned: '2022-06-30' } },
        'Next milestone 开工 on 2022-06-30',
      ],
      [
        { code: 'MILESTONES_MET', params: { due: 2, date: '2022-12-31' } },
        'All 2 milestones due by 2022-12-31 reached',
      ],
      [
        {
          code: 'MILESTONE_LATE',
          params: { stage: '建成投用', planned: '2022-09-30', days: 20, due: 2, reached: 1 },
        },
        '建成投用 planned for 2022-09-30 not reached, 20 days late (1 of 2 due reached)',
      ],
      [{ code: 'NO_ANNUAL_PLAN', params: { year: 2022 } }, 'No investment plan for 2022'],
      [
        { code: 'FUNDS_NOTHING_DUE', params: { date: '2022-01-15' } },
        'No month of the year has ended by 2022-01-15',
      ],
      [
        {
          code: 'FUNDS_VS_PLAN',
          params: { completed: 7500, expected: 10000, planned: 24000, through: '2022-05', ratio: 0.75 },
        },
        '7500 completed against 10000 planned through 2022-05 (of 24000 for the year): 75%',
      ],
      [
        { code: 'STATS_NOT_REQUIRED', params: { threshold: 500 } },
        'Total investment below 500: no statistical registration required',
      ],
      [{ code: 'STATS_NOT_YET', params: {} }, 'Not started: nothing to register yet'],
      [{ code: 'REGISTERED', params: { date: '2022-09-20' } }, 'Registered in statistics on 2022-09-20'],
      [
        { code: 'REGISTRATION_DUE', params: { started: '2022-08-01', due: '2022-09-30' } },
        'Started on 2022-08-01; registration due by 2022-09-30',
      ],
      [
        { code: 'NOT_REGISTERED', params: { started: '2022-08-01', due: '2022-09-30' } },
        'Started on 2022-08-01 and not registered by 2022-09-30',
      ],
    ];
    expect(cases.map(([why]) => why.code)).toEqual(LAMP_WHY_CODES);
    for (const [why, sentence] of cases) expect(describeLampWhy(why)).toBe(sentence);
  });
});

const signed = (extra: Partial<LibraryProject> = {}) =>
  makeProject({
    history: [{ stage: '入库', date: '2022-02-01' }],
    milestones: [{ stage: '开工', planned: '2022-06-30' }],
    ...extra,
  });
const started = (on: string, extra: Partial<LibraryProject> = {}) =>
  signed({
    history: [
      { stage: '入库', date: '2022-02-01' },
      { stage: '开工', date: on },
    ],
    ...extra,
  });

describe('deriveStartLamp', () => {
  it('colours the start against its planned day', () => {
    const cases: [string, LibraryProject, string, string, string][] = [
      ['far from the planned start', signed(), '2022-04-01', 'green', 'START_NOT_DUE'],
      ['30 days before it', signed(), '2022-05-31', 'yellow', 'START_DUE_SOON'],
      ['on the day', signed(), '2022-06-30', 'yellow', 'START_DUE_SOON'],
      ['a day after', signed(), '2022-07-01', 'red', 'START_OVERDUE'],
      ['started on time', started('2022-06-30'), '2022-07-01', 'green', 'STARTED_ON_TIME'],
      ['started late', started('2022-08-01'), '2022-08-15', 'yellow', 'STARTED_LATE'],
      ['started after the day asked about', started('2022-08-01'), '2022-07-15', 'red', 'START_OVERDUE'],
      ['no plan, not started', signed({ milestones: [] }), '2022-07-01', 'grey', 'NO_PLANNED_START'],
      ['no plan, started', started('2022-03-01', { milestones: [] }), '2022-07-01', 'green', 'STARTED'],
      [
        'left the library',
        signed({ exited: { date: '2022-05-01', reason: '合并' } }),
        '2022-07-01',
        'grey',
        'EXITED',
      ],
    ];
    for (const [what, project, date, color, code] of cases) {
      const lamp = deriveStartLamp(project, M, date);
      expect([lamp.color, lamp.why.code], what).toEqual([color, code]);
      expect(lamp.reason, what).toBe(describeLampWhy(lamp.why));
    }
    expect(deriveStartLamp(signed(), M, '2022-07-12').why).toEqual({
      code: 'START_OVERDUE',
      params: { planned: '2022-06-30', days: 12 },
    });
  });
});

describe('derivePaceLamp', () => {
  const project = started('2022-06-15', {
    milestones: [
      { stage: '开工', planned: '2022-06-30' },
      { stage: '建设', planned: '2022-08-31' },
      { stage: '建成投用', planned: '2023-12-31' },
    ],
  });
  it('compares the stages reached with the milestones due', () => {
    const cases: [string, LibraryProject, string, string, string][] = [
      ['no milestones', started('2022-06-15', { milestones: [] }), '2022-09-01', 'grey', 'NO_MILESTONES'],
      ['none due yet', project, '2022-06-01', 'green', 'NO_MILESTONE_DUE'],
      ['the due one reached', project, '2022-07-01', 'green', 'MILESTONES_MET'],
      ['建设 missed by 30 days', project, '2022-09-30', 'yellow', 'MILESTONE_LATE'],
      ['建设 missed by 31 days', project, '2022-10-01', 'red', 'MILESTONE_LATE'],
    ];
    for (const [what, p, date, color, code] of cases) {
      const lamp = derivePaceLamp(p, M, date);
      expect([lamp.color, lamp.why.code], what).toEqual([color, code]);
    }
    expect(derivePaceLamp(project, M, '2022-10-01').why.params).toEqual({
      stage: '建设',
      planned: '2022-08-31',
      days: 31,
      due: 2,
      reached: 1,
    });
    expect(derivePaceLamp(project, M, '2022-10-01', { ...DEFAULT_LAMP_RULES, paceGraceDays: 60 }).color).toBe(
      'yellow',
    );
  });
});

describe('deriveFundsLamp and the investment figures', () => {
  const project = makeProject({
    annualPlans: [{ year: 2022, planned: 12_000 }],
    investments: [
      { month: '2021-12', amount: 999 },
      { month: '2022-01', amount: 1000 },
      { month: '2022-02', amount: 1000 },
      { month: '2022-03', amount: 400 },
      { month: '2022-04', amount: 300 },
    ],
    totalInvestment: 50_000,
  });
  it('counts completed months against the plan share for them', () => {
    const cases: [string, LibraryProject, string, string, string, number | undefined][] = [
      ['no plan for the year', project, '2023-03-01', 'grey', 'NO_ANNUAL_PLAN', undefined],
      ['no month ended', project, '2022-01-30', 'green', 'FUNDS_NOTHING_DUE', undefined],
      ['January ends on its last day', project, '2022-01-31', 'green', 'FUNDS_VS_PLAN', 1],
      ['two months: 2000 of 2000', project, '2022-03-15', 'green', 'FUNDS_VS_PLAN', 1],
      ['three months: 2400 of 3000', project, '2022-04-10', 'yellow', 'FUNDS_VS_PLAN', 0.8],
      ['four months: 2700 of 4000', project, '2022-05-02', 'red', 'FUNDS_VS_PLAN', 0.675],
      [
        'a monthly spread',
        {
          ...project,
          annualPlans: [
            { year: 2022, planned: 12_000, monthly: [1000, 1000, 500, 500, ...Array<number>(8).fill(1125)] },
          ],
        },
        '2022-05-02',
        'green',
        'FUNDS_VS_PLAN',
        0.9,
      ],
    ];
    for (const [what, p, date, color, code, ratio] of cases) {
      const lamp = deriveFundsLamp(p, date);
      expect([lamp.color, lamp.why.code], what).toEqual([color, code]);
      if (ratio !== undefined && lamp.why.code === 'FUNDS_VS_PLAN')
        expect(lamp.why.params.ratio, what).toBeCloseTo(ratio, 5);
    }
  });
  it('sums completed, planned and summary figures in 万元', () => {
    expect(completedBetween(project, '2022-01', '2022-03')).toBe(2400);
    expect(plannedThrough({ year: 2022, planned: 12_000 }, 5)).toBe(5000);
    expect(
      plannedThrough({ year: 2022, planned: 1200, monthly: [100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1100] }, 11),
    ).toBe(100);
    expect(deriveInvestmentSummary(project, '2022-03-31')).toEqual({
      total: 50_000,
      year: 2022,
      yearPlanned: 12_000,
      yearCompleted: 2400,
      completedToDate: 3399,
      yearShare: 0.2,
      totalShare: 3399 / 50_000,
    });
  });
});

describe('deriveStatsLamp', () => {
  it('asks for 入统 after the start of a project above the threshold', () => {
    const cases: [string, LibraryProject, string, string, string][] = [
      [
        'registered',
        started('2022-08-01', { statsRegisteredOn: '2022-09-20' }),
        '2022-10-01',
        'green',
        'REGISTERED',
      ],
      [
        'registered after the day',
        started('2022-08-01', { statsRegisteredOn: '2022-09-20' }),
        '2022-09-10',
        'yellow',
        'REGISTRATION_DUE',
      ],
      [
        'below 500 万元',
        started('2022-08-01', { totalInvestment: 499 }),
        '2022-12-01',
        'grey',
        'STATS_NOT_REQUIRED',
      ],
      [
        'total unknown',
        started('2022-08-01', { totalInvestment: null }),
        '2022-12-01',
        'grey',
        'STATS_NOT_REQUIRED',
      ],
      ['not started', signed(), '2022-12-01', 'grey', 'STATS_NOT_YET'],
      ['due to the end of the next month', started('2022-08-01'), '2022-09-30', 'yellow', 'REGISTRATION_DUE'],
      ['past it', started('2022-08-01'), '2022-10-01', 'red', 'NOT_REGISTERED'],
      [
        'a December start, due end of January',
        started('2022-12-15'),
        '2023-01-31',
        'yellow',
        'REGISTRATION_DUE',
      ],
    ];
    for (const [what, project, date, color, code] of cases) {
      const lamp = deriveStatsLamp(project, M, date);
      expect([lamp.color, lamp.why.code], what).toEqual([color, code]);
    }
    expect(deriveStatsLamp(started('2022-12-15'), M, '2023-02-01').why.params).toEqual({
      started: '2022-12-15',
      due: '2023-01-31',
    });
  });
});

describe('deriveLamps', () => {
  it('gives the four lamps and the worst of them', () => {
    const lamps = deriveLamps(
      started('2022-08-01', { annualPlans: [{ year: 2022, planned: 1200 }] }),
      M,
      '2022-10-01',
    );
    expect([lamps.start.color, lamps.pace.color, lamps.funds.color, lamps.stats.color]).toEqual([
      'yellow', // started a month late
      'green', // its one milestone (开工) reached, late
      'red', // nothing completed of 900 due
      'red', // 入统 was due by 2022-09-30
    ]);
    expect(lamps.overall).toBe('red');
    const quiet = deriveLamps(makeProject({ totalInvestment: null }), M, '2022-10-01');
    expect(quiet.overall).toBe('grey');
  });
});
