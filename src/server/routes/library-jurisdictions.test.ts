/**
 * The 项目库 and 服务包 of two districts in one deployment, on both engines (issue 16 for issue
 * 17's tables): what one district writes is its own — stored under it, 404 to the other district
 * read or written, never in the other's lists, board or counts — a unit of the other district
 * is no lead or responsible unit, and the city's 督查室 sees a district's by the jurisdiction switch.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import type { User } from '../../plan/types.js';
import { creditCodeCheckChar } from '../../projects/index.js';
import { JURISDICTION_HEADER } from '../scope.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;
const CODE = (() => {
  const first = '91310101MA0000888';
  return first + creditCodeCheckChar(first);
})();

type Tenant = 'huangpu' | 'jingan' | 'city';

describe.each(DIALECTS)('the library and 服务包 of two districts on %s', (dialect) => {
  let t: TestApp;
  const ids = {} as Record<Tenant, number>;
  const users = {} as Record<Tenant, User>;
  const tokens = {} as Record<Tenant, string>;
  let huangpuUnit: number;
  let jinganUnit: number;
  let projectId: number;
  let enterpriseId: number;

  const send = (
    who: Tenant,
    options: { method?: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object; jurisdiction?: number },
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: options.method ?? 'GET',
      url: `${V1}${options.url}`,
      ...(options.payload ? { payload: options.payload as Record<string, unknown> } : {}),
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(options.jurisdiction === undefined
          ? {}
          : { [JURISDICTION_HEADER]: String(options.jurisdiction) }),
      },
    });

  const project = (leadUnitId: number) => ({
    name: '示例滨江产业园',
    library: 'major',
    class: 'A',
    stage: '入库',
    stageDate: '2025-02-01',
    totalInvestment: 80_000,
    annualPlans: [{ year: 2026, planned: 12_000 }],
    leadUnitId,
    milestones: [{ stage: '开工', planned: '2025-06-30' }],
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2026-03-02T02:00:00.000Z') });
    ids.city = (await seedJurisdiction(t.store, `${FIXTURES}shanghai`)).jurisdiction.id;
    ids.huangpu = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-huangpu`)).jurisdiction.id;
    ids.jingan = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-jingan`)).jurisdiction.id;
    users.huangpu = await seedUser(t.store, 'supervisor', {
      username: 'huangpu-office',
      jurisdictionId: ids.huangpu,
    });
    users.jingan = await seedUser(t.store, 'supervisor', {
      username: 'jingan-office',
      jurisdictionId: ids.jingan,
    });
    users.city = await seedUser(t.store, 'supervisor', {
      username: 'city-office',
      jurisdictionId: ids.city,
      seesDescendants: true,
    });
    for (const tenant of ['huangpu', 'jingan', 'city'] as const) {
      tokens[tenant] = `lst_test_library_${tenant}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[tenant]),
        userId: users[tenant].id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
    }
    huangpuUnit = (await t.store.units.findByName(ids.huangpu, '黄浦区发展和改革委员会'))!.id;
    jinganUnit = (await t.store.units.findByName(ids.jingan, '静安区发展和改革委员会'))!.id;
    const created = await send('huangpu', {
      method: 'POST',
      url: '/library/projects',
      payload: project(huangpuUnit),
    });
    expect(created.statusCode, created.body).toBe(200);
    projectId = json<{ id: number }>(created).id;
    const enterprise = await send('huangpu', {
      method: 'POST',
      url: '/services/enterprises',
      payload: { name: '示例外滩科技有限公司', creditCode: CODE, industry: '软件', address: '示例路2号' },
    });
    expect(enterprise.statusCode, enterprise.body).toBe(200);
    enterpriseId = json<{ id: number }>(enterprise).id;
  });

  it('keeps a district’s project and enterprise under it, and answers 404 to the other district', async () => {
    expect((await t.store.library.of(ids.huangpu).getRecord(projectId)).name).toBe('示例滨江产业园');
    await expect(t.store.library.of(ids.jingan).getRecord(projectId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await t.store.services.of(ids.huangpu).getEnterprise(enterpriseId)).name).toBe(
      '示例外滩科技有限公司',
    );
    const objects = [
      { url: `/library/projects/${projectId}` },
      { method: 'PATCH' as const, url: `/library/projects/${projectId}`, payload: { name: '改名' } },
      {
        method: 'POST' as const,
        url: `/library/projects/${projectId}/stage`,
        payload: { stage: '开工', date: '2026-03-01' },
      },
      {
        method: 'POST' as const,
        url: `/library/projects/${projectId}/investments`,
        payload: { figures: [{ month: '2026-02', amount: 100 }] },
      },
      { url: `/services/enterprises/${enterpriseId}` },
    ];
    for (const object of objects) {
      const answer = await send('jingan', object);
      expect(answer.statusCode, `${object.method ?? 'GET'} ${object.url}: ${answer.body}`).toBe(404);
    }
    // Nothing was changed by the refusals; the owner reads both.
    expect((await send('huangpu', { url: `/library/projects/${projectId}` })).statusCode).toBe(200);
    expect((await send('huangpu', { url: `/services/enterprises/${enterpriseId}` })).statusCode).toBe(200);
    const kept = await t.store.library.of(ids.huangpu).get(projectId);
    expect(kept).toMatchObject({ name: '示例滨江产业园', version: 1, investments: [] });
  });

  it('lists, counts and boards only the district’s own', async () => {
    const items = async (who: Tenant, url: string) =>
      json<{ items: { id?: number; projectId?: number }[] }>(await send(who, { url })).items;
    expect((await items('huangpu', '/library/projects')).map((p) => p.id)).toEqual([projectId]);
    expect(await items('jingan', '/library/projects')).toEqual([]);
    const idle = '/library/idle/approved_not_started?date=2026-03-01';
    const listed = async (who: Tenant) =>
      json<{ page: { items: { projectId: number }[] } }>(await send(who, { url: idle })).page.items.map(
        (e) => e.projectId,
      );
    expect(await listed('huangpu')).toEqual([projectId]);
    expect(await listed('jingan')).toEqual([]);
    const board = async (who: Tenant) =>
      json<{ inLibrary: number }>(await send(who, { url: '/library/board?date=2026-03-01' })).inLibrary;
    expect(await board('huangpu')).toBe(1);
    expect(await board('jingan')).toBe(0);
    const map = async (who: Tenant) =>
      json<{ points: unknown[] }>(await send(who, { url: '/library/map' })).points.length;
    expect(await map('jingan')).toBe(0);
    const ledger = await send('jingan', { url: '/library/ledger.xlsx?date=2026-03-01' });
    expect(ledger.statusCode).toBe(200);
    expect(ledger.rawPayload.includes(Buffer.from('示例滨江产业园'))).toBe(false);
  });

  it('refuses a unit of the other district as a project’s lead unit or a commitment’s responsible unit', async () => {
    const refused = await send('jingan', {
      method: 'POST',
      url: '/library/projects',
      payload: project(huangpuUnit),
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.body).toContain('leadUnitId');
    const own = await send('jingan', {
      method: 'POST',
      url: '/library/projects',
      payload: project(jinganUnit),
    });
    expect(own.statusCode, own.body).toBe(200);
    // The same name in two districts: each its own project.
    expect(json<{ id: number }>(own).id).not.toBe(projectId);

    const pkg = await send('huangpu', {
      method: 'POST',
      url: '/services/packages',
      payload: { holder: { kind: 'enterprise', id: enterpriseId }, year: 2026, butler: '王管家' },
    });
    expect(pkg.statusCode, pkg.body).toBe(200);
    const commitment = (unitId: number) => ({
      kind: 'approval',
      title: '加快施工许可审批',
      responsibleUnitId: unitId,
      butler: '王管家',
      workingDays: 10,
    });
    const packageId = json<{ id: number }>(pkg).id;
    const url = `/services/packages/${packageId}/commitments`;
    const wrong = await send('huangpu', { method: 'POST', url, payload: commitment(jinganUnit) });
    expect(wrong.statusCode, wrong.body).toBe(400);
    const right = await send('huangpu', { method: 'POST', url, payload: commitment(huangpuUnit) });
    expect(right.statusCode, right.body).toBe(200);
    // The other district may not add to it.
    expect((await send('jingan', { method: 'POST', url, payload: commitment(jinganUnit) })).statusCode).toBe(
      404,
    );
  });

  it('lets the city’s office see a district’s library by the jurisdiction switch', async () => {
    const url = `/library/projects/${projectId}`;
    expect((await send('city', { url })).statusCode).toBe(404);
    expect((await send('city', { url, jurisdiction: ids.huangpu })).statusCode).toBe(200);
    expect((await send('city', { url, jurisdiction: ids.jingan })).statusCode).toBe(404);
  });
});
