/**
 * The 服务包 endpoints on both engines: the permission matrix (a unit's user sees what it holds,
 * an enterprise it holds nothing of is not found), a commitment delivered by its unit, confirmed
 * by the 服务管家 and counted as 兑现 over HTTP, and every public output carrying counts only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { applyCommitmentEvent, creditCodeCheckChar, openCommitment } from '../../projects/index.js';
import type { CommitmentEventInput } from '../../projects/index.js';
import { CALLERS, createTestApp, json } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
type Expected = Record<Caller, number>;
const matrix = (statuses: Partial<Expected>, otherwise: number): Expected =>
  Object.fromEntries(CALLERS.map((c) => [c, statuses[c] ?? otherwise])) as Expected;
const CODE = (() => {
  const first = '91110114MA0000777';
  return first + creditCodeCheckChar(first);
})();
const YEAR = new Date().getUTCFullYear();

describe.each(DIALECTS)('服务包 routes on %s', (dialect) => {
  let t: TestApp;
  let enterpriseId: number;
  let packageId: number;
  let mine: number;
  let theirs: number;

  const post = async (caller: Caller, url: string, payload: object) => {
    const answer = await t.request(caller, { method: 'POST', url: `${V1}${url}`, payload });
    expect(answer.statusCode, answer.body).toBe(200);
    return json<{ id: number; version: number; state: string }>(answer);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    enterpriseId = (
      await post('supervisor', '/services/enterprises', {
        name: '示例智造有限公司',
        creditCode: CODE,
        industry: '智能制造',
        address: '示例路1号',
      })
    ).id;
    // The other reporter is the package's 服务管家; the reporter's unit holds one commitment.
    packageId = (
      await post('supervisor', '/services/packages', {
        holder: { kind: 'enterprise', id: enterpriseId },
        year: YEAR,
        butler: t.users.otherReporter.displayName,
      })
    ).id;
    const open = (title: string, unitId: number) =>
      post('supervisor', `/services/packages/${packageId}/commitments`, {
        kind: 'approval',
        title,
        responsibleUnitId: unitId,
        butler: t.users.otherReporter.displayName,
        workingDays: 10,
      });
    mine = (await open('加快施工许可审批', t.unitA.id)).id;
    theirs = (await open('协调电力增容', t.unitC.id)).id;
  });

  it('answers each caller as the permission matrix says', async () => {
    const cases: [string, () => Parameters<TestApp['request']>[1], Expected][] = [
      ['overview', () => ({ url: `${V1}/services/overview?year=${YEAR}` }), matrix({ public: 401 }, 200)],
      ['commitments', () => ({ url: `${V1}/services/commitments` }), matrix({ public: 401 }, 200)],
      [
        'enterprise',
        () => ({ url: `${V1}/services/enterprises/${enterpriseId}` }),
        matrix({ public: 401 }, 200),
      ],
      [
        'new enterprise',
        () => ({ method: 'POST', url: `${V1}/services/enterprises`, payload: { name: '' } }),
        matrix({ public: 401, admin: 400, supervisor: 400 }, 403),
      ],
      [
        'reassign',
        () => ({ method: 'PATCH', url: `${V1}/services/commitments/${theirs}`, payload: { title: '' } }),
        matrix({ public: 401, admin: 400, supervisor: 400 }, 403),
      ],
      [
        'ledger',
        () => ({ url: `${V1}/services/ledger.xlsx?year=${YEAR}` }),
        matrix({ public: 401, admin: 200, supervisor: 200 }, 403),
      ],
      ['requests', () => ({ url: `${V1}/services/requests` }), matrix({ public: 401 }, 200)],
      ['public counts', () => ({ url: `${V1}/public/services?year=${YEAR}` }), matrix({}, 200)],
    ];
    const got: Record<string, Expected> = {};
    const want: Record<string, Expected> = {};
    for (const [name, options, expected] of cases) {
      want[name] = expected;
      got[name] = {} as Expected;
      for (const caller of CALLERS) got[name][caller] = (await t.request(caller, options())).statusCode;
    }
    expect(got).toEqual(want);
  });

  it("shows a unit's user only what it holds", async () => {
    const titles = async (caller: Caller) =>
      json<{ items: { title: string }[] }>(
        await t.request(caller, { url: `${V1}/services/commitments` }),
      ).items.map((c) => c.title);
    expect(await titles('leader')).toEqual(['加快施工许可审批', '协调电力增容']);
    expect(await titles('reporter')).toEqual(['加快施工许可审批']);
    expect(await titles('otherReporter')).toEqual(['加快施工许可审批', '协调电力增容']);
    const detail = json<{ packages: { commitments: { title: string }[] }[] }>(
      await t.request('reporter', { url: `${V1}/services/enterprises/${enterpriseId}` }),
    );
    expect(detail.packages.flatMap((p) => p.commitments.map((c) => c.title))).toEqual(['加快施工许可审批']);
    // An enterprise the unit holds nothing of is not found (not forbidden: that would tell).
    const other = await post('supervisor', '/services/enterprises', {
      name: '另一示例公司',
      creditCode: (() => {
        const first = '91110114MA0000888';
        return first + creditCodeCheckChar(first);
      })(),
    });
    expect((await t.request('reporter', { url: `${V1}/services/enterprises/${other.id}` })).statusCode).toBe(
      404,
    );
    // The reporter's unit may not deliver what another unit holds.
    const foreign = await t.request('reporter', {
      method: 'POST',
      url: `${V1}/services/commitments/${theirs}/events`,
      payload: { type: 'delivered', evidence: ['批复文件'] },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('a 服务包 delivered by its units, confirmed by the 服务管家 and counted as 兑现', async () => {
    const deliver = async (caller: Caller, id: number) =>
      post(caller, `/services/commitments/${id}/events`, { type: 'delivered', evidence: ['办结材料'] });
    expect((await deliver('reporter', mine)).state).toBe('delivered');
    expect((await deliver('supervisor', theirs)).state).toBe('delivered');
    // Only the enterprise's word, recorded by its 服务管家, confirms.
    const office = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/services/commitments/${mine}/events`,
      payload: { type: 'confirmed', satisfaction: '满意' },
    });
    expect(office.statusCode).toBe(403);
    for (const id of [mine, theirs])
      expect(
        (
          await post('otherReporter', `/services/commitments/${id}/events`, {
            type: 'confirmed',
            satisfaction: '满意',
          })
        ).state,
      ).toBe('confirmed');
    const overview = json<{ fulfilment: { fulfilled: number; packages: number } }>(
      await t.request('leader', { url: `${V1}/services/overview?year=${YEAR}` }),
    );
    expect(overview.fulfilment).toMatchObject({ packages: 1, fulfilled: 1 });
    const pub = json<{ packages: { fulfilled: number; total: number } }>(
      await t.request('public', { url: `${V1}/public/services?year=${YEAR}` }),
    );
    expect(pub.packages).toMatchObject({ total: 1, fulfilled: 1 });
  });

  it('an enterprise request taken in by its 服务管家, dispatched by the office, seen by the unit it went to', async () => {
    const intake = { enterpriseId, text: '厂房消防验收进度慢', category: '审批' };
    const stranger = await t.request('reporter', {
      method: 'POST',
      url: `${V1}/services/requests`,
      payload: intake,
    });
    expect(stranger.statusCode).toBe(403);
    const taken = await post('otherReporter', '/services/requests', intake);
    const seen = async (caller: Caller) =>
      json<{ items: { id: number }[] }>(
        await t.request(caller, { url: `${V1}/services/requests` }),
      ).items.map((r) => r.id);
    expect(await seen('reporter')).toEqual([]);
    await post('supervisor', `/services/requests/${taken.id}/events`, {
      type: 'dispatched',
      unitId: t.unitA.id,
    });
    expect(await seen('reporter')).toEqual([taken.id]);
    const detail = json<{ requests: { id: number; status: string }[] }>(
      await t.request('otherReporter', { url: `${V1}/services/enterprises/${enterpriseId}` }),
    );
    expect(detail.requests).toEqual([expect.objectContaining({ id: taken.id, status: 'dispatched' })]);
  });

  it('never gives the public an enterprise, a person or a unit', async () => {
    for (const url of [`${V1}/public/services?year=${YEAR}`, `${V1}/public/library?year=${YEAR}`]) {
      const answer = await t.request('public', { url });
      expect(answer.statusCode).toBe(200);
      for (const word of [
        '示例智造',
        CODE,
        t.users.otherReporter.displayName,
        t.unitA.name,
        '施工许可',
        '示例路',
      ])
        expect(answer.body).not.toContain(word);
    }
    for (const url of [
      `${V1}/services/overview`,
      `${V1}/services/commitments`,
      `${V1}/services/enterprises/${enterpriseId}`,
      `${V1}/services/requests`,
    ])
      expect((await t.request('public', { url })).statusCode).toBe(401);
  });

  it('counts a past year as it stood on the day asked (date): a step taken later not yet taken', async () => {
    // A 2024 package: opened 03-01 with 10 working days (due 03-14), started 03-05, delivered
    // 03-20, confirmed 03-25 — recorded as the office keeps them.
    const stamp = '2024-03-25T08:00:00.000Z';
    const pkg = await t.store.services.insertPackage(
      { holder: { kind: 'enterprise', id: enterpriseId }, year: 2024, butler: '周管家' },
      stamp,
    );
    const { id: _id, ...opened } = openCommitment(0, {
      packageId: pkg.id,
      kind: 'approval',
      title: '厂房施工许可办理',
      responsibleUnitId: t.unitA.id,
      butler: '周管家',
      openedOn: '2024-03-01',
      workingDays: 10,
    });
    let c = await t.store.services.insertCommitment(opened, stamp);
    const butler = { role: 'butler' as const, unitIds: [] };
    for (const [input, on] of [
      [{ type: 'started' }, '2024-03-05'],
      [{ type: 'delivered', evidence: ['施工许可证'] }, '2024-03-20'],
      [{ type: 'confirmed', satisfaction: '满意' }, '2024-03-25'],
    ] as [CommitmentEventInput, string][]) {
      const { commitment, event } = applyCommitmentEvent(c, input, butler, on);
      expect(await t.store.services.updateCommitment(commitment, c.version, stamp)).toBe(true);
      await t.store.services.appendCommitmentEvent(event, stamp, null);
      c = commitment;
    }
    const overview = async (query: string) =>
      json<{ fulfilment: { commitments: number; confirmed: number; fulfilled: number; overdue: number } }>(
        await t.request('leader', { url: `${V1}/services/overview?year=2024${query}` }),
      ).fulfilment;
    expect(await overview('')).toMatchObject({ commitments: 1, confirmed: 1, fulfilled: 1, overdue: 0 });
    // On 03-18 it was being worked on, past its 办结时限.
    expect(await overview('&date=2024-03-18')).toMatchObject({
      commitments: 1,
      confirmed: 0,
      fulfilled: 0,
      overdue: 1,
    });
    expect(await overview('&date=2024-02-29')).toMatchObject({ commitments: 0, fulfilled: 0 });
    const listed = async (query: string) =>
      json<{ items: { id: number; state: string; overdue: boolean }[] }>(
        await t.request('leader', { url: `${V1}/services/commitments?year=2024${query}` }),
      ).items.map((x) => [x.id, x.state, x.overdue]);
    expect(await listed('&date=2024-03-18')).toEqual([[c.id, 'in_progress', true]]);
    expect(await listed('&date=2024-03-22&state=delivered')).toEqual([[c.id, 'delivered', false]]);
    expect(await listed('&date=2024-03-22&state=confirmed')).toEqual([]);
    expect(await listed('&state=confirmed')).toEqual([[c.id, 'confirmed', false]]);
    const bad = await t.request('leader', { url: `${V1}/services/overview?year=2024&date=2024-13-01` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('date');
  });
});
