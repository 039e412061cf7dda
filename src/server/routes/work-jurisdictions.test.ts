/**
 * Other work between levels (issue 18 with issue 16), on both engines: a city's 督查室 registers
 * a 批示件 for one of its districts, choosing it, and assigns it to that district's units; its
 * own registrations stay in its own ledger; a district reads its item and never reaches a
 * sibling's, nor registers for a sibling or its city.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import type { PlanSummary, WorkItem, WorkItemPage, WorkJurisdiction } from '../../contract/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../../test/fixtures/', import.meta.url).pathname;
const NOW = '2026-06-15T02:00:00.000Z';

type Who = 'city' | 'huangpu' | 'jingan';

const INSTRUCTION = {
  docNumber: '市府办呈〔2026〕21号',
  title: '关于老旧小区加装电梯的报告',
  leader: '王副市长',
  instructedOn: '2026-06-12',
  class: 'document',
  text: '请区政府抓紧推进，6月底前报进展。',
};

describe.each(DIALECTS)('other work between levels on %s', (dialect) => {
  let t: TestApp;
  const ids = {} as Record<Who, number>;
  const tokens = {} as Record<Who, string>;
  const unitOf = {} as Record<Who, number>;

  const send = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `${V1}${url}`,
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
  const body = <T>(response: LightMyRequestResponse) => json<T>(response);

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date(NOW) });
    ids.city = (await seedJurisdiction(t.store, `${FIXTURES}jurisdictions/shanghai`)).jurisdiction.id;
    ids.huangpu = (
      await seedJurisdiction(t.store, `${FIXTURES}jurisdictions/shanghai-huangpu`)
    ).jurisdiction.id;
    ids.jingan = (
      await seedJurisdiction(t.store, `${FIXTURES}jurisdictions/shanghai-jingan`)
    ).jurisdiction.id;
    for (const who of ['city', 'huangpu', 'jingan'] as const) {
      const user = await seedUser(t.store, 'supervisor', {
        username: `${who}-inspector`,
        jurisdictionId: ids[who],
        ...(who === 'city' ? { seesDescendants: true } : {}),
      });
      tokens[who] = `lst_work_${who}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[who]),
        userId: user.id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
      const units = await t.store.units.list([ids[who]]);
      expect(units.length).toBeGreaterThan(0);
      unitOf[who] = units[0]!.id;
    }
  });

  it('a city registers for a district it chooses and assigns to its units; a district never reaches a sibling', async () => {
    // The city may register for itself and both districts, each offered with its own units.
    const offered = body<WorkJurisdiction[]>(await send('city', 'GET', '/work/jurisdictions'));
    expect(offered.map((j) => j.id)).toEqual([ids.city, ids.huangpu, ids.jingan]);
    expect(offered[1]!.units.map((u) => u.id)).toContain(unitOf.huangpu);
    expect(offered[1]!.units.map((u) => u.id)).not.toContain(unitOf.jingan);
    // A district only for itself.
    expect(
      body<WorkJurisdiction[]>(await send('huangpu', 'GET', '/work/jurisdictions')).map((j) => j.id),
    ).toEqual([ids.huangpu]);

    const created = await send('city', 'POST', '/work/instructions', {
      ...INSTRUCTION,
      jurisdictionId: ids.huangpu,
    });
    expect(created.statusCode, created.body).toBe(201);
    const item = body<WorkItem>(created);
    const ledger = body<PlanSummary>(await send('city', 'GET', `/plans/${item.planId}`)).plan;
    expect(ledger).toMatchObject({ kind: 'ledger', year: 2026 });
    expect((await t.store.plans.get(item.planId)).jurisdictionId).toBe(ids.huangpu);

    // Only the district's units may lead it.
    const wrong = await send('city', 'POST', `/work/instructions/${item.id}/actions`, {
      type: 'assign',
      leadUnitId: unitOf.jingan,
      dueOn: '2026-06-30',
      version: item.version,
    });
    expect(wrong.statusCode, wrong.body).toBe(400);
    const assigned = await send('city', 'POST', `/work/instructions/${item.id}/actions`, {
      type: 'assign',
      leadUnitId: unitOf.huangpu,
      coUnitIds: [],
      dueOn: '2026-06-30',
      version: item.version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(body<WorkItem>(assigned)).toMatchObject({ state: 'assigned', leadUnitId: unitOf.huangpu });

    // The city's own registration goes in its own ledger.
    const ownAnswer = await send('city', 'POST', '/work/instructions', INSTRUCTION);
    expect(ownAnswer.statusCode, ownAnswer.body).toBe(201);
    const own = body<WorkItem>(ownAnswer);
    expect(own.planId).not.toBe(item.planId);
    expect((await t.store.plans.get(own.planId)).jurisdictionId).toBe(ids.city);
    expect(body<WorkItemPage>(await send('city', 'GET', '/work/items')).items.map((i) => i.id)).toEqual([
      own.id,
    ]);
    expect(
      body<WorkItemPage>(await send('city', 'GET', `/work/items?jurisdictionId=${ids.huangpu}`)).items.map(
        (i) => i.id,
      ),
    ).toEqual([item.id]);

    // The district reads its item; its sibling neither reads, lists, moves nor registers for it.
    expect(body<WorkItemPage>(await send('huangpu', 'GET', '/work/items')).items.map((i) => i.id)).toEqual([
      item.id,
    ]);
    expect((await send('jingan', 'GET', `/work/items/${item.id}`)).statusCode).toBe(404);
    expect((await send('jingan', 'GET', `/work/items?jurisdictionId=${ids.huangpu}`)).statusCode).toBe(404);
    expect(
      (
        await send('jingan', 'POST', `/work/instructions/${item.id}/actions`, {
          type: 'answer',
          text: '已办',
          version: 2,
        })
      ).statusCode,
    ).toBe(404);
    const sibling = await send('jingan', 'POST', '/work/instructions', {
      ...INSTRUCTION,
      jurisdictionId: ids.huangpu,
    });
    expect(sibling.statusCode).toBe(404);
    expect(body<{ error: { details: { path: string }[] } }>(sibling).error.details[0]?.path).toBe(
      'jurisdictionId',
    );
    expect(
      (await send('huangpu', 'POST', '/work/instructions', { ...INSTRUCTION, jurisdictionId: ids.city }))
        .statusCode,
    ).toBe(404);
    // Nothing of those refusals was stored.
    const all = await t.store.work.listItems({ limit: 100, offset: 0 });
    expect(all.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([item.id, own.id].sort((a, b) => a - b));
  });
});
