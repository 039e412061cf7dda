/**
 * The 项目库 endpoints on both engines: who may read and write what (a unit's user sees only the
 * projects its units lead), a project's life through HTTP, a bad 台账 answered by cell with
 * nothing imported, and the public's view carrying numbers only.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import { createApp } from '../app.js';
import { saveLibrarySetup } from '../../commands/library.js';
import { CALLERS, createTestApp, json, multipart } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
type Expected = Record<Caller, number>;
const matrix = (statuses: Partial<Expected>, otherwise: number): Expected =>
  Object.fromEntries(CALLERS.map((c) => [c, statuses[c] ?? otherwise])) as Expected;

describe.each(DIALECTS)('library routes on %s', (dialect) => {
  let t: TestApp;
  let projectA: number;
  let projectB: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const create = async (name: string, leadUnitId: number) => {
      const answer = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/library/projects`,
        payload: {
          name,
          library: 'major',
          class: 'A',
          stage: '入库',
          stageDate: '2022-02-01',
          totalInvestment: 50_000,
          annualPlans: [{ year: 2022, planned: 12_000 }],
          leadUnitId,
          milestones: [{ stage: '开工', planned: '2022-05-31' }],
        },
      });
      expect(answer.statusCode, answer.body).toBe(200);
      return json<{ id: number }>(answer).id;
    };
    projectA = await create('示例甲项目', t.unitA.id);
    projectB = await create('示例乙项目', t.unitB.id);
  });

  it('answers each caller as the permission matrix says', async () => {
    const cases: [string, () => Parameters<TestApp['request']>[1], Expected][] = [
      ['board', () => ({ url: `${V1}/library/board` }), matrix({ public: 401 }, 200)],
      ['三未', () => ({ url: `${V1}/library/idle/approved_not_started` }), matrix({ public: 401 }, 200)],
      ['stale', () => ({ url: `${V1}/library/stale` }), matrix({ public: 401 }, 200)],
      [
        "unitB's project",
        () => ({ url: `${V1}/library/projects/${projectB}` }),
        matrix({ public: 401, reporter: 404 }, 200),
      ],
      [
        'create',
        () => ({ method: 'POST', url: `${V1}/library/projects`, payload: { name: '' } }),
        matrix({ public: 401, admin: 400, supervisor: 400 }, 403),
      ],
      [
        'undo the 出库 of a project in the library',
        () => ({
          method: 'POST',
          url: `${V1}/library/projects/${projectB}/exit/undo`,
          payload: { reason: '误操作' },
        }),
        matrix({ public: 401, admin: 409, supervisor: 409 }, 403),
      ],
      [
        'decide several matches (one unknown)',
        () => ({
          method: 'POST',
          url: `${V1}/plans/${t.published.plan.id}/library-matches/decisions`,
          payload: { decisions: [{ matchId: 999_999, action: 'reject' }] },
        }),
        matrix({ public: 401, admin: 404, supervisor: 404 }, 403),
      ],
      [
        "investment of unitA's project",
        () => ({
          method: 'POST',
          url: `${V1}/library/projects/${projectA}/investments`,
          payload: { figures: [{ month: '2022-03', amount: 100 }] },
        }),
        matrix({ public: 401, leader: 403, otherReporter: 404 }, 200),
      ],
      [
        'ledger',
        () => ({ url: `${V1}/library/ledger.xlsx` }),
        matrix({ public: 401, admin: 200, supervisor: 200 }, 403),
      ],
      [
        'matches',
        () => ({ url: `${V1}/plans/${t.published.plan.id}/library-matches` }),
        matrix({ public: 401, admin: 200, supervisor: 200 }, 403),
      ],
      ['public counts', () => ({ url: `${V1}/public/library` }), matrix({}, 200)],
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

  it("shows a unit's user only the projects its units lead", async () => {
    const list = async (caller: Caller) =>
      json<{ items: { name: string; lamps: { overall: string } }[] }>(
        await t.request(caller, { url: `${V1}/library/projects` }),
      ).items.map((p) => p.name);
    expect(await list('supervisor')).toEqual(['示例甲项目', '示例乙项目']);
    expect(await list('reporter')).toEqual(['示例甲项目']);
    expect(await list('otherReporter')).toEqual(['示例乙项目']);
    const idle = json<{ page: { items: { name: string; late: boolean }[] } }>(
      await t.request('reporter', { url: `${V1}/library/idle/approved_not_started?date=2022-06-30` }),
    );
    expect(idle.page.items.map((i) => [i.name, i.late])).toEqual([['示例甲项目', true]]);
  });

  it('shows a user of several units the projects any of them leads, or the one unit it names', async () => {
    const user = await seedUser(t.store, 'reporter', {
      username: `two-units-${dialect}`,
      unitIds: [t.unitA.id, t.unitB.id],
    });
    const token = `lst_test_two_units_${dialect}`;
    await t.store.sessions.insertToken({
      tokenHash: hashSecret(token),
      userId: user.id,
      expiresAt: '2999-01-01T00:00:00.000Z',
      name: 'tests',
    });
    const names = async (query: string) =>
      json<{ items: { name: string }[] }>(
        await t.app.inject({
          url: `${V1}/library/projects${query}`,
          headers: { authorization: `Bearer ${token}` },
        }),
      ).items.map((p) => p.name);
    expect(await names('')).toEqual(['示例甲项目', '示例乙项目']);
    expect(await names(`?unitId=${t.unitB.id}`)).toEqual(['示例乙项目']);
    expect(await names(`?unitId=${t.unitC.id}`)).toEqual([]);
  });

  it('moves a project on and shows its detail with lamps and timeline', async () => {
    const moved = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/library/projects/${projectA}/stage`,
      payload: { stage: '开工', date: '2022-06-10' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const back = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/library/projects/${projectA}/stage`,
      payload: { stage: '入库', date: '2022-06-20' },
    });
    expect(back.statusCode).toBe(400);
    type Refusal = {
      error: { message: string; details: { path: string; code?: string; message: string }[] };
    };
    expect(json<Refusal>(back).error).toMatchObject({
      message: '由“开工”退回“入库”须说明原因',
      details: [{ code: 'needsReason', message: '由“开工”退回“入库”须说明原因' }],
    });
    expect(json<Refusal>(back).error.details[0]!.path).toMatch(/^(body\.)?reason$/);
    // A body the schema refuses says so in words too, with the field as its path.
    const undated = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/library/projects/${projectA}/stage`,
      payload: { stage: '建设' },
    });
    expect(undated.statusCode).toBe(400);
    expect(json<Refusal>(undated).error).toEqual({
      code: 'BAD_INPUT',
      message: '提交的内容有1处不符合要求：此项不能为空',
      details: [{ path: 'body.date', code: 'required', values: {}, message: '此项不能为空' }],
    });
    const detail = json<{
      lamps: { start: { color: string; why: { code: string } } };
      timeline: { year: number; changes: { stage: string }[] }[];
    }>(await t.request('reporter', { url: `${V1}/library/projects/${projectA}?date=2022-07-01` }));
    expect(detail.lamps.start).toMatchObject({ color: 'yellow', why: { code: 'STARTED_LATE' } });
    expect(detail.timeline.find((y) => y.year === 2022)?.changes.map((c) => c.stage)).toEqual([
      '入库',
      '开工',
    ]);
  });

  it('refuses a bad 项目库台账 with its cells and imports nothing', async () => {
    const exported = await t.request('supervisor', { url: `${V1}/library/ledger.xlsx?date=2022-07-01` });
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let row = 1;
    while (ws.getCell(`B${row}`).text !== '示例乙项目') row += 1;
    ws.getCell(`E${row}`).value = 'Q';
    ws.getCell(`B${row + 1}`).value = '新项目';
    ws.getCell(`F${row + 1}`).value = '没有的阶段';
    ws.getCell(`D${row + 1}`).value = '重大项目库';
    const before = await t.store.library.list({ limit: 100 });
    const answer = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/library/ledger`,
      ...multipart({ name: '台账.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }),
    });
    expect(answer.statusCode).toBe(400);
    const paths = json<{ error: { details: { path: string }[] } }>(answer).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining([`项目库台账!E${row}`, `项目库台账!F${row + 1}`]));
    expect(await t.store.library.list({ limit: 100 })).toEqual(before);
  });

  it('draws the map from the boundary the jurisdiction loaded, a unit’s user seeing its own points', async () => {
    const boundary = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '示例区' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [116, 40],
                [116.5, 40],
                [116.5, 40.4],
                [116, 40],
              ],
            ],
          },
        },
      ],
    };
    await saveLibrarySetup(
      t.store,
      { boundary: JSON.stringify(boundary) },
      0,
      { userId: t.users.admin.id, role: 'admin', unitIds: [] },
      '2022-07-01T00:00:00.000Z',
    );
    for (const [id, lng] of [
      [projectA, 116.2],
      [projectB, 116.3],
    ] as const) {
      const answer = await t.request('supervisor', {
        method: 'PATCH',
        url: `${V1}/library/projects/${id}`,
        payload: { location: { lng, lat: 40.2 } },
      });
      expect(answer.statusCode, answer.body).toBe(200);
    }
    const map = async (caller: Caller) =>
      json<{ boundary: { features: unknown[] } | null; points: { name: string; lng: number }[] }>(
        await t.request(caller, { url: `${V1}/library/map` }),
      );
    const office = await map('leader');
    expect(office.boundary?.features).toHaveLength(1);
    expect(office.points.map((p) => [p.name, p.lng])).toEqual([
      ['示例甲项目', 116.2],
      ['示例乙项目', 116.3],
    ]);
    expect((await map('reporter')).points.map((p) => p.name)).toEqual(['示例甲项目']);
    expect((await t.request('public', { url: `${V1}/library/map` })).statusCode).toBe(401);
  });

  it('loads the boundary from an office’s file, answering a file the map cannot draw with what is wrong and where', async () => {
    const square = (lng: number) => ({
      type: 'Feature',
      properties: { name: '示例街道' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lng, 40],
            [lng + 0.1, 40],
            [lng + 0.1, 40.1],
            [lng, 40],
          ],
        ],
      },
    });
    const upload = (caller: Caller, content: string) =>
      t.request(caller, {
        method: 'PUT',
        url: `${V1}/library/boundary`,
        ...multipart({ name: '边界.geojson', content, type: 'application/geo+json' }),
      });
    const good = { type: 'FeatureCollection', features: [square(116), square(116.2)] };
    const loaded = await upload('supervisor', `\uFEFF${JSON.stringify(good)}`);
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(json<{ features: number }>(loaded).features).toBe(2);
    expect((await upload('reporter', JSON.stringify(good))).statusCode).toBe(403);
    expect((await upload('public', JSON.stringify(good))).statusCode).toBe(401);

    const point = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [116, 40] } };
    const details = async (content: string) => {
      const answer = await upload('admin', content);
      expect(answer.statusCode, answer.body).toBe(400);
      const said = json<{ error: { details: { path: string; message: string; code?: string }[] } }>(answer);
      // Each problem has the code a client matches (the web's own check's key).
      expect(said.error.details.every((d) => d.code !== undefined)).toBe(true);
      return said.error.details.map(({ path, message }) => ({ path, message }));
    };
    expect(await details(JSON.stringify({ ...good, features: [square(116), point] }))).toEqual([
      {
        path: 'boundary.features.1',
        message: '第2个区域（#2）是点，边界须为面',
      },
    ]);
    expect(await details('{"type": "FeatureCollection",')).toEqual([
      { path: 'boundary', message: expect.stringMatching(/^(文件在第1行意外结束|第1行第\d+列格式有误)/) },
    ]);
    // What the server let through before it ran the browser's check: an open ring, a point in
    // metres, a ring of three points, a polygon without rings — each at its place in the file.
    const open = square(116);
    open.geometry.coordinates[0]![3] = [116.05, 40.05];
    const metres = {
      type: 'Feature',
      properties: { name: '乙镇' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [square(116).geometry.coordinates[0]!],
          [
            [
              [500000, 4400000],
              [116, 40],
              [116.1, 40.1],
              [500000, 4400000],
            ],
          ],
        ],
      },
    };
    const short = {
      ...square(116),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [116, 40],
            [116.1, 40],
            [116, 40],
          ],
        ],
      },
    };
    const empty = { ...square(116), geometry: { type: 'Polygon', coordinates: [] } };
    expect(
      await details(JSON.stringify({ type: 'FeatureCollection', features: [open, metres, short, empty] })),
    ).toEqual([
      {
        path: 'boundary.features.0.geometry.coordinates.0',
        message: '第1个区域（示例街道）第1圈首尾坐标不一致，未闭合',
      },
      {
        path: 'boundary.features.1.geometry.coordinates.1.0.0',
        message:
          '第2个区域（乙镇）第2部分第1圈第1个坐标点 [500000,4400000] 不是经纬度（经度应在±180以内，纬度在±90以内）',
      },
      {
        path: 'boundary.features.1.geometry.coordinates.1.0.3',
        message:
          '第2个区域（乙镇）第2部分第1圈第4个坐标点 [500000,4400000] 不是经纬度（经度应在±180以内，纬度在±90以内）',
      },
      {
        path: 'boundary.features.2.geometry.coordinates.0',
        message: '第3个区域（示例街道）第1圈少于4个坐标点',
      },
      {
        path: 'boundary.features.3.geometry.coordinates',
        message: '第4个区域（示例街道）没有坐标',
      },
    ]);
    expect(await details(JSON.stringify({ type: 'Feature', geometry: null }))).toEqual([
      {
        path: 'boundary',
        message: '文件须是区域集合（FeatureCollection），此文件是“Feature”',
      },
    ]);
    const map = json<{ boundary: { features: unknown[] } }>(
      await t.request('leader', { url: `${V1}/library/map` }),
    );
    expect(map.boundary.features).toHaveLength(2);
  });

  it('counts the plan year’s promises as of that year — the latest plan’s by default, at its last day once past — and the projects today', async () => {
    const year = t.published.plan.year;
    const board = async (query = '') =>
      json<{ year: number; date: string; promisesAsOf: string; years: number[]; inLibrary: number }>(
        await t.request('leader', { url: `${V1}/library/board${query}` }),
      );
    const today = new Date().toISOString().slice(0, 10);
    expect(today > `${year}-12-31`).toBe(true);
    const current = await board();
    expect(current).toMatchObject({ year, promisesAsOf: `${year}-12-31`, years: [year] });
    expect(current.inLibrary).toBeGreaterThanOrEqual(2);
    // The projects are counted today (Beijing's day), not at the plan year's end.
    expect(current.date > `${year}-12-31`).toBe(true);
    expect(await board(`?year=${year - 1}`)).toMatchObject({
      year: year - 1,
      promisesAsOf: `${year - 1}-12-31`,
    });
    // A day asked for: both as of that day (before the projects entered, none in the library).
    expect(await board('?date=2022-01-15')).toMatchObject({
      year: 2022,
      date: '2022-01-15',
      promisesAsOf: '2022-01-15',
      inLibrary: 0,
    });
    expect((await t.request('leader', { url: `${V1}/library/board?year=abc` })).statusCode).toBe(400);
  });

  it('gives the public numbers only: no project, unit or person', async () => {
    const answer = await t.request('public', { url: `${V1}/public/library?year=2022` });
    const body = json<Record<string, unknown>>(answer);
    expect(Object.keys(body).sort()).toEqual(['asOf', 'byStage', 'inLibrary', 'promises', 'year']);
    expect(body['inLibrary']).toBe(2);
    for (const word of ['示例甲项目', '示例乙项目', t.unitA.name, t.unitB.name, 'projectIds'])
      expect(answer.body).not.toContain(word);
  });
});

describe('library and 服务包 in the OpenAPI document', () => {
  it('names a JSON response schema for the success answer of every library and services route', async () => {
    const app = await createApp({ store: await createTestStore('sqlite'), webRoot: false });
    type Operation = {
      tags?: string[];
      responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
    };
    const spec = json<{ paths: Record<string, Record<string, Operation>> }>(
      await app.inject({ url: '/api/docs/json' }),
    );
    const routes = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.tags?.some((tag) => tag === 'library' || tag === 'services'))
        .map(([method, op]) => ({ route: `${method} ${path}`, op })),
    );
    expect(routes.length).toBe(42);
    const downloads = [
      'get /api/v1/library/ledger.xlsx',
      'get /api/v1/services/ledger.xlsx',
      'get /api/v1/library/investment-calls/{id}/units/{unitId}.xlsx',
    ];
    const missing = routes
      .filter(({ route }) => !downloads.includes(route))
      .filter(
        ({ op }) =>
          Object.keys(op.responses?.['200']?.content?.['application/json']?.schema ?? {}).length === 0,
      )
      .map(({ route }) => route);
    expect(missing).toEqual([]);
    await app.close();
  });
});
