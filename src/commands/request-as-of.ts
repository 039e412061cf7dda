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
  const received = await store.requests.listOrders({
    jurisdictionIds: [setup.jurisdictionId],
    to: instant,
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
  });
  const wanted = new Set(statuses);
  const found: WorkOrder[] = [];
  for (const order of received.items) {
    let then: WorkOrder | undefined = order;
    if (changedSince(order, instant)) {
      const events = await store.requests.listEvents(order.id);
      then = orderAsOf(events, instant, { calendar: setup.calendar });
      if (then) then = { ...then, jurisdictionId: order.jurisdictionId };
    }
    if (then && wanted.has(then.status) && keep(then)) found.push(then);
  }
  return found;
}
