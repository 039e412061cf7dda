/**
 * The library's stage and quiet spans stay right after every write path, on both engines: the
 * board, the 三未 lists, the stale list (1, 3 and 12 months, paged) and the promised counts read
 * from them by query equal what the
 * domain derives from the projects' whole histories (deriveStageBoard, deriveIdleLists,
 * listStaleProjects, countPromise), on days across the years — after projects are created,
 * moved along their stages, edited, taken out, given investment and 形象进度, imported from a
 * 项目库台账, and after the stage model changes.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedUnits } from '../../test/factories.js';
import type { Actor } from '../plan/audit.js';
import {
  DEFAULT_STAGE_MODEL,
  IDLE_KINDS,
  countPromise,
  deriveIdleLists,
  deriveStageBoard,
  generateLibrary,
  listStaleProjects,
  promiseQuery,
} from '../projects/index.js';
import type { CountPromise } from '../projects/index.js';
import type { Store } from '../store/types.js';
import {
  addLibraryProgress,
  createLibraryProject,
  exitLibraryProject,
  loadLibrarySetup,
  moveLibraryProject,
  recordLibraryInvestments,
  saveLibrarySetup,
  updateLibraryProject,
} from './library.js';
import { loadIdleList, loadLibraryBoard, loadStaleList } from './library-queries.js';
import { exportLibraryLedger, importLibraryLedger } from './office-ledgers.js';

const OFFICE: Actor = { userId: 1, role: 'supervisor', unitIds: [] };
const NOW = '2027-01-05T02:00:00.000Z';
/** Days across the generated years (2016–2025) and after. */
const DAYS = ['2016-03-31', '2018-06-30', '2020-12-31', '2023-09-30', '2026-12-31'];
const PROMISES: Pick<CountPromise, 'year' | 'rule' | 'promised'>[] = [
  { year: 2019, rule: { kind: 'stage', stage: '开工', library: null }, promised: 5 },
  { year: 2021, rule: { kind: 'entered', library: 'major' }, promised: 3 },
  { year: 2022, rule: { kind: 'annual', library: null }, promised: 10 },
  { year: 2024, rule: { kind: 'stage', stage: '建成投用', library: 'industry' }, promised: 2 },
];

/** Every read the spans answer equals the domain's derivation from the whole projects. */
async function expectAsDomain(store: Store): Promise<void> {
  const [setup, outlines] = await Promise.all([loadLibrarySetup(store), store.library.listOutlines()]);
  const investments = await store.library.listInvestments(outlines.map((p) => p.id));
  const whole = outlines.map((p) => ({ ...p, investments: investments.get(p.id) ?? [] }));
  for (const day of DAYS) {
    expect((await loadLibraryBoard(store, day)).board, `board ${day}`).toEqual(
      deriveStageBoard(outlines, setup.model, day),
    );
    const lists = deriveIdleLists(outlines, setup.model, day);
    for (const kind of IDLE_KINDS) {
      const view = await loadIdleList(store, day, kind, { limit: 1000 });
      expect(
        view.page.items.map(({ name: _n, library: _l, class: _c, leadUnitId: _u, ...entry }) => entry),
        `${kind} ${day}`,
      ).toEqual(lists[kind]);
      expect(view.counts[kind]).toBe(lists[kind].length);
      expect(view.late).toBe(lists[kind].filter((e) => e.late).length);
    }
    for (const months of [1, 3, 12]) {
      const expected = listStaleProjects(whole, setup.model, day, months);
      const stale = await loadStaleList(store, day, months, { limit: 1000 });
      expect(
        stale.page.items.map(({ name: _n, library: _l, class: _c, leadUnitId: _u, ...entry }) => entry),
        `stale ${months} months ${day}`,
      ).toEqual(expected);
      expect(stale.page.total).toBe(expected.length);
      // A later page is cut in SQL in the same order.
      const second = await loadStaleList(store, day, months, { limit: 5, offset: 5 });
      expect(second.page.items.map((e) => e.projectId)).toEqual(
        expected.slice(5, 10).map((e) => e.projectId),
      );
    }
    for (const promise of PROMISES) {
      const q = promiseQuery(promise, setup.model, day);
      const ids =
        q.kind === 'reached'
          ? await store.library.spans.listReached(q.rank, q.from, q.to, q.library)
          : await store.library.spans.listPlannedFor(q.year, q.until, q.library);
      expect(ids, `${promise.rule.kind} ${promise.year} on ${day}`).toEqual(
        countPromise(promise, outlines, setup.model, day).projectIds,
      );
    }
  }
}

describe.each(DIALECTS)('the library’s stage spans on %s', (dialect) => {
  let store: Store;
  let unitIds: number[];

  beforeAll(async () => {
    store = await createTestStore(dialect);
    unitIds = Object.values(await seedUnits(store)).map((u) => u.id);
    for (const { id: _id, ...draft } of generateLibrary({ seed: 17, count: 60, unitIds })) {
      await createLibraryProject(store, { ...draft, enterpriseId: null }, OFFICE, NOW);
    }
  });

  it('answers as the domain after projects are created, moved, edited, taken out, and given investment and 形象进度', async () => {
    const all = (await store.library.list({ limit: 100 })).items;
    expect(all).toHaveLength(60);
    const lists = deriveIdleLists(await store.library.listOutlines(), DEFAULT_STAGE_MODEL, DAYS[3]!);
    // Every list holds someone on some day, or the comparison would prove little.
    for (const kind of IDLE_KINDS) expect(lists[kind].length, kind).toBeGreaterThan(0);
    await expectAsDomain(store);

    // Stage changes: the next stage of the model, a day after the current one.
    const stages = DEFAULT_STAGE_MODEL.stages.map((s) => s.id);
    for (const p of all.slice(0, 12)) {
      const last = p.history.at(-1)!;
      const next = stages[stages.indexOf(last.stage) + 1];
      if (next === undefined || p.exited) continue;
      const day = last.date < '2026-06-01' ? '2026-06-01' : last.date;
      await moveLibraryProject(store, p.id, { stage: next, date: day }, undefined, OFFICE, NOW);
    }
    await expectAsDomain(store);

    // An edit of milestones (the planned day a list reads), of library and lead unit; an 出库.
    const edited = all[20]!;
    await updateLibraryProject(
      store,
      edited.id,
      {
        library: 'renewal',
        leadUnitId: unitIds[1]!,
        milestones: stages.slice(4).map((stage) => ({ stage, planned: '2018-01-31' })),
      },
      undefined,
      OFFICE,
      NOW,
    );
    const leaving = all.slice(12).find((p) => !p.exited && p.history.at(-1)!.date < '2020-06-30')!;
    await exitLibraryProject(
      store,
      leaving.id,
      { date: '2020-06-30', reason: '项目终止' },
      undefined,
      OFFICE,
      NOW,
    );
    await expectAsDomain(store);

    // Investment and 形象进度 move the stale list.
    const stale = await loadStaleList(store, DAYS[4]!, 3, { limit: 1000 });
    expect(stale.page.total).toBeGreaterThan(1);
    const [first, second] = stale.page.items;
    await recordLibraryInvestments(store, first!.projectId, [{ month: '2026-11', amount: 300 }], OFFICE, NOW);
    await addLibraryProgress(store, second!.projectId, { date: '2026-12-01', note: '主体施工' }, OFFICE, NOW);
    const after = await loadStaleList(store, DAYS[4]!, 3, { limit: 1000 });
    expect(after.page.items.map((e) => e.projectId)).not.toContain(first!.projectId);
    expect(after.page.items.map((e) => e.projectId)).not.toContain(second!.projectId);
    await expectAsDomain(store);
  });

  it('answers as the domain after a 项目库台账 import moves a project and creates another', async () => {
    const exported = await exportLibraryLedger(store, {
      title: '项目库台账',
      year: 2026,
      asOf: '2026-12-31',
    });
    const moving = (await store.library.list({ limit: 100, exited: false, stage: '签约' })).items[0]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let row = 0;
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(`B${r}`).text === moving.name) row = r;
    expect(row).toBeGreaterThan(0);
    ws.getCell(`F${row}`).value = '入库';
    ws.getCell(`G${row}`).value = '2026-12-20';
    const n = ws.rowCount + 1;
    ws.getCell(`B${n}`).value = '台账新增示例项目';
    ws.getCell(`D${n}`).value = '重大项目库';
    ws.getCell(`E${n}`).value = 'B';
    ws.getCell(`F${n}`).value = '开工';
    ws.getCell(`G${n}`).value = '2026-10-08';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const result = await importLibraryLedger(store, bytes, '台账.xlsx', OFFICE, NOW);
    expect(result.created).toBe(1);
    expect(result.updated).toBeGreaterThanOrEqual(1);
    const idle = await loadIdleList(store, '2026-12-31', 'approved_not_started', { limit: 1000 });
    expect(idle.page.items.find((e) => e.projectId === moving.id)).toMatchObject({ since: '2026-12-20' });
    await expectAsDomain(store);
  });

  it('derives every project’s spans again when the stage model changes', async () => {
    const setup = await loadLibrarySetup(store);
    // A stage between 建设 and 建成投用: later stages move down one place, 建设's band is unchanged.
    const stages = [...setup.model.stages];
    stages.splice(6, 0, { id: '竣工验收', name: '竣工验收', aliases: [], promises: [] });
    await saveLibrarySetup(store, { stageModel: { stages } }, setup.version, OFFICE, NOW);
    expect((await loadLibrarySetup(store)).model.stages[6]!.id).toBe('竣工验收');
    await expectAsDomain(store);
  });
});
