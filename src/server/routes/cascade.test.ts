/**
 * Plans between levels over HTTP (issue 16.3, 16.4), on both engines: a city and two of its
 * districts set up from their office files alone, the city's real 2026 report imported as its
 * plan; the city's 督查室 hands a target down with each district's share, a district reports on
 * it, and the city sees it rolled up with its arithmetic; a district links its own growth target
 * to the city's, by suggestion; a district never reaches its sibling's plan or hands anything
 * to it. (No Shanghai district report is public in our fixtures: the districts' plans are the
 * example district report, imported as theirs for 2026.)
 */
import ExcelJS from 'exceljs';
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
  HandDownTaskAnswer,
  LedgerImportAnswer,
  TaskHandDown,
  LowerPlan,
  PlanLink,
  TargetCascade,
  TargetLinkSuggestion,
  UpperLinks,
} from '../../contract/index.js';
import type { User } from '../../plan/types.js';
import { extractReport } from '../../report/index.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
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

  const withToken = (body: { payload: Buffer; headers: Record<string, string> }) => ({
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${tokens.city}` },
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
  it('hands a city task down to each district with one call each, once, and lists where it went', async () => {
    const task = (await t.store.tasks.list(plans.city, { limit: 5 })).items[0]!;
    const url = `/plans/${plans.city}/tasks/${task.id}/hand-down`;
    const first = await send('city', 'POST', url, { to: [{ planId: plans.huangpu }] });
    expect(first.statusCode, first.body).toBe(201);
    const down = json<HandDownTaskAnswer>(first).items[0]!;
    expect(down.planId).toBe(plans.huangpu);
    expect(down.task).toMatchObject({ text: task.text, deadline: task.deadline, leadUnitId: null });
    expect(down.task.state).toBe('not_started');
    expect((await send('city', 'POST', url, { to: [{ planId: plans.jingan }] })).statusCode).toBe(201);
    // Once per district: again names the plan, and adds nothing.
    const again = await send('city', 'POST', url, { to: [{ planId: plans.huangpu }] });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('已向计划');
    const listed = json<{ items: TaskHandDown[] }>(
      await send('city', 'GET', `${url.replace('hand-down', 'hand-downs')}`),
    );
    expect(listed.items.map((i) => i.jurisdictionName).sort()).toEqual(['上海市静安区', '上海市黄浦区']);
    // The district sees the task in its own plan, audited there as handed down.
    const trail = await t.store.audit.list(plans.huangpu, {});
    expect(trail.some((e) => e.action === 'task.hand_down' && e.entity.id === down.task.id)).toBe(true);
    // A district never hands its task into a sibling (not below it, and not visible to it).
    const own = (await t.store.tasks.list(plans.jingan, { limit: 1 })).items[0]!;
    const sibling = await send('jingan', 'POST', `/plans/${plans.jingan}/tasks/${own.id}/hand-down`, {
      to: [{ planId: plans.huangpu }],
    });
    expect(sibling.statusCode).toBe(400);
    expect(sibling.body).not.toContain('黄浦');
  });

  it('hands 分解表 rows down by their 责任单位 column naming districts, once, and refuses an unknown name', async () => {
    const exported = await t.app.inject({
      url: `${V1}/plans/${plans.city}/ledger.xlsx`,
      headers: { authorization: `Bearer ${tokens.city}` },
    });
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('任务分解表')!;
    let header = 0;
    const cols = new Map<string, number>();
    for (let r = 1; r <= 10 && header === 0; r++) {
      ws.getRow(r).eachCell((cell, c) => cols.set(String(cell.value), c));
      if (cols.has('任务ID')) header = r;
      else cols.clear();
    }
    const rowOf = new Map<number, number>();
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const id = ws.getCell(r, cols.get('任务ID')!).value;
      if (typeof id === 'number') rowOf.set(id, r);
    }
    const ids = [...rowOf.keys()];
    const [both, all, unknown] = [ids[5]!, ids[6]!, ids[7]!];
    const lead = cols.get('牵头单位')!;
    // The office's own 分解表 names the column 责任单位.
    ws.getCell(header, lead).value = '责任单位';
    ws.getCell(rowOf.get(both)!, lead).value = '黄浦区、静安';
    ws.getCell(rowOf.get(all)!, lead).value = '各区';
    const upload = async (query: string) =>
      t.app.inject({
        method: 'POST',
        url: `${V1}/plans/${plans.city}/ledger${query}`,
        ...withToken(multipart({ name: '分解表.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) })),
      });
    const linksBefore = (await t.store.planLinks.listByChildPlan(plans.huangpu)).length;
    const leadBefore = (await t.store.tasks.get(plans.city, both)).leadUnitId;

    const dry = await upload('?dryRun=1');
    expect(dry.statusCode, dry.body).toBe(200);
    const planned = json<LedgerImportAnswer>(dry).handDowns;
    expect(planned.map((d) => [d.taskId, d.plans.map((p) => p.jurisdictionName).sort()])).toEqual([
      [both, ['上海市静安区', '上海市黄浦区']],
      [all, ['上海市静安区', '上海市黄浦区']],
    ]);
    expect((await t.store.planLinks.listByChildPlan(plans.huangpu)).length).toBe(linksBefore);

    const applied = await upload('');
    expect(applied.statusCode, applied.body).toBe(200);
    expect(json<LedgerImportAnswer>(applied).applied).toBe(true);
    for (const plan of [plans.huangpu, plans.jingan]) {
      const links = await t.store.planLinks.listByChildPlan(plan);
      expect(links.filter((l) => l.kind === 'task').map((l) => l.parent.itemId)).toEqual(
        expect.arrayContaining([both, all]),
      );
    }
    // The city's own task keeps its lead unit: the cell named districts, not a unit.
    expect((await t.store.tasks.get(plans.city, both)).leadUnitId).toBe(leadBefore);

    // The same 分解表 again hands nothing down twice.
    const twice = json<LedgerImportAnswer>(await upload(''));
    expect(twice.handDowns.every((d) => d.plans.every((p) => p.already))).toBe(true);
    expect((await t.store.planLinks.listByChildPlan(plans.huangpu)).length).toBe(linksBefore + 2);

    // A name that is neither a unit nor a district below is refused at its cell.
    ws.getCell(rowOf.get(unknown)!, lead).value = '浦东新区';
    const refused = await upload('?dryRun=1');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('浦东新区');
  });
  it('shows a district office the plans above it and its targets’ links, with the suggestions in words', async () => {
    const upper = await send('jingan', 'GET', `/plans/${plans.jingan}/upper-links`);
    expect(upper.statusCode, upper.body).toBe(200);
    const body = json<UpperLinks>(upper);
    expect(body.plans.map((p) => [p.id, p.jurisdictionName])).toEqual([[plans.city, '上海市']]);
    const handed = body.links.find((l) => l.parentTargetId === jobs.id);
    expect(handed).toMatchObject({
      origin: 'handed_down',
      parentPlanId: plans.city,
      child: { metric: '城镇新增就业', value: 25000, unit: '人' },
      parent: { metric: '城镇新增就业' },
    });
    const suggested = json<{ items: TargetLinkSuggestion[] }>(
      await send('jingan', 'GET', `/plans/${plans.jingan}/link-suggestions?parentPlanId=${plans.city}`),
    ).items;
    const forGrowth = suggested.find((s) => s.parentTargetId === growth.id);
    expect(forGrowth?.parent?.metric).toBe(growth.metric);
    expect(forGrowth?.child?.metric).toBeTruthy();
    // The city has nothing above it; a sibling's plan is not the district's to read.
    expect(json<UpperLinks>(await send('city', 'GET', `/plans/${plans.city}/upper-links`)).plans).toEqual([]);
    expect((await send('jingan', 'GET', `/plans/${plans.huangpu}/upper-links`)).statusCode).toBe(404);
  });
});
