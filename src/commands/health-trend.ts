/**
 * The plan's health month by month (GET /plans/:id/health/trend) and one item's period by
 * period (GET /plans/:id/health/trend/:item): the plan's data read once — the same reads and
 * options as the health of one date (`derivePlanHealthView`) — then judged at every month or
 * period by the pure `derivePlanHealthTrend` / `deriveItemHealthTrend`.
 */
import { AppError } from '../errors.js';
import { deriveItemHealthTrend, derivePlanHealthTrend, deriveTrendPeriods } from '../plan/health-trend.js';
import type { HealthTrendPoint, ItemTrendPoint, TrendItem, TrendMonth } from '../plan/health-trend.js';
import type { PeriodFrequency } from '../plan/periods.js';
import type { Store } from '../store/types.js';
import { loadFrame } from './frame.js';
import { loadHealthInput } from './health.js';

/**
 * The plan's health at each of `months` (from `deriveTrendMonths`), from approved figures,
 * corrections, approved extensions and the plan's thresholds, read once. Throws NOT_FOUND for
 * an unknown plan.
 * @example
 * const points = await derivePlanHealthTrendPoints(store, 1, deriveTrendMonths('2022-01', '2022-12', today));
 * points.map((p) => p.counts.tasks.behind)
 */
export async function derivePlanHealthTrendPoints(
  store: Store,
  planId: number,
  months: readonly TrendMonth[],
): Promise<HealthTrendPoint[]> {
  const frame = await loadFrame(store, planId);
  if (months.length === 0) return [];
  const { input, options } = await loadHealthInput(store, frame);
  return derivePlanHealthTrend(input, months, options);
}

/**
 * One task's or target's health at the end of each reporting period of the plan's year
 * (monthly or quarterly, as the plan's settings say) up to today, the current period judged at
 * `today`; read once. Throws NOT_FOUND for an unknown plan, and naming the item when the plan
 * has no such task or target.
 * @example
 * const { points } = await deriveItemHealthTrendPoints(store, 1, { type: 'task', id: 12 }, '2022-04-15');
 * points.map((p) => [p.key, p.health.actual, p.health.expected, p.health.ratio])
 */
export async function deriveItemHealthTrendPoints(
  store: Store,
  planId: number,
  item: TrendItem,
  today: string,
): Promise<{ frequency: PeriodFrequency; points: ItemTrendPoint[] }> {
  const frame = await loadFrame(store, planId);
  const { input, options } = await loadHealthInput(store, frame);
  const points = deriveItemHealthTrend(input, item, deriveTrendPeriods(frame.periods, today), options);
  if (!points) throw new AppError('NOT_FOUND', `no ${item.type}:${item.id} in plan ${planId}`);
  return { frequency: frame.settings.period.frequency, points };
}
