import { describe, expect, it } from 'vitest';
import { changedSince, orderAsOf, pastInstant } from './as-of.js';
import { deriveDispatchRules } from './catalogue.js';
import { applyEvent, receiveOrder, replayOrder } from './order.js';
import type { OrderEvent, OrderEventInput, RequestActor } from './types.js';
import { CHANGPING, CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';

const center: RequestActor = { userId: 1, role: 'center', unitIds: [] };
const water: RequestActor = { userId: 2, role: 'unit', unitIds: [203] };
const T0 = '2024-07-01T02:00:00.000Z'; // Mon 10:00 Beijing
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

/** An order taken in, dispatched, signed, the citizen called, answered and closed over three days. */
function history(): OrderEvent[] {
  const received = receiveOrder(
    {
      source: 'hotline',
      text: '小区门口积水很深，车辆无法通行',
      category: '积水',
      location: { address: '龙锦三街路口', area: '回龙观街道', community: '龙腾苑社区' },
      contact: { name: '王先生', phone: '13800000000' },
    },
    { id: 7, now: T0, actor: center, catalogue: CHANGPING_CATALOGUE, jurisdiction: CHANGPING, recent: [] },
  );
  const steps: [OrderEventInput, RequestActor, string][] = [
    [
      {
        type: 'dispatched',
        leadUnitId: 203,
        coUnits: [],
        ...deriveDispatchRules(CHANGPING_CATALOGUE, '积水', T0),
      },
      center,
      at(0.2),
    ],
    [{ type: 'signed', unitId: 203 }, water, at(1)],
    [{ type: 'contacted', unitId: 203 }, water, at(2)],
    [
      { type: 'replied', unitId: 203, text: '7月1日已到现场疏通排水口，积水已排除，并电话告知市民。' },
      water,
      at(26),
    ],
    [{ type: 'closed' }, center, at(50)],
  ];
  const events: OrderEvent[] = [received.event];
  let order = received.order;
  for (const [input, actor, when] of steps) {
    const applied = applyEvent(order, input, actor, when);
    order = applied.order;
    events.push(applied.event);
  }
  return events;
}

describe('an order as of a past instant', () => {
  it('is not there before it was received; then each step as it had happened by the instant', () => {
    const events = history();
    expect(orderAsOf(events, at(-1))).toBeUndefined();
    expect(orderAsOf(events, T0)!.status).toBe('received');
    expect(orderAsOf(events, at(1.5))).toMatchObject({
      status: 'signed',
      contactedAt: null,
      repliedAt: null,
    });
    expect(orderAsOf(events, at(30))).toMatchObject({ status: 'replied', closedAt: null });
    expect(orderAsOf(events, at(100))).toEqual(replayOrder(events));
  });

  it('needs no replay once closed by the instant', () => {
    const order = replayOrder(history());
    expect(order.status).toBe('closed');
    expect(changedSince(order, at(50))).toBe(false);
    expect(changedSince(order, at(30))).toBe(true);
  });
});

describe('the instant a queue is read at', () => {
  it('is the end of a past Beijing day, and none for today or later', () => {
    const now = '2026-12-07T09:00:00.000Z';
    expect(pastInstant('2022-12-31', now)).toBe('2022-12-31T16:00:00.000Z');
    expect(pastInstant('2026-12-07', now)).toBeUndefined();
    expect(pastInstant(undefined, now)).toBeUndefined();
  });
});
