/**
 * 重复件 (issue 14.8): merging a repeat call into the open order that already holds its matter,
 * and undoing it. Both orders change in one transaction with the audit event; each write is
 * version-checked, so of two dispatchers at once one wins and the other gets CONFLICT. An order
 * of another jurisdiction is not found (src/requests/repeat-calls.ts has the rules).
 */
import { AppError } from '../errors.js';
import type { Role } from '../plan/types.js';
import {
  applyEvent,
  deriveMergeEvents,
  deriveUnmergeEvents,
  findRepeatCandidates,
  REPEAT_WINDOW_DAYS,
} from '../requests/index.js';
import type { RepeatCandidate, RequestActor, WorkOrder } from '../requests/index.js';
import type { Store } from '../store/types.js';
import type { RequestsSetup } from './requests-setup.js';

/** Who merges, as the audit records them (a signed-in user of the centre). */
export interface MergeActor {
  actor: RequestActor;
  user: { id: number; role: Role };
}

/** An order of the setup's jurisdiction, or NOT_FOUND naming `path` (another's is never revealed). */
async function orderOf(store: Store, setup: RequestsSetup, id: number, path: string): Promise<WorkOrder> {
  const order = await store.requests.findOrder(id);
  if (order === undefined || order.jurisdictionId !== setup.jurisdictionId)
    throw new AppError('NOT_FOUND', `工单 ${id} 不存在`, [{ path, message: 'no such order here' }]);
  return order;
}

/**
 * The open orders of the same jurisdiction and category taken in within the window around each
 * of `orders`, as candidates per order (findRepeatCandidates).
 */
export async function listRepeatCandidates(
  store: Store,
  jurisdictionId: number,
  orders: readonly WorkOrder[],
): Promise<Map<number, RepeatCandidate[]>> {
  const result = new Map<number, RepeatCandidate[]>();
  const waiting = orders.filter((o) => o.status === 'received' && !o.repeatOf);
  if (waiting.length === 0) return result;
  const times = waiting.map((o) => Date.parse(o.receivedAt));
  const window = REPEAT_WINDOW_DAYS * 86_400_000;
  const open = await store.requests.listOrders({
    jurisdictionIds: [jurisdictionId],
    notStatus: ['closed'],
    categories: [...new Set(waiting.map((o) => o.category))],
    from: new Date(Math.min(...times) - window).toISOString(),
    to: new Date(Math.max(...times) + window + 1).toISOString(),
    limit: 5000,
    offset: 0,
  });
  for (const order of waiting) result.set(order.id, findRepeatCandidates(order, open.items));
  return result;
}

/** Merges order `repeatId` (waiting for dispatch) into the open order `intoOrderId`; answers both. */
export async function mergeRepeat(
  store: Store,
  setup: RequestsSetup,
  repeatId: number,
  intoOrderId: number,
  by: MergeActor,
  now: string,
): Promise<{ repeat: WorkOrder; into: WorkOrder }> {
  const repeat = await orderOf(store, setup, repeatId, 'id');
  const into = await orderOf(store, setup, intoOrderId, 'body.intoOrderId');
  const events = deriveMergeEvents(repeat, into);
  const a = applyEvent(repeat, events.repeat, by.actor, now, { calendar: setup.calendar });
  const b = applyEvent(into, events.into, by.actor, now, { calendar: setup.calendar });
  await store.transaction(async (tx) => {
    await tx.requests.appendEvent(a.order, a.event, repeat.version);
    await tx.requests.appendEvent(b.order, b.event, into.version);
    await tx.audit.append({
      at: a.event.at,
      actor: { userId: by.user.id, role: by.user.role },
      entity: { type: 'request_order', id: repeat.id },
      planId: null,
      jurisdictionId: setup.jurisdictionId,
      action: 'request_order.merge',
      before: { status: repeat.status, repeatOf: null },
      after: { status: a.order.status, repeatOf: into.id, repeatsOfInto: b.order.repeatCalls?.length ?? 0 },
      reason: null,
    });
  });
  return { repeat: a.order, into: b.order };
}

/** Undoes a merge with a reason: the repeat back in the dispatcher's queue, the caller off the open order. */
export async function undoMerge(
  store: Store,
  setup: RequestsSetup,
  repeatId: number,
  reason: string,
  by: MergeActor,
  now: string,
): Promise<{ repeat: WorkOrder; into: WorkOrder }> {
  const repeat = await orderOf(store, setup, repeatId, 'id');
  const events = deriveUnmergeEvents(repeat, reason);
  const into = await orderOf(store, setup, events.intoOrderId, 'id');
  const a = applyEvent(repeat, events.repeat, by.actor, now, { calendar: setup.calendar });
  const b = applyEvent(into, events.into, by.actor, now, { calendar: setup.calendar });
  await store.transaction(async (tx) => {
    await tx.requests.appendEvent(a.order, a.event, repeat.version);
    await tx.requests.appendEvent(b.order, b.event, into.version);
    await tx.audit.append({
      at: a.event.at,
      actor: { userId: by.user.id, role: by.user.role },
      entity: { type: 'request_order', id: repeat.id },
      planId: null,
      jurisdictionId: setup.jurisdictionId,
      action: 'request_order.unmerge',
      before: { status: repeat.status, repeatOf: into.id },
      after: { status: a.order.status, repeatOf: null },
      reason,
    });
  });
  return { repeat: a.order, into: b.order };
}
