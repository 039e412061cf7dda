/**
 * Named handlers over HTTP (issue 20) on both engines: the unit's head gives an order and a
 * plan task to a person, moves them in bulk with a reason when that person is away, and the
 * people see them in their own queue; another unit sees none of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import type { User } from '../../plan/types.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const NOW = new Date('2024-07-01T02:00:00.000Z');

interface QueueAnswer {
  items: { kind: string; id: number; unitId: number; overdue: boolean }[];
}
interface WorkloadAnswer {
  rows: { userId: number | null; name: string; open: number; orders: number; tasks: number }[];
  items: { kind: string; id: number; handlerId: number | null }[];
}
interface ErrorBody {
  error: { code: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('named handlers API on %s', (dialect) => {
  let t: TestApp;
  let colleague: User;
  let colleagueToken: string;
  let orderId: number;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => NOW });
    colleague = await seedUser(t.store, 'reporter', {
      username: 'colleague',
      displayName: '李经办',
      unitIds: [t.unitA.id],
    });
    colleagueToken = `lst_test_colleague_${dialect}`;
    await t.store.sessions.insertToken({
      tokenHash: hashSecret(colleagueToken),
      userId: colleague.id,
      name: 'tests',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    const made = await post('admin', '/requests', {
      source: 'hotline',
      text: '回龙观西大街路灯不亮',
      category: '道路',
      location: { address: '回龙观西大街', area: '回龙观街道' },
    });
    orderId = json<{ id: number }>(made).id;
    const dispatched = await post('admin', `/requests/${orderId}/dispatch`, {
      leadUnitId: t.unitA.id,
      reason: '属地办理',
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
  });

  const post = (caller: Caller, url: string, payload: unknown) =>
    t.request(caller, { method: 'POST', url: `${V1}${url}`, payload: payload as Record<string, unknown> });
  const get = (caller: Caller, url: string) => t.request(caller, { url: `${V1}${url}` });
  const asColleague = (url: string) =>
    t.app.inject({ url: `${V1}${url}`, headers: { authorization: `Bearer ${colleagueToken}` } });

  it('lets only the head see the workload and give items; another unit sees nothing of it', async () => {
    const unit = t.unitA.id;
    // Before anyone heads the unit, its reporter is not its head.
    expect((await get('reporter', `/units/${unit}/workload`)).statusCode).toBe(403);
    const heads = await t.request('admin', {
      method: 'PUT',
      url: `${V1}/units/${unit}/heads`,
      payload: { userIds: [t.users.reporter.id] },
    });
    expect(heads.statusCode, heads.body).toBe(200);
    const notMember = await t.request('admin', {
      method: 'PUT',
      url: `${V1}/units/${unit}/heads`,
      payload: { userIds: [t.users.otherReporter.id] },
    });
    expect(notMember.statusCode).toBe(400);
    expect(json<ErrorBody>(notMember).error.details[0]?.path).toBe('userIds.0');
    expect(
      (
        await t.request('reporter', {
          method: 'PUT',
          url: `${V1}/units/${unit}/heads`,
          payload: { userIds: [t.users.reporter.id] },
        })
      ).statusCode,
    ).toBe(403);

    // Another unit's reporter reads neither the people, the workload, nor gives the items.
    expect((await get('otherReporter', `/units/${unit}/workload`)).statusCode).toBe(403);
    expect((await get('otherReporter', `/units/${unit}/members`)).statusCode).toBe(403);
    const foreign = await post('otherReporter', `/units/${unit}/handlers`, {
      kind: 'order',
      itemId: orderId,
      handlerId: t.users.otherReporter.id,
    });
    expect(foreign.statusCode).toBe(403);
    expect((await get('public', `/units/${unit}/workload`)).statusCode).toBe(401);

    const me = json<{ headOf: number[] }>(await get('reporter', '/handlers/me'));
    expect(me.headOf).toEqual([unit]);
    const members = json<{ items: { userId: number; head: boolean }[] }>(
      await get('reporter', `/units/${unit}/members`),
    );
    expect(members.items).toContainEqual(expect.objectContaining({ userId: colleague.id, head: false }));

    // Bad input names the field.
    const bad = await post('reporter', `/units/${unit}/handlers`, {
      kind: 'ticket',
      itemId: -1,
      handlerId: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.kind', 'body.itemId']),
    );
    const outsider = await post('reporter', `/units/${unit}/handlers`, {
      kind: 'order',
      itemId: orderId,
      handlerId: t.users.otherReporter.id,
    });
    expect(outsider.statusCode).toBe(400);

    for (const [kind, itemId] of [
      ['order', orderId],
      ['task', t.taskA.id],
    ] as const) {
      const given = await post('reporter', `/units/${unit}/handlers`, {
        kind,
        itemId,
        handlerId: colleague.id,
      });
      expect(given.statusCode, given.body).toBe(200);
    }
    const queue = json<QueueAnswer>(await asColleague('/handlers/queue'));
    expect(queue.items.map((i) => `${i.kind}:${i.id}`).sort()).toEqual(
      [`order:${orderId}`, `task:${t.taskA.id}`].sort(),
    );
    const orders = json<QueueAnswer>(await asColleague('/handlers/queue?kind=order'));
    expect(orders.items.map((i) => i.kind)).toEqual(['order']);
    // The other unit's queue is its own: empty.
    expect(json<QueueAnswer>(await get('otherReporter', '/handlers/queue')).items).toHaveLength(0);

    const workload = json<WorkloadAnswer>(await get('reporter', `/units/${unit}/workload`));
    expect(workload.rows.find((r) => r.userId === colleague.id)).toMatchObject({
      open: 2,
      orders: 1,
      tasks: 1,
    });
    expect(
      json<WorkloadAnswer>(await get('supervisor', `/units/${unit}/workload`)).rows.length,
    ).toBeGreaterThan(0);
  });

  it('moves an order and a task in bulk with an audited reason, all or none', async () => {
    const unit = t.unitA.id;
    const noReason = await post('reporter', `/units/${unit}/handlers/bulk`, {
      fromHandlerId: colleague.id,
      toHandlerId: t.users.reporter.id,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    const both = await post('reporter', `/units/${unit}/handlers/bulk`, {
      fromHandlerId: colleague.id,
      items: [{ kind: 'order', id: orderId }],
      toHandlerId: t.users.reporter.id,
      reason: '休假',
    });
    expect(both.statusCode).toBe(400);
    expect(json<ErrorBody>(both).error.details[0]?.path).toBe('body.items');
    // A person of the unit who is not its head moves nothing.
    const byColleague = await t.app.inject({
      method: 'POST',
      url: `${V1}/units/${unit}/handlers/bulk`,
      headers: { authorization: `Bearer ${colleagueToken}` },
      payload: { fromHandlerId: colleague.id, toHandlerId: colleague.id, reason: '休假' },
    });
    expect(byColleague.statusCode).toBe(403);
    const partlyBad = await post('reporter', `/units/${unit}/handlers/bulk`, {
      items: [
        { kind: 'order', id: orderId },
        { kind: 'order', id: 999_999 },
      ],
      toHandlerId: t.users.reporter.id,
      reason: '休假',
    });
    expect(partlyBad.statusCode).toBe(400);
    expect(json<ErrorBody>(partlyBad).error.details.map((d) => d.path)).toContain('items.1');
    expect(json<QueueAnswer>(await asColleague('/handlers/queue')).items).toHaveLength(2);

    const moved = await post('reporter', `/units/${unit}/handlers/bulk`, {
      fromHandlerId: colleague.id,
      toHandlerId: t.users.reporter.id,
      reason: '李经办休假一周，工作由负责人接手',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const changes = json<{ moved: { kind: string; from: number | null; to: number }[] }>(moved).moved;
    expect(changes.map((c) => c.kind).sort()).toEqual(['order', 'task']);
    expect(changes.every((c) => c.from === colleague.id && c.to === t.users.reporter.id)).toBe(true);
    expect(json<QueueAnswer>(await asColleague('/handlers/queue')).items).toHaveLength(0);
    expect(json<QueueAnswer>(await get('reporter', '/handlers/queue')).items).toHaveLength(2);

    const audit = await t.store.audit.listUnplanned('handler_assignment');
    const reasons = audit.filter((e) => e.action === 'handler_assignment.reassign').map((e) => e.reason);
    expect(reasons).toEqual(['李经办休假一周，工作由负责人接手', '李经办休假一周，工作由负责人接手']);
  });
});
