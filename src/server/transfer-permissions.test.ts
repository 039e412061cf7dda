/**
 * The permission matrix of 市级派单 (issue 16.3) and of a district's 通报 (issue 16.2) with
 * cross-jurisdiction callers, beside
 * permissions.test.ts (whose callers are all of one jurisdiction; its route guards cover the
 * transfer routes too, src/server/testing/route-guards.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../test/factories.js';
import { hashSecret } from '../commands/secrets.js';
import { createTestApp } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';

const V1 = '/api/v1';

/**
 * 市级派单 (issue 16.3) with callers of three jurisdictions: the city's 12345 desk (not granted
 * its districts), a district's desk and unit, and the sibling district's desk. Each cell is an
 * order of one jurisdiction against each caller; another jurisdiction's order is 404 whatever
 * the role, a unit 403 before that (the centre's routes), a target not below the order's 400.
 */
describe.each(DIALECTS)('市级派单 across jurisdictions on %s', (dialect) => {
  type Who = 'cityDesk' | 'districtDesk' | 'districtUnit' | 'siblingDesk';
  const WHO: Who[] = ['cityDesk', 'districtDesk', 'districtUnit', 'siblingDesk'];
  const fixtures = new URL('../../test/fixtures/jurisdictions/', import.meta.url).pathname;
  let t: TestApp;
  const tokens = {} as Record<Who, string>;
  const ids = {} as Record<'city' | 'district' | 'sibling', number>;
  let clock = new Date('2026-03-02T02:00:00.000Z');
  const send = (who: Who, url: string, payload?: object) =>
    t.app.inject({
      method: payload ? 'POST' : 'GET',
      url: `${V1}${url}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
    });
  /** A new order of `who`'s jurisdiction, one a minute apart (no duplicate). */
  const order = async (who: Who) => {
    clock = new Date(clock.getTime() + 60_000);
    const answer = await send(who, '/requests', {
      source: 'hotline',
      text: '公司拖欠工资两个月未发',
      category: '拖欠工资',
      location: { address: '南京东路100号', area: '南京东路街道' },
      privacy: {},
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return (JSON.parse(answer.body) as { id: number }).id;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    ids.city = (await seedJurisdiction(t.store, `${fixtures}shanghai`)).jurisdiction.id;
    ids.district = (await seedJurisdiction(t.store, `${fixtures}shanghai-huangpu`)).jurisdiction.id;
    ids.sibling = (await seedJurisdiction(t.store, `${fixtures}shanghai-jingan`)).jurisdiction.id;
    const unit = (await t.store.units.findByName(ids.district, '黄浦区人力资源和社会保障局'))!;
    const users = {
      cityDesk: await seedUser(t.store, 'supervisor', { username: 'c-desk', jurisdictionId: ids.city }),
      districtDesk: await seedUser(t.store, 'admin', { username: 'd-desk', jurisdictionId: ids.district }),
      districtUnit: await seedUser(t.store, 'reporter', {
        username: 'd-unit',
        jurisdictionId: ids.district,
        unitIds: [unit.id],
      }),
      siblingDesk: await seedUser(t.store, 'admin', { username: 's-desk', jurisdictionId: ids.sibling }),
    };
    for (const who of WHO) {
      tokens[who] = `lst_test_xj_${who}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[who]),
        userId: users[who].id,
        name: who,
        expiresAt: '2999-01-01T00:00:00.000Z',
      });
    }
  });

  it('answers each caller of each jurisdiction as the matrix says', async () => {
    const cells: { name: string; expected: Record<Who, number>; run: (who: Who) => Promise<number> }[] = [
      {
        name: "POST the city's order to its district",
        expected: { cityDesk: 200, districtDesk: 404, districtUnit: 403, siblingDesk: 404 },
        run: async (who) => {
          const id = await order('cityDesk');
          return (
            await send(who, `/requests/${id}/transfer`, { jurisdictionId: ids.district, reason: '转办' })
          ).statusCode;
        },
      },
      {
        name: "GET the city's order's transfer",
        expected: { cityDesk: 200, districtDesk: 404, districtUnit: 404, siblingDesk: 404 },
        run: async (who) => (await send(who, `/requests/${await order('cityDesk')}/transfer`)).statusCode,
      },
      {
        name: "GET the district's taken-over order's transfer",
        expected: { cityDesk: 404, districtDesk: 200, districtUnit: 403, siblingDesk: 404 },
        run: async (who) => {
          const id = await order('cityDesk');
          const moved = await send('cityDesk', `/requests/${id}/transfer`, {
            jurisdictionId: ids.district,
            reason: '转办',
          });
          const to = (JSON.parse(moved.body) as { transferredTo: { orderId: number } }).transferredTo.orderId;
          return (await send(who, `/requests/${to}/transfer`)).statusCode;
        },
      },
      {
        name: "POST the district's order sideways to its sibling",
        expected: { cityDesk: 404, districtDesk: 400, districtUnit: 403, siblingDesk: 404 },
        run: async (who) => {
          const id = await order('districtDesk');
          return (
            await send(who, `/requests/${id}/transfer`, { jurisdictionId: ids.sibling, reason: '转办' })
          ).statusCode;
        },
      },
    ];
    // A 通报 the district's office issued: another jurisdiction's callers do not find it.
    const month = '2026-02';
    const draft = await t.app.inject({
      method: 'PUT',
      url: `${V1}/bulletins/drafts/${month}`,
      headers: { authorization: `Bearer ${tokens.districtDesk}` },
      payload: {
        data: { number: '黄督通〔2026〕2号', title: null, comments: [], requirements: [] },
        version: 0,
      },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const issued = await send('districtDesk', `/bulletins/drafts/${month}/issue`, { version: 1 });
    expect(issued.statusCode, issued.body).toBe(201);
    const bulletinId = (JSON.parse(issued.body) as { id: number }).id;
    cells.push(
      {
        name: "GET the district's 通报",
        // The district's unit: the bulletin names no unit of it (nothing was due), so 403.
        expected: { cityDesk: 404, districtDesk: 200, districtUnit: 403, siblingDesk: 404 },
        run: async (who) => (await send(who, `/bulletins/${bulletinId}`)).statusCode,
      },
      {
        name: "GET the district's 通报 as .xlsx",
        expected: { cityDesk: 404, districtDesk: 200, districtUnit: 403, siblingDesk: 404 },
        run: async (who) => (await send(who, `/bulletins/${bulletinId}/file.xlsx`)).statusCode,
      },
      {
        name: "list the district's 通报 (200 for all, listed for its office only)",
        expected: { cityDesk: 0, districtDesk: 1, districtUnit: 0, siblingDesk: 0 },
        run: async (who) =>
          (JSON.parse((await send(who, '/bulletins')).body) as { id: number }[]).filter(
            (b) => b.id === bulletinId,
          ).length,
      },
      {
        name: "read the district's 通报 draft (another jurisdiction reads its own, never saved)",
        expected: { cityDesk: 0, districtDesk: 1, districtUnit: 403, siblingDesk: 0 },
        run: async (who) => {
          const answer = await send(who, `/bulletins/drafts/${month}`);
          return answer.statusCode === 200
            ? (JSON.parse(answer.body) as { version: number }).version
            : answer.statusCode;
        },
      },
    );
    const wrong: string[] = [];
    for (const cell of cells)
      for (const who of WHO) {
        const status = await cell.run(who);
        if (status !== cell.expected[who])
          wrong.push(`${cell.name} as ${who}: ${status}, expected ${cell.expected[who]}`);
      }
    expect(wrong).toEqual([]);
  });
});
