/**
 * A plan's data in the shapes src/documents takes (issue 6): its items, reporting periods with
 * the short labels documents print, approved figures, and each task's health.
 */
import type { ReportingPeriod as DocumentPeriod } from '../documents/index.js';
import { monthlyPeriods, quarterlyPeriods } from '../documents/index.js';
import type { ReportingPeriod } from '../plan/periods.js';
import type { ApprovedFigures } from '../plan/reporting.js';
import type { Health } from '../plan/types.js';
import type { PlanItems, Store } from '../store/types.js';
import { loadApprovedFigures, loadFrame } from './frame.js';
import type { TrackingFrame } from './frame.js';
import { derivePlanHealthView } from './health.js';
import type { HealthViews } from './health.js';

/** A domain period with the short label documents print ("3月", "一季度"), and its end. */
export type LedgerPeriod = DocumentPeriod & { end: string };

/** The plan's reporting periods as the ledger's progress columns. */
export function ledgerPeriods(year: number, periods: readonly ReportingPeriod[]): LedgerPeriod[] {
  const short = new Map([...monthlyPeriods(year), ...quarterlyPeriods(year)].map((p) => [p.key, p.label]));
  return periods.map((p) => ({ key: p.key, label: short.get(p.key) ?? p.label, end: p.end }));
}

export interface PlanData {
  frame: TrackingFrame;
  items: PlanItems;
  figures: ApprovedFigures;
  periods: LedgerPeriod[];
}

/** The plan, its items, periods and the approved figures (reports and corrections). */
export async function loadPlanData(store: Store, planId: number): Promise<PlanData> {
  const frame = await loadFrame(store, planId);
  const items = await store.plans.getItems(planId);
  const figures = await loadApprovedFigures(store, frame, items);
  return { frame, items, figures, periods: ledgerPeriods(frame.plan.year, frame.periods) };
}

/** Each task's computed health at `date` (the same view GET /health answers). */
export async function loadTaskHealth(
  store: Store,
  views: HealthViews,
  planId: number,
  date: string,
): Promise<Record<number, Health>> {
  const view = await derivePlanHealthView(store, views, planId, date);
  const out: Record<number, Health> = {};
  for (const [id, h] of view.health.tasks) out[id] = h.health;
  return out;
}
