import { describe, expect, it } from 'vitest';
import {
  deriveItemHealthTrend,
  derivePlanHealthTrend,
  deriveTrendMonths,
  deriveTrendPeriods,
  MAX_TREND_MONTHS,
} from './health-trend.js';
import { deriveReportingPeriods } from './periods.js';
import { derivePlanHealth } from './plan-health.js';
import type { PlanHealthInput } from './plan-health.js';

describe('deriveTrendMonths', () => {
  it('judges each month at its last day, the month holding today at today, and stops there', () => {
    expect(deriveTrendMonths('2022-01', '2022-12', '2022-03-15')).toEqual([
      { month: '2022-01', date: '2022-01-31' },
      { month: '2022-02', date: '2022-02-28' },
      { month: '2022-03', date: '2022-03-15' },
    ]);
    expect(deriveTrendMonths('2022-01', '2022-02', '2022-02-28')).toEqual([
      { month: '2022-01', date: '2022-01-31' },
      { month: '2022-02', date: '2022-02-28' },
    ]);
    expect(deriveTrendMonths('2023-01', '2023-12', '2022-12-31')).toEqual([]);
  });

  it('crosses a year end and leap February', () => {
    expect(deriveTrendMonths('2023-12', '2024-02', '2024-06-01').map((m) => m.date)).toEqual([
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
    ]);
  });

  it('refuses a malformed month, from after to, and more than the cap', () => {
    expect(() => deriveTrendMonths('2022-13', '2022-12', '2022-06-01')).toThrow(/YYYY-MM/);
    expect(() => deriveTrendMonths('2022-05', '2022-04', '2022-06-01')).toThrow(/after/);
    expect(deriveTrendMonths('2021-01', '2022-12', '2023-01-01')).toHaveLength(MAX_TREND_MONTHS);
    expect(() => deriveTrendMonths('2021-01', '2023-01', '2023-06-01')).toThrow(/at most 24 months/);
  });
});

// One chapter, two tasks. Task 10 runs all 2022 and reports 20% as of 01-31, 45% as of 03-31;
// task 11 runs 01-01 → 06-30 (181 days) and reports 10% as of 03-31. Target: 9000 jobs over
// 2022, 3000 approved as of 02-28.
const input: PlanHealthInput = {
  year: 2022,
  outline: [{ id: 1, parentId: null, weight: 1, title: '一、', position: 0 }],
  tasks: [
    { id: 10, outlineNodeId: 1, weight: 1, state: 'in_progress', deadline: '2022-12-31' },
    { id: 11, outlineNodeId: 1, weight: 1, state: 'in_progress', deadline: '2022-06-30' },
  ],
  targets: [
    {
      id: 1,
      comparator: '=',
      value: 9000,
      unit: '人',
      metric: '新增城乡劳动力就业',
      period: '2022',
      direction: null,
      baseline: null,
    },
  ],
  figures: {
    tasks: new Map([
      [
        10,
        [
          { progress: 20, state: 'in_progress' as const, asOf: '2022-01-31' },
          { progress: 45, state: 'in_progress' as const, asOf: '2022-03-31' },
        ],
      ],
      [11, [{ progress: 10, state: 'in_progress' as const, asOf: '2022-03-31' }]],
    ]),
    targets: new Map([[1, [{ value: 3000, asOf: '2022-02-28' }]]]),
  },
};

describe('derivePlanHealthTrend', () => {
  const months = deriveTrendMonths('2022-01', '2022-12', '2022-04-15');
  const trend = derivePlanHealthTrend(input, months);

  it('gives one point per month up to today', () => {
    expect(trend.map((p) => [p.month, p.date])).toEqual([
      ['2022-01', '2022-01-31'],
      ['2022-02', '2022-02-28'],
      ['2022-03', '2022-03-31'],
      ['2022-04', '2022-04-15'],
    ]);
  });

  it('counts the healths and rolls up the plan as computed by hand', () => {
    const [jan, feb, mar] = trend;
    // January: task 10 20% against 100 × 31/365 = 8.49% → on track; task 11 owes a report
    // (31/181 expected) → no data; the target has no figure yet. Only task 10 counts in the plan.
    expect(jan!.counts.tasks).toMatchObject({ on_track: 1, no_data: 1 });
    expect(jan!.counts.targets).toMatchObject({ no_data: 1 });
    expect(jan!.plan).toMatchObject({ health: 'on_track', progress: 20, coverage: 0.5 });
    expect(jan!.plan.expected).toBeCloseTo((100 * 31) / 365, 9);
    // February: 3000 jobs against 9000 × 59/365 = 1454.8 → on track.
    expect(feb!.counts.targets).toMatchObject({ on_track: 1, no_data: 0 });
    // March: task 10 45% against 24.66% → on track; task 11 10% against 49.72% → 0.2 → behind.
    // Plan: (45 + 10)/2 = 27.5 against (24.66 + 49.72)/2 = 37.19 → 0.739 → at risk.
    expect(mar!.counts.tasks).toMatchObject({ on_track: 1, behind: 1, no_data: 0 });
    const expected = ((100 * 90) / 365 + (100 * 90) / 181) / 2;
    expect(mar!.plan).toMatchObject({ health: 'at_risk', progress: 27.5, coverage: 1 });
    expect(mar!.plan.expected).toBeCloseTo(expected, 9);
    expect(mar!.plan.ratio).toBeCloseTo(27.5 / expected, 9);
  });

  it('equals the plan’s health computed at each date on its own', () => {
    for (const point of trend) {
      const alone = derivePlanHealth(input, point.date);
      expect(point.plan).toEqual(alone.outline.get('plan'));
      expect(point.counts).toEqual(alone.counts);
    }
  });
});

describe('deriveItemHealthTrend', () => {
  const periods = deriveTrendPeriods(deriveReportingPeriods(2022), '2022-04-15');

  it('judges the item at each period end, the current period today', () => {
    expect(periods.map((p) => [p.key, p.date])).toEqual([
      ['2022-01', '2022-01-31'],
      ['2022-02', '2022-02-28'],
      ['2022-03', '2022-03-31'],
      ['2022-04', '2022-04-15'],
    ]);
    const points = deriveItemHealthTrend(input, { type: 'task', id: 11 }, periods)!;
    // 10 / (90/181 × 100) = 0.2011 as of 03-31: behind.
    expect(points[2]!.health).toMatchObject({ health: 'behind', actual: 10 });
    expect(points[2]!.health.ratio).toBeCloseTo(10 / ((90 / 181) * 100), 10);
    for (const point of points) {
      const one = derivePlanHealth(input, point.date).tasks.get(11);
      expect(point.health).toEqual(one);
    }
  });

  it('takes quarters when the plan reports quarterly, and targets', () => {
    const quarters = deriveTrendPeriods(
      deriveReportingPeriods(2022, { frequency: 'quarterly' }),
      '2022-04-15',
    );
    expect(quarters.map((p) => [p.key, p.date])).toEqual([
      ['2022-Q1', '2022-03-31'],
      ['2022-Q2', '2022-04-15'],
    ]);
    const points = deriveItemHealthTrend(input, { type: 'target', id: 1 }, quarters)!;
    expect(points.map((p) => p.health.actual)).toEqual([3000, 3000]);
  });

  it('returns undefined for an item the plan does not hold', () => {
    expect(deriveItemHealthTrend(input, { type: 'task', id: 99 }, periods)).toBeUndefined();
    expect(deriveItemHealthTrend(input, { type: 'target', id: 10 }, periods)).toBeUndefined();
  });
});
