/**
 * 重复件 (issue 14.8): a second call about a matter an open order already holds — the same
 * category, in the same community or within 250 m, within a few days — is offered for merging.
 * Merged, the new order is closed as a repeat of the open one (never dispatched, so never in
 * 三率: the matter is counted once), and the open one records the caller; its deadlines stay as
 * they were. A merge can be undone: the repeat goes back to the dispatcher's queue.
 */
import { AppError } from '../errors.js';
import type { OrderEvent, OrderEventInput, RepeatCall, WorkOrder } from './types.js';

/** How far back an open order may have been taken in to be offered (natural days). */
export const REPEAT_WINDOW_DAYS = 7;
/** How close two places must be (metres) when they do not name the same community. */
export const REPEAT_RADIUS_M = 250;

/** An open order a new one may repeat, and why it is offered. */
export interface RepeatCandidate {
  orderId: number;
  /** `community`: the same community of the same street; `distance`: within REPEAT_RADIUS_M. */
  reason: 'community' | 'distance';
  /** Metres between the two places, when both have a position. */
  distanceM: number | null;
  /** Calls already merged into it. */
  repeats: number;
}

function refuse(code: 'CONFLICT' | 'BAD_INPUT', message: string, path: string): never {
  throw new AppError(code, message, [{ path, message }]);
}

/** Great-circle distance in metres (haversine on a 6,371 km sphere). */
export function distanceMetres(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLong = (b.long - a.long) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const positionOf = (order: WorkOrder) =>
  order.location.lat !== undefined && order.location.long !== undefined
    ? { lat: order.location.lat, long: order.location.long }
    : undefined;

/** Whether an order can take repeats: open (not closed) and not itself a repeat. */
export function isOpenForRepeats(order: WorkOrder): boolean {
  return order.status !== 'closed' && !order.repeatOf;
}

/** Whether `a` was taken in before `b` (the lower id first at the same instant). */
function takenBefore(a: WorkOrder, b: WorkOrder): boolean {
  const [at, bt] = [Date.parse(a.receivedAt), Date.parse(b.receivedAt)];
  return at < bt || (at === bt && a.id < b.id);
}

/**
 * The open orders `order` may repeat, closest first: another order of the same jurisdiction and
 * category, open, taken in at most REPEAT_WINDOW_DAYS before it (or after it, within the window),
 * in the same community of the same street or within REPEAT_RADIUS_M. Only the order that holds
 * the matter is offered: one already dispatched (or further) when there is one; else only a call
 * still waiting that was taken in before this one — never a later call waiting beside it, which
 * is itself a repeat (merged into it, the matter would stay in two orders, counted twice in
 * 三率). None for an order that is no longer waiting for dispatch or is already a repeat.
 * @example
 * findRepeatCandidates(secondCall, openOrders)[0] // { orderId: 17, reason: 'community', distanceM: 40, repeats: 0 }
 */
export function findRepeatCandidates(order: WorkOrder, others: readonly WorkOrder[]): RepeatCandidate[] {
  if (order.status !== 'received' || order.repeatOf) return [];
  const at = Date.parse(order.receivedAt);
  const window = REPEAT_WINDOW_DAYS * 86_400_000;
  const here = positionOf(order);
  const found: (RepeatCandidate & { waiting: boolean })[] = [];
  for (const other of others) {
    if (other.id === order.id || other.category !== order.category) continue;
    if (other.jurisdictionId !== order.jurisdictionId || !isOpenForRepeats(other)) continue;
    const waiting = other.status === 'received';
    if (waiting && !takenBefore(other, order)) continue;
    if (Math.abs(at - Date.parse(other.receivedAt)) > window) continue;
    const there = positionOf(other);
    const distanceM = here && there ? Math.round(distanceMetres(here, there)) : null;
    const sameCommunity =
      order.location.community !== undefined &&
      order.location.community.trim() !== '' &&
      order.location.community === other.location.community &&
      order.location.area === other.location.area;
    if (!sameCommunity && (distanceM === null || distanceM > REPEAT_RADIUS_M)) continue;
    found.push({
      orderId: other.id,
      reason: sameCommunity ? 'community' : 'distance',
      distanceM,
      repeats: other.repeatCalls?.length ?? 0,
      waiting,
    });
  }
  const holding = found.some((c) => !c.waiting) ? found.filter((c) => !c.waiting) : found;
  return holding
    .map(({ waiting: _, ...candidate }) => candidate)
    .sort(
      (a, b) => (a.distanceM ?? REPEAT_RADIUS_M) - (b.distanceM ?? REPEAT_RADIUS_M) || a.orderId - b.orderId,
    );
}

/**
 * The two events of a merge: `merged_into` on the repeat, `repeat_added` on the open order.
 * CONFLICT when the repeat has left the dispatcher's queue, is the open order, or the open
 * order cannot take it (closed, a repeat itself, another jurisdiction or category).
 */
export function deriveMergeEvents(
  repeat: WorkOrder,
  into: WorkOrder,
): { repeat: OrderEventInput; into: OrderEventInput } {
  if (repeat.id === into.id) refuse('BAD_INPUT', '不能并入工单本身', 'intoOrderId');
  if (repeat.jurisdictionId !== into.jurisdictionId)
    refuse('CONFLICT', '只能并入本辖区的工单', 'intoOrderId');
  if (repeat.category !== into.category) refuse('CONFLICT', '只能并入同一类别的工单', 'intoOrderId');
  if (!isOpenForRepeats(into)) refuse('CONFLICT', '被并入的工单已结案或本身是重复件', 'intoOrderId');
  return {
    repeat: { type: 'merged_into', intoOrderId: into.id, intoReceivedAt: into.receivedAt },
    into: {
      type: 'repeat_added',
      repeatOrderId: repeat.id,
      receivedAt: repeat.receivedAt,
      contact: repeat.contact ? { ...repeat.contact } : null,
      anonymousToUnit: repeat.privacy.anonymousToUnit,
    },
  };
}

/** The two events that undo a merge, with the reason on both. */
export function deriveUnmergeEvents(
  repeat: WorkOrder,
  reason: string,
): { intoOrderId: number; repeat: OrderEventInput; into: OrderEventInput } {
  if (!repeat.repeatOf) refuse('CONFLICT', '工单未作为重复件合并', 'id');
  const { orderId: intoOrderId, orderReceivedAt: intoReceivedAt } = repeat.repeatOf;
  return {
    intoOrderId,
    repeat: { type: 'merge_undone', intoOrderId, intoReceivedAt, reason },
    into: { type: 'repeat_removed', repeatOrderId: repeat.id, reason },
  };
}

type RepeatInput = Extract<
  OrderEventInput,
  { type: 'merged_into' | 'merge_undone' | 'repeat_added' | 'repeat_removed' }
>;

/** The state machine's part for the four repeat events (order.ts applyChecked). */
export function applyRepeatEvent(order: WorkOrder, input: RepeatInput, at: string): WorkOrder {
  const calls = order.repeatCalls ?? [];
  switch (input.type) {
    case 'merged_into':
      if (order.status !== 'received') refuse('CONFLICT', '只有待派发的工单可以作为重复件合并', 'id');
      if (order.repeatOf) refuse('CONFLICT', '工单已作为重复件合并', 'id');
      if (calls.length > 0) refuse('CONFLICT', '已有重复件并入本工单，不能再并入其他工单', 'id');
      return {
        ...order,
        status: 'closed',
        closedAt: at,
        repeatOf: { orderId: input.intoOrderId, orderReceivedAt: input.intoReceivedAt, at },
      };
    case 'merge_undone':
      if (order.repeatOf?.orderId !== input.intoOrderId) refuse('CONFLICT', '工单未并入该工单', 'id');
      if (!input.reason.trim()) refuse('BAD_INPUT', '请说明撤销合并的理由', 'reason');
      return { ...order, status: 'received', closedAt: null, repeatOf: null };
    case 'repeat_added': {
      if (!isOpenForRepeats(order)) refuse('CONFLICT', '被并入的工单已结案或本身是重复件', 'intoOrderId');
      if (calls.some((c) => c.orderId === input.repeatOrderId)) refuse('CONFLICT', '该重复件已并入', 'id');
      const call: RepeatCall = {
        orderId: input.repeatOrderId,
        receivedAt: input.receivedAt,
        mergedAt: at,
        contact: input.contact,
        anonymousToUnit: input.anonymousToUnit,
      };
      // The clock of the open order is untouched: deadlines, pauses and status stay.
      return { ...order, repeatCalls: [...calls, call] };
    }
    case 'repeat_removed':
      if (!calls.some((c) => c.orderId === input.repeatOrderId))
        refuse('CONFLICT', '该重复件未并入本工单', 'id');
      return { ...order, repeatCalls: calls.filter((c) => c.orderId !== input.repeatOrderId) };
  }
}

/** The repeat callers a unit may see: no contact of one who asked to stay anonymous to it. */
export function deriveRepeatCallsForUnit(order: WorkOrder): WorkOrder {
  if (!order.repeatCalls?.some((c) => c.anonymousToUnit && c.contact)) return order;
  return {
    ...order,
    repeatCalls: order.repeatCalls.map((c) => (c.anonymousToUnit ? { ...c, contact: null } : c)),
  };
}

/** The same for the history: a `repeat_added` event of an anonymous caller without the contact. */
export function deriveRepeatEventsForUnit(events: readonly OrderEvent[]): OrderEvent[] {
  return events.map((e) => (e.type === 'repeat_added' && e.anonymousToUnit ? { ...e, contact: null } : e));
}
