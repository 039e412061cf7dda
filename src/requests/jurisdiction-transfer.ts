/**
 * 市级派单 (issue 16.3): a city's 12345 centre hands an order to one of its districts. The
 * district takes it as a new order of its own, carrying the citizen's words, category, place and
 * contact and the original clocks (received at the original receipt; its deadlines counted from
 * that receipt on the district's calendar when it is dispatched); the city's order is 已转办 and
 * shows the district's result (reply, close, 回访) instead of its own.
 */
import { AppError } from '../errors.js';
import { isWithin } from '../jurisdictions/tree.js';
import type { TreeNode } from '../jurisdictions/tree.js';
import { getCatalogueRow, getCatalogueVersion } from './catalogue.js';
import type { Catalogue } from './catalogue.js';
import { assertInJurisdiction } from './places.js';
import { freshWork } from './fresh-work.js';
import type { Jurisdiction } from './places.js';
import type {
  FollowUp,
  JurisdictionTransfer,
  MediaRef,
  OrderEvent,
  OrderStatus,
  RequestActor,
  WorkOrder,
} from './types.js';

function refuse(code: 'CONFLICT' | 'BAD_INPUT', message: string, path: string): never {
  throw new AppError(code, message, [{ path, message }]);
}

/** Statuses an order may be handed down from: not yet answered by a unit (as a redispatch). */
const TRANSFERABLE = new Set<OrderStatus>(['received', 'dispatched', 'signed', 'objecting']);

/** True while the order may be handed down (no unit has answered it yet). */
export function isTransferable(order: Pick<WorkOrder, 'status'>): boolean {
  return TRANSFERABLE.has(order.status);
}

/** CONFLICT when the order was handed down already, or a unit has answered it. */
export function assertTransferable(order: WorkOrder): void {
  if (order.transferredTo) refuse('CONFLICT', `工单已转办（工单 ${order.transferredTo.orderId}）`, 'id');
  if (!isTransferable(order)) refuse('CONFLICT', `工单状态为 ${order.status}，不能转办`, 'id');
}

/**
 * BAD_INPUT unless `toId` lies below `fromId` in the tree: an order goes down only, to a
 * jurisdiction under the one that holds it (not itself, its parent or a sibling).
 * @example assertTransferTarget([{ id: 1, parentId: null }, { id: 2, parentId: 1 }], 1, 2) // passes
 */
export function assertTransferTarget(nodes: readonly TreeNode[], fromId: number, toId: number): void {
  if (toId === fromId) refuse('BAD_INPUT', '不能转办给本辖区自己', 'body.jurisdictionId');
  if (!isWithin(nodes, toId, fromId)) {
    refuse('BAD_INPUT', '只能转办给本辖区下辖的区（县）、街乡', 'body.jurisdictionId');
  }
}

/**
 * The original's side: 已转办, no unit holds it any more (its clocks stop here; the receiving
 * order runs them on). CONFLICT once a unit answered, or when it was transferred already.
 */
export function transferOut(
  order: WorkOrder,
  input: { toJurisdictionId: number; toOrderId: number; reason: string },
  at: string,
): WorkOrder {
  assertTransferable(order);
  const reason = input.reason.trim();
  if (!reason) refuse('BAD_INPUT', '请说明转办理由', 'body.reason');
  return {
    ...order,
    status: 'transferred',
    leadUnitId: null,
    coUnits: [],
    pendingExtension: null,
    pendingObjection: null,
    transferredTo: { jurisdictionId: input.toJurisdictionId, orderId: input.toOrderId, at, reason },
  };
}

/** What the receiving jurisdiction's centre needs to take an order over. */
export interface TransferInContext {
  id: number;
  now: string;
  actor: RequestActor;
  jurisdictionId: number;
  jurisdiction: Jurisdiction;
  catalogue: Catalogue;
  reason: string;
  /** The category in the receiving catalogue, when the operator chose another. */
  category?: string | undefined;
  /** The attachments of the new order: the original's, under the refs of its own copies. */
  media: readonly MediaRef[];
}

/**
 * The receiving side: a new order of the receiving jurisdiction with the original's words,
 * place, contact, privacy and receipt, and its `received` event naming where it came from.
 * BAD_INPUT when the place is not the receiving jurisdiction's or the category is not in its
 * catalogue (the operator may name one of its categories). `media`: the attachments as the new
 * order names them (its own copies of the stored files, the command's).
 */
export function receiveTransferred(
  original: WorkOrder,
  ctx: TransferInContext,
): {
  order: WorkOrder;
  event: OrderEvent;
} {
  if (original.jurisdictionId === undefined) refuse('BAD_INPUT', '原工单没有所属辖区', 'id');
  assertTransferable(original);
  const category = ctx.category ?? original.category;
  try {
    getCatalogueRow(getCatalogueVersion(ctx.catalogue, ctx.now), category);
  } catch {
    refuse(
      'BAD_INPUT',
      `「${category}」不在${ctx.jurisdiction.name}的派单目录中，请选定该区的诉求类别`,
      'body.category',
    );
  }
  try {
    assertInJurisdiction(ctx.jurisdiction, original.location);
  } catch (error) {
    if (error instanceof AppError) refuse('BAD_INPUT', error.message, 'body.jurisdictionId');
    throw error;
  }
  const at = new Date(ctx.now).toISOString();
  const from = {
    jurisdictionId: original.jurisdictionId,
    orderId: original.id,
    at,
    reason: ctx.reason.trim(),
  };
  // The fields a new order has (order.ts newOrder), nothing of the original's handling.
  const order: WorkOrder = {
    transferredFrom: from,
    id: ctx.id,
    jurisdictionId: ctx.jurisdictionId,
    source: original.source,
    text: original.text,
    category,
    location: { ...original.location },
    media: ctx.media.map((m) => ({ ...m })),
    contact: original.contact ? { ...original.contact } : null,
    privacy: { ...original.privacy },
    receivedAt: original.receivedAt,
    dedupeKey: original.dedupeKey,
    ...freshWork(),
  };
  const event: OrderEvent = {
    orderId: ctx.id,
    seq: 1,
    at,
    actor: ctx.actor,
    type: 'received',
    source: original.source,
    text: original.text,
    category,
    location: { ...original.location },
    media: ctx.media.map((m) => ({ ...m })),
    contact: order.contact,
    privacy: { ...original.privacy },
    transferredFrom: { ...from, receivedAt: original.receivedAt },
  };
  return { order, event };
}

/** The receiving order's link back, from its `received` event's (which adds the original receipt). */
export function deriveTransferOrigin(from: JurisdictionTransfer): JurisdictionTransfer {
  return { jurisdictionId: from.jurisdictionId, orderId: from.orderId, at: from.at, reason: from.reason };
}

/** The receiving jurisdiction's result, as the original shows it. */
export interface TransferResult {
  status: OrderStatus;
  repliedAt: string | null;
  closedAt: string | null;
  /** The lead unit's last reply, as the unit wrote it. */
  reply: string | null;
  publicNote: string | null;
  followUps: FollowUp[];
}

/**
 * The receiving order's result for the original's page: its status, the lead unit's last reply,
 * its close and its follow-ups (回访). No unit or handler of the other jurisdiction is named.
 */
export function deriveTransferResult(order: WorkOrder, events: readonly OrderEvent[]): TransferResult {
  const replies = events.filter((e) => e.type === 'replied' && e.unitId === order.leadUnitId);
  const last = replies.at(-1);
  return {
    status: order.status,
    repliedAt: order.repliedAt,
    closedAt: order.closedAt,
    reply: last && last.type === 'replied' ? last.text : null,
    publicNote: order.publicNote,
    followUps: order.followUps.map((f) => ({ ...f })),
  };
}
