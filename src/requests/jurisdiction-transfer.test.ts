import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deriveDispatchRules } from './catalogue.js';
import {
  assertTransferTarget,
  deriveTransferResult,
  receiveTransferred,
  transferOut,
} from './jurisdiction-transfer.js';
import { applyEvent, receiveOrder, replayOrder } from './order.js';
import type { MediaRef, OrderEventInput, RequestActor, WorkOrder } from './types.js';
import { CHANGPING, CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';

const centre: RequestActor = { userId: 1, role: 'center', unitIds: [] };
const unit: RequestActor = { userId: 2, role: 'unit', unitIds: [203] };
const T0 = '2024-07-01T02:00:00.000Z'; // Mon 10:00 Beijing
const LATER = '2024-07-03T02:00:00.000Z';
const CITY = 10;
const DISTRICT = 11;

function cityOrder(): WorkOrder {
  const { order } = receiveOrder(
    {
      source: 'hotline',
      text: '回龙观西大街与龙锦三街路口积水很深',
      category: '积水',
      location: { address: '回龙观西大街与龙锦三街路口', area: '回龙观街道' },
      contact: { name: '王先生', phone: '13800000000' },
    },
    {
      id: 7,
      now: T0,
      actor: centre,
      catalogue: CHANGPING_CATALOGUE,
      jurisdiction: CHANGPING,
      jurisdictionId: CITY,
    },
  );
  return order;
}

const take = (original: WorkOrder, extra: { category?: string; media?: MediaRef[] } = {}) =>
  receiveTransferred(original, {
    media: [],
    id: 8,
    now: LATER,
    actor: centre,
    jurisdictionId: DISTRICT,
    jurisdiction: CHANGPING,
    catalogue: CHANGPING_CATALOGUE,
    reason: '属区级事权',
    ...extra,
  });

const dispatch = (at: string): OrderEventInput => ({
  type: 'dispatched',
  leadUnitId: 203,
  coUnits: [],
  ...deriveDispatchRules(CHANGPING_CATALOGUE, '积水', at),
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

describe('市级派单 in the domain', () => {
  it('takes the order over with the original receipt, and its history replays to the same order', () => {
    const original = cityOrder();
    const { order, event } = take(original);
    expect(order).toMatchObject({
      id: 8,
      jurisdictionId: DISTRICT,
      status: 'received',
      receivedAt: T0,
      text: original.text,
      contact: original.contact,
      transferredFrom: { jurisdictionId: CITY, orderId: 7, at: LATER, reason: '属区级事权' },
    });
    expect(event).toMatchObject({ type: 'received', at: LATER, transferredFrom: { receivedAt: T0 } });
    const { jurisdictionId: _j, ...replayed } = order;
    expect(replayOrder([event])).toEqual(replayed);
  });

  it('carries the attachments it is given (the copies) on the order and its history', () => {
    const media: MediaRef[] = [
      { ref: 'q3Zr0v8m2Xk9TQ1bP4s7Yw_a', contentType: 'image/jpeg', bytes: 1200, name: '积水.jpg' },
      { ref: 'https://example.org/p.jpg', contentType: 'image/jpeg', bytes: 0 },
    ];
    const { order, event } = take(cityOrder(), { media });
    expect(order.media).toEqual(media);
    expect(event).toMatchObject({ type: 'received', media });
    const { jurisdictionId: _j, ...replayed } = order;
    expect(replayOrder([event])).toEqual(replayed);
  });

  it('counts the deadlines of its first dispatch from the original receipt, as if dispatched then', () => {
    const { order } = take(cityOrder());
    const late = applyEvent(order, dispatch(LATER), centre, LATER).order;
    const onTime = applyEvent(cityOrder(), dispatch(T0), centre, T0).order;
    expect(late.deadlines).toEqual(onTime.deadlines);
    expect(late.deadlines?.finish.from).toBe(T0);
  });

  it('closes the original as 已转办, once, before a unit has answered, by the centre only', () => {
    const original = cityOrder();
    const input = {
      type: 'transferred_out',
      toJurisdictionId: DISTRICT,
      toOrderId: 8,
      reason: '属区级事权',
    } as const;
    expect(errorOf(() => applyEvent(original, input, unit, LATER)).code).toBe('FORBIDDEN');
    const { order } = applyEvent(original, input, centre, LATER);
    expect(order).toMatchObject({
      status: 'transferred',
      leadUnitId: null,
      transferredTo: { orderId: 8, at: LATER },
    });
    expect(errorOf(() => transferOut(order, input, LATER)).message).toContain('已转办');
    expect(errorOf(() => take(order)).code).toBe('CONFLICT');
    expect(errorOf(() => transferOut(original, { ...input, reason: ' ' }, LATER)).code).toBe('BAD_INPUT');
    const replied = { ...original, status: 'replied' as const };
    expect(errorOf(() => transferOut(replied, input, LATER)).code).toBe('CONFLICT');
  });

  it('refuses a category or place the receiving jurisdiction does not have', () => {
    const original = cityOrder();
    expect(errorOf(() => take(original, { category: '不存在的类别' })).details?.[0]?.path).toBe(
      'body.category',
    );
    const elsewhere = { ...original, location: { address: '某路', area: '不存在的街道' } };
    expect(errorOf(() => take(elsewhere)).details?.[0]?.path).toBe('body.jurisdictionId');
  });

  it('hands down only to a jurisdiction below', () => {
    const tree = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 1 },
      { id: 4, parentId: 2 },
    ];
    expect(() => assertTransferTarget(tree, 1, 4)).not.toThrow();
    expect(() => assertTransferTarget(tree, 2, 4)).not.toThrow();
    for (const [from, to] of [
      [2, 2],
      [2, 1],
      [2, 3],
    ] as const) {
      expect(errorOf(() => assertTransferTarget(tree, from, to)).code).toBe('BAD_INPUT');
    }
  });

  it('reads the receiving order’s result: the lead unit’s last reply, the close and the follow-ups', () => {
    const { order, event } = take(cityOrder());
    const done = [
      [dispatch(LATER), centre],
      [{ type: 'signed', unitId: 203 }, unit],
      [{ type: 'contacted', unitId: 203 }, unit],
      [{ type: 'replied', unitId: 203, text: '已疏通雨水口3处，积水已排除。' }, unit],
      [{ type: 'closed' }, centre],
      [{ type: 'followed_up', reached: true, contacted: true, resolved: true, satisfaction: '满意' }, centre],
    ] as const;
    let current = order;
    const events = [event];
    for (const [input, actor] of done) {
      const applied = applyEvent(current, input as OrderEventInput, actor, LATER);
      current = applied.order;
      events.push(applied.event);
    }
    expect(deriveTransferResult(current, events)).toMatchObject({
      status: 'closed',
      reply: '已疏通雨水口3处，积水已排除。',
      closedAt: LATER,
      followUps: [{ reached: true, satisfaction: '满意' }],
    });
  });
});
