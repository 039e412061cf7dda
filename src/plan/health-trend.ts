/**
 * The plan's health month by month, and one item's period by period: the same judgement as
 * `derivePlanHealth`, made at each month's (or reporting period's) end from one reading of the
 * plan's data, keeping only what a trend draws (the plan's rolled-up progress against expected
 * and the counts per health; the item's health with its actual, expected and ratio).
 */
import { AppError } from '../errors.js';
import { daysInMonth, isoDate, toDayNumber } from './dates.js';
import type { HealthOptions, HealthResult } from './health.js';
import type { ReportingPeriod } from './periods.js';
import { derivePlanHealth } from './plan-health.js';
import type { OutlineHealth, PlanHealth, PlanHealthInput, TaskHealth } from './plan-health.js';
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

/** A reporting period of an item's trend and the date it is judged at. */
export interface TrendPeriod extends Pick<ReportingPeriod, 'key' | 'label' | 'start' | 'end'> {
  /** The period's last day, or today for the period holding today. */
  date: string;
}

/**
 * The reporting periods (`deriveReportingPeriods`, monthly or quarterly) each judged at its
 * last day, or at `today` for the period holding today; periods starting after today are left
 * out, as in `deriveTrendMonths`.
 * @example
 * deriveTrendPeriods(deriveReportingPeriods(2022), '2022-03-15').map((p) => p.date)
 * // ['2022-01-31', '2022-02-28', '2022-03-15']
 */
export function deriveTrendPeriods(
  periods: readonly Pick<ReportingPeriod, 'key' | 'label' | 'start' | 'end'>[],
  today: string,
): TrendPeriod[] {
  const day = toDayNumber(today);
  return periods
    .filter((p) => toDayNumber(p.start) <= day)
    .map((p) => ({
      key: p.key,
      label: p.label,
      start: p.start,
      end: p.end,
      date: toDayNumber(p.end) < day ? p.end : today,
    }));
}

/** A task or a target of the plan. */
export interface TrendItem {
  type: 'task' | 'target';
  id: number;
}

/** One point of an item's trend: its health (a task's with its deadline in force) at `date`. */
export interface ItemTrendPoint extends TrendPeriod {
  health: HealthResult | TaskHealth;
}

/**
 * One item's health at each period of `periods`, from one input (read once by the caller):
 * the item's entry of `derivePlanHealth` at each date. Returns undefined when the input holds
 * no such item; throws as `derivePlanHealth` does.
 * @example
 * deriveItemHealthTrend(input, { type: 'task', id: 12 }, deriveTrendPeriods(periods, today), options)
 *   ?.map((p) => p.health.ratio)
 */
export function deriveItemHealthTrend(
  input: PlanHealthInput,
  item: TrendItem,
  periods: readonly TrendPeriod[],
  options: HealthOptions & RollupOptions = {},
): ItemTrendPoint[] | undefined {
  const known =
    item.type === 'task'
      ? input.tasks.some((t) => t.id === item.id)
      : input.targets.some((t) => t.id === item.id);
  if (!known) return undefined;
  return periods.map((period) => {
    const health = derivePlanHealth(input, period.date, options);
    const result = item.type === 'task' ? health.tasks.get(item.id) : health.targets.get(item.id);
    return { ...period, health: result! };
  });
}
