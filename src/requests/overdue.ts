/**
 * Which deadlines an order has missed at a given instant — the rule behind the overdue list
 * (the store runs the same rule in SQL over `deadlines.*.due`): a step is overdue when its
 * deadline has passed and the step is not done. The clock of a pending 退单 keeps running: a
 * unit does not stop its deadline by objecting.
 */
import { isOverdue } from './calendar.js';
import type { WorkOrder } from './types.js';

export type OverdueStep = 'sign' | 'contact' | 'finish' | 'co_finish';

export interface OverdueItem {
  orderId: number;
  step: OverdueStep;
  unitId: number;
  due: string;
  /** Whole hours past the deadline at `now`. */
  hoursLate: number;
}

const HOUR = 3_600_000;

/**
 * The missed deadlines of one order at `now` (empty when none, or when the order is not with a
 * unit: received, replied or closed).
 * @example
 * deriveOverdue(order, '2024-07-05T00:00:00Z') // [{ orderId: 7, step: 'finish', unitId: 203, … }]
 */
export function deriveOverdue(order: WorkOrder, now: string): OverdueItem[] {
  const d = order.deadlines;
  const lead = order.leadUnitId;
  if (
    !d ||
    lead === null ||
    !(order.status === 'dispatched' || order.status === 'signed' || order.status === 'objecting')
  ) {
    return [];
  }
  const out: OverdueItem[] = [];
  const late = (due: string): number => Math.floor((Date.parse(now) - Date.parse(due)) / HOUR);
  const push = (step: OverdueStep, unitId: number, due: string): void => {
    if (isOverdue(due, now)) out.push({ orderId: order.id, step, unitId, due, hoursLate: late(due) });
  };
  if (!order.signedAt) push('sign', lead, d.sign.due);
  // Contact is owed only when the unit may contact the citizen directly.
  if (!order.contactedAt && order.contact && !order.privacy.anonymousToUnit)
    push('contact', lead, d.contact.due);
  push('finish', lead, d.finish.due);
  for (const co of order.coUnits) if (!co.reportedAt) push('co_finish', co.unitId, co.finish.due);
  return out;
}

/**
 * The overdue list: every missed deadline of the orders at `now`, longest late first.
 * @example
 * listOverdue(orders, now).filter((i) => i.unitId === 203)
 */
export function listOverdue(orders: Iterable<WorkOrder>, now: string): OverdueItem[] {
  const out: OverdueItem[] = [];
  for (const order of orders) out.push(...deriveOverdue(order, now));
  return out.sort((a, b) => b.hoursLate - a.hoursLate || a.orderId - b.orderId);
}
