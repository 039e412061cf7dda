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

/** A point of the chart on a time axis: the period's last day and its figures. */
export interface ItemChartDatum {
  date: string;
  period: string;
  actual: number | null;
  expected: number | null;
}

/** What the item's chart draws: figures by date, and the line on to the deadline. */
export interface ItemChart {
  data: ItemChartDatum[];
  /**
   * The expected line carried on from the last period drawn to the deadline in force, where it
   * reaches the goal (100% for a task, the promised value for a target); empty when the
   * deadline falls within the periods drawn, or there is none.
   */
  trajectory: [string, number][];
  /** The deadline in force, and the one it replaced after an approved 延期 (else null). */
  deadline: string | null;
  originalDeadline: string | null;
  /** Where the time axis starts and ends: from the first period to the later of the last period and the deadline. */
  from: string | undefined;
  to: string | undefined;
}

/** The last day of a period written as years ("2022", "2022-2026"): its last year's 31 December. */
export function periodEndOf(period: string): string | null {
  const match = /(\d{4})\s*年?\s*$/.exec(period.trim());
  return match ? `${match[1]}-12-31` : null;
}

/**
 * The item's chart on a time axis that reaches its deadline: a 2026 deadline is drawn in 2026,
 * not cut off at the plan's last month. Besides the figures of the ended periods
 * (deriveItemChartPoints), the expected line goes on to the goal at the deadline. A task closed
 * (销号) shows the figures it was closed with, whatever date health compared them at.
 * @example
 * deriveItemChart(trend, { deadline: '2027-06-30', goal: 100 }).trajectory // [['2022-12-31', 75], ['2027-06-30', 100]]
 */
export function deriveItemChart(
  trend: Pick<ItemHealthTrend, 'items'>,
  options: { deadline: string | null; originalDeadline?: string | null; goal: number | null },
): ItemChart {
  const ended = trend.items.filter((p) => p.asOf === p.period.end);
  const data = ended.map((p) => ({
    date: p.period.end,
    period: p.period.label,
    actual:
      p.comparedAt !== null
        ? p.comparedAt >= p.period.start && p.comparedAt <= p.period.end
          ? p.actual
          : null
        : p.health === 'done'
          ? p.actual
          : null,
    expected: p.expected,
  }));
  const last = data.at(-1);
  const lastExpected = [...data].reverse().find((d) => d.expected !== null);
  const { deadline, goal } = options;
  const trajectory: [string, number][] =
    deadline && goal !== null && last && deadline > last.date
      ? [
          ...(lastExpected ? [[lastExpected.date, lastExpected.expected!] as [string, number]] : []),
          [deadline, goal],
        ]
      : [];
  const original = options.originalDeadline ?? null;
  const ends = [last?.date, deadline, original].filter((d): d is string => Boolean(d)).sort();
  return {
    data,
    trajectory,
    deadline,
    originalDeadline: original !== null && original !== deadline ? original : null,
    from: ended[0]?.period.start,
    to: ends.at(-1),
  };
}
