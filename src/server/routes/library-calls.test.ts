/**
 * 项目投资月报 over HTTP on both engines: who may open a call, read and return a unit's sheet
 * (a unit's user: its own units only); a bad workbook answered at its cells with nothing
 * imported; a return typed in the page landing in the projects' history, a second one replacing.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { CALLERS, createTestApp, json, multipart } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
type Expected = Record<Caller, number>;
const matrix = (statuses: Partial<Expected>, otherwise: number): Expected =>
  Object.fromEntries(CALLERS.map((c) => [c, statuses[c] ?? otherwise])) as Expected;
const NOW = new Date('2022-10-08T02:00:00.000Z');

describe.each(DIALECTS)('项目投资月报 routes on %s', (dialect) => {
  let t: TestApp;
  let callId: number;
  let projectA: number;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => NOW });
    const create = async (name: string, leadUnitId: number) => {
      const answer = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/library/projects`,
        payload: {
          name,
          library: 'major',
          class: 'A',
          stage: '建设',
          stageDate: '2022-04-01',
          totalInvestment: 50_000,
          annualPlans: [{ year: 2022, planned: 12_000 }],
          leadUnitId,
        },
      });
      expect(answer.statusCode, answer.body).toBe(200);
      return json<{ id: number }>(answer).id;
    };
    projectA = await create('示例甲项目', t.unitA.id);
    await create('示例乙项目', t.unitB.id);
    const opened = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/library/investment-calls`,
      payload: { library: 'major', month: '2022-09', dueOn: '2022-10-10' },
    });
    expect(opened.statusCode, opened.body).toBe(200);
    callId = json<{ id: number }>(opened).id;
  });

  it('answers each caller as the permission matrix says', async () => {
    const sheetA = `${V1}/library/investment-calls/${callId}/units/${t.unitA.id}`;
    const cases: [string, () => Parameters<TestApp['request']>[1], Expected][] = [
      ['list', () => ({ url: `${V1}/library/investment-calls` }), matrix({ public: 401 }, 200)],
      [
        'open (the month has one)',
        () => ({
          method: 'POST',
          url: `${V1}/library/investment-calls`,
          payload: { library: 'major', month: '2022-09', dueOn: '2022-10-10' },
        }),
        matrix({ public: 401, admin: 409, supervisor: 409 }, 403),
      ],
      ["unitA's sheet", () => ({ url: sheetA }), matrix({ public: 401, otherReporter: 403 }, 200)],
      [
        "unitA's workbook",
        () => ({ url: `${sheetA}.xlsx` }),
        matrix({ public: 401, otherReporter: 403 }, 200),
      ],
      [
        "unitA's return with a line missing",
        () => ({ method: 'PUT', url: sheetA, payload: { lines: [] } }),
        matrix({ public: 401, otherReporter: 403, leader: 403 }, 400),
      ],
      [
        "unitA's workbook return, no file",
        () => ({ method: 'POST', url: sheetA, ...multipart(undefined) }),
        matrix({ public: 401, otherReporter: 403, leader: 403 }, 400),
      ],
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

  it("shows a unit's user the calls and sheets of its own units only, with the deadline", async () => {
    const list = async (caller: Caller) =>
      json<{ items: { dueOn: string; libraryName: string; units: { unitId: number }[] }[] }>(
        await t.request(caller, { url: `${V1}/library/investment-calls` }),
      ).items.map((c) => [c.libraryName, c.dueOn, c.units.map((u) => u.unitId)]);
    expect(await list('supervisor')).toEqual([['重大项目库', '2022-10-10', [t.unitA.id, t.unitB.id]]]);
    expect(await list('reporter')).toEqual([['重大项目库', '2022-10-10', [t.unitA.id]]]);
    const sheet = json<{ lines: { name: string }[] }>(
      await t.request('reporter', { url: `${V1}/library/investment-calls/${callId}/units/${t.unitA.id}` }),
    );
    expect(sheet.lines.map((l) => l.name)).toEqual(['示例甲项目']);
  });

  it('answers a bad workbook at its cells with nothing imported, then takes a return typed in the page twice', async () => {
    const url = `${V1}/library/investment-calls/${callId}/units/${t.unitA.id}`;
    const exported = await t.request('reporter', { url: `${url}.xlsx` });
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目投资')!;
    ws.getCell('F4').value = -100;
    ws.getCell('D4').value = '2022-08';
    const bad = await t.request('reporter', {
      method: 'POST',
      url,
      ...multipart({ name: '月报.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }),
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string }[] } }>(bad).error.details.map((d) => d.path)).toEqual([
      '项目投资!D4',
      '项目投资!F4',
    ]);
    expect(await t.store.library.listInvestments([projectA])).toEqual(new Map());

    const put = (amount: number) =>
      t.request('reporter', {
        method: 'PUT',
        url,
        payload: { lines: [{ projectId: projectA, amount, progress: '主体施工', stats: null }] },
      });
    expect(json(await put(300))).toEqual({ times: 1, changed: 1 });
    expect(json(await put(450))).toEqual({ times: 2, changed: 1 });
    expect((await t.store.library.get(projectA)).investments).toEqual([{ month: '2022-09', amount: 450 }]);
    const mine = json<{ items: { units: { returned: { times: number } | null }[] }[] }>(
      await t.request('reporter', { url: `${V1}/library/investment-calls` }),
    );
    expect(mine.items[0]!.units[0]!.returned).toMatchObject({ times: 2, via: 'form' });
  });
});
