/**
 * Named handlers (经办人, issue 20): inside a unit, a work order or a plan task belongs to a
 * person. The unit's head (科室负责人) gives items to the unit's people and moves them in bulk
 * when someone is away, always with a reason that goes to the audit trail; a person may take an
 * unassigned item of their own unit (认领). Each person has a queue (我的工单, 我的任务), the head
 * a workload view (open, overdue, by person), and a notice about an item goes to its handler
 * first, then to the unit's inbox when unread (or at once when there is no handler to reach).
 *
 * Items of both kinds look the same here (`WorkItem`): an order as its holding unit sees it, or
 * a plan task for one of its units; each unit that holds an item gives it its own handler.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { endOfBeijingDay } from './calendar.js';
import type { RequestActor, WorkOrder } from './types.js';

export const WORK_ITEM_KINDS = ['order', 'task'] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

/** An order or a task as one unit holds it. */
export interface WorkItem {
  kind: WorkItemKind;
  id: number;
  unitId: number;
  /** What the queue shows: the order's category and place, the task's name. */
  title: string;
  open: boolean;
  /** The unit's deadline (ISO instant), or null when it has none. */
  due: string | null;
}

/** A person of a unit as the handlers see them. */
export interface UnitMember {
  userId: number;
  name: string;
  unitId: number;
  /** The unit's head: assigns and reassigns, sees the workload. */
  head: boolean;
  active: boolean;
  /** Away (leave, training) until this instant: the unit's inbox gets their notices meanwhile. */
  awayUntil?: string | null;
}

export interface HandlerAssignment {
  kind: WorkItemKind;
  itemId: number;
  unitId: number;
  handlerId: number;
  assignedAt: string;
  assignedBy: number | null;
  reason: string | null;
}

/** What an assignment changed, for the audit event (before/after). */
export interface HandlerChange {
  kind: WorkItemKind;
  itemId: number;
  unitId: number;
  from: number | null;
  to: number;
}

const key = (kind: WorkItemKind, itemId: number, unitId: number) => `${kind}:${itemId}:${unitId}`;

/** The key an assignment or item is found under (kind, item, unit). */
export function workItemKey(
  item: { kind: WorkItemKind; unitId: number } & ({ id: number } | { itemId: number }),
) {
  return key(item.kind, 'id' in item ? item.id : item.itemId, item.unitId);
}

const OPEN_ORDER = new Set(['dispatched', 'signed', 'objecting', 'replied']);

/**
 * The order as each unit holding it sees it: the lead's item, open while with the unit and due
 * at the finish deadline, and each co-unit's, open until it reported back and due at its own
 * deadline. None before dispatch.
 * @example
 * workItemsFromOrder(order)[0]?.title // '积水 · 回龙观街道'
 */
export function workItemsFromOrder(order: WorkOrder): WorkItem[] {
  if (order.leadUnitId === null) return [];
  const title = `${order.category} · ${order.location.area}`;
  const open = OPEN_ORDER.has(order.status);
  return [
    {
      kind: 'order',
      id: order.id,
      unitId: order.leadUnitId,
      title,
      open,
      due: order.deadlines?.finish.due ?? null,
    },
    ...order.coUnits.map((co) => ({
      kind: 'order' as const,
      id: order.id,
      unitId: co.unitId,
      title,
      open: open && co.reportedAt === null,
      due: co.finish.due,
    })),
  ];
}

/** The lead unit's item of an order (workItemsFromOrder's first), or undefined before dispatch. */
export function workItemFromOrder(order: WorkOrder): WorkItem | undefined {
  return workItemsFromOrder(order)[0];
}

/** What a plan task gives the handlers (a src/plan Task has all of it). */
export interface TaskLike {
  id: number;
  text: string;
  state: string;
  deadline: string | null;
  leadUnitId: number | null;
  coUnitIds: readonly number[];
}

/**
 * A plan task as each of its units (lead and co-units) holds it: open until done or closed (销号),
 * due at the end of its deadline day (Beijing).
 * @example
 * workItemsFromTask({ id: 5, text: '建成回天地区…', state: 'in_progress', deadline: '2022-12-31', leadUnitId: 3, coUnitIds: [4] }).length // 2
 */
export function workItemsFromTask(task: TaskLike): WorkItem[] {
  const units = [...new Set([...(task.leadUnitId === null ? [] : [task.leadUnitId]), ...task.coUnitIds])];
  const title = task.text.length > 60 ? `${task.text.slice(0, 60)}…` : task.text;
  const open = task.state !== 'done' && task.state !== 'closed';
  const due = task.deadline === null ? null : endOfBeijingDay(task.deadline);
  return units.map((unitId) => ({ kind: 'task', id: task.id, unitId, title, open, due }));
}

function refuse(code: 'CONFLICT' | 'FORBIDDEN' | 'BAD_INPUT', message: string, path: string): never {
  throw new AppError(code, message, [{ path, message }]);
}

function memberOf(members: readonly UnitMember[], userId: number | null, unitId: number) {
  return userId === null ? undefined : members.find((m) => m.userId === userId && m.unitId === unitId);
}

/** True when the actor heads the unit (or is the system, moving things on a unit merge). */
export function isUnitHead(actor: RequestActor, unitId: number, members: readonly UnitMember[]): boolean {
  if (actor.role === 'system') return true;
  return (
    actor.role === 'unit' &&
    actor.unitIds.includes(unitId) &&
    memberOf(members, actor.userId, unitId)?.head === true
  );
}

function assertHandler(members: readonly UnitMember[], handlerId: number, unitId: number, path: string) {
  const handler = memberOf(members, handlerId, unitId);
  if (!handler) refuse('BAD_INPUT', '经办人不是本单位人员', path);
  if (!handler.active) refuse('BAD_INPUT', `${handler.name}的账号已停用，不能分派`, path);
}

/**
 * Gives one item to a person of its unit. The head gives any open item; a person takes an
 * unassigned item for themselves (认领). Moving an item from one person to another needs a
 * reason. Throws FORBIDDEN, BAD_INPUT (not a person of the unit, closed item) or CONFLICT
 * (already theirs).
 * @example
 * assignHandler(undefined, item, 12, headActor, members, now).assignment.handlerId // 12
 */
export function assignHandler(
  current: HandlerAssignment | undefined,
  item: WorkItem,
  handlerId: number,
  actor: RequestActor,
  members: readonly UnitMember[],
  now: string,
  reason?: string,
): { assignment: HandlerAssignment; change: HandlerChange } {
  const head = isUnitHead(actor, item.unitId, members);
  const claiming =
    !head && actor.role === 'unit' && actor.userId === handlerId && actor.unitIds.includes(item.unitId);
  if (!head && !claiming) refuse('FORBIDDEN', '只有本单位负责人可以分派经办人', 'handlerId');
  if (claiming && current) refuse('CONFLICT', '该事项已有经办人，请联系单位负责人调整', 'handlerId');
  if (!item.open) refuse('BAD_INPUT', '事项已办结，不能分派', 'item');
  assertHandler(members, handlerId, item.unitId, 'handlerId');
  if (current?.handlerId === handlerId) refuse('CONFLICT', '该事项已由此人经办', 'handlerId');
  const why = reason?.trim() || null;
  if (current && !why) refuse('BAD_INPUT', '调整经办人须说明理由', 'reason');
  const assignment: HandlerAssignment = {
    kind: item.kind,
    itemId: item.id,
    unitId: item.unitId,
    handlerId,
    assignedAt: new Date(now).toISOString(),
    assignedBy: actor.userId,
    reason: why ?? (claiming ? '认领' : null),
  };
  return {
    assignment,
    change: {
      kind: item.kind,
      itemId: item.id,
      unitId: item.unitId,
      from: current?.handlerId ?? null,
      to: handlerId,
    },
  };
}

/** Which items a bulk move takes: named items, or every open item of one person. */
export type BulkSelection =
  | { items: readonly { kind: WorkItemKind; id: number }[] }
  | { fromHandlerId: number; kinds?: readonly WorkItemKind[] };

/**
 * Moves many open items of a unit to one person (someone is away, has left, is overloaded),
 * all with the same reason. Every bad item is named (`items.3`: not the unit's, closed, already
 * the person's) and nothing moves when any is bad. Only the unit's head moves in bulk.
 * @example
 * planBulkReassignment(101, { fromHandlerId: 12 }, 13, '张三休假', assignments, items, members, headActor, now).changes.length // 7
 */
export function planBulkReassignment(
  unitId: number,
  selection: BulkSelection,
  toHandlerId: number,
  reason: string,
  assignments: readonly HandlerAssignment[],
  items: readonly WorkItem[],
  members: readonly UnitMember[],
  actor: RequestActor,
  now: string,
): { assignments: HandlerAssignment[]; changes: HandlerChange[] } {
  if (!isUnitHead(actor, unitId, members))
    refuse('FORBIDDEN', '只有本单位负责人可以批量调整经办人', 'unitId');
  const why = reason.trim();
  const problems: ErrorDetail[] = [];
  if (why.length < 2) problems.push({ path: 'reason', message: '批量调整须说明理由' });
  const handler = memberOf(members, toHandlerId, unitId);
  if (!handler) problems.push({ path: 'toHandlerId', message: '经办人不是本单位人员' });
  else if (!handler.active) problems.push({ path: 'toHandlerId', message: `${handler.name}的账号已停用` });
  const byKey = new Map(items.filter((i) => i.unitId === unitId).map((i) => [workItemKey(i), i]));
  const current = new Map(assignments.map((a) => [workItemKey(a), a]));
  let chosen: WorkItem[];
  if ('items' in selection) {
    chosen = [];
    selection.items.forEach((ref, i) => {
      const item = byKey.get(key(ref.kind, ref.id, unitId));
      const path = `items.${i}`;
      if (!item)
        problems.push({
          path,
          message: `${ref.kind === 'order' ? '工单' : '任务'} ${ref.id} 不由本单位办理`,
        });
      else if (!item.open) problems.push({ path, message: `${item.title} 已办结` });
      else if (current.get(workItemKey(item))?.handlerId === toHandlerId)
        problems.push({ path, message: `${item.title} 已由此人经办` });
      else chosen.push(item);
    });
  } else {
    const kinds = new Set(selection.kinds ?? WORK_ITEM_KINDS);
    if (selection.fromHandlerId === toHandlerId)
      problems.push({ path: 'toHandlerId', message: '调出和调入是同一人' });
    chosen = [...byKey.values()].filter(
      (item) =>
        item.open &&
        kinds.has(item.kind) &&
        current.get(workItemKey(item))?.handlerId === selection.fromHandlerId,
    );
  }
  if (chosen.length === 0 && problems.length === 0)
    problems.push({ path: 'items', message: '没有可调整的事项' });
  if (problems.length > 0) throw new AppError('BAD_INPUT', '批量调整经办人有误', problems);
  const at = new Date(now).toISOString();
  const next: HandlerAssignment[] = [];
  const changes: HandlerChange[] = [];
  for (const item of chosen) {
    next.push({
      kind: item.kind,
      itemId: item.id,
      unitId,
      handlerId: toHandlerId,
      assignedAt: at,
      assignedBy: actor.userId,
      reason: why,
    });
    const from = current.get(workItemKey(item))?.handlerId ?? null;
    changes.push({ kind: item.kind, itemId: item.id, unitId, from, to: toHandlerId });
  }
  return { assignments: next, changes };
}

export interface QueueEntry extends WorkItem {
  overdue: boolean;
  /** Whole days to the deadline (negative: days past it); null without a deadline. */
  dueInDays: number | null;
  assignedAt: string;
}

const DAY = 86_400_000;

function queueEntry(item: WorkItem, assignment: HandlerAssignment, t: number): QueueEntry {
  const due = item.due === null ? null : Date.parse(item.due);
  return {
    ...item,
    overdue: due !== null && due < t,
    dueInDays: due === null ? null : Math.floor((due - t) / DAY),
    assignedAt: assignment.assignedAt,
  };
}

/**
 * A person's queue (我的工单 / 我的任务): their open items, overdue first, then by deadline
 * (none last), then the oldest assignment. Pass `kind` for one kind.
 * @example
 * listPersonalQueue(12, assignments, items, now, 'order')[0]?.overdue // true
 */
export function listPersonalQueue(
  userId: number,
  assignments: readonly HandlerAssignment[],
  items: readonly WorkItem[],
  now: string,
  kind?: WorkItemKind,
): QueueEntry[] {
  const t = Date.parse(now);
  const mine = new Map(
    assignments
      .filter((a) => a.handlerId === userId && (!kind || a.kind === kind))
      .map((a) => [workItemKey(a), a]),
  );
  const queue: QueueEntry[] = [];
  for (const item of items) {
    const assignment = item.open ? mine.get(workItemKey(item)) : undefined;
    if (assignment) queue.push(queueEntry(item, assignment, t));
  }
  return queue.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      a.assignedAt.localeCompare(b.assignedAt) ||
      a.id - b.id,
  );
}

export interface WorkloadRow {
  /** Null for the unit's items nobody handles yet. */
  userId: number | null;
  name: string;
  active: boolean;
  away: boolean;
  open: number;
  overdue: number;
  /** Open items due within three days, not yet overdue. */
  dueSoon: number;
  orders: number;
  tasks: number;
}

/**
 * The head's view of a unit (工作量): per person the open, overdue and soon-due items by kind,
 * the unassigned ones in a row of their own (first), then the people with the most overdue.
 * Inactive people appear only while they still hold open items.
 * @example
 * deriveWorkload(101, members, assignments, items, now)[0]?.name // '未分派'
 */
export function deriveWorkload(
  unitId: number,
  members: readonly UnitMember[],
  assignments: readonly HandlerAssignment[],
  items: readonly WorkItem[],
  now: string,
): WorkloadRow[] {
  const t = Date.parse(now);
  const handlerOf = new Map(
    assignments.filter((a) => a.unitId === unitId).map((a) => [workItemKey(a), a.handlerId]),
  );
  const rows = new Map<number | null, WorkloadRow>();
  const row = (userId: number | null): WorkloadRow => {
    let r = rows.get(userId);
    if (!r) {
      const m = userId === null ? undefined : members.find((x) => x.userId === userId && x.unitId === unitId);
      r = {
        userId,
        name: userId === null ? '未分派' : (m?.name ?? `人员${userId}`),
        active: userId === null || m?.active === true,
        away: Boolean(m?.awayUntil && Date.parse(m.awayUntil) > t),
        open: 0,
        overdue: 0,
        dueSoon: 0,
        orders: 0,
        tasks: 0,
      };
      rows.set(userId, r);
    }
    return r;
  };
  row(null);
  for (const m of members) if (m.unitId === unitId && m.active) row(m.userId);
  for (const item of items) {
    if (item.unitId !== unitId || !item.open) continue;
    const r = row(handlerOf.get(workItemKey(item)) ?? null);
    r.open++;
    if (item.kind === 'order') r.orders++;
    else r.tasks++;
    if (item.due === null) continue;
    const due = Date.parse(item.due);
    if (due < t) r.overdue++;
    else if (due - t <= 3 * DAY) r.dueSoon++;
  }
  const [unassigned, ...people] = [...rows.values()];
  people.sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name, 'zh'));
  return unassigned ? [unassigned, ...people] : people;
}

/** One step of a notice's way: to a person or to the unit's inbox, at an instant. */
export interface NoticeRoute {
  to: { kind: 'user'; userId: number } | { kind: 'unit'; unitId: number };
  at: string;
  /** True for the unit's copy that goes only when the handler has not read the notice by then. */
  ifUnread: boolean;
}

/**
 * Where a notice about an item goes: its handler at once and the unit's inbox `inboxAfterHours`
 * later if still unread (default 4); the unit's inbox at once when the item has no handler or
 * the handler is inactive or away.
 * @example
 * routeNotice(item, assignment, members, now)[0]?.to // { kind: 'user', userId: 12 }
 */
export function routeNotice(
  item: Pick<WorkItem, 'unitId'>,
  assignment: HandlerAssignment | undefined,
  members: readonly UnitMember[],
  now: string,
  inboxAfterHours = 4,
): NoticeRoute[] {
  const at = new Date(now).toISOString();
  const inbox = { kind: 'unit' as const, unitId: item.unitId };
  const handler = assignment && memberOf(members, assignment.handlerId, item.unitId);
  const reachable =
    handler?.active && !(handler.awayUntil && Date.parse(handler.awayUntil) > Date.parse(now));
  if (!handler || !reachable) return [{ to: inbox, at, ifUnread: false }];
  return [
    { to: { kind: 'user', userId: handler.userId }, at, ifUnread: false },
    { to: inbox, at: new Date(Date.parse(now) + inboxAfterHours * 3_600_000).toISOString(), ifUnread: true },
  ];
}
