/**
 * The monthly investment data call (项目投资月报) through the commands, on both engines: the office
 * opens a month's call on a library; each lead unit sees its own projects only, returns in the page
 * or by workbook; the figures land in the projects' monthly history in one transaction; a bad
 * workbook is answered at its cells with nothing imported; a second return replaces, audited.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_JURISDICTION, DIALECTS, createTestStore } from '../../test/factories.js';
import { jobs } from '../documents/parse-jobs.js';
import type { Parser } from '../documents/parse-pool.js';
import type { Actor } from '../plan/audit.js';
import type { Store } from '../store/types.js';
import {
  exportInvestmentSheet,
  listInvestmentCalls,
  loadInvestmentSheet,
  openInvestmentCall,
  submitInvestmentReturn,
  submitInvestmentWorkbook,
} from './investment-calls.js';
import { createLibraryProject } from './library.js';
import { createUnit } from './units.js';

const OFFICE: Actor = { userId: 1, role: 'supervisor', unitIds: [] };
const NOW = '2022-10-08T02:00:00.000Z';
const TODAY = '2022-10-08';
/** The parse jobs run in the test's own thread (the server runs them in its worker pool). */
const parser = {
  run: (job: keyof typeof jobs, ...args: unknown[]) => (jobs[job] as (...a: unknown[]) => unknown)(...args),
} as unknown as Parser;

describe.each(DIALECTS)('项目投资月报 on %s', (dialect) => {
  let store: Store;
  let unitA: number;
  let unitB: number;
  let callId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    store = await createTestStore(dialect);
    unitA = (
      await createUnit(store, {
        jurisdictionId: DEFAULT_JURISDICTION,
        name: '区发展改革委',
        kind: 'department',
      })
    ).id;
    unitB = (
      await createUnit(store, {
        jurisdictionId: DEFAULT_JURISDICTION,
        name: '区住房城乡建设委',
        kind: 'department',
      })
    ).id;
    const project = async (name: string, leadUnitId: number, library: string, stage: string) => {
      const p = await createLibraryProject(
        store,
        {
          name,
          aliases: [],
          library,
          class: 'A',
          history: [
            { stage: '入库', date: '2022-01-10' },
            ...(stage === '建设'
              ? [
                  { stage: '开工', date: '2022-03-01' },
                  { stage: '建设', date: '2022-04-01' },
                ]
              : []),
          ],
          totalInvestment: 50_000,
          annualPlans: stage === '建设' ? [{ year: 2022, planned: 12_000 }] : [],
          investments: [{ month: '2022-08', amount: 800 }],
          parcel: null,
          location: null,
          leadUnitId,
          leader: null,
          enterpriseId: null,
          milestones: [],
          targets: [],
          progress: [{ date: '2022-08-20', note: '基础施工' }],
          statsRegisteredOn: null,
          exited: null,
        },
        OFFICE,
        '2022-01-10T00:00:00.000Z',
      );
      ids[name] = p.id;
    };
    await project('甲一项目', unitA, 'major', '建设');
    await project('甲二项目', unitA, 'major', '建设');
    await project('乙一项目', unitB, 'major', '建设');
    await project('甲储备项目', unitA, 'major', '入库');
    await project('甲产业项目', unitA, 'industry', '建设');
    callId = (
      await openInvestmentCall(
        store,
        { library: 'major', month: '2022-09', dueOn: '2022-10-10' },
        OFFICE,
        NOW,
        TODAY,
      )
    ).id;
  });

  it('opens one call per library and month, refusing an unknown library, a month to come and a second call', async () => {
    await expect(
      openInvestmentCall(
        store,
        { library: 'nope', month: '2022-11', dueOn: '2022-12-05' },
        OFFICE,
        NOW,
        TODAY,
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', details: [{ path: 'library' }, { path: 'month' }] });
    await expect(
      openInvestmentCall(
        store,
        { library: 'major', month: '2022-09', dueOn: '2022-10-12' },
        OFFICE,
        NOW,
        TODAY,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const events = await store.audit.listUnplanned('library_investment_call');
    expect(events.map((e) => e.action)).toEqual(['library_investment_call.open']);
  });

  it("gives each unit its own projects of the library that owe the month, and the office every unit's part", async () => {
    const sheet = await loadInvestmentSheet(store, callId, unitA);
    expect(sheet.call).toMatchObject({ libraryName: '重大项目库', month: '2022-09', dueOn: '2022-10-10' });
    expect(sheet.lines.map((l) => [l.name, l.planned, l.completedBefore, l.progress])).toEqual([
      ['甲一项目', 12_000, 800, '基础施工'],
      ['甲二项目', 12_000, 800, '基础施工'],
    ]);
    expect((await loadInvestmentSheet(store, callId, unitB)).lines.map((l) => l.name)).toEqual(['乙一项目']);
    const office = await listInvestmentCalls(store, undefined, TODAY);
    expect(office.map((c) => c.units.map((u) => [u.unitId, u.projects, u.returned, u.overdue]))).toEqual([
      [
        [unitA, 2, null, false],
        [unitB, 1, null, false],
      ],
    ]);
    const mine = await listInvestmentCalls(store, [unitB], '2022-10-11');
    expect(mine[0]!.units).toEqual([{ unitId: unitB, projects: 1, returned: null, overdue: true }]);
    expect(await listInvestmentCalls(store, [9999], TODAY)).toEqual([]);
  });

  it('answers a bad workbook at its cells and imports nothing', async () => {
    const { bytes } = await exportInvestmentSheet(store, callId, unitA);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目投资')!;
    ws.getCell('F4').value = 1200;
    ws.getCell('F5').value = -30;
    ws.getCell('D4').value = '2022-08';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await store.library.listInvestments([ids['甲一项目']!, ids['甲二项目']!]);
    const error = await submitInvestmentWorkbook(
      store,
      parser,
      { callId, unitId: unitA },
      { bytes: bad, fileName: '月报.xlsx' },
      OFFICE,
      NOW,
      TODAY,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_INPUT' });
    expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
      '项目投资!D4',
      '项目投资!F5',
    ]);
    // A unit's form uploaded for another unit: refused as such.
    await expect(
      submitInvestmentWorkbook(
        store,
        parser,
        { callId, unitId: unitB },
        { bytes: bad, fileName: '月报.xlsx' },
        OFFICE,
        NOW,
        TODAY,
      ),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('是区发展改革委的报表，不是本单位的'),
    });
    expect(await store.library.listInvestments([ids['甲一项目']!, ids['甲二项目']!])).toEqual(before);
    expect((await listInvestmentCalls(store, [unitA], TODAY))[0]!.units[0]!.returned).toBeNull();
  });

  it("lands a workbook's figures in the projects' monthly history; a second return replaces, audited", async () => {
    const { bytes } = await exportInvestmentSheet(store, callId, unitA);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目投资')!;
    ws.getCell('F4').value = 1200;
    ws.getCell('H4').value = '主体结构封顶';
    ws.getCell('I4').value = '是';
    ws.getCell('F5').value = 0;
    const answer = await submitInvestmentWorkbook(
      store,
      parser,
      { callId, unitId: unitA },
      { bytes: Buffer.from(await wb.xlsx.writeBuffer()), fileName: '月报.xlsx' },
      { userId: 7, role: 'reporter', unitIds: [unitA] },
      NOW,
      TODAY,
    );
    expect(answer).toEqual({ times: 1, changed: 2 });
    const one = await store.library.get(ids['甲一项目']!);
    expect(one.investments).toEqual([
      { month: '2022-08', amount: 800 },
      { month: '2022-09', amount: 1200 },
    ]);
    expect(one.progress.at(-1)).toEqual({ date: '2022-09-30', note: '主体结构封顶' });
    expect(one.statsRegisteredOn).toBe('2022-09-30');
    expect((await store.library.get(ids['甲二项目']!)).investments.at(-1)).toEqual({
      month: '2022-09',
      amount: 0,
    });

    // The second return, typed in the page: replaces the month's figure and 形象进度.
    const again = await submitInvestmentReturn(
      store,
      { callId, unitId: unitA },
      [
        { projectId: ids['甲一项目']!, amount: 1500, progress: '主体结构封顶，开始砌筑', stats: null },
        { projectId: ids['甲二项目']!, amount: 0, progress: null, stats: null },
      ],
      'form',
      { userId: 7, role: 'reporter', unitIds: [unitA] },
      '2022-10-09T02:00:00.000Z',
      '2022-10-09',
    );
    expect(again).toEqual({ times: 2, changed: 1 });
    const replaced = await store.library.get(ids['甲一项目']!);
    expect(replaced.investments.at(-1)).toEqual({ month: '2022-09', amount: 1500 });
    expect(replaced.progress).toEqual([
      { date: '2022-08-20', note: '基础施工' },
      { date: '2022-09-30', note: '主体结构封顶，开始砌筑' },
    ]);
    const calls = await store.audit.listUnplanned('library_investment_call');
    expect(calls.map((e) => e.action)).toEqual([
      'library_investment_call.replace',
      'library_investment_call.return',
      'library_investment_call.open',
    ]);
    const projectEvents = (await store.audit.listUnplanned('library_project')).filter(
      (e) => e.action === 'library_project.investment_call',
    );
    expect(
      projectEvents.map((e) => [Number(e.entityId), e.before?.['investments'], e.after?.['investments']]),
    ).toEqual([
      [ids['甲一项目'], [{ month: '2022-09', amount: 1200 }], [{ month: '2022-09', amount: 1500 }]],
      [ids['甲二项目'], [], [{ month: '2022-09', amount: 0 }]],
      [ids['甲一项目'], [], [{ month: '2022-09', amount: 1200 }]],
    ]);
    expect((await listInvestmentCalls(store, [unitA], TODAY))[0]!.units[0]!.returned).toMatchObject({
      times: 2,
      via: 'form',
    });
  });

  it("refuses a return naming another unit's project, leaving every figure as it was", async () => {
    const before = await store.library.listInvestments([ids['乙一项目']!, ids['甲一项目']!]);
    await expect(
      submitInvestmentReturn(
        store,
        { callId, unitId: unitA },
        [
          { projectId: ids['甲一项目']!, amount: 9, progress: null, stats: null },
          { projectId: ids['甲二项目']!, amount: 9, progress: null, stats: null },
          { projectId: ids['乙一项目']!, amount: 9, progress: null, stats: null },
        ],
        'form',
        OFFICE,
        NOW,
        TODAY,
      ),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      details: [{ path: 'lines.2.projectId', message: expect.stringContaining('不是本单位') }],
    });
    expect(await store.library.listInvestments([ids['乙一项目']!, ids['甲一项目']!])).toEqual(before);
  });
});
