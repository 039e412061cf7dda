import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deriveDispatchRules } from './catalogue.js';
import { applyEvent, receiveOrder, replayOrder } from './order.js';
import { deriveUnitEvents, deriveUnitView } from './privacy.js';
import {
  deriveMergeEvents,
  deriveUnmergeEvents,
  distanceMetres,
  findRepeatCandidates,
} from './repeat-calls.js';
import type { OrderEvent, OrderIntake, RequestActor, WorkOrder } from './types.js';
import { CHANGPING, CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';

const center: RequestActor = { userId: 1, role: 'center', unitIds: [] };
const unit: RequestActor = { userId: 2, role: 'unit', unitIds: [103] };
const T0 = '2024-07-01T02:00:00.000Z';
const lamp: OrderIntake = {
  source: 'hotline',
  text: '龙腾苑社区3号楼前路灯不亮',
  category: '道路',
  location: {
    address: '龙腾苑社区3号楼',
    area: '回龙观街道',
    community: '龙腾苑社区',
    lat: 40.07,
    long: 116.33,
  },
  contact: { name: '王先生', phone: '13800000000' },
};

function take(id: number, at: string, overrides: Partial<OrderIntake> = {}): WorkOrder {
  const { order } = receiveOrder(
    { ...lamp, ...overrides },
    {
      id,
      now: at,
      actor: center,
      catalogue: CHANGPING_CATALOGUE,
      jurisdiction: CHANGPING,
      jurisdictionId: 1,
    },
  );
  return order;
}

function dispatched(order: WorkOrder, at: string): { order: WorkOrder; events: OrderEvent[] } {
  const rules = deriveDispatchRules(CHANGPING_CATALOGUE, order.category, at);
  const a = applyEvent(order, { type: 'dispatched', leadUnitId: 103, coUnits: [], ...rules }, center, at);
  return { order: a.order, events: [a.event] };
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('findRepeatCandidates', () => {
  const first = dispatched(take(1, T0), T0).order;

  it('offers an open order of the same category in the same community, or within 250 m, within days', () => {
    const again = take(2, '2024-07-03T02:00:00.000Z', { text: '3号楼门口的路灯还是坏的' });
    expect(findRepeatCandidates(again, [first])).toEqual([
      { orderId: 1, reason: 'community', distanceM: 0, repeats: 0 },
    ]);
    // Another community 150 m away: offered for the distance.
    const near = take(3, '2024-07-03T02:00:00.000Z', {
      location: {
        address: '龙锦三街',
        area: '回龙观街道',
        community: '新龙城社区',
        lat: 40.07135,
        long: 116.33,
      },
    });
    expect(findRepeatCandidates(near, [first])).toEqual([
      { orderId: 1, reason: 'distance', distanceM: 150, repeats: 0 },
    ]);
  });

  it('offers only the order holding the matter: the dispatched one, else the earlier waiting call', () => {
    const second = take(2, '2024-07-02T02:00:00.000Z');
    const third = take(3, '2024-07-02T03:00:00.000Z');
    // Beside the dispatched order, a call still waiting is no place to merge into.
    expect(findRepeatCandidates(third, [first, second]).map((c) => c.orderId)).toEqual([1]);
    expect(findRepeatCandidates(second, [first, third]).map((c) => c.orderId)).toEqual([1]);
    // Nothing dispatched yet: the later call repeats the earlier one, never the other way round.
    expect(findRepeatCandidates(third, [second]).map((c) => c.orderId)).toEqual([2]);
    expect(findRepeatCandidates(second, [third])).toEqual([]);
  });

  it('offers nothing of another category, too far, too long after, or closed', () => {
    const water = take(4, '2024-07-02T02:00:00.000Z', { category: '积水' });
    expect(findRepeatCandidates(water, [first])).toEqual([]);
    const far = take(5, '2024-07-02T02:00:00.000Z', {
      location: {
        address: '龙锦三街',
        area: '回龙观街道',
        community: '新龙城社区',
        lat: 40.074,
        long: 116.33,
      },
    });
    expect(distanceMetres({ lat: 40.07, long: 116.33 }, { lat: 40.074, long: 116.33 })).toBeGreaterThan(250);
    expect(findRepeatCandidates(far, [first])).toEqual([]);
    expect(findRepeatCandidates(take(6, '2024-07-09T02:00:00.001Z'), [first])).toEqual([]);
    expect(
      findRepeatCandidates(take(7, '2024-07-02T02:00:00.000Z'), [{ ...first, status: 'closed' }]),
    ).toEqual([]);
  });
});

describe('merging a 重复件', () => {
  it('closes the repeat, records the caller on the open order with its clock untouched, and undoes both', () => {
    const { order: open, events: openEvents } = dispatched(take(1, T0), T0);
    const repeat = take(2, '2024-07-02T03:00:00.000Z', { contact: { name: '李女士', phone: '13900000000' } });
    const merge = deriveMergeEvents(repeat, open);
    const at = '2024-07-02T03:05:00.000Z';
    const closed = applyEvent(repeat, merge.repeat, center, at);
    const holding = applyEvent(open, merge.into, center, at);
    expect(closed.order).toMatchObject({
      status: 'closed',
      closedAt: at,
      repeatOf: { orderId: 1, orderReceivedAt: T0, at },
    });
    expect(holding.order.repeatCalls).toEqual([
      {
        orderId: 2,
        receivedAt: '2024-07-02T03:00:00.000Z',
        mergedAt: at,
        contact: { name: '李女士', phone: '13900000000' },
        anonymousToUnit: false,
      },
    ]);
    expect(holding.order.deadlines).toEqual(open.deadlines);
    expect(holding.order.status).toBe(open.status);
    // Replayed from its history the open order is the same.
    const history = [
      {
        ...receiveOrder(lamp, {
          id: 1,
          now: T0,
          actor: center,
          catalogue: CHANGPING_CATALOGUE,
          jurisdiction: CHANGPING,
        }).event,
      },
      ...openEvents,
      holding.event,
    ];
    expect(replayOrder(history).repeatCalls).toEqual(holding.order.repeatCalls);

    const undo = deriveUnmergeEvents(closed.order, '并非同一盏路灯');
    expect(undo.intoOrderId).toBe(1);
    const back = applyEvent(closed.order, undo.repeat, center, '2024-07-02T04:00:00.000Z').order;
    expect(back).toMatchObject({ status: 'received', closedAt: null, repeatOf: null });
    expect(
      applyEvent(holding.order, undo.into, center, '2024-07-02T04:00:00.000Z').order.repeatCalls,
    ).toEqual([]);
  });

  it('refuses a merge into a closed order, of another category or jurisdiction, twice, and by a unit', () => {
    const { order: open } = dispatched(take(1, T0), T0);
    const repeat = take(2, '2024-07-02T03:00:00.000Z');
    expect(errorOf(() => deriveMergeEvents(repeat, { ...open, status: 'closed' })).code).toBe('CONFLICT');
    expect(errorOf(() => deriveMergeEvents(repeat, { ...open, category: '积水' })).code).toBe('CONFLICT');
    expect(errorOf(() => deriveMergeEvents(repeat, { ...open, jurisdictionId: 2 })).code).toBe('CONFLICT');
    expect(errorOf(() => deriveMergeEvents(repeat, repeat)).code).toBe('BAD_INPUT');
    const merge = deriveMergeEvents(repeat, open);
    expect(errorOf(() => applyEvent(repeat, merge.repeat, unit, T0)).code).toBe('FORBIDDEN');
    const closed = applyEvent(repeat, merge.repeat, center, '2024-07-02T03:05:00.000Z').order;
    expect(errorOf(() => applyEvent(closed, merge.repeat, center, '2024-07-02T03:06:00.000Z')).code).toBe(
      'CONFLICT',
    );
    // A dispatched order has left the queue: it is worked on its own.
    expect(
      errorOf(() => applyEvent(open, { type: 'merged_into', intoOrderId: 9, intoReceivedAt: T0 }, center, T0))
        .code,
    ).toBe('CONFLICT');
    expect(errorOf(() => deriveUnmergeEvents(repeat, 'x')).code).toBe('CONFLICT');
  });

  it('shows a unit no contact of a repeat caller who asked to stay anonymous to it', () => {
    const { order: open } = dispatched(take(1, T0), T0);
    const hidden = take(2, '2024-07-02T03:00:00.000Z', {
      contact: { name: '李女士', phone: '13900000000' },
      privacy: { anonymousToUnit: true },
    });
    const merge = deriveMergeEvents(hidden, open);
    const { order, event } = applyEvent(open, merge.into, center, '2024-07-02T03:05:00.000Z');
    expect(deriveUnitView(order).repeatCalls?.[0]?.contact).toBeNull();
    expect(order.repeatCalls?.[0]?.contact).toEqual({ name: '李女士', phone: '13900000000' });
    const [seen] = deriveUnitEvents(order, [event]);
    expect(seen?.type === 'repeat_added' ? seen.contact : 'missing').toBeNull();
  });
});
