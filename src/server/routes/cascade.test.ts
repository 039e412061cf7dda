/**
 * Plans between levels over HTTP (issue 16.3, 16.4), on both engines: a city and two of its
 * districts set up from their office files alone, the city's real 2026 report imported as its
 * plan; the city's 督查室 hands a target down with each district's share, a district reports on
 * it, and the city sees it rolled up with its arithmetic; a district links its own growth target
 * to the city's, by suggestion; a district never reaches its sibling's plan or hands anything
 * to it. (No Shanghai district report is public in our fixtures: the districts' plans are the
 * example district report, imported as theirs for 2026.)
 */
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { exampleReport } from '../../../test/fixtures/example.js';
import { importPlan } from '../../commands/plans.js';
import { listTodos, reviewUnitReport, submitUnitReport } from '../../commands/reports.js';
import { hashSecret } from '../../commands/secrets.js';
import type {
  HandDownAnswer,
  LowerPlan,
  PlanLink,
  TargetCascade,
  TargetLinkSuggestion,
} from '../../contract/index.js';
import type { User } from '../../plan/types.js';
import { extractReport } from '../../report/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../../test/fixtures/', import.meta.url).pathname;
const NOW = '2026-06-15T02:00:00.000Z';

type Who = 'city' | 'huangpu' | 'jingan';

describe.each(DIALECTS)('plans between levels on %s', (dialect) => {
  let t: TestApp;
  const ids = {} as Record<Who, number>;
  const users = {} as Record<Who, User>;
  const tokens = {} as Record<Who, string>;
  const plans = {} as Record<Who, number>;
  let jobs: { id: number; metric: string };
  let growth: { id: number; metric: string };

  const send = (
    who: Who,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url: `${V1}${url}`,
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      headers: { authorization: `Bearer ${tokens[who]}` },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date(NOW) });
    ids.city = (await seedJurisdiction(t.store, `${FIXTURES}jurisdictions/shanghai`)).jurisdiction.id;
    ids.huangpu = (
      await seedJurisdiction(t.store, `${FIXTURES}jurisdictions/shanghai-huangpu`)
    ).jurisdiction.id;
    ids.jingan = (
      await seedJurisdiction(t.store, `${FIXTURES}jurisdictions/shanghai-jingan`)
    ).jurisdiction.id;
    users.city = await seedUser(t.store, 'supervisor', {
      username: 'city-inspector',
      jurisdictionId: ids.city,
      seesDescendants: true,
    });
    users.huangpu = await seedUser(t.store, 'admin', {
      username: 'huangpu-admin',
      jurisdictionId: ids.huangpu,
    });
    users.jingan = await seedUser(t.store, 'admin', { username: 'jingan-admin', jurisdictionId: ids.jingan });
    for (const who of ['city', 'huangpu', 'jingan'] as const) {
      tokens[who] = `lst_cascade_${who}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[who]),
        userId: users[who].id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
    }
    const text = readFileSync(`${FIXTURES}reports/2026-shanghai.txt`, 'utf8');
    const city = await importPlan(t.store, {
      text,
      extraction: extractReport(text),
      sourceName: '2026-shanghai.txt',
      jurisdictionId: ids.city,
      state: 'published',
    });
    plans.city = city.plan.id;
    for (const who of ['huangpu', 'jingan'] as const) {
      const summary = await importPlan(t.store, {
        ...exampleReport(),
        jurisdictionId: ids[who],
        year: 2026,
        state: 'published',
      });
      plans[who] = summary.plan.id;
    }
    const cityTargets = await t.store.targets.listOfPlan(plans.city);
    jobs = cityTargets.find((x) => x.metric === '城镇新增就业')!;
    growth = cityTargets.find((x) => x.metric === '生产总值增长')!;
    expect(jobs).toBeDefined();
    expect(growth).toBeDefined();
  });

  it('lists the plans below the city for its 督查室, and none below a district', async () => {
    const lower = json<{ items: LowerPlan[] }>(await send('city', 'GET', `/plans/${plans.city}/lower-plans`));
    expect(lower.items.map((p) => p.id).sort()).toEqual([plans.huangpu, plans.jingan].sort());
    expect(lower.items.map((p) => p.jurisdictionName).sort()).toEqual(['上海市静安区', '上海市黄浦区']);
    const none = json<{ items: LowerPlan[] }>(
      await send('huangpu', 'GET', `/plans/${plans.huangpu}/lower-plans`),
    );
    expect(none.items).toEqual([]);
  });

  it('hands a target down with each district’s share, reports on it below and rolls it up above', async () => {
    const handed = await send('city', 'POST', `/plans/${plans.city}/targets/${jobs.id}/hand-down`, {
      to: [
        { planId: plans.huangpu, share: { value: 3, unit: '万人' } },
        { planId: plans.jingan, share: { value: 25000, unit: '人' } },
      ],
    });
    expect(handed.statusCode, handed.body).toBe(201);
    const down = json<HandDownAnswer>(handed).items;
    expect(down.map((d) => [d.planId, d.target.metric, d.target.value, d.target.unit])).toEqual([
      [plans.huangpu, '城镇新增就业', 3, '万人'],
      [plans.jingan, '城镇新增就业', 25000, '人'],
    ]);

    // Handed down once per district: a second time names the plan at fault, and changes nothing.
    const again = await send('city', 'POST', `/plans/${plans.city}/targets/${jobs.id}/hand-down`, {
      to: [{ planId: plans.huangpu }],
    });
    expect(again.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string; message: string }[] } }>(again).error.details).toEqual([
      { path: 'to.0.planId', message: expect.stringContaining('已向计划') },
    ]);
    expect((await t.store.planLinks.listByParent('target', plans.city, jobs.id)).length).toBe(2);

    // 黄浦 assigns its target to its 人社局 and reports 1.2万 by May; the report is approved.
    const unit = (await t.store.units.findByName(ids.huangpu, '黄浦区人力资源和社会保障局'))!;
    expect(unit).toBeDefined();
    const target = down[0]!.target;
    const assigned = await t.app.inject({
      method: 'PATCH',
      url: `${V1}/plans/${plans.huangpu}/targets/${target.id}`,
      payload: { leadUnitId: unit.id, version: target.version },
      headers: { authorization: `Bearer ${tokens.huangpu}` },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const reporter = await seedUser(t.store, 'reporter', {
      username: 'huangpu-rsj',
      unitIds: [unit.id],
      jurisdictionId: ids.huangpu,
    });
    const { todos } = await listTodos(t.store, plans.huangpu, [unit.id], '2026-06-01', '2026-05');
    expect(todos[0]!.draft.targets.map((l) => l.targetId)).toEqual([target.id]);
    const report = await submitUnitReport(
      t.store,
      plans.huangpu,
      {
        unitId: unit.id,
        periodKey: '2026-05',
        evidence: [],
        tasks: [],
        targets: [{ targetId: target.id, value: 1.2, unit: '万人', note: '1—5月累计' }],
      },
      { userId: reporter.id, role: 'reporter', unitIds: [unit.id] },
      '2026-06-02T02:00:00.000Z',
    );
    await reviewUnitReport(
      t.store,
      plans.huangpu,
      report.id,
      { type: 'approve' },
      report.version,
      { userId: users.huangpu.id, role: 'admin', unitIds: [] },
      '2026-06-03T02:00:00.000Z',
    );

    const rolled = await send(
      'city',
      'GET',
      `/plans/${plans.city}/targets/${jobs.id}/cascade?date=2026-06-15`,
    );
    expect(rolled.statusCode, rolled.body).toBe(200);
    const cascade = json<TargetCascade>(rolled);
    expect(cascade.method).toBe('sum');
    expect(cascade.linked).toBe(2);
    expect(cascade.reporting).toBe(1);
    expect(cascade.total).toBeCloseTo(1.2);
    expect(cascade.explain).toBe('上海市黄浦区 1.2万人 = 1.2万人（上海市静安区未报送）');
    const byName = new Map(cascade.contributions.map((c) => [c.jurisdictionName, c]));
    expect(byName.get('上海市黄浦区')?.latest).toEqual({ value: 1.2, asOf: '2026-05-31' });
    expect(byName.get('上海市静安区')?.latest).toBeNull();
    expect(['on_track', 'at_risk', 'behind']).toContain(cascade.health);
  });

  it('suggests a district’s own growth target for the city’s, links it, and rolls rates up by attainment', async () => {
    const suggested = await send(
      'jingan',
      'GET',
      `/plans/${plans.jingan}/link-suggestions?parentPlanId=${plans.city}`,
    );
    expect(suggested.statusCode, suggested.body).toBe(200);
    const items = json<{ items: TargetLinkSuggestion[] }>(suggested).items;
    const forGrowth = items.find((s) => s.parentTargetId === growth.id);
    expect(forGrowth?.reason).toMatch(/^指标(相同|相近)/);
    // Targets handed down are linked already: never suggested again.
    const handedDown = await t.store.planLinks.listByChildPlan(plans.jingan);
    expect(items.map((s) => s.childTargetId)).not.toContain(handedDown[0]!.child.itemId);

    const linked = await send(
      'jingan',
      'POST',
      `/plans/${plans.jingan}/targets/${forGrowth!.childTargetId}/link`,
      {
        parentPlanId: plans.city,
        parentTargetId: growth.id,
      },
    );
    expect(linked.statusCode, linked.body).toBe(201);
    expect(json<PlanLink>(linked).origin).toBe('linked');
    const twice = await send(
      'jingan',
      'POST',
      `/plans/${plans.jingan}/targets/${forGrowth!.childTargetId}/link`,
      {
        parentPlanId: plans.city,
        parentTargetId: growth.id,
      },
    );
    expect(twice.statusCode).toBe(400);

    const cascade = json<TargetCascade>(
      await send('city', 'GET', `/plans/${plans.city}/targets/${growth.id}/cascade?date=2026-06-15`),
    );
    expect(cascade.method).toBe('weighted');
    expect(cascade.contributions.map((c) => c.jurisdictionName)).toEqual(['上海市静安区']);
    expect(cascade.explain).not.toBe('');

    // Unlinked, it leaves the roll-up.
    expect(
      (await send('jingan', 'DELETE', `/plans/${plans.jingan}/targets/${forGrowth!.childTargetId}/link`))
        .statusCode,
    ).toBe(204);
    const after = json<TargetCascade>(
      await send('city', 'GET', `/plans/${plans.city}/targets/${growth.id}/cascade?date=2026-06-15`),
    );
    expect(after.linked).toBe(0);
  });

  it('never lets a district reach its sibling: no hand-down into it, no working view of the city', async () => {
    // 静安 hands down from its own plan to 黄浦's: not below it, and not even visible (as if absent).
    const own = (await t.store.targets.listOfPlan(plans.jingan))[0]!;
    const refused = await send('jingan', 'POST', `/plans/${plans.jingan}/targets/${own.id}/hand-down`, {
      to: [{ planId: plans.huangpu }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('黄浦');
    // 黄浦 cannot hand down from the city's plan: it may not assign there.
    expect(
      (
        await send('huangpu', 'POST', `/plans/${plans.city}/targets/${jobs.id}/hand-down`, {
          to: [{ planId: plans.jingan }],
        })
      ).statusCode,
    ).toBe(404);
    // The roll-up of the city's target is the city's to read: a district signed in reads the city's
    // plan on its public pages, never the city's working view.
    expect((await send('huangpu', 'GET', `/plans/${plans.city}/targets/${jobs.id}/cascade`)).statusCode).toBe(
      404,
    );
    // A sibling's plan stays out of reach by path.
    expect((await send('jingan', 'GET', `/plans/${plans.huangpu}/lower-plans`)).statusCode).toBe(404);
  });
});
