import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  assignHandler,
  deriveWorkload,
  isUnitHead,
  listPersonalQueue,
  planBulkReassignment,
  routeNotice,
  workItemFromOrder,
  workItemsFromOrder,
  workItemsFromTask,
} from './handlers.js';
import type { HandlerAssignment, UnitMember, WorkItem } from './handlers.js';
import type { RequestActor, WorkOrder } from './types.js';

const NOW = '2025-03-10T02:00:00.000Z';
const members: UnitMember[] = [
  { userId: 10, name: '李科长', unitId: 203, head: true, active: true },
  { userId: 11, name: '张伟', unitId: 203, head: false, active: true },
  { userId: 12, name: '王芳', unitId: 203, head: false, active: true, awayUntil: '2025-03-20T00:00:00Z' },
  { userId: 13, name: '赵磊', unitId: 203, head: false, active: false },
  { userId: 20, name: '刘洋', unitId: 204, head: false, active: true },
];
const head: RequestActor = { userId: 10, role: 'unit', unitIds: [203] };
const zhang: RequestActor = { userId: 11, role: 'unit', unitIds: [203] };
const center: RequestActor = { userId: 1, role: 'center', unitIds: [] };

const item = (
  kind: WorkItem['kind'],
  id: number,
  due: string | null,
  open = true,
  unitId = 203,
): WorkItem => ({
  kind,
  id,
  unitId,
  title: `${kind === 'order' ? '工单' : '任务'}${id}`,
  open,
  due,
});
const assigned = (
  kind: WorkItem['kind'],
  itemId: number,
  handlerId: number,
  assignedAt = '2025-03-01T02:00:00Z',
): HandlerAssignment => ({
  kind,
  itemId,
  unitId: 203,
  handlerId,
  assignedAt,
  assignedBy: 10,
  reason: null,
});

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('assignHandler', () => {
  const order = item('order', 1, '2025-03-12T10:00:00Z');

  it('lets the head give an item to a person of the unit, with what changed', () => {
    const { assignment, change } = assignHandler(undefined, order, 11, head, members, NOW);
    expect(assignment).toEqual({
      kind: 'order',
      itemId: 1,
      unitId: 203,
      handlerId: 11,
      assignedAt: NOW,
      assignedBy: 10,
      reason: null,
    });
    expect(change).toEqual({ kind: 'order', itemId: 1, unitId: 203, from: null, to: 11 });
  });

  it('lets a person take an unassigned item, not one already someone’s', () => {
    expect(assignHandler(undefined, order, 11, zhang, members, NOW).assignment.reason).toBe('认领');
    const taken = assigned('order', 1, 12);
    expect(errorOf(() => assignHandler(taken, order, 11, zhang, members, NOW)).code).toBe('CONFLICT');
    expect(errorOf(() => assignHandler(undefined, order, 12, zhang, members, NOW)).code).toBe('FORBIDDEN');
    expect(errorOf(() => assignHandler(undefined, order, 11, center, members, NOW)).code).toBe('FORBIDDEN');
  });

  it('needs a reason to move an item from one person to another', () => {
    const current = assigned('order', 1, 11);
    expect(errorOf(() => assignHandler(current, order, 12, head, members, NOW)).message).toBe(
      '调整经办人须说明理由',
    );
    const moved = assignHandler(current, order, 12, head, members, NOW, '张伟借调');
    expect(moved.change).toEqual({ kind: 'order', itemId: 1, unitId: 203, from: 11, to: 12 });
    expect(moved.assignment.reason).toBe('张伟借调');
  });

  it('refuses someone of another unit, an inactive account, a closed item and the same person again', () => {
    expect(errorOf(() => assignHandler(undefined, order, 20, head, members, NOW)).message).toBe(
      '经办人不是本单位人员',
    );
    expect(errorOf(() => assignHandler(undefined, order, 13, head, members, NOW)).message).toBe(
      '赵磊的账号已停用，不能分派',
    );
    expect(
      errorOf(() => assignHandler(undefined, { ...order, open: false }, 11, head, members, NOW)).code,
    ).toBe('BAD_INPUT');
    expect(errorOf(() => assignHandler(assigned('order', 1, 11), order, 11, head, members, NOW)).code).toBe(
      'CONFLICT',
    );
  });

  it('knows the head by membership, not by role alone', () => {
    expect(isUnitHead(head, 203, members)).toBe(true);
    expect(isUnitHead(zhang, 203, members)).toBe(false);
    expect(isUnitHead({ ...head, unitIds: [204] }, 204, members)).toBe(false);
    expect(isUnitHead({ userId: null, role: 'system', unitIds: [] }, 203, members)).toBe(true);
  });
});

describe('planBulkReassignment', () => {
  const items = [
    item('order', 1, '2025-03-12T10:00:00Z'),
    item('order', 2, '2025-03-05T10:00:00Z'),
    item('task', 3, '2025-06-30T15:59:59Z'),
    item('order', 4, null, false),
    item('order', 5, null, true, 204),
  ];
  const assignments = [
    assigned('order', 1, 12),
    assigned('order', 2, 12),
    assigned('task', 3, 12),
    assigned('order', 4, 12),
  ];

  it('moves every open item of someone away to another, tasks and orders alike, with one reason', () => {
    const plan = planBulkReassignment(
      203,
      { fromHandlerId: 12 },
      11,
      '王芳休产假',
      assignments,
      items,
      members,
      head,
      NOW,
    );
    expect(plan.changes).toEqual([
      { kind: 'order', itemId: 1, unitId: 203, from: 12, to: 11 },
      { kind: 'order', itemId: 2, unitId: 203, from: 12, to: 11 },
      { kind: 'task', itemId: 3, unitId: 203, from: 12, to: 11 },
    ]);
    expect(
      plan.assignments.every((a) => a.reason === '王芳休产假' && a.assignedBy === 10 && a.handlerId === 11),
    ).toBe(true);
    const tasksOnly = planBulkReassignment(
      203,
      { fromHandlerId: 12, kinds: ['task'] },
      11,
      '调整',
      assignments,
      items,
      members,
      head,
      NOW,
    );
    expect(tasksOnly.changes.map((c) => c.itemId)).toEqual([3]);
  });

  it('names every bad item and moves none', () => {
    const error = errorOf(() =>
      planBulkReassignment(
        203,
        {
          items: [
            { kind: 'order', id: 1 },
            { kind: 'order', id: 4 },
            { kind: 'order', id: 5 },
            { kind: 'task', id: 3 },
          ],
        },
        12,
        ' ',
        assignments,
        items,
        members,
        head,
        NOW,
      ),
    );
    expect(error.details).toEqual([
      { path: 'reason', message: '批量调整须说明理由' },
      { path: 'items.0', message: '工单1 已由此人经办' },
      { path: 'items.1', message: '工单4 已办结' },
      { path: 'items.2', message: '工单 5 不由本单位办理' },
      { path: 'items.3', message: '任务3 已由此人经办' },
    ]);
  });

  it('is the head’s alone and needs something to move', () => {
    expect(
      errorOf(() =>
        planBulkReassignment(203, { fromHandlerId: 12 }, 11, '休假', assignments, items, members, zhang, NOW),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(() =>
        planBulkReassignment(203, { fromHandlerId: 11 }, 12, '休假', assignments, items, members, head, NOW),
      ).details,
    ).toEqual([{ path: 'items', message: '没有可调整的事项' }]);
  });
});

describe('queues and workload', () => {
  const items = [
    item('order', 1, '2025-03-12T10:00:00Z'),
    item('order', 2, '2025-03-05T10:00:00Z'),
    item('task', 3, '2025-06-30T15:59:59Z'),
    item('task', 4, null),
    item('order', 5, '2025-03-11T10:00:00Z'),
    item('order', 6, '2025-03-01T10:00:00Z', false),
    item('order', 7, '2025-03-09T10:00:00Z'),
  ];
  const assignments = [
    assigned('order', 1, 11),
    assigned('order', 2, 11),
    assigned('task', 3, 11),
    assigned('task', 4, 11),
    assigned('order', 5, 12),
    assigned('order', 6, 11),
  ];

  it('lists a person’s open items, overdue first, then by deadline, none last', () => {
    const queue = listPersonalQueue(11, assignments, items, NOW);
    expect(queue.map((q) => [q.kind, q.id, q.overdue, q.dueInDays])).toEqual([
      ['order', 2, true, -5],
      ['order', 1, false, 2],
      ['task', 3, false, 112],
      ['task', 4, false, null],
    ]);
    expect(listPersonalQueue(11, assignments, items, NOW, 'order').map((q) => q.id)).toEqual([2, 1]);
  });

  it('shows the head the unassigned items first, then people by what is overdue', () => {
    const rows = deriveWorkload(203, members, assignments, items, NOW);
    expect(rows.map((r) => [r.name, r.open, r.overdue, r.dueSoon, r.orders, r.tasks, r.away])).toEqual([
      ['未分派', 1, 1, 0, 1, 0, false],
      ['张伟', 4, 1, 1, 2, 2, false],
      ['王芳', 1, 0, 1, 1, 0, true],
      ['李科长', 0, 0, 0, 0, 0, false],
    ]);
  });
});

describe('routeNotice', () => {
  const order = item('order', 1, null);

  it('goes to the handler first and the unit’s inbox four hours later if unread', () => {
    expect(routeNotice(order, assigned('order', 1, 11), members, NOW)).toEqual([
      { to: { kind: 'user', userId: 11 }, at: NOW, ifUnread: false },
      { to: { kind: 'unit', unitId: 203 }, at: '2025-03-10T06:00:00.000Z', ifUnread: true },
    ]);
  });

  it('goes to the unit’s inbox at once without a handler to reach', () => {
    const inbox = [{ to: { kind: 'unit', unitId: 203 }, at: NOW, ifUnread: false }];
    expect(routeNotice(order, undefined, members, NOW)).toEqual(inbox);
    expect(routeNotice(order, assigned('order', 1, 12), members, NOW)).toEqual(inbox); // away
    expect(routeNotice(order, assigned('order', 1, 13), members, NOW)).toEqual(inbox); // inactive
  });
});

describe('workItemFromOrder', () => {
  it('is the lead unit’s item, open while with the unit, due at the finish deadline', () => {
    const order = {
      id: 9,
      leadUnitId: 203,
      category: '积水',
      location: { area: '回龙观街道', address: 'x' },
      status: 'signed',
      deadlines: { finish: { due: '2025-03-12T10:00:00Z' } },
      coUnits: [],
    } as unknown as WorkOrder;
    expect(workItemFromOrder(order)).toEqual({
      kind: 'order',
      id: 9,
      unitId: 203,
      title: '积水 · 回龙观街道',
      open: true,
      due: '2025-03-12T10:00:00Z',
    });
    expect(workItemFromOrder({ ...order, status: 'closed' })?.open).toBe(false);
    expect(workItemFromOrder({ ...order, leadUnitId: null })).toBeUndefined();
  });
});

describe('workItemsFromOrder and workItemsFromTask', () => {
  it('gives each co-unit of an order its own item, open until it reported back', () => {
    const order = {
      id: 9,
      leadUnitId: 203,
      category: '积水',
      location: { area: '回龙观街道', address: 'x' },
      status: 'signed',
      deadlines: { finish: { due: '2025-03-12T10:00:00Z' } },
      coUnits: [
        { unitId: 204, finish: { due: '2025-03-11T10:00:00Z' }, reportedAt: null },
        { unitId: 205, finish: { due: '2025-03-11T10:00:00Z' }, reportedAt: '2025-03-10T01:00:00Z' },
      ],
    } as unknown as WorkOrder;
    expect(workItemsFromOrder(order).map((i) => [i.unitId, i.open, i.due])).toEqual([
      [203, true, '2025-03-12T10:00:00Z'],
      [204, true, '2025-03-11T10:00:00Z'],
      [205, false, '2025-03-11T10:00:00Z'],
    ]);
  });

  it('gives a task to its lead and co-units, due at the end of the Beijing day, closed once done', () => {
    const task = {
      id: 5,
      text: '完成回天地区道路改造',
      state: 'in_progress',
      deadline: '2022-12-31',
      leadUnitId: 3,
      coUnitIds: [4, 3],
    };
    expect(workItemsFromTask(task)).toEqual([
      {
        kind: 'task',
        id: 5,
        unitId: 3,
        title: '完成回天地区道路改造',
        open: true,
        due: '2022-12-31T16:00:00.000Z',
      },
      {
        kind: 'task',
        id: 5,
        unitId: 4,
        title: '完成回天地区道路改造',
        open: true,
        due: '2022-12-31T16:00:00.000Z',
      },
    ]);
    expect(
      workItemsFromTask({ ...task, state: 'closed', deadline: null }).map((i) => [i.open, i.due]),
    ).toEqual([
      [false, null],
      [false, null],
    ]);
  });
});
