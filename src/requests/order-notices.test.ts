import { describe, expect, it } from 'vitest';
import { dueSoonNotices, dueWords, orderNoticesFor, orderNumber } from './order-notices.js';
import type { OrderEvent, WorkOrder } from './types.js';

const finish = (due: string) => ({
  due,
  rule: { amount: 24, calendar: 'natural_hours' as const },
  from: '2024-07-01T02:00:00.000Z',
});

const order = (over: Partial<WorkOrder>): WorkOrder =>
  ({
    id: 123,
    receivedAt: '2024-06-30T17:30:00.000Z',
    category: '积水',
    location: { address: '西关路口', area: '城北街道' },
    status: 'dispatched',
    leadUnitId: 7,
    coUnits: [],
    deadlines: {
      sign: finish('2024-07-01T04:00:00.000Z'),
      contact: finish('2024-07-01T06:00:00.000Z'),
      finish: finish('2024-07-03T09:30:00.000Z'),
    },
    contact: { name: '王秀兰', phone: '13800138000' },
    text: '下雨后小区门口积水很深',
    ...over,
  }) as unknown as WorkOrder;

const event = (input: object, seq = 2) => ({ seq, at: '2024-07-01T02:00:00.000Z', ...input }) as OrderEvent;

describe('what a unit is told about an order', () => {
  it('writes the order number and deadlines as the hotline does, Beijing time', () => {
    expect(orderNumber({ id: 123, receivedAt: '2024-06-30T17:30:00.000Z' })).toBe('20240701000123');
    expect(dueWords('2024-07-03T09:30:00.000Z')).toBe('7月3日17:30');
  });

  it('tells the units newly holding a dispatched order, lead and co-unit, never the citizen', () => {
    const before = order({ leadUnitId: null, status: 'received', deadlines: null });
    const after = order({
      coUnits: [{ unitId: 8, finish: finish('2024-07-02T09:30:00.000Z'), signedAt: null, reportedAt: null }],
    });
    const notices = orderNoticesFor(before, after, event({ type: 'dispatched' }));
    expect(notices.map((n) => [n.unitId, n.step, n.title])).toEqual([
      [7, 'dispatched', '【新派工单】积水（城北街道）'],
      [8, 'dispatched', '【新派工单】积水（城北街道）'],
    ]);
    expect(notices[0]!.intro).toBe(
      '工单20240701000123已派至本单位主办，请于7月1日12:00前签收，7月3日17:30前办结答复。',
    );
    expect(notices[1]!.intro).toContain('协办');
    expect(JSON.stringify(notices)).not.toMatch(/王秀兰|13800138000|积水很深/);
    // A redispatch to the same unit tells no one again.
    expect(orderNoticesFor(after, after, event({ type: 'redispatched' }, 3))).toEqual([]);
  });

  it('tells the lead unit of a failed check or a reopening, not of a passed check', () => {
    const replied = order({ status: 'replied' });
    const failed = orderNoticesFor(
      replied,
      order({ status: 'signed' }),
      event({ type: 'reply_checked', passed: false, note: '未写明时间' }),
    );
    expect(failed).toMatchObject([{ unitId: 7, step: 'returned', severity: 'warning' }]);
    expect(failed[0]!.intro).toContain('答复未通过质检：未写明时间');
    expect(
      orderNoticesFor(replied, replied, event({ type: 'reply_checked', passed: true, note: '' })),
    ).toEqual([]);
    const reopened = orderNoticesFor(
      order({ status: 'closed' }),
      replied,
      event({ type: 'reopened', reason: '市民不满意' }, 5),
    );
    expect(reopened[0]!.key).toBe('reopened@5');
  });

  it('finds the orders due within the hours that their unit has not answered', () => {
    const now = '2024-07-02T12:00:00.000Z';
    const soon = order({});
    const answered = order({ id: 124, status: 'replied' });
    const later = order({
      id: 125,
      deadlines: { ...soon.deadlines!, finish: finish('2024-07-05T09:30:00.000Z') },
    });
    const notices = dueSoonNotices([soon, answered, later], now, 24);
    expect(notices.map((n) => [n.orderId, n.key])).toEqual([[123, 'due_soon@2024-07-03T09:30:00.000Z']]);
    expect(notices[0]!.intro).toBe('工单20240701000123将于7月3日17:30到期，尚未答复，请抓紧办理，避免超期。');
  });
});
