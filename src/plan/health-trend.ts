/**
 * The plan's health month by month: the same judgement as `derivePlanHealth`, made at each
 * month's end from one reading of the plan's data, keeping only what a trend draws (the plan's
 * rolled-up progress against expected, and the counts per health).
 */
import { AppError } from '../errors.js';
import { daysInMonth, isoDate, toDayNumber } from './dates.js';
import type { HealthOptions } from './health.js';
import { derivePlanHealth } from './plan-health.js';
import type { OutlineHealth, PlanHealth, PlanHealthInput } from './plan-health.js';
import type { RollupOptions } from './rollup.js';

/** The longest trend one request may ask for, in months. */
export const MAX_TREND_MONTHS = 24;

/** A month of a trend and the date it is judged at. */
export interface TrendMonth {
  /** 'YYYY-MM'. */
  month: string;
  /** The month's last day, or today for the month holding today. */
  date: string;
}

function monthIndex(month: string): number | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return undefined;
  const m = Number(match[2]);
  return m >= 1 && m <= 12 ? Number(match[1]) * 12 + m - 1 : undefined;
}

/**
 * The months from `from` to `to` ('YYYY-MM', both included), each judged at its last day, or
 * at `today` for the month holding today. Months starting after today are left out: health is
 * known only up to today. Throws AppError BAD_INPUT for a malformed month, `from` after `to`,
 * or more than MAX_TREND_MONTHS months.
 * @example
 * deriveTrendMonths('2022-01', '2022-12', '2022-03-15')
 * // [{ month: '2022-01', date: '2022-01-31' }, { month: '2022-02', date: '2022-02-28' },
 * //  { month: '2022-03', date: '2022-03-15' }]
 */
export function deriveTrendMonths(from: string, to: string, today: string): TrendMonth[] {
  const first = monthIndex(from);
  const last = monthIndex(to);
  if (first === undefined || last === undefined) {
    throw new AppError('BAD_INPUT', 'months are written YYYY-MM', [
      ...(first === undefined ? [{ path: 'from', message: 'expected YYYY-MM' }] : []),
      ...(last === undefined ? [{ path: 'to', message: 'expected YYYY-MM' }] : []),
    ]);
  }
  if (first > last) {
    throw new AppError('BAD_INPUT', `${from} is after ${to}`, [{ path: 'to', message: 'before from' }]);
  }
  if (last - first + 1 > MAX_TREND_MONTHS) {
    throw new AppError('BAD_INPUT', `at most ${MAX_TREND_MONTHS} months at a time`, [
      { path: 'to', message: `at most ${MAX_TREND_MONTHS} months after from` },
    ]);
  }
  const day = toDayNumber(today);
  const months: TrendMonth[] = [];
  for (let i = first; i <= last; i++) {
    const year = Math.floor(i / 12);
    const month = (i % 12) + 1;
    if (toDayNumber(isoDate(year, month, 1)) > day) break;
    const end = isoDate(year, month, daysInMonth(year, month));
    months.push({
      month: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`,
      date: toDayNumber(end) < day ? end : today,
    });
  }
  return months;
}

/** One point of the trend: the plan's roll-up and the counts per health at `date`. */
export interface HealthTrendPoint extends TrendMonth {
  plan: OutlineHealth;
  counts: PlanHealth['counts'];
}

/**
 * The plan's health at each month of `months`, from one input (read once by the caller).
 * Throws as `derivePlanHealth` does.
 * @example
 * derivePlanHealthTrend(input, deriveTrendMonths('2022-01', '2022-12', today), options)[0]?.plan.progress
 */
export function derivePlanHealthTrend(
  input: PlanHealthInput,
  months: readonly TrendMonth[],
  options: HealthOptions & RollupOptions = {},
): HealthTrendPoint[] {
  return months.map(({ month, date }) => {
    const health = derivePlanHealth(input, date, options);
    return { month, date, plan: health.outline.get('plan')!, counts: health.counts };
  });
}
