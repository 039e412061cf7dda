/**
 * The named handler first, the unit's inbox second (issue 20): a notice about an order or a
 * task goes to its handler (经办人) at once, and the unit's copy is held; if the handler has not
 * read it within the unit's hours (the unit's setting, else its jurisdiction's, else 4) — no
 * read receipt from a channel and the item not opened in the app — the copy goes to the unit's
 * people and robots. With no handler, or one away, inactive or without a channel, the unit is
 * told at once. The 12345 desk's notices (派单, 退回, 临期) go this way; so do the chase's about
 * tasks (chase.ts).
 */
import { DEFAULT_UNIT_SETTINGS } from '../notify/settings.js';
import type { UnitNotifySettings } from '../notify/settings.js';
import type { Notice } from '../notify/types.js';
import { dueSoonNotices, orderNoticesFor, routeNotice, workItemsFromOrder } from '../requests/index.js';
import type { OrderEvent, OrderNotice, WorkItemKind, WorkOrder } from '../requests/index.js';
import type { Store } from '../store/types.js';
import { listUnitMembers } from './handlers.js';
import { loadOfficeSettings, loadRecipients, loadUserRecipient, ownerOf, queueNotice } from './notify.js';

/** Hours a handler has to read a notice before the unit's inbox gets it, when nothing is set. */
export const DEFAULT_INBOX_AFTER_HOURS = 4;

/** Where the desk's notices link to and how far ahead 临期 looks. */
export interface DeskNoticeContext {
  publicUrl: string;
}

/**
 * The hours of every unit of a jurisdiction, loaded once: the unit's own setting, else the
 * jurisdiction's, else 4.
 */
export async function loadInboxHours(
  store: Store,
  jurisdictionId: number,
): Promise<(unitId: number) => number> {
  const [jurisdiction, settings] = await Promise.all([
    store.jurisdictions.get(jurisdictionId),
    store.notifySettings.listByPrefix(jurisdictionId, 'unit:'),
  ]);
  const ofUnit = new Map(
    settings.map((s) => [
      Number(s.scope.slice(5)),
      { ...DEFAULT_UNIT_SETTINGS, ...(s.data as Partial<UnitNotifySettings>) }.inboxAfterHours,
    ]),
  );
  return (unitId) => ofUnit.get(unitId) ?? jurisdiction.settings.inboxAfterHours ?? DEFAULT_INBOX_AFTER_HOURS;
}

/** The jurisdiction of a unit (whose settings, people and office tell it). */
const jurisdictionOfUnit = async (store: Store, unitId: number) => ownerOf(await store.units.get(unitId));

/** Something loaded once per jurisdiction for a job over several (recipients, hours). */
function perJurisdiction<T>(
  load: (jurisdictionId: number) => Promise<T>,
): (jurisdictionId: number) => Promise<T> {
  const held = new Map<number, Promise<T>>();
  return (jurisdictionId) => {
    let value = held.get(jurisdictionId);
    if (!value) {
      value = load(jurisdictionId);
      held.set(jurisdictionId, value);
    }
    return value;
  };
}

export interface TellResult {
  /** Who heard first: the handler (the unit's copy held), or the unit at once. */
  to: 'handler' | 'unit';
  queued: number;
}

/**
 * Tells one unit's item: its reachable handler now and the unit's copy held until `hours` later,
 * or the unit now, by the settings and people of the unit's jurisdiction. In the caller's
 * transaction; a second call with the same `dedupeBase` queues and holds nothing more.
 */
export async function tellHandlerFirst(
  tx: Store,
  input: {
    item: { kind: WorkItemKind; id: number; unitId: number };
    notice: Notice;
    dedupeBase: string;
    now: string;
    hours?: (unitId: number) => number;
  },
): Promise<TellResult> {
  const { item, notice, dedupeBase, now } = input;
  const jurisdictionId = await jurisdictionOfUnit(tx, item.unitId);
  const assignment = (await tx.handlers.listForItems(item.kind, [item.id])).find(
    (a) => a.unitId === item.unitId,
  );
  if (assignment) {
    const hours = (input.hours ?? (await loadInboxHours(tx, jurisdictionId)))(item.unitId);
    const members = await listUnitMembers(tx, item.unitId);
    const [first, later] = routeNotice(item, assignment, members, now, hours);
    const handler = first?.to.kind === 'user' ? await loadUserRecipient(tx, first.to.userId) : undefined;
    if (handler && later) {
      const readGroup = `${dedupeBase}|handler`;
      const queued = await queueNotice(tx, {
        recipients: [handler],
        notice,
        dedupeBase: readGroup,
        now,
        unitId: item.unitId,
      });
      await tx.fallbacks.hold({
        dedupeKey: dedupeBase,
        item,
        handlerId: assignment.handlerId,
        readGroup,
        notice: { ...notice, intro: `经办人${handler.name}${hours}小时内未阅，转本单位：${notice.intro}` },
        queuedAt: now,
        dueAt: later.at,
      });
      return { to: 'handler', queued };
    }
  }
  const recipients = (await loadRecipients(tx, jurisdictionId))(item.unitId, 'unit');
  const queued = await queueNotice(tx, {
    recipients,
    notice,
    dedupeBase: `${dedupeBase}|unit`,
    now,
    unitId: item.unitId,
  });
  return { to: 'unit', queued };
}

/** The notice of an order's step, signed by the office of the order's jurisdiction. */
async function deskNotice(
  tx: Store,
  ctx: DeskNoticeContext,
  jurisdictionId: number,
  spec: OrderNotice,
): Promise<Notice> {
  const office = await loadOfficeSettings(tx, jurisdictionId);
  const base = ctx.publicUrl.replace(/\/+$/, '');
  return {
    kind: `request.${spec.step}`,
    title: spec.title,
    intro: spec.intro,
    items: [
      {
        title: spec.title.replace(/^【[^】]+】/, ''),
        detail: spec.intro,
        ...(spec.due ? { dueOn: spec.due.slice(0, 10) } : {}),
        link: `${base}/requests/orders/${spec.orderId}`,
      },
    ],
    link: `${base}/requests/orders/${spec.orderId}`,
    sender: office.data.sender,
    severity: spec.severity,
  };
}

const orderKey = (spec: OrderNotice) => `request|order:${spec.orderId}|unit:${spec.unitId}|${spec.key}`;

/**
 * The notices an event on an order brings (派单 to the units newly holding it, 退回 to the lead
 * unit), each to the unit's handler first; in the caller's transaction, with the event.
 */
export async function tellOrderChange(
  tx: Store,
  ctx: DeskNoticeContext,
  before: WorkOrder,
  after: WorkOrder,
  event: OrderEvent,
  now: string,
): Promise<TellResult[]> {
  const specs = orderNoticesFor(before, after, event);
  const told: TellResult[] = [];
  for (const spec of specs) {
    told.push(
      await tellHandlerFirst(tx, {
        item: { kind: 'order', id: spec.orderId, unitId: spec.unitId },
        notice: await deskNotice(
          tx,
          ctx,
          after.jurisdictionId ?? (await jurisdictionOfUnit(tx, spec.unitId)),
          spec,
        ),
        dedupeBase: orderKey(spec),
        now,
      }),
    );
  }
  return told;
}

/** Hours before an order's finish deadline that the unit is told it is near (临期). */
export const DUE_SOON_HOURS = 24;

/**
 * 临期: each order whose finish deadline falls within DUE_SOON_HOURS and that its unit has not
 * answered is told once per deadline (a mark), handler first. Answers how many were told.
 */
export async function tellOrdersDueSoon(store: Store, ctx: DeskNoticeContext, now: string): Promise<number> {
  const until = new Date(Date.parse(now) + DUE_SOON_HOURS * 3_600_000).toISOString();
  const orders = await store.requests.listFinishDueBetween(now, until, 2000);
  const specs = dueSoonNotices(orders, now, DUE_SOON_HOURS);
  if (specs.length === 0) return 0;
  const told = await store.outbox.findMarks(specs.map(orderKey));
  const orderOwner = new Map(orders.map((o) => [o.id, o.jurisdictionId]));
  const hoursOf = perJurisdiction((id) => loadInboxHours(store, id));
  let count = 0;
  for (const spec of specs) {
    const key = orderKey(spec);
    if (told.has(key)) continue;
    const jurisdictionId = orderOwner.get(spec.orderId) ?? (await jurisdictionOfUnit(store, spec.unitId));
    const hours = await hoursOf(jurisdictionId);
    await store.transaction(async (tx) => {
      await tellHandlerFirst(tx, {
        item: { kind: 'order', id: spec.orderId, unitId: spec.unitId },
        notice: await deskNotice(tx, ctx, jurisdictionId, spec),
        dedupeBase: key,
        now,
        hours,
      });
      await tx.outbox.insertMarks([key], now);
    });
    count++;
  }
  return count;
}

/** The handler opened the item in the app: the copies held for it count as read. */
export async function markItemSeen(
  store: Store,
  item: { kind: WorkItemKind; id: number },
  userId: number,
  now: string,
): Promise<number> {
  return store.fallbacks.markSeen(item, userId, now);
}

export interface InboxSweepResult {
  /** Copies sent to the unit's inbox (unread), dropped (read), dropped (item done). */
  sent: number;
  read: number;
  done: number;
}

/** Whether the unit's part of the order is still open (a copy about a finished one is dropped). */
async function stillOpen(store: Store, kind: WorkItemKind, id: number, unitId: number): Promise<boolean> {
  if (kind === 'order') {
    const order = await store.requests.findOrder(id);
    return !!order && workItemsFromOrder(order).some((i) => i.unitId === unitId && i.open);
  }
  const [task] = await store.tasks.listByIds([id]);
  return !!task && task.state !== 'done' && task.state !== 'closed';
}

/**
 * The held copies due by `now`: each goes to its unit's inbox unless the handler read the
 * notice (a channel's receipt, or the item opened) or the item is done; each decided once,
 * in a transaction with what it queued.
 */
export async function sendUnreadToInbox(store: Store, now: string, limit = 500): Promise<InboxSweepResult> {
  const due = await store.fallbacks.listDue(now, limit);
  const result: InboxSweepResult = { sent: 0, read: 0, done: 0 };
  if (due.length === 0) return result;
  const recipientsIn = perJurisdiction((id) => loadRecipients(store, id));
  for (const copy of due) {
    const recipientsOf = await recipientsIn(await jurisdictionOfUnit(store, copy.item.unitId));
    const read = copy.seenAt !== null || (await store.fallbacks.groupRead(copy.readGroup));
    const open = !read && (await stillOpen(store, copy.item.kind, copy.item.id, copy.item.unitId));
    const outcome = read ? 'read' : open ? 'sent' : 'done';
    await store.transaction(async (tx) => {
      if (!(await tx.fallbacks.decide(copy.dedupeKey, outcome, now))) return;
      if (outcome === 'sent')
        await queueNotice(tx, {
          // The unit's other people and its robots: the handler has had it.
          recipients: recipientsOf(copy.item.unitId, 'unit').filter(
            (r) => r.key !== `user:${copy.handlerId}`,
          ),
          notice: copy.notice,
          dedupeBase: `${copy.dedupeKey}|inbox`,
          now,
          unitId: copy.item.unitId,
        });
      result[outcome]++;
    });
  }
  return result;
}

export interface DeskNoticeScheduler {
  stop(): void;
}

/**
 * Every `intervalMs` (default a minute): the held copies due go to the units' inboxes, and the
 * orders near their deadline are told.
 */
export function startDeskNoticeScheduler(options: {
  store: Store;
  publicUrl: string;
  now?: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
  onRun?: (result: InboxSweepResult & { dueSoon: number }) => void;
}): DeskNoticeScheduler {
  const now = options.now ?? (() => new Date());
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const at = now().toISOString();
      const dueSoon = await tellOrdersDueSoon(options.store, { publicUrl: options.publicUrl }, at);
      const swept = await sendUnreadToInbox(options.store, at);
      if (dueSoon + swept.sent + swept.read + swept.done > 0) options.onRun?.({ ...swept, dueSoon });
    } catch (error) {
      options.onError?.(error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 60_000);
  timer.unref?.();
  void tick();
  return { stop: () => clearInterval(timer) };
}
