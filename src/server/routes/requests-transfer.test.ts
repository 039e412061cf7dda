/**
 * 市级派单 over HTTP (issue 16.3), on both engines: the city's 12345 desk takes a call about a
 * district's street and hands it down; the district's order keeps the original receipt and
 * counts its deadlines from it on dispatch; the city's order is 已转办, out of its 三率, and
 * shows the district's reply, close and 回访; each side has its audit event; the district sees
 * only the link back; the photos go with it, each copied to the district's order, or none when
 * the transfer fails; a jurisdiction not below the order's, a place or category the district
 * lacks, and a second transfer are refused with the reason.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { saveSettings } from '../../commands/notify.js';
import { hashSecret } from '../../commands/secrets.js';
import { deriveActor } from '../../plan/audit.js';
import type { User } from '../../plan/types.js';
import { JPEG, PNG } from '../testing/pictures.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;
const RECEIVED = '2026-03-02T02:00:00.000Z'; // Monday, 10:00 in Shanghai
let clock = new Date(RECEIVED);

type Who = 'cityDesk' | 'huangpuDesk' | 'huangpuUnit' | 'jinganDesk';

interface Order {
  id: number;
  jurisdictionId: number;
  status: string;
  receivedAt: string;
  text: string;
  category: string;
  contact: { name?: string } | null;
  media: { ref: string; contentType: string; bytes: number; name?: string }[];
  leadUnitId: number | null;
  deadlines: { finish: { from: string; due: string } } | null;
  transferredTo?: { jurisdictionId: number; orderId: number; reason: string } | null;
  transferredFrom?: { jurisdictionId: number; orderId: number } | null;
  version: number;
}

interface View {
  from: { orderId: number; jurisdictionName: string; receivedAt: string } | null;
  to: {
    orderId: number;
    jurisdictionName: string;
    result: { status: string; reply: string | null; closedAt: string | null; followUps: unknown[] };
  } | null;
  targets: { id: number; name: string }[];
}

const wages = (area: string, category = '拖欠工资') => ({
  source: 'hotline',
  text: '某餐饮公司拖欠员工三个月工资共计4.2万元，多次讨要未果',
  category,
  location: { address: `${area}某路100号`, area },
  contact: { name: '赵先生', phone: '13700000001' },
  privacy: {},
});

describe.each(DIALECTS)('市级派单 on %s', (dialect) => {
  let t: TestApp;
  const ids = {} as Record<'city' | 'huangpu' | 'jingan', number>;
  const open311 = {} as Record<'city' | 'huangpu' | 'jingan', string>;
  const users = {} as Record<Who, User>;
  const tokens = {} as Record<Who, string>;
  let wagesUnitId: number;

  const send = (who: Who, url: string, payload?: object): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: payload ? 'POST' : 'GET',
      url: `${V1}${url}`,
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
  const intake = async (who: Who, body: object) => {
    const answer = await send(who, '/requests', body);
    expect(answer.statusCode, answer.body).toBe(201);
    return json<Order>(answer);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    for (const [key, dir] of [
      ['city', 'shanghai'],
      ['huangpu', 'shanghai-huangpu'],
      ['jingan', 'shanghai-jingan'],
    ] as const) {
      const { jurisdiction } = await seedJurisdiction(t.store, `${FIXTURES}${dir}`);
      ids[key] = jurisdiction.id;
      open311[key] = jurisdiction.open311Id!;
    }
    wagesUnitId = (await t.store.units.findByName(ids.huangpu, '黄浦区人力资源和社会保障局'))!.id;
    // The city's 12345 desk: a supervisor of the city, not granted its districts.
    users.cityDesk = await seedUser(t.store, 'supervisor', {
      username: 'city-desk',
      jurisdictionId: ids.city,
    });
    users.huangpuDesk = await seedUser(t.store, 'admin', {
      username: 'hp-desk',
      jurisdictionId: ids.huangpu,
    });
    users.huangpuUnit = await seedUser(t.store, 'reporter', {
      username: 'hp-wages',
      jurisdictionId: ids.huangpu,
      unitIds: [wagesUnitId],
    });
    users.jinganDesk = await seedUser(t.store, 'admin', { username: 'ja-desk', jurisdictionId: ids.jingan });
    for (const who of Object.keys(users) as Who[]) {
      tokens[who] = `lst_test_transfer_${who}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[who]),
        userId: users[who].id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
    }
  });

  it('hands an order down with its clocks, and shows the district’s result on the city’s order', async () => {
    clock = new Date(RECEIVED);
    const original = await intake('cityDesk', wages('南京东路街道'));
    expect(original.jurisdictionId).toBe(ids.city);
    const offered = json<View>(await send('cityDesk', `/requests/${original.id}/transfer`));
    expect(offered.targets.map((j) => j.name)).toEqual(['上海市黄浦区', '上海市静安区']);

    clock = new Date('2026-03-04T02:00:00.000Z');
    const answer = await send('cityDesk', `/requests/${original.id}/transfer`, {
      jurisdictionId: ids.huangpu,
      reason: '属黄浦区辖区内劳动纠纷',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const closed = json<Order>(answer);
    expect(closed).toMatchObject({ status: 'transferred', leadUnitId: null });
    const newId = closed.transferredTo!.orderId;
    expect(closed.transferredTo).toMatchObject({
      jurisdictionId: ids.huangpu,
      reason: '属黄浦区辖区内劳动纠纷',
    });
    expect(newId).not.toBe(original.id);

    // The district's own order: the words, place, contact and original receipt, waiting in its queue.
    const taken = json<Order>(await send('huangpuDesk', `/requests/${newId}`));
    expect(taken).toMatchObject({
      jurisdictionId: ids.huangpu,
      status: 'received',
      receivedAt: RECEIVED,
      text: original.text,
      category: '拖欠工资',
      contact: { name: '赵先生' },
      transferredFrom: { jurisdictionId: ids.city, orderId: original.id },
    });
    const queue = json<{ items: { order: Order }[] }>(await send('huangpuDesk', '/requests/queue'));
    expect(queue.items.map((i) => i.order.id)).toContain(newId);
    // The district sees the link back, never the city's order itself.
    const back = json<View>(await send('huangpuDesk', `/requests/${newId}/transfer`));
    expect(back.from).toMatchObject({
      orderId: original.id,
      jurisdictionName: '上海市',
      receivedAt: RECEIVED,
    });
    expect(back.to).toBeNull();
    expect((await send('huangpuDesk', `/requests/${original.id}`)).statusCode).toBe(404);
    expect((await send('huangpuDesk', `/requests/${original.id}/transfer`)).statusCode).toBe(404);
    expect((await send('jinganDesk', `/requests/${newId}`)).statusCode).toBe(404);

    // Each office signs what its own desk sends; the unit's people are reached by their settings.
    const desk = deriveActor(users.huangpuDesk);
    await saveSettings(t.store, ids.city, 'office:notify', { sender: '上海市12345热线' }, 0, desk, RECEIVED);
    await saveSettings(
      t.store,
      ids.huangpu,
      'office:notify',
      { sender: '黄浦区12345热线' },
      0,
      desk,
      RECEIVED,
    );
    const mail = 'wages@huangpu.example.gov.cn';
    await saveSettings(
      t.store,
      ids.huangpu,
      `user:${users.huangpuUnit.id}`,
      { email: mail, phone: null, channels: ['email'], digest: null, quietHours: null },
      0,
      desk,
      RECEIVED,
    );

    // Dispatched two days later: the finish deadline counts from the call, 15 working days.
    clock = new Date('2026-03-04T03:00:00.000Z');
    const dispatched = await send('huangpuDesk', `/requests/${newId}/dispatch`, {});
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    const running = json<Order>(dispatched);
    expect(running.leadUnitId).toBe(wagesUnitId);
    const told = (await t.store.outbox.list({ limit: 100 })).items.filter(
      (m) => m.destinationKey === `email:${mail}`,
    );
    expect(told).toHaveLength(1);
    expect((await t.store.outbox.get(told[0]!.id)).notice.sender).toBe('黄浦区12345热线');
    expect(running.deadlines?.finish.from).toBe(RECEIVED);
    // 15 working days from Monday 2 March 2026 (no holiday between): Monday 23 March.
    expect(running.deadlines?.finish.due.slice(0, 10)).toBe('2026-03-23');

    const reply =
      '3月5日区人社局劳动监察大队已约谈该公司负责人，责令其于3月10日前足额支付拖欠工资4.2万元，已电话告知赵先生。';
    for (const step of [
      { type: 'signed', unitId: wagesUnitId },
      { type: 'contacted', unitId: wagesUnitId },
      { type: 'replied', unitId: wagesUnitId, text: reply, publicNote: '已责令足额支付' },
    ]) {
      clock = new Date(clock.getTime() + 3_600_000);
      const done = await send('huangpuUnit', `/requests/${newId}/events`, step);
      expect(done.statusCode, done.body).toBe(200);
    }
    for (const step of [
      { type: 'closed' },
      { type: 'followed_up', reached: true, contacted: true, resolved: true, satisfaction: '满意' },
    ]) {
      clock = new Date(clock.getTime() + 3_600_000);
      const done = await send('huangpuDesk', `/requests/${newId}/events`, step);
      expect(done.statusCode, done.body).toBe(200);
    }

    // The city's order shows the district's reply, close and follow-up.
    const view = json<View>(await send('cityDesk', `/requests/${original.id}/transfer`));
    expect(view.targets).toEqual([]);
    expect(view.to).toMatchObject({
      orderId: newId,
      jurisdictionName: '上海市黄浦区',
      result: { status: 'closed', reply, followUps: [{ reached: true, satisfaction: '满意' }] },
    });
    // 三率: the district's unit counts it; the city has nothing of its own for it.
    const month = '2026-03';
    expect(await t.store.requests.countMonthlyFollowUps(ids.city, month, ['grid'])).toEqual([]);
    expect(await t.store.requests.countMonthlyFollowUps(ids.huangpu, month, ['grid'])).toMatchObject([
      { unitId: wagesUnitId },
    ]);
    // An audit event on each side.
    const cityAudit = await t.store.audit.listUnplanned('request_order', ids.city);
    expect(cityAudit.map((e) => [e.action, e.entityId])).toContainEqual([
      'request_order.transfer_out',
      String(original.id),
    ]);
    const districtAudit = await t.store.audit.listUnplanned('request_order', ids.huangpu);
    expect(districtAudit.map((e) => [e.action, e.entityId, e.reason])).toContainEqual([
      'request_order.transfer_in',
      String(newId),
      '属黄浦区辖区内劳动纠纷',
    ]);
  });

  it('reports the city’s order closed as handed down in Open311, and the district’s order as its own', async () => {
    clock = new Date('2026-03-06T02:00:00.000Z');
    const original = await intake('cityDesk', {
      ...wages('南京东路街道'),
      text: '南京东路某商店拖欠店员工资两个月',
    });
    const georeport = async (where: keyof typeof open311, path: string, query = '') => {
      const answer = await t.app.inject({
        url: `/open311/v2/${path}.json?jurisdiction_id=${open311[where]}${query}`,
      });
      expect(answer.statusCode, answer.body).toBe(200);
      return json<
        {
          service_request_id: string;
          status: string;
          status_notes: string | null;
          agency_responsible: string | null;
          updated_datetime: string;
        }[]
      >(answer);
    };
    expect((await georeport('city', `requests/${original.id}`))[0]).toMatchObject({ status: 'open' });

    clock = new Date('2026-03-06T03:00:00.000Z');
    const answer = await send('cityDesk', `/requests/${original.id}/transfer`, {
      jurisdictionId: ids.huangpu,
      reason: '属黄浦区事权',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const newId = json<Order>(answer).transferredTo!.orderId;

    // The city's order: closed, saying where it went and the district's request id to follow.
    const [city] = await georeport('city', `requests/${original.id}`);
    expect(city).toMatchObject({
      status: 'closed',
      agency_responsible: '上海市黄浦区',
      updated_datetime: '2026-03-06T11:00:00+08:00',
    });
    expect(city!.status_notes).toContain('已转办至上海市黄浦区');
    expect(city!.status_notes).toContain(`service_request_id ${newId}`);
    expect(city!.status_notes).toContain(`jurisdiction_id ${open311.huangpu}`);
    const listed = async (where: keyof typeof open311, status: string) =>
      (
        await georeport(
          where,
          'requests',
          `&status=${status}&start_date=2026-03-01T00:00:00Z&end_date=2026-03-31T00:00:00Z`,
        )
      ).map((r) => r.service_request_id);
    expect(await listed('city', 'closed')).toContain(String(original.id));
    expect(await listed('city', 'open')).not.toContain(String(original.id));

    // The district's order under the id the notes give: its own status, read in its jurisdiction.
    const [district] = await georeport('huangpu', `requests/${newId}`);
    expect(district).toMatchObject({ service_request_id: String(newId), status: 'open', status_notes: null });
    expect(await listed('huangpu', 'open')).toContain(String(newId));
    const elsewhere = await t.app.inject({
      url: `/open311/v2/requests/${newId}.json?jurisdiction_id=${open311.city}`,
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('copies the order’s photos to the district’s order, and none when the transfer fails', async () => {
    clock = new Date('2026-03-05T02:00:00.000Z');
    const upload = async (name: string, content: Buffer, type: string) => {
      const answer = await t.app.inject({
        method: 'POST',
        url: `${V1}/requests/media`,
        ...multipart({ name, content, type }),
        headers: {
          ...multipart({ name, content, type }).headers,
          authorization: `Bearer ${tokens.cityDesk}`,
        },
      });
      expect(answer.statusCode, answer.body).toBe(201);
      return json<{ ref: string; contentType: string; bytes: number }>(answer);
    };
    const photos = [
      await upload('现场一.jpg', JPEG, 'image/jpeg'),
      await upload('现场二.png', PNG, 'image/png'),
    ];
    const body = { ...wages('南京东路街道'), text: '南京东路某饭店拖欠工资，附现场照片', media: photos };
    const file = (who: Who, id: number, ref: string) => send(who, `/requests/${id}/media/${ref}`);

    // A failure inside the transaction (the second file's copy): nothing of the transfer stays.
    const failing = await intake('cityDesk', body);
    const transaction = t.store.transaction.bind(t.store);
    t.store.transaction = ((work: Parameters<typeof transaction>[0]) =>
      transaction((tx) => {
        const copy = tx.media.copyToOrder.bind(tx.media);
        tx.media.copyToOrder = async (...args: Parameters<typeof copy>) => {
          await copy(...args);
          throw new Error('disk full');
        };
        return work(tx);
      })) as typeof t.store.transaction;
    try {
      const broken = await send('cityDesk', `/requests/${failing.id}/transfer`, {
        jurisdictionId: ids.huangpu,
        reason: '属黄浦区事权',
      });
      expect(broken.statusCode).toBe(500);
    } finally {
      t.store.transaction = transaction;
    }
    expect(json<Order>(await send('cityDesk', `/requests/${failing.id}`))).toMatchObject({
      status: 'received',
      version: failing.version,
    });
    const districtOrders = (
      await t.store.requests.listOrders({ jurisdictionIds: [ids.huangpu], limit: 100, offset: 0 })
    ).items;
    expect(districtOrders.filter((o) => o.transferredFrom?.orderId === failing.id)).toEqual([]);

    // Photos are the uploader's once: a new pair for the order that is handed down.
    clock = new Date('2026-03-05T03:00:00.000Z');
    const again = [
      await upload('现场一.jpg', JPEG, 'image/jpeg'),
      await upload('现场二.png', PNG, 'image/png'),
    ];
    const original = await intake('cityDesk', { ...body, media: again });
    expect(original.media.map((m) => m.ref)).toEqual(again.map((p) => p.ref));
    const answer = await send('cityDesk', `/requests/${original.id}/transfer`, {
      jurisdictionId: ids.huangpu,
      reason: '属黄浦区事权',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const newId = json<Order>(answer).transferredTo!.orderId;
    const taken = json<Order>(await send('huangpuDesk', `/requests/${newId}`));
    expect(taken.media.map((m) => [m.contentType, m.bytes, m.name])).toEqual(
      original.media.map((m) => [m.contentType, m.bytes, m.name]),
    );
    // The district's own copies under their own refs, the same bytes; the city keeps its files.
    expect(taken.media.map((m) => m.ref).filter((r) => again.some((p) => p.ref === r))).toEqual([]);
    for (const [i, content] of [JPEG, PNG].entries()) {
      const there = await file('huangpuDesk', newId, taken.media[i]!.ref);
      expect(there.statusCode, there.body).toBe(200);
      expect(there.rawPayload.equals(content)).toBe(true);
      const here = await file('cityDesk', original.id, again[i]!.ref);
      expect(here.rawPayload.equals(content)).toBe(true);
      // Each jurisdiction reads its own order's files only.
      expect((await file('huangpuDesk', original.id, again[i]!.ref)).statusCode).toBe(404);
      expect((await file('jinganDesk', newId, taken.media[i]!.ref)).statusCode).toBe(404);
    }
  });

  it('refuses a jurisdiction not below the order’s, a place or category it lacks, and a second transfer', async () => {
    clock = new Date('2026-03-09T02:00:00.000Z');
    const order = await intake('cityDesk', wages('外滩街道'));
    const transfer = (who: Who, id: number, body: object) => send(who, `/requests/${id}/transfer`, body);
    const refused = async (answer: LightMyRequestResponse, status: number, words: string) => {
      expect(answer.statusCode, answer.body).toBe(status);
      expect(json<{ error: { message: string } }>(answer).error.message).toContain(words);
    };
    await refused(
      await transfer('cityDesk', order.id, { jurisdictionId: 99_999, reason: '转办' }),
      404,
      '不存在',
    );
    await refused(
      await transfer('cityDesk', order.id, { jurisdictionId: ids.city, reason: '转办' }),
      400,
      '本辖区',
    );
    // Beijing's 昌平区 is no district of Shanghai.
    await refused(await transfer('cityDesk', order.id, { jurisdictionId: 1, reason: '转办' }), 400, '下辖');
    // 外滩街道 is 黄浦区's: 静安区 cannot take it.
    await refused(
      await transfer('cityDesk', order.id, { jurisdictionId: ids.jingan, reason: '转办' }),
      400,
      '不在上海市静安区辖区内',
    );
    // A district's desk cannot reach the city's order at all.
    expect(
      (await transfer('huangpuDesk', order.id, { jurisdictionId: ids.huangpu, reason: '转办' })).statusCode,
    ).toBe(404);
    // Nothing was changed by the refusals.
    expect(json<Order>(await send('cityDesk', `/requests/${order.id}`))).toMatchObject({
      status: 'received',
      version: order.version,
    });

    // 公交 is the city's category, not the district's: the desk names one of the district's.
    const bus = await intake('cityDesk', {
      ...wages('外滩街道', '公交'),
      text: '外滩附近公交站台顶棚破损漏雨',
    });
    await refused(
      await transfer('cityDesk', bus.id, { jurisdictionId: ids.huangpu, reason: '转办' }),
      400,
      '派单目录',
    );
    const named = await transfer('cityDesk', bus.id, {
      jurisdictionId: ids.huangpu,
      reason: '转办',
      category: '道路',
    });
    expect(named.statusCode, named.body).toBe(200);
    const there = json<Order>(
      await send('huangpuDesk', `/requests/${json<Order>(named).transferredTo!.orderId}`),
    );
    expect(there.category).toBe('道路');
    await refused(
      await transfer('cityDesk', bus.id, { jurisdictionId: ids.huangpu, reason: '再转' }),
      409,
      '已转办',
    );

    // A district's own order goes nowhere sideways: 静安区 is its sibling.
    clock = new Date('2026-03-09T03:00:00.000Z');
    const own = await intake('huangpuDesk', wages('外滩街道'));
    await refused(
      await transfer('huangpuDesk', own.id, { jurisdictionId: ids.jingan, reason: '转办' }),
      400,
      '下辖',
    );
    expect(json<View>(await send('huangpuDesk', `/requests/${own.id}/transfer`)).targets).toEqual([]);
    // A unit may not hand orders anywhere.
    expect(
      (await transfer('huangpuUnit', own.id, { jurisdictionId: ids.jingan, reason: '转办' })).statusCode,
    ).toBe(403);
  });
});
