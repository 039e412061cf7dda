/**
 * Named handlers (经办人, issue 20): a unit's orders and plan tasks given to its people, moved in
 * bulk with a reason, each move audited; personal queues (我的工单, 我的任务) and the head's
 * workload view; who heads a unit. Load → domain step (src/requests/handlers.ts) → store, one
 * transaction with the audit events.
 */
import { AppError } from '../errors.js';
import type { AuditEvent } from '../plan/audit.js';
import type { User } from '../plan/types.js';
import {
  assignHandler,
  deriveWorkload,
  isUnitHead,
  listPersonalQueue,
  planBulkReassignment,
  toRequestActor,
  workItemKey,
  workItemsFromOrder,
  workItemsFromTask,
} from '../requests/index.js';
import type {
  BulkSelection,
  HandlerAssignment,
  HandlerChange,
  QueueEntry,
  UnitMember,
  WorkItem,
  WorkItemKind,
  WorkloadRow,
} from '../requests/index.js';
import type { Store } from '../store/types.js';

const OPEN_ORDER_STATUSES = ['dispatched', 'signed', 'objecting', 'replied'] as const;

/** The people of a unit: the reporters who act for it, its heads flagged. */
export async function listUnitMembers(store: Store, unitId: number): Promise<UnitMember[]> {
  const [users, heads] = await Promise.all([store.users.list(), store.handlers.listHeads([unitId])]);
  const headIds = new Set(heads.map((h) => h.userId));
  return users
    .filter((u) => u.role === 'reporter' && u.unitIds.includes(unitId))
    .map((u) => ({
      userId: u.id,
      name: u.displayName,
      unitId,
      head: headIds.has(u.id),
      active: !u.disabled,
    }));
}

/** The open items a unit holds: its orders (as lead or co-unit) and its plan tasks. */
export async function listUnitItems(store: Store, unitId: number): Promise<WorkItem[]> {
  const [orders, tasks] = await Promise.all([
    store.requests.listOrders({ unitId, status: [...OPEN_ORDER_STATUSES], limit: 10_000, offset: 0 }),
    store.tasks.listOpenOfUnit(unitId),
  ]);
  return [
    ...orders.items.flatMap(workItemsFromOrder),
    ...tasks.flatMap((task) => workItemsFromTask(task)),
  ].filter((item) => item.unitId === unitId);
}

/** The items of some assignments, whatever their state (a queue shows only the open ones). */
async function itemsOf(store: Store, assignments: readonly HandlerAssignment[]): Promise<WorkItem[]> {
  const ids = (kind: WorkItemKind) => [
    ...new Set(assignments.filter((a) => a.kind === kind).map((a) => a.itemId)),
  ];
  const [orders, tasks] = await Promise.all([
    store.requests.listOrders({ ids: ids('order'), limit: 10_000, offset: 0 }),
    store.tasks.listByIds(ids('task')),
  ]);
  return [...orders.items.flatMap(workItemsFromOrder), ...tasks.flatMap((task) => workItemsFromTask(task))];
}

function actorOf(user: User) {
  const actor = toRequestActor(user);
  if (actor === undefined) throw new AppError('FORBIDDEN', `your role (${user.role}) has no handlers`);
  return actor;
}

/** One audit event per change: the item's handler before and after, with the reason. */
function changeEvents(
  changes: readonly HandlerChange[],
  user: User,
  at: string,
  reason: string | null,
): AuditEvent[] {
  return changes.map((change) => ({
    at,
    actor: { userId: user.id, role: user.role },
    entity: { type: 'handler_assignment', id: `${change.kind}:${change.itemId}:${change.unitId}` },
    planId: null,
    action: change.from === null ? 'handler_assignment.assign' : 'handler_assignment.reassign',
    before: change.from === null ? null : { handlerId: change.from },
    after: { kind: change.kind, itemId: change.itemId, unitId: change.unitId, handlerId: change.to },
    reason,
  }));
}

/**
 * Gives one item of a unit to a person of it (the head), or to oneself (认领). NOT_FOUND when
 * the unit does not hold the item open.
 */
export async function assignItem(
  store: Store,
  unitId: number,
  ref: { kind: WorkItemKind; id: number },
  handlerId: number,
  reason: string | undefined,
  user: User,
  now: string,
): Promise<HandlerAssignment> {
  const actor = actorOf(user);
  const [items, members] = await Promise.all([listUnitItems(store, unitId), listUnitMembers(store, unitId)]);
  const item = items.find((i) => i.kind === ref.kind && i.id === ref.id);
  if (!item) {
    throw new AppError('NOT_FOUND', `${ref.kind === 'order' ? '工单' : '任务'} ${ref.id} 不在本单位待办`, [
      { path: 'item', message: 'not an open item of the unit' },
    ]);
  }
  return store.transaction(async (tx) => {
    const current = (await tx.handlers.listForItems(ref.kind, [ref.id])).find((a) => a.unitId === unitId);
    const { assignment, change } = assignHandler(current, item, handlerId, actor, members, now, reason);
    await tx.handlers.save([assignment]);
    for (const event of changeEvents([change], user, now, assignment.reason))
      await tx.audit.append(event, ref.kind === 'task' ? { type: 'task', id: ref.id } : undefined);
    return assignment;
  });
}

/**
 * Moves many open items of a unit to one person with one reason (the head only), all or none,
 * each move audited. Every bad item is named (BAD_INPUT `items.N`).
 */
export async function reassignItems(
  store: Store,
  unitId: number,
  selection: BulkSelection,
  toHandlerId: number,
  reason: string,
  user: User,
  now: string,
): Promise<{ moved: HandlerChange[] }> {
  const actor = actorOf(user);
  const [items, members] = await Promise.all([listUnitItems(store, unitId), listUnitMembers(store, unitId)]);
  return store.transaction(async (tx) => {
    const assignments = await tx.handlers.listForUnit(unitId);
    const plan = planBulkReassignment(
      unitId,
      selection,
      toHandlerId,
      reason,
      assignments,
      items,
      members,
      actor,
      now,
    );
    await tx.handlers.save(plan.assignments);
    for (const [i, event] of changeEvents(plan.changes, user, now, reason.trim()).entries()) {
      const change = plan.changes[i]!;
      await tx.audit.append(event, change.kind === 'task' ? { type: 'task', id: change.itemId } : undefined);
    }
    return { moved: plan.changes };
  });
}

/** A person's queue: the open items given to them, overdue first (我的工单 / 我的任务). */
export async function listMyQueue(
  store: Store,
  user: User,
  now: string,
  kind?: WorkItemKind,
): Promise<QueueEntry[]> {
  const assignments = await store.handlers.listForHandler(user.id);
  // An item stays in a queue only while the person still acts for its unit.
  const mine = assignments.filter((a) => user.unitIds.includes(a.unitId));
  return listPersonalQueue(user.id, mine, await itemsOf(store, mine), now, kind);
}

/** The unit's workload by person (its head, or the centre). FORBIDDEN for anyone else. */
export async function unitWorkload(
  store: Store,
  unitId: number,
  user: User,
  now: string,
): Promise<{
  rows: WorkloadRow[];
  members: UnitMember[];
  items: (WorkItem & { handlerId: number | null })[];
}> {
  const [items, members, assignments] = await Promise.all([
    listUnitItems(store, unitId),
    listUnitMembers(store, unitId),
    store.handlers.listForUnit(unitId),
  ]);
  const actor = toRequestActor(user);
  const centre = actor?.role === 'center';
  if (!centre && !(actor && isUnitHead(actor, unitId, members)))
    throw new AppError('FORBIDDEN', '只有单位负责人可以查看本单位工作量');
  const handlerOf = new Map(assignments.map((a) => [workItemKey(a), a.handlerId]));
  return {
    rows: deriveWorkload(unitId, members, assignments, items, now),
    members,
    items: items.map((item) => ({ ...item, handlerId: handlerOf.get(workItemKey(item)) ?? null })),
  };
}

/** The units a user heads (the console shows them the workload view). */
export function listHeadedUnits(store: Store, user: User): Promise<number[]> {
  return store.handlers.listHeadedBy(user.id);
}

/**
 * Names the heads of a unit (an admin): reporters who act for it. BAD_INPUT naming each user
 * who is not one; the change audited.
 */
export async function setUnitHeads(
  store: Store,
  unitId: number,
  userIds: readonly number[],
  user: User,
  now: string,
): Promise<number[]> {
  await store.units.get(unitId);
  const members = await listUnitMembers(store, unitId);
  const ids = [...new Set(userIds)];
  const problems = ids.flatMap((id, i) =>
    members.some((m) => m.userId === id)
      ? []
      : [{ path: `userIds.${i}`, message: `user ${id} does not act for the unit` }],
  );
  if (problems.length > 0) throw new AppError('BAD_INPUT', '单位负责人须是本单位人员', problems);
  return store.transaction(async (tx) => {
    const before = (await tx.handlers.listHeads([unitId])).map((h) => h.userId);
    await tx.handlers.setHeads(unitId, ids);
    await tx.audit.append({
      at: now,
      actor: { userId: user.id, role: user.role },
      entity: { type: 'unit_head', id: unitId },
      planId: null,
      action: 'unit_head.set',
      before: { userIds: before },
      after: { userIds: ids },
      reason: null,
    });
    return ids;
  });
}
