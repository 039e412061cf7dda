import { describe, expect, it } from 'vitest';
import type { ItemHealthTrendPoint } from '../api/tracking';
import { deriveItemChartPoints } from './item-trend';

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
