/**
 * Many governments in one deployment (issue 16.2): a user of one jurisdiction gets 404 for every
 * object of another — plans, units, users, work orders — and never finds them in a list; a
 * city's 督查室 granted its districts sees theirs (and works in one by the jurisdiction switch),
 * never the other way round. Jurisdictions are set up from their office files alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DIALECTS, seedExamplePlan, seedJurisdiction, seedUser } from '../../test/factories.js';
import { hashSecret } from '../commands/secrets.js';
import type { User } from '../plan/types.js';
import type { PlanSummary } from '../store/types.js';
import { JURISDICTION_HEADER } from './scope.js';
import { createTestApp, json } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../test/fixtures/jurisdictions/', import.meta.url).pathname;

type Tenant = 'huangpu' | 'jingan' | 'city';

describe.each(DIALECTS)('two jurisdictions in one deployment on %s', (dialect) => {
  let t: TestApp;
  const ids = {} as Record<Tenant, number>;
  const users = {} as Record<Tenant, User>;
  const tokens = {} as Record<Tenant, string>;
  let huangpuPlan: PlanSummary;
  let huangpuUnitId: number;
  let huangpuOrderId: number;

  const send = (
    who: Tenant | 'admin',
    options: {
      method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
      url: string;
      payload?: object;
      jurisdiction?: number;
    },
  ): Promise<LightMyRequestResponse> => {
    const token = who === 'admin' ? t.tokens.admin : tokens[who];
    return t.app.inject({
      method: options.method ?? 'GET',
      url: `${V1}${options.url}`,
      ...(options.payload ? { payload: options.payload as Record<string, unknown> } : {}),
      headers: {
        authorization: `Bearer ${token}`,
        ...(options.jurisdiction === undefined
          ? {}
          : { [JURISDICTION_HEADER]: String(options.jurisdiction) }),
      },
    });
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2026-03-02T02:00:00.000Z') });
    ids.city = (await seedJurisdiction(t.store, `${FIXTURES}shanghai`)).jurisdiction.id;
    ids.huangpu = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-huangpu`)).jurisdiction.id;
    ids.jingan = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-jingan`)).jurisdiction.id;
    users.huangpu = await seedUser(t.store, 'admin', {
      username: 'huangpu-admin',
      jurisdictionId: ids.huangpu,
    });
    users.jingan = await seedUser(t.store, 'admin', { username: 'jingan-admin', jurisdictionId: ids.jingan });
    // The city's 督查室: a supervisor granted the districts below the city.
    users.city = await seedUser(t.store, 'supervisor', {
      username: 'city-inspector',
      jurisdictionId: ids.city,
      seesDescendants: true,
    });
    for (const tenant of ['huangpu', 'jingan', 'city'] as const) {
      tokens[tenant] = `lst_test_${tenant}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[tenant]),
        userId: users[tenant].id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
    }
    huangpuPlan = await seedExamplePlan(t.store, { state: 'draft', jurisdictionId: ids.huangpu });
    huangpuUnitId = (await t.store.units.findByName(ids.huangpu, '黄浦区发展和改革委员会'))!.id;
    const intake = await send('huangpu', {
      method: 'POST',
      url: '/requests',
      payload: {
        source: 'hotline',
        text: '南京东路步行街夜间施工噪声扰民',
        category: '噪声',
        location: { address: '南京东路步行街', area: '南京东路街道' },
        contact: { name: '陈女士', phone: '13900000000' },
        privacy: {},
      },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    huangpuOrderId = json<{ id: number }>(intake).id;
  });

  it('answers 404 for every object of another district, read or written, as if it did not exist', async () => {
    const objects = [
      { method: 'GET' as const, url: `/plans/${huangpuPlan.plan.id}` },
      { method: 'DELETE' as const, url: `/plans/${huangpuPlan.plan.id}` },
      { method: 'DELETE' as const, url: `/units/${huangpuUnitId}` },
      { method: 'PATCH' as const, url: `/units/${huangpuUnitId}`, payload: { name: '改名', version: 1 } },
      { method: 'GET' as const, url: `/requests/${huangpuOrderId}` },
      {
        method: 'PATCH' as const,
        url: `/users/${users.huangpu.id}`,
        payload: { displayName: '改名', version: 1 },
      },
    ];
    for (const outsider of ['jingan', 'admin'] as const) {
      for (const object of objects) {
        const answer = await send(outsider, object);
        expect(answer.statusCode, `${outsider} ${object.method} ${object.url}: ${answer.body}`).toBe(404);
      }
    }
    // The owner reads them all; nothing was changed by the refusals.
    for (const url of [`/plans/${huangpuPlan.plan.id}`, `/requests/${huangpuOrderId}`]) {
      expect((await send('huangpu', { url })).statusCode, url).toBe(200);
    }
    expect((await t.store.units.get(huangpuUnitId)).name).toBe('黄浦区发展和改革委员会');
    expect((await t.store.users.get(users.huangpu.id)).displayName).toBe('huangpu-admin');
  });

  it('never serves a held plan read to another district (the owner read it first)', async () => {
    const url = `/plans/${huangpuPlan.plan.id}`;
    expect((await send('huangpu', { url })).statusCode).toBe(200);
    expect((await send('huangpu', { url })).statusCode).toBe(200);
    expect((await send('jingan', { url })).statusCode).toBe(404);
    expect((await send('admin', { url: `${url}/tasks` })).statusCode).toBe(404);
  });

  it("lists only the district's own plans, units, users and orders", async () => {
    const listed = async (who: Tenant | 'admin', url: string) =>
      json<{ items: { id: number }[] }>(await send(who, { url })).items.map((item) => item.id);
    expect(await listed('huangpu', '/plans?state=draft')).toEqual([huangpuPlan.plan.id]);
    expect(await listed('jingan', '/plans?state=draft')).toEqual([]);
    expect(await listed('admin', '/plans?state=draft')).not.toContain(huangpuPlan.plan.id);

    expect(await listed('huangpu', '/units?limit=500')).toContain(huangpuUnitId);
    expect(await listed('jingan', '/units?limit=500')).not.toContain(huangpuUnitId);
    expect(await listed('admin', '/units?limit=500')).not.toContain(huangpuUnitId);
    const names = async (who: Tenant | 'admin') =>
      json<{ items: { name: string }[] }>(await send(who, { url: '/units?limit=500' })).items.map(
        (u) => u.name,
      );
    expect(await names('jingan')).toContain('静安区发展和改革委员会');
    expect(await names('jingan')).not.toContain('黄浦区发展和改革委员会');

    expect(await listed('jingan', '/users')).not.toContain(users.huangpu.id);
    expect(await listed('admin', '/users')).not.toContain(users.huangpu.id);

    expect(await listed('huangpu', '/requests')).toEqual([huangpuOrderId]);
    expect(await listed('jingan', '/requests')).toEqual([]);
    expect(await listed('admin', '/requests')).not.toContain(huangpuOrderId);
  });

  it('keeps one set of units per district: a name is taken within it, free in another', async () => {
    const create = (who: Tenant, name: string) =>
      send(who, { method: 'POST', url: '/units', payload: { name, kind: 'department' } });
    // 区发展改革委 is an alias of each district's 发展和改革委员会: taken there, not made twice.
    const taken = await create('huangpu', '区发展改革委');
    expect(taken.statusCode, taken.body).toBe(409);
    expect(json<{ error: { message: string } }>(taken).error.message).toContain('区发展改革委');
    // A new office of the same name in two districts: each its own.
    const first = await create('huangpu', '区营商环境建设办公室');
    const second = await create('jingan', '区营商环境建设办公室');
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(json<{ id: number }>(first).id).not.toBe(json<{ id: number }>(second).id);
  });

  it('answers Open311 for the jurisdiction its jurisdiction_id names, and posts only where the key may', async () => {
    const services = async (query: string) => {
      const answer = await t.app.inject({ url: `/open311/v2/services.json${query}` });
      return {
        status: answer.statusCode,
        codes:
          answer.statusCode === 200
            ? json<{ service_code: string }[]>(answer).map((s) => s.service_code)
            : [],
      };
    };
    // Without it, the deployment's first (昌平区, with its 供暖); 静安区 by its Open311 id.
    expect((await services('')).codes).toContain('heating');
    const jingan = await services('?jurisdiction_id=310106');
    expect(jingan.status).toBe(200);
    expect(jingan.codes).toContain('noise');
    expect(jingan.codes).not.toContain('heating');
    expect((await services('?jurisdiction_id=999999')).status).toBe(404);
    const post = (apiKey: string) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          jurisdiction_id: '310106',
          service_code: 'noise',
          description: '江宁路夜间施工噪声扰民',
          address_string: '江宁路街道江宁路100号',
          api_key: apiKey,
        }).toString(),
      });
    // 黄浦区's key may not post into its sibling; 静安区's own may.
    expect((await post(tokens.huangpu)).statusCode).toBe(403);
    const own = await post(tokens.jingan);
    expect(own.statusCode, own.body).toBe(201);
    const id = Number(json<{ service_request_id: string }[]>(own)[0]!.service_request_id);
    expect((await t.store.requests.getOrder(id)).jurisdictionId).toBe(ids.jingan);
    expect((await send('huangpu', { url: `/requests/${id}` })).statusCode).toBe(404);
  });

  it("lets the city's 督查室 see its districts, and a district neither its sibling nor its city", async () => {
    expect((await send('city', { url: `/plans/${huangpuPlan.plan.id}` })).statusCode).toBe(200);
    expect((await send('city', { url: `/requests/${huangpuOrderId}` })).statusCode).toBe(200);
    // Working in a district by the jurisdiction switch: its lists.
    const plans = json<{ items: { id: number }[] }>(
      await send('city', { url: '/plans?state=draft', jurisdiction: ids.huangpu }),
    ).items;
    expect(plans.map((p) => p.id)).toEqual([huangpuPlan.plan.id]);
    // A district may not switch to its sibling, nor to its city; an unknown jurisdiction is not there.
    for (const other of [ids.jingan, ids.city, 9999]) {
      expect((await send('huangpu', { url: '/plans', jurisdiction: other })).statusCode).toBe(404);
    }
    // Beijing's 昌平区 is no district of Shanghai: its plan stays hidden from the city.
    expect((await send('city', { url: `/plans/${t.draft.plan.id}` })).statusCode).toBe(404);
  });
});
