/**
 * The points of an item's chart (reported figures against the expected line, item-tracking.tsx)
 * from GET /health/trend/:item.
 */
import type { ItemHealthTrend } from '../api/tracking';

/** One point of the chart: the period as offices write it, the figure reported, the expected. */
export interface ItemChartPoint {
  period: string;
  /** The figure reported for this period (approved); null when none was. */
  actual: number | null;
  /** What was expected of the figure the item was judged on at the period's end. */
  expected: number | null;
}

/**
 * The periods that have ended, each with the figure reported for it and what was expected.
 * Health carries the latest figure forward (`comparedAt` is that figure's date), so a figure
 * dated before the period's start belongs to an earlier period: the point shows none, and the
 * line bridges the gap (as when it was read from the period's own report). The period holding
 * today is left out: its report is not due yet.
 * @example
 * deriveItemChartPoints(trend) // [{ period: '2022年3月', actual: 40, expected: 49.72 }, …]
 */
export function deriveItemChartPoints(trend: Pick<ItemHealthTrend, 'items'>): ItemChartPoint[] {
  return trend.items
    .filter((p) => p.asOf === p.period.end)
    .map((p) => ({
      period: p.period.label,
      actual:
        p.comparedAt !== null && p.comparedAt >= p.period.start && p.comparedAt <= p.period.end
          ? p.actual
          : null,
      expected: p.expected,
    }));
}
