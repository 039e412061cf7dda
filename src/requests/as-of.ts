/**
 * An order as it stood at an instant (issue 14.9: the 接诉即办 queues read as of the date chosen
 * in the app): its history up to that instant replayed. Replay is exact — the same events give
 * the same order — so a past queue shows what the desk and the units saw then.
 */
import { endOfBeijingDay } from './calendar.js';
import { replayOrder } from './order.js';
import type { ApplyOptions } from './order.js';
import type { OrderEvent, WorkOrder } from './types.js';

/**
 * The order of `events` at `instant`, or undefined when it was not yet received.
 * @example
 * orderAsOf(events, '2022-06-30T16:00:00.000Z')?.status // 'signed' (closed in July)
 */
export function orderAsOf(
  events: readonly OrderEvent[],
  instant: string,
  options: ApplyOptions = {},
): WorkOrder | undefined {
  const until = Date.parse(instant);
  const end = events.findIndex((e) => Date.parse(e.at) > until);
  const known = end === -1 ? events : events.slice(0, end);
  return known.length === 0 ? undefined : replayOrder(known, options);
}

/** Whether `order` may differ at `instant` from what it is now: not closed by then. */
export function changedSince(order: WorkOrder, instant: string): boolean {
  return !(
    order.status === 'closed' &&
    order.closedAt !== null &&
    Date.parse(order.closedAt) <= Date.parse(instant)
  );
}

/**
 * The instant a queue is read at for an as-of date: the end of that Beijing day when it is
 * past, else undefined (read the orders as they are now).
 * @example
 * pastInstant('2022-06-30', '2026-12-07T09:00:00.000Z') // '2022-06-30T16:00:00.000Z'
 * pastInstant(undefined, now) // undefined
 */
export function pastInstant(asOf: string | undefined, now: string): string | undefined {
  if (asOf === undefined) return undefined;
  const end = endOfBeijingDay(asOf);
  return Date.parse(end) < Date.parse(now) ? end : undefined;
}
