/**
 * The project library's and 服务包's repositories on both engines: rows in and out unchanged,
 * filters, versions, unique keys, and the whole-library reads the board and lists use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedExamplePlan } from '../../test/factories.js';
import { AppError } from '../errors.js';
import {
  DEFAULT_STAGE_MODEL,
  applyCommitmentEvent,
  deriveQuietSpans,
  deriveStageSpans,
  mergeInvestments,
  monthsBefore,
  openCommitment,
  receiveEnterpriseRequest,
} from '../projects/index.js';
import type { MonthlyInvestment } from '../projects/index.js';
import type { ProjectRecord } from './library.js';
import { makeDraft, sampleLibrary } from '../projects/test-fixtures.js';
import type { Store } from './types.js';

const STAMP = '2024-01-02T03:04:05.000Z';

/** A project inserted with its spans under the default model (no figures yet), as the commands write it. */
const spansOf = (p: Omit<ProjectRecord, 'id'>, investments: MonthlyInvestment[] = []) => ({
  stages: deriveStageSpans(p, DEFAULT_STAGE_MODEL),
  quiet: deriveQuietSpans({ ...p, investments }),
});
const insertWithSpans = (store: Store, p: Omit<ProjectRecord, 'id'>, stamp: string) =>
  store.library.insertProject(p, stamp, spansOf(p));
const updateWithSpans = async (store: Store, p: ProjectRecord, version: number, stamp: string) =>
  store.library.updateProject(p, version, stamp, spansOf(p, (await store.library.get(p.id)).investments));
/** Figures put with the quiet spans the project then has, as the commands write them. */
const putFigures = async (store: Store, id: number, figures: MonthlyInvestment[]) => {
  const p = await store.library.get(id);
  const all = mergeInvestments(p.investments, figures);
  await store.library.putInvestments(id, figures, deriveQuietSpans({ ...p, investments: all }));
};

describe.each(DIALECTS)('library repositories on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore(dialect);
  });

  it('keeps a project and its monthly figures as given, and updates it under its version', async () => {
    const [sample] = sampleLibrary();
    const { id: _id, investments, ...record } = sample!;
    const saved = await insertWithSpans(store, { ...record, location: { lng: 116.2, lat: 40.2 } }, STAMP);
    await putFigures(store, saved.id, investments);
    const read = await store.library.get(saved.id);
    expect(read).toEqual({
      ...record,
      location: { lng: 116.2, lat: 40.2 },
      investments,
      id: saved.id,
      version: 1,
    });

    await putFigures(store, saved.id, [{ month: '2022-09', amount: 5000 }]);
    expect((await store.library.get(saved.id)).investments).toEqual([
      { month: '2022-08', amount: 3000 },
      { month: '2022-09', amount: 5000 },
    ]);

    const moved = { ...read, history: [...read.history, { stage: '建设', date: '2022-10-01' }] };
    expect(await updateWithSpans(store, moved, 1, STAMP)).toBe(true);
    expect(await updateWithSpans(store, moved, 1, STAMP)).toBe(false);
    const after = await store.library.getRecord(saved.id);
    expect(after.version).toBe(2);
    expect(after.history.at(-1)).toEqual({ stage: '建设', date: '2022-10-01' });
    // The current stage is a column lists filter on.
    expect((await store.library.list({ stage: '建设' })).items.map((p) => p.id)).toContain(saved.id);
  });

  it('answers NOT_FOUND for an unknown project', async () => {
    await expect(store.library.get(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists by library, unit, text (name or alias) and 出库, and reads every project in outline', async () => {
    const a = await insertWithSpans(
      store,
      { ...makeDraft({ name: '甲项目', aliases: ['老甲'], library: 'renewal', leadUnitId: 7 }) },
      STAMP,
    );
    const b = await insertWithSpans(
      store,
      {
        ...makeDraft({
          name: '乙项目',
          library: 'renewal',
          exited: { date: '2023-01-01', reason: '并入甲项目' },
        }),
      },
      STAMP,
    );
    const ids = (page: { items: { id: number }[] }) => page.items.map((p) => p.id);
    expect(ids(await store.library.list({ library: 'renewal' }))).toEqual([a.id, b.id]);
    expect(ids(await store.library.list({ library: 'renewal', exited: false }))).toEqual([a.id]);
    expect(ids(await store.library.list({ library: 'renewal', exited: true }))).toEqual([b.id]);
    expect(ids(await store.library.list({ q: '老甲' }))).toEqual([a.id]);
    expect(ids(await store.library.list({ leadUnitId: 7 }))).toEqual([a.id]);
    const outlines = await store.library.listOutlines();
    expect(outlines.find((o) => o.id === b.id)).toMatchObject({
      name: '乙项目',
      exited: { date: '2023-01-01', reason: '并入甲项目' },
      history: [{ stage: '入库', date: '2022-01-10' }],
    });
    expect((await store.library.listNames()).find((n) => n.id === a.id)?.aliases).toEqual(['老甲']);
  });

  it('keeps a project’s quiet spans with its figures: the stale list reads them on any day', async () => {
    const p = await insertWithSpans(
      store,
      makeDraft({ name: '丙项目', library: 'science', history: [{ stage: '开工', date: '2021-11-10' }] }),
      STAMP,
    );
    await putFigures(store, p.id, [
      { month: '2021-12', amount: 10 },
      { month: '2022-03', amount: 0 },
      { month: '2022-05', amount: 20 },
    ]);
    const stale = async (date: string) =>
      (await store.library.spans.listStale(date, monthsBefore(date, 3), 6, { library: 'science' })).rows;
    // Quiet from the end of December (March's 0 is no movement): stale by April's end, not in May (its figure), stale again in September.
    expect(await stale('2022-04-30')).toMatchObject([
      { projectId: p.id, stage: '开工', lastProgress: '2021-12-31' },
    ]);
    expect(await stale('2022-05-15')).toEqual([]);
    expect(await stale('2022-09-30')).toMatchObject([{ projectId: p.id, lastProgress: '2022-05-31' }]);
    await putFigures(store, p.id, [{ month: '2022-08', amount: 5 }]);
    expect(await stale('2022-09-30')).toEqual([]);
  });

  it('saves the settings once at version 0, then only under the current version', async () => {
    expect(await store.library.findSettings()).toBeUndefined();
    const settings = { libraries: [{ code: 'major', name: '重大项目库', words: [] }] };
    expect(await store.library.saveSettings({ settings, boundary: null }, 0, STAMP)).toBe(true);
    expect(await store.library.saveSettings({ settings, boundary: null }, 0, STAMP)).toBe(false);
    expect(
      await store.library.saveSettings({ settings, boundary: '{"type":"FeatureCollection"}' }, 1, STAMP),
    ).toBe(true);
    expect(await store.library.findSettings()).toMatchObject({
      settings,
      boundary: '{"type":"FeatureCollection"}',
      version: 2,
    });
  });

  it("replaces a plan's matches and promises, and records a decision", async () => {
    const plan = await seedExamplePlan(store);
    const projects = await store.projects.listOfPlan(plan.plan.id);
    const record = await insertWithSpans(store, makeDraft({ name: projects[0]!.name }), STAMP);
    const match = {
      name: projects[0]!.name,
      outcome: 'doubtful' as const,
      projectId: record.id,
      confidence: 0.7,
      candidates: [],
    };
    const saved = await store.libraryMatches.replace(
      plan.plan.id,
      [
        {
          planId: plan.plan.id,
          planProjectId: projects[0]!.id,
          match,
          libraryProjectId: null,
          targetStage: null,
          state: 'pending',
        },
      ],
      STAMP,
    );
    expect(saved).toHaveLength(1);
    await store.libraryMatches.decide(
      saved[0]!.id,
      { state: 'confirmed', libraryProjectId: record.id, targetStage: '开工' },
      null,
      STAMP,
    );
    expect(await store.libraryMatches.get(plan.plan.id, saved[0]!.id)).toMatchObject({
      match,
      state: 'confirmed',
      libraryProjectId: record.id,
      targetStage: '开工',
      decidedAt: STAMP,
    });
    expect((await store.libraryMatches.listOfProject(record.id)).map((m) => m.id)).toEqual([saved[0]!.id]);
    await expect(store.libraryMatches.get(plan.plan.id + 1000, saved[0]!.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const promise = {
      year: 2022,
      rule: { kind: 'entered' as const, library: 'major' },
      promised: 30,
      written: '新入库重大项目',
      named: [],
      span: [0, 5] as [number, number],
      quote: '30个',
    };
    await store.libraryMatches.replacePromises(plan.plan.id, [promise]);
    await store.libraryMatches.replacePromises(plan.plan.id, [promise]);
    expect((await store.libraryMatches.listPromises({ year: 2022 })).map((p) => p.promise)).toEqual([
      promise,
    ]);
  });
});

describe.each(DIALECTS)('服务包 repositories on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore(dialect);
  });

  it('keeps one enterprise per credit code and one package per holder and year', async () => {
    const e = {
      name: '星河生物科技有限公司',
      creditCode: '91110114MA01ABCD1X',
      industry: '医药',
      address: '昌平',
      size: null,
    };
    const saved = await store.services.insertEnterprise(e, STAMP);
    expect(await store.services.getEnterprise(saved.id)).toEqual({ ...e, id: saved.id, version: 1 });
    await expect(store.services.insertEnterprise({ ...e, name: '另一家' }, STAMP)).rejects.toBeInstanceOf(
      AppError,
    );
    await expect(store.services.insertEnterprise({ ...e, name: '另一家' }, STAMP)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await store.services.updateEnterprise({ ...e, id: saved.id, address: '沙河' }, 1, STAMP)).toBe(
      true,
    );
    expect(await store.services.updateEnterprise({ ...e, id: saved.id, address: '南口' }, 1, STAMP)).toBe(
      false,
    );

    const holder = { kind: 'enterprise' as const, id: saved.id };
    const pkg = await store.services.insertPackage({ holder, year: 2024, butler: '周管家' }, STAMP);
    await expect(
      store.services.insertPackage({ holder, year: 2024, butler: '李管家' }, STAMP),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await store.services.listPackages({ year: 2024 })).toEqual([pkg]);
    expect((await store.services.listEnterprises({ q: 'ABCD' })).items.map((x) => x.id)).toEqual([saved.id]);
    expect((await store.services.listEnterprises({ ids: [] })).total).toBe(0);
  });

  it('keeps a commitment, its events and its filters', async () => {
    const e = await store.services.insertEnterprise(
      {
        name: '云杉智造有限公司',
        creditCode: '91110114MA01WXYZ2K',
        industry: '制造',
        address: '沙河',
        size: '中型',
      },
      STAMP,
    );
    const pkg = await store.services.insertPackage(
      { holder: { kind: 'enterprise', id: e.id }, year: 2025, butler: '王伟' },
      STAMP,
    );
    const { id: _id, ...opened } = openCommitment(0, {
      packageId: pkg.id,
      kind: 'approval',
      title: '施工许可证办理',
      responsibleUnitId: 12,
      butler: '王伟',
      openedOn: '2025-03-03',
      workingDays: 10,
      links: [{ kind: 'parcel', parcel: 'CP-01' }],
    });
    const c = await store.services.insertCommitment(opened, STAMP);
    expect(await store.services.getCommitment(c.id)).toEqual({ ...opened, id: c.id });
    const { commitment, event } = applyCommitmentEvent(
      c,
      { type: 'started' },
      { role: 'unit', unitIds: [12] },
      '2025-03-04',
    );
    expect(await store.services.updateCommitment(commitment, c.version, STAMP)).toBe(true);
    expect(await store.services.updateCommitment(commitment, c.version, STAMP)).toBe(false);
    await store.services.appendCommitmentEvent(event, STAMP, null);
    expect(await store.services.listCommitmentEvents([c.id])).toEqual([
      { ...event, at: STAMP, userId: null },
    ]);
    expect((await store.services.listCommitments({ year: 2025 })).map((x) => x.id)).toEqual([c.id]);
    expect(await store.services.listCommitments({ year: 2024 })).toEqual([]);
    expect((await store.services.listCommitments({ unitIds: [12], state: 'in_progress' })).length).toBe(1);
    expect(await store.services.listCommitments({ unitIds: [] })).toEqual([]);
  });

  it('keeps an enterprise request with its events, under its version', async () => {
    const e = await store.services.insertEnterprise(
      {
        name: '青松软件有限公司',
        creditCode: '91110114MA01QRST3U',
        industry: '软件',
        address: '回龙观',
        size: '小型',
      },
      STAMP,
    );
    const { id: _id, ...fresh } = receiveEnterpriseRequest(
      0,
      { enterpriseId: e.id, text: '厂房消防验收进度慢', category: '审批', butler: '李娜' },
      '2025-03-03T02:00:00Z',
    );
    const saved = await store.enterpriseRequests.insert(fresh);
    expect(await store.enterpriseRequests.get(saved.id)).toEqual(saved);
    expect((await store.enterpriseRequests.list({ enterpriseIds: [e.id] })).map((r) => r.id)).toEqual([
      saved.id,
    ]);
    expect(await store.enterpriseRequests.list({ status: 'closed' })).toEqual([]);
  });
});
