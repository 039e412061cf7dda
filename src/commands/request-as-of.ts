/**
 * 接诉即办 as it stood at a past instant (issue 14.9): the jurisdiction's orders received by then,
 * each as its history up to then makes it (src/requests/as-of.ts). Orders closed by then are
 * taken as they are; the rest are replayed. Only a past as-of date comes here: today's queues
 * read the rows as they are.
 */
import { changedSince, orderAsOf } from '../requests/index.js';
import type { OrderStatus, WorkOrder } from '../requests/index.js';
import type { Store } from '../store/types.js';
import type { RequestsSetup } from './requests-setup.js';

/**
 * The orders of the setup's jurisdiction at `instant` whose status then is one of `statuses`,
 * newest first; `keep` narrows them further (a unit's own, say).
 */
export async function listOrdersAsOf(
  store: Store,
  setup: RequestsSetup,
  instant: string,
  statuses: readonly OrderStatus[],
  keep: (order: WorkOrder) => boolean = () => true,
): Promise<WorkOrder[]> {
  const wanted = new Set(statuses);
  // An order closed by then was closed then: a list without 结案 reads none of those from the
  // database, so the work is bounded by the orders open at the instant, not all ever received.
  const received = await store.requests.listOrders({
    jurisdictionIds: [setup.jurisdictionId],
    to: instant,
    ...(wanted.has('closed') ? {} : { openAt: instant }),
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
  });
  // The histories of the orders that may have differed then, in one read per chunk.
  const events = await store.requests.listEventsOf(
    received.items.filter((order) => changedSince(order, instant)).map((order) => order.id),
  );
  const found: WorkOrder[] = [];
  for (const order of received.items) {
    let then: WorkOrder | undefined = order;
    const history = events.get(order.id);
    if (history) {
      then = orderAsOf(history, instant, { calendar: setup.calendar });
      if (then) then = { ...then, jurisdictionId: order.jurisdictionId };
    }
    if (then && wanted.has(then.status) && keep(then)) found.push(then);
  }
  return found;
}
