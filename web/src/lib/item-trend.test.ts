import { describe, expect, it } from 'vitest';
import type { ItemHealthTrendPoint } from '../api/tracking';
import { deriveItemChart, deriveItemChartPoints, periodEndOf } from './item-trend';

function point(
  key: string,
  start: string,
  end: string,
  asOf: string,
  figure: { actual: number | null; expected: number | null; comparedAt: string | null },
): ItemHealthTrendPoint {
  return {
    period: { key, label: `${key}期`, start, end },
    asOf,
    health: figure.actual === null ? 'no_data' : 'at_risk',
    color: 'grey',
    label: '',
    ratio: null,
    stale: false,
    why: { code: 'NO_FIGURE_YET', params: { date: asOf } },
    reason: '',
    ...figure,
  };
}

describe('deriveItemChartPoints', () => {
  // As GET /health/trend/task:A answers on 2022-04-15 after a March report of 40% (49.72% expected).
  const items = [
    point('2022-01', '2022-01-01', '2022-01-31', '2022-01-31', {
      actual: null,
      expected: 17.13,
      comparedAt: null,
    }),
    point('2022-02', '2022-02-01', '2022-02-28', '2022-02-28', {
      actual: 20,
      expected: 32.6,
      comparedAt: '2022-02-28',
    }),
    point('2022-03', '2022-03-01', '2022-03-31', '2022-03-31', {
      actual: 20,
      expected: 32.6,
      comparedAt: '2022-02-28',
    }),
    point('2022-04', '2022-04-01', '2022-04-30', '2022-04-15', {
      actual: 40,
      expected: 49.72,
      comparedAt: '2022-03-31',
    }),
  ];

  it('keeps the ended periods, labelled as offices write them', () => {
    expect(deriveItemChartPoints({ items }).map((p) => p.period)).toEqual([
      '2022-01期',
      '2022-02期',
      '2022-03期',
    ]);
  });

  it('shows a figure only in the period it was reported for, with what was expected', () => {
    expect(deriveItemChartPoints({ items })).toEqual([
      { period: '2022-01期', actual: null, expected: 17.13 },
      { period: '2022-02期', actual: 20, expected: 32.6 },
      // February's figure carried forward by health: no March figure to draw.
      { period: '2022-03期', actual: null, expected: 32.6 },
    ]);
  });

  it('draws nothing before the first period ends', () => {
    expect(deriveItemChartPoints({ items: items.slice(3) })).toEqual([]);
  });
});

describe('deriveItemChart', () => {
  const year = (key: string, actual: number | null, expected: number, comparedAt: string | null) => {
    const end = new Date(Date.UTC(2022, Number(key.slice(5)), 0)).toISOString().slice(0, 10);
    return point(key, `${key}-01`, end, end, { actual, expected, comparedAt });
  };
  const months = [year('2022-11', 50, 60, '2022-11-30'), year('2022-12', 75, 70, '2022-12-31')];

  it('carries the expected line on to the goal at a deadline after the last period', () => {
    const chart = deriveItemChart({ items: months }, { deadline: '2027-06-30', goal: 100 });
    expect(chart.trajectory).toEqual([
      ['2022-12-31', 70],
      ['2027-06-30', 100],
    ]);
    // the axis reaches the deadline, not only the plan's last month
    expect(chart.from).toBe('2022-11-01');
    expect(chart.to).toBe('2027-06-30');
  });

  it('draws no extra line when the deadline falls within the periods drawn', () => {
    const chart = deriveItemChart({ items: months }, { deadline: '2022-12-31', goal: 100 });
    expect(chart.trajectory).toEqual([]);
    expect(chart.to).toBe('2022-12-31');
  });

  it('keeps the deadline an approved 延期 replaced, so both are marked', () => {
    const chart = deriveItemChart(
      { items: months },
      { deadline: '2023-06-30', originalDeadline: '2022-12-31', goal: 100 },
    );
    expect(chart.originalDeadline).toBe('2022-12-31');
    expect(chart.deadline).toBe('2023-06-30');
    expect(
      deriveItemChart(
        { items: months },
        { deadline: '2023-06-30', originalDeadline: '2023-06-30', goal: 100 },
      ).originalDeadline,
    ).toBeNull();
  });

  it("shows a closed task's figures, which health compares at no date", () => {
    const closed = { ...year('2022-12', 100, 0, null), expected: null, health: 'done' as const };
    expect(deriveItemChart({ items: [closed] }, { deadline: null, goal: 100 }).data).toEqual([
      { date: '2022-12-31', period: '2022-12期', actual: 100, expected: null },
    ]);
  });

  it('reads the end of a period written as years', () => {
    expect(periodEndOf('2022-2026')).toBe('2026-12-31');
    expect(periodEndOf('2022年')).toBe('2022-12-31');
    expect(periodEndOf('十四五期间')).toBeNull();
  });
});
