/**
 * The city ranks its districts' 12345 performance (issue 16), over HTTP on both engines: a city
 * set up from files with two districts, orders taken, handled and followed up in each; the
 * city's leader granted the districts sees both ranked by the month's 三率 under the city's
 * scheme; a district user is refused; a month without orders ranks nobody; a bad month is 400.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import type { DistrictRankingsAnswer } from '../../contract/index.js';
import type { User } from '../../plan/types.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;

type Who = 'cityLeader' | 'cityDesk' | 'hpDesk' | 'hpUnit' | 'jaDesk' | 'jaUnit';
type Outcome = { contacted: boolean; resolved: boolean; satisfaction: '满意' | '基本满意' | '不满意' };

describe.each(DIALECTS)('各区排名 on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2026-03-02T02:00:00.000Z');
  const ids = {} as Record<'city' | 'huangpu' | 'jingan', number>;
  const users = {} as Record<Who, User>;
  const tokens = {} as Record<Who, string>;

  const send = (who: Who, url: string, payload?: object): Promise<LightMyRequestResponse> => {
    clock = new Date(clock.getTime() + 600_000);
    return t.app.inject({
      method: payload ? 'POST' : 'GET',
      url: `${V1}${url}`,
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
  };
  const ok = async (who: Who, url: string, payload?: object) => {
    const answer = await send(who, url, payload);
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    return json<{ id: number }>(answer);
  };

  /** An order about a property dispute, handled by the district's 房管局 and followed up. */
  const handle = async (desk: Who, unit: Who, area: string, unitId: number, outcome: Outcome) => {
    const order = await ok(desk, '/requests', {
      source: 'hotline',
      text: '小区电梯停运一周，物业公司迟迟不修',
      category: '物业',
      location: { address: `${area}某小区`, area },
      contact: { name: '钱女士', phone: '13700000002' },
      privacy: {},
    });
    await ok(desk, `/requests/${order.id}/dispatch`, {});
    for (const step of [
      { type: 'signed', unitId },
      { type: 'contacted', unitId },
      { type: 'replied', unitId, text: '已督促物业公司更换电梯控制柜，电梯已恢复运行，已电话告知市民。' },
    ])
      await ok(unit, `/requests/${order.id}/events`, step);
    // A reply drawn for a person's check (人工质检) waits for it before the order can close.
    const replied = json<{ pendingCheck?: unknown }>(await send(desk, `/requests/${order.id}`));
    if (replied.pendingCheck)
      await ok(desk, `/requests/${order.id}/check`, { passed: true, note: '答复合格' });
    await ok(desk, `/requests/${order.id}/events`, { type: 'closed' });
    await ok(desk, `/requests/${order.id}/events`, { type: 'followed_up', reached: true, ...outcome });
  };

  const rankings = (who: Who, month: string) => send(who, `/requests/district-rankings?month=${month}`);

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    ids.city = (await seedJurisdiction(t.store, `${FIXTURES}shanghai`)).jurisdiction.id;
    ids.huangpu = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-huangpu`)).jurisdiction.id;
    ids.jingan = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-jingan`)).jurisdiction.id;
    const hpHousing = (await t.store.units.findByName(ids.huangpu, '黄浦区住房保障和房屋管理局'))!.id;
    const jaHousing = (await t.store.units.findByName(ids.jingan, '静安区住房保障和房屋管理局'))!.id;
    users.cityLeader = await seedUser(t.store, 'leader', {
      username: 'city-leader',
      jurisdictionId: ids.city,
      seesDescendants: true,
    });
    users.cityDesk = await seedUser(t.store, 'supervisor', {
      username: 'city-desk',
      jurisdictionId: ids.city,
    });
    // A district's centre granted what lies below it: it has nothing below, so nothing to rank.
    users.hpDesk = await seedUser(t.store, 'admin', {
      username: 'hp-desk',
      jurisdictionId: ids.huangpu,
      seesDescendants: true,
    });
    users.hpUnit = await seedUser(t.store, 'reporter', {
      username: 'hp-housing',
      jurisdictionId: ids.huangpu,
      unitIds: [hpHousing],
    });
    users.jaDesk = await seedUser(t.store, 'admin', { username: 'ja-desk', jurisdictionId: ids.jingan });
    users.jaUnit = await seedUser(t.store, 'reporter', {
      username: 'ja-housing',
      jurisdictionId: ids.jingan,
      unitIds: [jaHousing],
    });
    for (const who of Object.keys(users) as Who[]) {
      tokens[who] = `lst_test_district_rank_${who}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[who]),
        userId: users[who].id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
    }
    for (const outcome of [
      { contacted: true, resolved: true, satisfaction: '满意' },
      { contacted: true, resolved: true, satisfaction: '基本满意' },
      { contacted: true, resolved: false, satisfaction: '不满意' },
    ] as const)
      await handle('hpDesk', 'hpUnit', '南京东路街道', hpHousing, outcome);
    for (let i = 0; i < 2; i++)
      await handle('jaDesk', 'jaUnit', '江宁路街道', jaHousing, {
        contacted: true,
        resolved: true,
        satisfaction: '满意',
      });
  });

  it('ranks both districts for the city’s leader, with the figures worked by hand', async () => {
    const answer = await rankings('cityLeader', '2026-03');
    expect(answer.statusCode, answer.body).toBe(200);
    const body = json<DistrictRankingsAnswer>(answer);
    expect(body.rule).toMatchObject({
      source: 'parent',
      schemeVersion: 1,
      weights: { response: 0.1, resolution: 0.6, satisfaction: 0.3 },
    });
    // 静安: 2 of 2 contacted, resolved, 满意 → 100. 黄浦: 响应 3/3, 解决 2/3, 满意 (1 + 0.8 + 0)/3 = 0.6
    // → 0.1 × 1 + 0.6 × 0.666667 + 0.3 × 0.6 = 0.68 → 68.
    expect(body.items).toMatchObject([
      { jurisdictionId: ids.jingan, name: '上海市静安区', rank: 1, volume: 2, response: 1, resolution: 1 },
      {
        jurisdictionId: ids.huangpu,
        name: '上海市黄浦区',
        rank: 2,
        volume: 3,
        response: 1,
        resolution: 0.666667,
        satisfaction: 0.6,
        overall: 68,
      },
    ]);
    expect(body.items[0]).toMatchObject({ satisfaction: 1, overall: 100 });
    // No personal data of the callers reaches the ranking.
    expect(answer.body).not.toContain('13700000002');
    expect(answer.body).not.toContain('钱女士');
  });

  it('refuses a caller not granted the districts, and a unit', async () => {
    for (const who of ['cityDesk', 'jaDesk', 'hpUnit'] as const) {
      const answer = await rankings(who, '2026-03');
      expect(answer.statusCode, `${who}: ${answer.body}`).toBe(403);
      expect(json<{ error: { message: string } }>(answer).error.message).toMatch(/各区排名/);
    }
  });

  it('answers an empty list where there is nothing below', async () => {
    const answer = await rankings('hpDesk', '2026-03');
    expect(answer.statusCode, answer.body).toBe(200);
    expect(json<DistrictRankingsAnswer>(answer).items).toEqual([]);
  });

  it('ranks nobody in a month without orders, and answers a bad month with 400', async () => {
    const empty = json<DistrictRankingsAnswer>(await rankings('cityLeader', '2026-02'));
    expect(empty.items.map((d) => [d.name, d.rank, d.volume, d.overall])).toEqual([
      ['上海市黄浦区', null, 0, null],
      ['上海市静安区', null, 0, null],
    ]);
    const bad = await rankings('cityLeader', '2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('month');
  });

  it('scores every district under the city’s scheme in force in the month', async () => {
    await t.store.requestSettings.addScoringScheme(ids.city, {
      version: 2,
      effectiveFrom: '2026-03',
      note: '响应率20%、解决率50%、满意率30%',
      weights: { response: 0.2, resolution: 0.5, satisfaction: 0.3 },
      satisfactionCredit: { 满意: 1, 基本满意: 0.8, 不满意: 0 },
      excludedSources: ['grid'],
      minVolume: 10,
      options: { directAnswer: 0, knowledgeUpkeep: 0, answerQuality: 0 },
    });
    const body = json<DistrictRankingsAnswer>(await rankings('cityLeader', '2026-03'));
    expect(body.rule).toMatchObject({ source: 'parent', schemeVersion: 2 });
    // 黄浦: 0.2 × 1 + 0.5 × 0.666667 + 0.3 × 0.6 = 0.713333 → 71.33.
    expect(body.items.map((d) => [d.name, d.rank, d.overall])).toEqual([
      ['上海市静安区', 1, 100],
      ['上海市黄浦区', 2, 71.33],
    ]);
  });
});
