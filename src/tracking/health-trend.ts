/**
 * The plan's health month by month (GET /plans/:id/health/trend): the plan's data read once —
 * the same reads and options as the health of one date (`derivePlanHealthView`) — then judged
 * at every month by the pure `derivePlanHealthTrend`.
 */
import type { HealthOptions } from '../plan/health.js';
import { derivePlanHealthTrend } from '../plan/health-trend.js';
import type { HealthTrendPoint, TrendMonth } from '../plan/health-trend.js';
import { deriveStaleAfterDays } from '../plan/periods.js';
import type { PlanHealthInput } from '../plan/plan-health.js';
import { deriveApprovedFigures } from '../plan/reporting.js';
import { resolveHealthConfig } from '../plan/thresholds.js';
import type { Store } from '../store/types.js';
import { loadFrame } from './commands.js';

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
  const [items, reports, corrections, extensions] = await Promise.all([
    store.getPlanItems(planId),
    store.listUnitReports(planId, { status: 'approved' }),
    store.listFigureCorrections(planId),
    store.listSupervision('extension', planId),
  ]);
  const input: PlanHealthInput = {
    year: frame.plan.year,
    outline: items.outline,
    tasks: items.tasks,
    targets: items.targets,
    figures: deriveApprovedFigures(reports, frame.periods, items, corrections),
    extensions,
  };
  const options: HealthOptions = {
    config: resolveHealthConfig(frame.settings.health),
    staleAfterDays: deriveStaleAfterDays(frame.settings.period),
  };
  return derivePlanHealthTrend(input, months, options);
}
