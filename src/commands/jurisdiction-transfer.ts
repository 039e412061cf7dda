/**
 * 市级派单 (issue 16.3): the city's 12345 centre hands an order down to one of its districts, in
 * one transaction with an audit event on each side; and what each side's page shows of the
 * other — the city its district's result, the district only the link back.
 */
import { AppError } from '../errors.js';
import { listSubtree } from '../jurisdictions/tree.js';
import type { Role } from '../plan/types.js';
import {
  applyEvent,
  assertTransferTarget,
  deriveTransferResult,
  isTransferable,
  receiveTransferred,
} from '../requests/index.js';
import type { JurisdictionTransfer, RequestActor, TransferResult, WorkOrder } from '../requests/index.js';
import { isMediaRef } from '../requests/media.js';
import { newMediaRef } from '../store/media.js';
import { ownerOfOrder } from '../store/requests.js';
import type { Store } from '../store/types.js';
import type { RequestsSetup } from './requests-setup.js';

/** Who hands an order down: the centre's user, as the audit records them and as the domain acts. */
export interface TransferActor {
  user: { id: number; role: Role };
  actor: RequestActor;
}

export interface TransferRequest {
  orderId: number;
  toJurisdictionId: number;
  reason: string;
  /** A category of the receiving catalogue, when the original's is not one. */
  category?: string | undefined;
}

/**
 * Hands order `orderId` down to `toJurisdictionId`: a new order there (its own id, so its own
 * 工单号) with the original's words, place, contact, receipt and attachments (each stored file
 * copied to it under a new ref), the original 已转办 and linked to it, an audit event in each
 * jurisdiction — all or nothing. NOT_FOUND for a jurisdiction that
 * does not exist; BAD_INPUT for one not below the order's, or a place or category the receiving
 * jurisdiction does not have; CONFLICT once a unit has answered (or someone acted first).
 */
export async function transferOrderDown(
  store: Store,
  setupOf: (jurisdictionId: number) => Promise<RequestsSetup>,
  request: TransferRequest,
  by: TransferActor,
  now: string,
): Promise<{ original: WorkOrder; transferred: WorkOrder }> {
  const original = await store.requests.getOrder(request.orderId);
  const from = ownerOfOrder(original);
  const nodes = await store.jurisdictions.list();
  const target = nodes.find((j) => j.id === request.toJurisdictionId);
  if (target === undefined) {
    throw new AppError('NOT_FOUND', `辖区 ${request.toJurisdictionId} 不存在`, [
      { path: 'body.jurisdictionId', message: 'no such jurisdiction' },
    ]);
  }
  assertTransferTarget(nodes, from, target.id);
  const setup = await setupOf(target.id);
  const calendar = (await setupOf(from)).calendar;
  return store.transaction(async (tx) => {
    const id = await tx.requests.nextOrderId();
    // The district's order has its own copy of each stored file; an Open311 link stays a link.
    const copies = new Map(
      original.media.filter((m) => isMediaRef(m.ref)).map((m) => [m.ref, newMediaRef()]),
    );
    const received = receiveTransferred(original, {
      id,
      media: original.media.map((m) => ({ ...m, ref: copies.get(m.ref) ?? m.ref })),
      now,
      actor: by.actor,
      jurisdictionId: target.id,
      jurisdiction: setup.jurisdiction,
      catalogue: setup.catalogue,
      reason: request.reason,
      category: request.category,
    });
    const out = applyEvent(
      original,
      { type: 'transferred_out', toJurisdictionId: target.id, toOrderId: id, reason: request.reason },
      by.actor,
      now,
      { calendar },
    );
    await tx.requests.insertOrder(received.order, received.event);
    await tx.media.copyToOrder(original.id, copies, { jurisdictionId: target.id, orderId: id });
    await tx.requests.appendEvent(out.order, out.event, original.version);
    const actor = { userId: by.user.id, role: by.user.role };
    const reason = out.order.transferredTo?.reason ?? null;
    await tx.audit.append({
      at: out.event.at,
      actor,
      entity: { type: 'request_order', id: original.id },
      planId: null,
      jurisdictionId: from,
      action: 'request_order.transfer_out',
      before: { status: original.status },
      after: { status: out.order.status, jurisdictionId: target.id, orderId: id },
      reason,
    });
    await tx.audit.append({
      at: out.event.at,
      actor,
      entity: { type: 'request_order', id },
      planId: null,
      jurisdictionId: target.id,
      action: 'request_order.transfer_in',
      before: null,
      after: { status: received.order.status, jurisdictionId: from, orderId: original.id },
      reason,
    });
    return { original: out.order, transferred: received.order };
  });
}

/** One end of a transfer as a page shows it: the jurisdiction by name and the order there. */
export interface TransferEnd extends JurisdictionTransfer {
  jurisdictionName: string;
  receivedAt: string;
}

/** What an order's page shows of a transfer, and where its centre may hand it. */
export interface TransferView {
  /** Taken over from above: the link back, nothing more of the other jurisdiction's order. */
  from: TransferEnd | null;
  /** Handed down: the receiving order and its result (reply, close, 回访). */
  to: (TransferEnd & { result: TransferResult }) | null;
  /** The jurisdictions below the order's, by name, that it may be handed to (empty when it may not). */
  targets: { id: number; name: string; level: string }[];
}

/**
 * The transfer view of `order` for its page. The district sees only the link back (never the
 * city's order itself); the city sees its district's result. `targets` for a centre caller only.
 */
export async function readTransferView(
  store: Store,
  order: WorkOrder,
  options: { centre: boolean },
): Promise<TransferView> {
  const nodes = await store.jurisdictions.list();
  const nameOf = (id: number) => nodes.find((j) => j.id === id)?.name ?? '';
  const from = order.transferredFrom
    ? {
        ...order.transferredFrom,
        jurisdictionName: nameOf(order.transferredFrom.jurisdictionId),
        receivedAt: order.receivedAt,
      }
    : null;
  let to: TransferView['to'] = null;
  if (order.transferredTo) {
    const there = await store.requests.getOrder(order.transferredTo.orderId);
    const events = await store.requests.listEvents(there.id);
    to = {
      ...order.transferredTo,
      jurisdictionName: nameOf(order.transferredTo.jurisdictionId),
      receivedAt: there.receivedAt,
      result: deriveTransferResult(there, events),
    };
  }
  const own = ownerOfOrder(order);
  const targets =
    options.centre && isTransferable(order)
      ? listSubtree(nodes, own)
          .filter((id) => id !== own)
          .map((id) => nodes.find((j) => j.id === id)!)
          .map((j) => ({ id: j.id, name: j.name, level: j.level }))
      : [];
  return { from, to, targets };
}
