/**
 * The 12345 desk's notices over HTTP (issue 20) on both engines: a dispatched order is told to
 * its unit at once (no handler yet); once the unit's head names a handler (经办人), an order
 * returned to the unit goes to the handler first and to the unit's inbox only if still unread
 * after the unit's hours; the handler opening the order counts as reading it; an order near its
 * finish deadline is told once; a citizen's name and phone never leave in a notice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedUser } from '../../../test/factories.js';
import { saveSettings } from '../../commands/notify.js';
import { hashSecret } from '../../commands/secrets.js';
import { loadInboxHours, sendUnreadToInbox, tellOrdersDueSoon } from '../../commands/handler-notices.js';
import { deriveActor } from '../../plan/audit.js';
import type { User } from '../../plan/types.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const HOUR = 3_600_000;
const CITIZEN = { name: '赵先生', phone: '13911112222' };

describe.each(DIALECTS)('notices to the named handler first, then the unit, on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2024-07-01T02:00:00.000Z');
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let handler: User;
  let handlerToken: string;

  const post = (caller: Caller, url: string, payload: unknown) =>
    t.request(caller, { method: 'POST', url: `${V1}${url}`, payload: payload as Record<string, unknown> });
  const messages = async (kind: string) =>
    (await t.store.outbox.list({ kind, limit: 100 })).items.map((m) => ({
      to: m.destinationKey,
      title: m.title,
    }));
  const email = (userId: number, address: string) =>
    saveSettings(
      t.store,
      t.unitA.jurisdictionId!,
      `user:${userId}`,
      { email: address, phone: null, channels: ['email'], digest: null, quietHours: null },
      0,
      deriveActor(t.users.admin),
      clock.toISOString(),
    );

  /** An order taken in and dispatched to unit A. */
  async function dispatched(text: string): Promise<number> {
    const made = await post('admin', '/requests', {
      source: 'hotline',
      text,
      category: '道路',
      location: { address: '回龙观西大街', area: '回龙观街道' },
      contact: CITIZEN,
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = json<{ id: number }>(made).id;
    const sent = await post('admin', `/requests/${id}/dispatch`, {
      leadUnitId: t.unitA.id,
      reason: '属地办理',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    handler = await seedUser(t.store, 'reporter', {
      username: 'jingban',
      displayName: '李经办',
      unitIds: [t.unitA.id],
    });
    handlerToken = `lst_test_jingban_${dialect}`;
    await t.store.sessions.insertToken({
      tokenHash: hashSecret(handlerToken),
      userId: handler.id,
      name: 'tests',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    await email(t.users.reporter.id, 'head@unit-a.example.gov.cn');
    await email(handler.id, 'li@unit-a.example.gov.cn');
    const heads = await t.request('admin', {
      method: 'PUT',
      url: `${V1}/units/${t.unitA.id}/heads`,
      payload: { userIds: [t.users.reporter.id] },
    });
    expect(heads.statusCode, heads.body).toBe(200);
  });

  it('tells the unit of a dispatched order at once, without the citizen’s name or phone', async () => {
    const id = await dispatched('回龙观西大街路灯不亮，夜间行人看不清路');
    const told = await messages('request.dispatched');
    expect(told).toEqual(
      expect.arrayContaining([
        { to: 'email:head@unit-a.example.gov.cn', title: '【新派工单】道路（回龙观街道）' },
        { to: 'email:li@unit-a.example.gov.cn', title: '【新派工单】道路（回龙观街道）' },
      ]),
    );
    const [first] = (await t.store.outbox.list({ kind: 'request.dispatched' })).items;
    const notice = JSON.stringify((await t.store.outbox.get(first!.id)).notice);
    expect(notice).toContain(`/requests/orders/${id}`);
    expect(notice).not.toContain(CITIZEN.name);
    expect(notice).not.toContain(CITIZEN.phone);
    // No copy is held: there was no handler to hear first.
    expect(await t.store.fallbacks.listForItem('order', id)).toEqual([]);
  });

  it('sends a returned order to its handler first and to the unit only when unread after the hours', async () => {
    const unread = await dispatched('回龙观西大街人行道砖松动，雨天溅水');
    const opened = await dispatched('回龙观西大街井盖破损，存在安全隐患');
    // The unit's hours: 2 (its own setting), not the default 4.
    await saveSettings(
      t.store,
      t.unitA.jurisdictionId!,
      `unit:${t.unitA.id}`,
      { leaderUserId: null, robots: [], inboxAfterHours: 2 },
      0,
      deriveActor(t.users.admin),
      clock.toISOString(),
    );
    for (const id of [unread, opened]) {
      const given = await post('reporter', `/units/${t.unitA.id}/handlers`, {
        kind: 'order',
        itemId: id,
        handlerId: handler.id,
      });
      expect(given.statusCode, given.body).toBe(200);
      for (const step of [
        { type: 'signed', unitId: t.unitA.id },
        { type: 'contacted', unitId: t.unitA.id },
        {
          type: 'replied',
          unitId: t.unitA.id,
          text: '7月1日已派人到回龙观西大街现场更换破损设施2处，已电话告知市民。',
        },
      ]) {
        advance(HOUR);
        const answer = await post('reporter', `/requests/${id}/events`, step);
        expect(answer.statusCode, answer.body).toBe(200);
      }
    }
    advance(HOUR);
    for (const id of [unread, opened]) {
      // Returned either way: a sampled reply fails its check, another is closed and reopened.
      const order = await t.store.requests.getOrder(id);
      if (order.pendingCheck) {
        const failed = await post('supervisor', `/requests/${id}/check`, {
          passed: false,
          note: '未说明更换后是否复查，请补充',
        });
        expect(failed.statusCode, failed.body).toBe(200);
      } else {
        const closed = await post('supervisor', `/requests/${id}/events`, { type: 'closed' });
        expect(closed.statusCode, closed.body).toBe(200);
        const reopened = await post('supervisor', `/requests/${id}/events`, {
          type: 'reopened',
          reason: '市民反映问题仍未解决',
        });
        expect(reopened.statusCode, reopened.body).toBe(200);
      }
    }
    // The handler alone hears of both returns; the unit's copies wait.
    expect(await messages('request.returned')).toEqual([
      { to: 'email:li@unit-a.example.gov.cn', title: '【工单退回】道路（回龙观街道）' },
      { to: 'email:li@unit-a.example.gov.cn', title: '【工单退回】道路（回龙观街道）' },
    ]);
    // The handler opens one of them in the app.
    advance(HOUR);
    const seen = await t.app.inject({
      url: `${V1}/requests/${opened}`,
      headers: { authorization: `Bearer ${handlerToken}` },
    });
    expect(seen.statusCode).toBe(200);
    // Before the hours are up nothing moves.
    expect(await sendUnreadToInbox(t.store, clock.toISOString())).toEqual({ sent: 0, read: 0, done: 0 });
    advance(HOUR + 60_000);
    expect(await sendUnreadToInbox(t.store, clock.toISOString())).toEqual({ sent: 1, read: 1, done: 0 });
    const returned = await t.store.outbox.list({ kind: 'request.returned', limit: 100 });
    const toUnit = returned.items.filter((m) => m.destinationKey === 'email:head@unit-a.example.gov.cn');
    expect(toUnit).toHaveLength(1);
    expect((await t.store.outbox.get(toUnit[0]!.id)).notice.intro).toMatch(
      /^经办人李经办2小时内未阅，转本单位/,
    );
    expect((await t.store.fallbacks.listForItem('order', unread)).map((c) => c.outcome)).toEqual(['sent']);
    expect((await t.store.fallbacks.listForItem('order', opened)).map((c) => c.outcome)).toEqual(['read']);
    // The task page tells the server the handler opened a task (a task's reads are cached by plan).
    const [notice] = (await t.store.outbox.list({ kind: 'request.returned' })).items;
    await t.store.fallbacks.hold({
      dedupeKey: 'chase-inbox|task:1|reminder|3|2024-07-10',
      item: { kind: 'task', id: 1, unitId: t.unitA.id },
      handlerId: handler.id,
      readGroup: 'chase|user:0|reminder',
      notice: (await t.store.outbox.get(notice!.id)).notice,
      queuedAt: clock.toISOString(),
      dueAt: new Date(clock.getTime() + 4 * HOUR).toISOString(),
    });
    advance(60_000);
    const seenTask = await t.app.inject({
      method: 'POST',
      url: `${V1}/handlers/seen`,
      payload: { kind: 'task', itemId: 1 },
      headers: { authorization: `Bearer ${handlerToken}` },
    });
    expect(json(seenTask)).toEqual({ seen: 1 });
    const wrong = await t.app.inject({
      method: 'POST',
      url: `${V1}/handlers/seen`,
      payload: { kind: 'ticket', itemId: 0 },
      headers: { authorization: `Bearer ${handlerToken}` },
    });
    expect(wrong.statusCode).toBe(400);
    expect((await post('public', '/handlers/seen', { kind: 'task', itemId: 1 })).statusCode).toBe(401);
    // A second sweep decides nothing twice.
    advance(HOUR);
    expect(await sendUnreadToInbox(t.store, clock.toISOString())).toEqual({ sent: 0, read: 0, done: 0 });
  });

  it("takes a unit's hours from its own setting, else its jurisdiction's, else 4", async () => {
    const before = await loadInboxHours(t.store, t.unitA.jurisdictionId!);
    expect([before(t.unitA.id), before(t.unitB.id)]).toEqual([2, 4]);
    const jurisdiction = await t.store.jurisdictions.get(t.unitB.jurisdictionId!);
    expect(
      await t.store.jurisdictions.update({
        ...jurisdiction,
        settings: { ...jurisdiction.settings, inboxAfterHours: 1 },
      }),
    ).toBe(true);
    const after = await loadInboxHours(t.store, t.unitA.jurisdictionId!);
    expect([after(t.unitA.id), after(t.unitB.id)]).toEqual([2, 1]);
  });

  it('tells an order near its finish deadline once, to its handler first', async () => {
    const id = await dispatched('回龙观西大街绿化带杂物堆放');
    const given = await post('reporter', `/units/${t.unitA.id}/handlers`, {
      kind: 'order',
      itemId: id,
      handlerId: handler.id,
    });
    expect(given.statusCode, given.body).toBe(200);
    const order = await t.store.requests.getOrder(id);
    const due = Date.parse(order.deadlines!.finish.due);
    const ctx = { publicUrl: 'https://luoshi.example.gov.cn' };
    const mine = async () => {
      const found = [];
      for (const m of (await t.store.outbox.list({ kind: 'request.due_soon', limit: 100 })).items) {
        const { notice } = await t.store.outbox.get(m.id);
        if (notice.link?.endsWith(`/requests/orders/${id}`)) found.push(m.destinationKey);
      }
      return found;
    };
    // A day and a half before: not yet.
    await tellOrdersDueSoon(t.store, ctx, new Date(due - 36 * HOUR).toISOString());
    expect(await mine()).toEqual([]);
    expect(await tellOrdersDueSoon(t.store, ctx, new Date(due - 20 * HOUR).toISOString())).toBeGreaterThan(0);
    await tellOrdersDueSoon(t.store, ctx, new Date(due - 19 * HOUR).toISOString());
    expect(await mine()).toEqual(['email:li@unit-a.example.gov.cn']);
    expect(await t.store.fallbacks.listForItem('order', id)).toHaveLength(1);
  });
});
