/**
 * "Anonymous to the unit" (issue 12.7): the unit holding the order works it without learning who
 * the citizen is — no contact, and no name, phone, ID number or e-mail in the text, the address,
 * the history's notes or its lists — while the centre sees everything and the place stays.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const IDENTITY = [
  '王建国',
  '13812345678',
  '138 1234 5678',
  '110101199003071234',
  'wjg@example.cn',
  '１３９１２３４５６７８',
];

describe.each(DIALECTS)('the unit view of an anonymous citizen on %s', (dialect) => {
  let t: TestApp;
  let id: number;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2024-07-01T02:00:00.000Z') });
    const post = async (caller: Caller, url: string, payload: Record<string, unknown>) => {
      const answer = await t.request(caller, { method: 'POST', url: `${V1}${url}`, payload });
      if (answer.statusCode >= 300) throw new Error(answer.body);
      return json<{ id: number }>(answer);
    };
    id = (
      await post('admin', '/requests', {
        source: 'hotline',
        text: '我叫王建国，电话138 1234 5678，身份证110101199003071234，家住龙腾苑5号楼3单元502室，门口积水',
        category: '积水',
        location: { address: '龙腾苑5号楼3单元502室（王建国家）', area: '回龙观街道' },
        contact: { name: '王建国', phone: '13812345678', email: 'wjg@example.cn' },
        privacy: { anonymousToUnit: true },
      })
    ).id;
    await post('admin', `/requests/${id}/dispatch`, { leadUnitId: t.unitA.id, reason: '测试派单' });
    await post('admin', `/requests/${id}/events`, {
      type: 'reminded',
      note: '王建国又来电，备用１３９１２３４５６７８，请尽快',
    });
    await post('reporter', `/requests/${id}/events`, { type: 'signed', unitId: t.unitA.id });
  });

  it('hides the citizen from the unit in the order, its history and its queues', async () => {
    for (const url of [`/requests/${id}`, `/requests/${id}/events`, '/requests/mine', '/requests']) {
      const answer = await t.request('reporter', { url: `${V1}${url}` });
      expect(answer.statusCode, url).toBe(200);
      for (const value of IDENTITY) expect(answer.body, `${url}: ${value}`).not.toContain(value);
    }
    // The place stays: the unit goes there.
    const order = json<{ text: string; location: { address: string } }>(
      await t.request('reporter', { url: `${V1}/requests/${id}` }),
    );
    expect(order.text).toBe('我叫＊，电话＊，身份证＊，家住龙腾苑5号楼3单元502室，门口积水');
    expect(order.location.address).toBe('龙腾苑5号楼3单元502室（＊家）');
    const events = json<{ items: { type: string; note?: string }[] }>(
      await t.request('reporter', { url: `${V1}/requests/${id}/events` }),
    );
    expect(events.items.find((e) => e.type === 'reminded')?.note).toBe('＊又来电，备用＊，请尽快');
  });

  it('shows the centre everything', async () => {
    const answer = await t.request('admin', { url: `${V1}/requests/${id}/events` });
    expect(answer.body).toContain('王建国');
    expect(answer.body).toContain('13812345678');
  });
});
