/**
 * The as-of date (issue 14.9) where a figure counts from a day: the report reminders, the 督办
 * lists and the 接诉即办 queues read a past plan as it stood at the end of the day asked for,
 * today's as they are; a date that is not one answers 400 naming `asOf`. Both engines.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { listOrdersAsOf } from '../../commands/request-as-of.js';
import { loadWorkCalendar } from '../../commands/requests-setup.js';
import type { RequestsSetup } from '../../commands/requests-setup.js';
import { orderAsOf } from '../../requests/index.js';
import type { OrderStatus } from '../../requests/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
type Answer = Record<string, unknown>;

const intake = {
  source: 'hotline',
  text: '回龙观西大街路口积水很深，车辆无法通行',
  category: '积水',
  location: { address: '回龙观西大街路口', area: '回龙观街道' },
  contact: { name: '王先生', phone: '13800000000' },
};

describe.each(DIALECTS)('the as-of date on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2022-04-15T02:00:00.000Z');
  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const send = (
    caller: Parameters<TestApp['request']>[0],
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ) =>
    payload === undefined
      ? t.request(caller, { method, url: `${V1}${url}` })
      : t.request(caller, { method, url: `${V1}${url}`, payload });
  let plan: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    plan = `/plans/${t.published.plan.id}`;
  });

  it('reckons report reminders at the end of the as-of day, today without one', async () => {
    at('2022-06-20T02:00:00.000Z');
    const today = json<{ period: Answer; items: Answer[] }>(
      await send('reporter', 'GET', `${plan}/reminders`),
    );
    expect(today.period).toMatchObject({ key: '2022-05' });
    expect(today.items).toEqual([
      expect.objectContaining({ periodKey: '2022-05', kind: 'overdue', daysLeft: -15 }),
    ]);
    // At the start of April, March was due in two days: not yet overdue.
    const april = json<{ period: Answer; items: Answer[] }>(
      await send('reporter', 'GET', `${plan}/reminders?asOf=2022-04-03`),
    );
    expect(april.period).toMatchObject({ key: '2022-03' });
    expect(april.items).toEqual([
      expect.objectContaining({ periodKey: '2022-03', kind: 'due_soon', daysLeft: 2 }),
    ]);
    // A date after today reads today.
    expect(json(await send('reporter', 'GET', `${plan}/reminders?asOf=2099-01-01`))).toEqual(today);
    const bad = await send('reporter', 'GET', `${plan}/reminders?asOf=2022-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('asOf');
    expect(bad.body).toContain('YYYY-MM-DD');
  });

  it('lists a 督办单 as it stood: not yet issued, then issued and overdue, then answered', async () => {
    at('2022-04-15T02:00:00.000Z');
    const issued = await send('supervisor', 'POST', `${plan}/notices`, {
      subject: { type: 'task', id: t.taskA.id },
      urgency: 'yellow',
      content: '请加快推进',
      dueOn: '2022-04-25',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const id = json<{ id: number }>(issued).id;
    at('2022-05-10T02:00:00.000Z');
    const answered = await send('reporter', 'POST', `${plan}/notices/${id}/actions`, {
      type: 'answer',
      text: '已完成土地征收',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    at('2022-06-20T02:00:00.000Z');
    const row = async (query: string) =>
      json<{ items: Answer[] }>(await send('supervisor', 'GET', `${plan}/notices${query}`)).items.find(
        (n) => n.id === id,
      );
    expect(await row('')).toMatchObject({ state: 'answered', overdue: false });
    expect(await row('?asOf=2022-04-30')).toMatchObject({ state: 'issued', overdue: true, answer: null });
    expect(await row('?asOf=2022-04-14')).toBeUndefined();
    // The state asked for is the state then.
    const issuedThen = json<{ items: Answer[] }>(
      await send('supervisor', 'GET', `${plan}/notices?state=issued&asOf=2022-04-30`),
    );
    expect(issuedThen.items.map((n) => n.id)).toContain(id);
    expect((await send('supervisor', 'GET', `${plan}/notices?asOf=30-04-2022`)).statusCode).toBe(400);
  });

  it("reads the desk's queues as they stood at the end of a past day, counting to it", async () => {
    // 1 July: an order to unitA, worked and closed by the 3rd; on the 10th a second, never signed.
    at('2024-07-01T02:00:00.000Z');
    const first = json<{ id: number }>(await send('admin', 'POST', '/requests', intake));
    const dispatch = (id: number) =>
      send('admin', 'POST', `/requests/${id}/dispatch`, {
        leadUnitId: t.unitA.id,
        reason: '试点：由本单位办理',
      });
    expect((await dispatch(first.id)).statusCode).toBe(200);
    at('2024-07-03T02:00:00.000Z');
    for (const step of [
      { type: 'signed', unitId: t.unitA.id },
      { type: 'contacted', unitId: t.unitA.id },
      {
        type: 'replied',
        unitId: t.unitA.id,
        text: '7月3日已派人到回龙观西大街路口现场疏通雨水口3处，积水已排除，已电话告知市民。',
      },
    ]) {
      const done = await send('reporter', 'POST', `/requests/${first.id}/events`, step);
      expect(done.statusCode, done.body).toBe(200);
    }
    const closed = await send('admin', 'POST', `/requests/${first.id}/events`, { type: 'closed' });
    expect(closed.statusCode, closed.body).toBe(200);
    at('2024-07-10T02:00:00.000Z');
    const second = json<{ id: number }>(await send('admin', 'POST', '/requests', intake));
    expect((await dispatch(second.id)).statusCode).toBe(200);
    // 12 July: a third call waits for the dispatcher until the 20th.
    at('2024-07-12T02:00:00.000Z');
    const third = json<{ id: number }>(await send('admin', 'POST', '/requests', intake));
    at('2024-07-20T02:00:00.000Z');
    expect((await dispatch(third.id)).statusCode).toBe(200);
    at('2024-09-02T02:00:00.000Z');

    type Held = {
      items: { order: { id: number; status: string }; overdue: { step: string }[] }[];
      total: number;
    };
    const mine = async (query: string) => json<Held>(await send('reporter', 'GET', `/requests/mine${query}`));
    const ids = (held: Held) => held.items.map((i) => i.order.id).sort((a, b) => a - b);
    expect(ids(await mine(''))).toEqual([second.id, third.id]);
    // On 1 July the unit held the first order, not yet signed; the others were not there.
    const july1 = await mine('?asOf=2024-07-01');
    expect(july1.items).toEqual([
      expect.objectContaining({ order: expect.objectContaining({ id: first.id, status: 'dispatched' }) }),
    ]);
    expect(july1.total).toBe(1);
    // On the 15th: the first closed, the second held and its signing overdue — counted to the 15th.
    const july15 = await mine('?asOf=2024-07-15');
    expect(ids(july15)).toEqual([second.id]);
    const overdueThen = json<{ items: { orderId: number; step: string; due: string }[]; asOf: string }>(
      await send('supervisor', 'GET', '/requests/overdue?asOf=2024-07-15'),
    );
    expect(overdueThen.asOf).toBe('2024-07-15T16:00:00.000Z');
    expect(overdueThen.items.map((i) => i.orderId)).toEqual(expect.arrayContaining([second.id]));
    expect(overdueThen.items.map((i) => i.orderId)).not.toContain(third.id);
    expect(overdueThen.items.every((i) => i.due < overdueThen.asOf)).toBe(true);
    // The dispatcher's queue: the third call waited there on the 15th, not today.
    const queue = async (query: string) =>
      json<{ items: { order: { id: number } }[] }>(
        await send('supervisor', 'GET', `/requests/queue${query}`),
      ).items.map((i) => i.order.id);
    expect(await queue('?asOf=2024-07-15')).toEqual([third.id]);
    expect(await queue('')).not.toContain(third.id);
    // The list by status: on 1 July the first order was with its unit, unsigned.
    const list = json<{ items: { id: number }[] }>(
      await send('admin', 'GET', '/requests?status=dispatched&asOf=2024-07-01'),
    );
    expect(list.items.map((o) => o.id)).toEqual([first.id]);
    const bad = await send('reporter', 'GET', '/requests/mine?asOf=2024-7-1');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('asOf');
  });

  it('replays for a past queue only the orders open then, in one read, with the same answer as replaying all', async () => {
    // March 2025: A closed on the 3rd, B dispatched and left open, C taken in on the 12th.
    at('2025-03-01T02:00:00.000Z');
    const call = (text: string) => send('admin', 'POST', '/requests', { ...intake, text });
    const a = json<{ id: number }>(await call('龙泽园小区东门外积水，行人无法通过'));
    const b = json<{ id: number }>(await call('同成街路灯连续三晚不亮，夜间出行不安全'));
    for (const id of [a.id, b.id]) {
      const sent = await send('admin', 'POST', `/requests/${id}/dispatch`, {
        leadUnitId: t.unitA.id,
        reason: '试点：由本单位办理',
      });
      expect(sent.statusCode, sent.body).toBe(200);
    }
    at('2025-03-03T02:00:00.000Z');
    for (const step of [
      { type: 'signed', unitId: t.unitA.id },
      { type: 'contacted', unitId: t.unitA.id },
      {
        type: 'replied',
        unitId: t.unitA.id,
        text: '3月3日已派人到龙泽园小区东门外现场疏通雨水口2处，积水已排除，已电话告知市民。',
      },
    ]) {
      const done = await send('reporter', 'POST', `/requests/${a.id}/events`, step);
      expect(done.statusCode, done.body).toBe(200);
    }
    expect((await send('admin', 'POST', `/requests/${a.id}/events`, { type: 'closed' })).statusCode).toBe(
      200,
    );
    at('2025-03-12T02:00:00.000Z');
    const c = json<{ id: number }>(await call('回龙观东大街井盖缺失，存在安全隐患'));
    at('2025-04-02T02:00:00.000Z');

    const store = t.store;
    const jurisdictionId = (await store.requests.getOrder(a.id)).jurisdictionId!;
    const setup = { jurisdictionId, calendar: await loadWorkCalendar(store) } as RequestsSetup;
    /** Every order received by the instant replayed from its history: what the list was before. */
    const replayAll = async (instant: string, statuses: OrderStatus[]) => {
      const all = await store.requests.listOrders({
        jurisdictionIds: [jurisdictionId],
        to: instant,
        limit: Number.MAX_SAFE_INTEGER,
        offset: 0,
      });
      const then = await Promise.all(
        all.items.map(async (o) => orderAsOf(await store.requests.listEvents(o.id), instant, setup)),
      );
      return then
        .filter((o) => o !== undefined && statuses.includes(o.status))
        .map((o) => [o!.id, o!.status]);
    };
    const read = vi.spyOn(store.requests, 'listEventsOf');
    for (const day of ['2025-03-02', '2025-03-05', '2025-03-15']) {
      const instant = `${day}T16:00:00.000Z`;
      for (const statuses of [
        ['dispatched'],
        ['received'],
        ['closed'],
        ['received', 'dispatched', 'closed'],
      ] as OrderStatus[][]) {
        const now = (await listOrdersAsOf(store, setup, instant, statuses)).map((o) => [o.id, o.status]);
        expect(now, `${day} ${statuses.join(',')}`).toEqual(await replayAll(instant, statuses));
      }
    }
    // On the 5th A was closed: a queue of open orders reads neither it nor its history.
    read.mockClear();
    const open = await listOrdersAsOf(store, setup, '2025-03-05T16:00:00.000Z', ['dispatched']);
    expect(open.map((o) => o.id)).toContain(b.id);
    expect(open.map((o) => o.id)).not.toContain(c.id);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read.mock.calls[0]![0]).not.toContain(a.id);
    expect(read.mock.calls[0]![0]).toContain(b.id);
    read.mockRestore();
  });
});
