/**
 * 重复件 (issue 14.8) over HTTP: a second call about the same matter is offered in the dispatcher's
 * queue, merged into the open order (its clock untouched, the caller recorded, audited), counted
 * once, and the merge undone; an order of another jurisdiction is never found.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;
let clock = new Date('2024-07-01T02:00:00.000Z');

const call = (text: string, name: string, phone: string) => ({
  source: 'hotline',
  text,
  category: '道路',
  location: { address: '龙腾苑社区3号楼', area: '回龙观街道', community: '龙腾苑社区' },
  contact: { name, phone },
  privacy: {},
});

interface Order {
  id: number;
  status: string;
  version: number;
  deadlines: unknown;
  repeatOf?: { orderId: number } | null;
  repeatCalls?: { orderId: number; contact: { name?: string } | null }[];
}

describe.each(DIALECTS)('重复件 on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
  });
  const post = (caller: Parameters<TestApp['request']>[0], url: string, payload: unknown) =>
    t.request(caller, { method: 'POST', url: `${V1}${url}`, payload: payload as Record<string, unknown> });
  const get = (caller: Parameters<TestApp['request']>[0], url: string) =>
    t.request(caller, { url: `${V1}${url}` });

  it('offers the second call for merging, merges it with the clock untouched, and undoes it', async () => {
    const first = json<Order>(
      await post('admin', '/requests', call('3号楼前路灯不亮', '王先生', '13800000000')),
    );
    clock = new Date(clock.getTime() + 60_000);
    const open = await post('admin', `/requests/${first.id}/dispatch`, {
      leadUnitId: t.unitA.id,
      reason: '试点',
    });
    expect(open.statusCode, open.body).toBe(200);
    const before = json<Order>(open);

    clock = new Date(clock.getTime() + 86_400_000);
    const second = json<Order>(
      await post('admin', '/requests', call('龙腾苑3号楼门口路灯坏了好几天', '李女士', '13900000000')),
    );
    const queue = json<{ items: { order: Order; suggestions: { repeats: unknown[] } }[] }>(
      await get('supervisor', '/requests/queue'),
    );
    expect(queue.items.find((i) => i.order.id === second.id)?.suggestions.repeats).toEqual([
      { orderId: first.id, reason: 'community', distanceM: null, repeats: 0 },
    ]);

    expect(
      (await post('reporter', `/requests/${second.id}/merge`, { intoOrderId: first.id })).statusCode,
    ).toBe(403);
    const bad = await post('admin', `/requests/${second.id}/merge`, { intoOrderId: 'x' });
    expect(bad.statusCode).toBe(400);
    const merged = await post('admin', `/requests/${second.id}/merge`, { intoOrderId: first.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const { repeat, into } = json<{ repeat: Order; into: Order }>(merged);
    expect(repeat).toMatchObject({ status: 'closed', repeatOf: { orderId: first.id } });
    expect(into.deadlines).toEqual(before.deadlines);
    expect(into.status).toBe('dispatched');
    expect(into.repeatCalls).toMatchObject([{ orderId: second.id, contact: { name: '李女士' } }]);
    // Out of the queue, in the open order's history, and on record.
    const after = json<{ items: { order: Order }[] }>(await get('supervisor', '/requests/queue'));
    expect(after.items.map((i) => i.order.id)).not.toContain(second.id);
    const history = json<{ items: { type: string }[] }>(await get('admin', `/requests/${first.id}/events`));
    expect(history.items.map((e) => e.type)).toContain('repeat_added');
    const audit = await t.store.audit.listUnplanned('request_order');
    expect(audit.map((e) => [e.action, e.entityId])).toContainEqual([
      'request_order.merge',
      String(second.id),
    ]);
    // The unit holding the order sees the repeat caller (who did not ask to stay anonymous).
    const seen = json<Order>(await get('reporter', `/requests/${first.id}`));
    expect(seen.repeatCalls?.[0]?.contact).toEqual({ name: '李女士', phone: '13900000000' });

    // A merged order cannot be merged again; undoing needs a reason.
    expect((await post('admin', `/requests/${second.id}/merge`, { intoOrderId: first.id })).statusCode).toBe(
      409,
    );
    expect((await post('admin', `/requests/${second.id}/unmerge`, { reason: ' ' })).statusCode).toBe(400);
    const undone = await post('admin', `/requests/${second.id}/unmerge`, { reason: '不是同一盏路灯' });
    expect(undone.statusCode, undone.body).toBe(200);
    const back = json<{ repeat: Order; into: Order }>(undone);
    expect(back.repeat).toMatchObject({ status: 'received', repeatOf: null });
    expect(back.into.repeatCalls).toEqual([]);
    expect(back.into.deadlines).toEqual(before.deadlines);
    const requeued = json<{ items: { order: Order }[] }>(await get('supervisor', '/requests/queue'));
    expect(requeued.items.map((i) => i.order.id)).toContain(second.id);
  });

  it('never finds an order of another jurisdiction, to merge into or to merge', async () => {
    clock = new Date('2026-03-02T02:00:00.000Z'); // within Huangpu's catalogue
    await seedJurisdiction(t.store, `${FIXTURES}shanghai`);
    const huangpu = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-huangpu`)).jurisdiction.id;
    const user = await seedUser(t.store, 'admin', {
      username: `huangpu-admin-${dialect}`,
      jurisdictionId: huangpu,
    });
    const token = `lst_test_huangpu_repeat_${dialect}`;
    await t.store.sessions.insertToken({
      tokenHash: hashSecret(token),
      userId: user.id,
      expiresAt: '2999-01-01T00:00:00.000Z',
      name: 'tests',
    });
    const asHuangpu = (url: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `${V1}${url}`,
        payload,
        headers: { authorization: `Bearer ${token}` },
      });
    const theirs = await asHuangpu('/requests', {
      source: 'hotline',
      text: '南京东路步行街路灯不亮',
      category: '噪声',
      location: { address: '南京东路步行街', area: '南京东路街道' },
      privacy: {},
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const theirId = json<{ id: number }>(theirs).id;
    const ours = json<Order>(
      await post('admin', '/requests', call('3号楼后面路灯也不亮', '赵先生', '13700000000')),
    );
    const into = await post('admin', `/requests/${ours.id}/merge`, { intoOrderId: theirId });
    expect(into.statusCode).toBe(404);
    expect(into.body).not.toContain('南京东路');
    expect((await asHuangpu(`/requests/${ours.id}/merge`, { intoOrderId: theirId })).statusCode).toBe(404);
    expect(json<Order>(await get('admin', `/requests/${ours.id}`)).status).toBe('received');
  });

  it('offers the order that holds the matter, never another call still waiting beside it', async () => {
    // Calls about one lamp in another community, weeks after the orders above.
    clock = new Date('2026-05-04T02:00:00.000Z');
    const lamp = (text: string, phone: string, community: string) =>
      post('admin', '/requests', {
        ...call(text, '市民', phone),
        location: { address: `${community}北门`, area: '回龙观街道', community },
      });
    const tick = () => (clock = new Date(clock.getTime() + 3_600_000));
    const first = json<Order>(await lamp('北门路灯不亮', '13600000001', '新龙城社区'));
    expect(
      (await post('admin', `/requests/${first.id}/dispatch`, { leadUnitId: t.unitA.id, reason: '试点' }))
        .statusCode,
    ).toBe(200);
    tick();
    const second = json<Order>(await lamp('北门路灯还是不亮', '13600000002', '新龙城社区'));
    tick();
    const third = json<Order>(await lamp('新龙城北门路灯坏了', '13600000003', '新龙城社区'));
    // Two calls about a lamp nobody was sent to yet: the later one repeats the earlier one.
    tick();
    const waiting = json<Order>(await lamp('云趣园北门路灯不亮', '13600000004', '云趣园社区'));
    tick();
    const again = json<Order>(await lamp('云趣园北门路灯一直不亮', '13600000005', '云趣园社区'));
    const queue = json<{ items: { order: Order; suggestions: { repeats: { orderId: number }[] } }[] }>(
      await get('supervisor', '/requests/queue'),
    );
    const offered = (id: number) =>
      queue.items.find((i) => i.order.id === id)?.suggestions.repeats.map((c) => c.orderId);
    // Each later call: the dispatched order, not the other call waiting beside it (a merge into
    // that one would leave the matter in two orders, counted twice in 三率).
    expect(offered(second.id)).toEqual([first.id]);
    expect(offered(third.id)).toEqual([first.id]);
    expect(offered(again.id)).toEqual([waiting.id]);
    expect(offered(waiting.id)).toEqual([]);
  });
});
