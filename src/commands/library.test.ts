/**
 * The project library across years through the commands, on both engines: the example plan's
 * projects made library records, carried into a made-up 2023 plan as one history, the year's
 * targets set from each plan's promise, and the report's counts counted from the library.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_JURISDICTION,
  DIALECTS,
  createTestStore,
  seedExamplePlan,
  seedUnits,
} from '../../test/factories.js';
import type { Actor } from '../plan/audit.js';
import { extractReport } from '../report/index.js';
import type { Store } from '../store/types.js';
import {
  addLibraryProgress,
  createLibraryProject,
  exitLibraryProject,
  moveLibraryProject,
  recordLibraryInvestments,
  returnLibraryProject,
} from './library.js';
import { decideLibraryMatch, decideLibraryMatches, matchPlanToLibrary } from './library-match.js';
import {
  loadIdleList,
  loadLibraryBoard,
  loadLibraryProjectDetail,
  loadPlanLibraryMatches,
} from './library-queries.js';
import { importPlan } from './plans.js';

const OFFICE: Actor = { userId: 1, role: 'supervisor', unitIds: [] };
const MADE_UP_2023 = readFileSync(
  new URL('../../test/fixtures/library/made-up-2023-report.txt', import.meta.url),
  'utf8',
);

/** The library record a name stands for. */
async function recordNamed(store: Store, name: string) {
  const found = (await store.library.list({ q: name, limit: 10 })).items.find((p) => p.name === name);
  if (!found) throw new Error(`no library project ${name}`);
  return found;
}

describe.each(DIALECTS)('the project library across years on %s', (dialect) => {
  let store: Store;
  let plan2022: number;
  let plan2023: number;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    plan2022 = (await seedExamplePlan(store)).plan.id;
  });

  it("matches the example plan's named projects to an empty library: all wait for review, counts read", async () => {
    const run = await matchPlanToLibrary(store, plan2022, OFFICE, '2022-01-05T01:00:00.000Z');
    expect(run.byState).toEqual({ pending: expect.any(Number) });
    expect(run.targetsSet).toBe(0);
    const view = await loadPlanLibraryMatches(store, plan2022, '2022-01-05');
    const written = view.promises.map((p) => `${p.written} ${p.promised}`);
    // "X、Y等40个项目签约落地" and the counted items of the example report.
    expect(written).toEqual(
      expect.arrayContaining([
        '签约落地 40',
        '开工建设 30',
        '建成投用 30',
        '新入库重大项目 30',
        '年度项目 60',
      ]),
    );
    expect(view.promises.find((p) => p.written === '新入库重大项目')?.rule).toEqual({
      kind: 'entered',
      library: 'major',
    });
  });

  it('creates a library project for every target the review accepts, with the year’s target from the promise', async () => {
    const view = await loadPlanLibraryMatches(store, plan2022, '2022-01-05');
    const targets = view.matches.filter((m) => m.kind === 'target' && m.state === 'pending');
    for (const m of targets)
      await decideLibraryMatch(
        store,
        plan2022,
        m.id,
        { action: 'create' },
        OFFICE,
        '2022-01-06T01:00:00.000Z',
      );
    const kexing = await recordNamed(store, '科兴生物疫苗质量研究中心');
    // "签约落地" promised for 2022: one stage before at the end of 2021, the promise its target.
    expect(kexing.history).toEqual([{ stage: '洽谈', date: '2021-12-31' }]);
    expect(kexing.targets).toEqual([
      expect.objectContaining({
        year: 2022,
        stage: '签约',
        step: '签约落地',
        source: expect.objectContaining({ planId: plan2022 }),
      }),
    ]);
    const after = await loadPlanLibraryMatches(store, plan2022, '2022-01-06');
    expect(after.byState['pending']).toBe(after.matches.filter((m) => m.kind === 'achievement').length);
    expect(after.byState['created']).toBe(targets.length);
  });

  it("counts the report's promises from the library as projects move", async () => {
    const kexing = await recordNamed(store, '科兴生物疫苗质量研究中心');
    const xingtang = await recordNamed(store, '兴唐创新中心');
    await moveLibraryProject(
      store,
      kexing.id,
      { stage: '签约', date: '2022-03-15' },
      kexing.version,
      OFFICE,
      '2022-06-30T01:00:00.000Z',
    );
    await moveLibraryProject(
      store,
      kexing.id,
      { stage: '入库', date: '2022-05-01' },
      undefined,
      OFFICE,
      '2022-06-30T01:00:00.000Z',
    );
    await moveLibraryProject(
      store,
      xingtang.id,
      { stage: '签约', date: '2022-06-01' },
      undefined,
      OFFICE,
      '2022-06-30T01:00:00.000Z',
    );
    const board = await loadLibraryBoard(store, '2022-12-31');
    const signed = board.promises.find((p) => p.written === '签约落地')!;
    expect(signed).toMatchObject({ promised: 40, counted: 2, met: false, why: { code: 'COUNT_SHORT' } });
    expect(signed.projectIds).toEqual([kexing.id, xingtang.id].sort((a, b) => a - b));
    // 新入库重大项目: reached 入库 in 2022, in the 重大项目库 (the default library of created projects).
    expect(board.promises.find((p) => p.written === '新入库重大项目')).toMatchObject({
      promised: 30,
      counted: 1,
    });
    // The board shows where every project stands on the day: all of them, 兴唐 alone at 签约.
    expect(board.inLibrary).toBe((await store.library.list()).total);
    expect(board.board.total['签约']).toBe(1);
    // 批而未开: every project at 入库 without a start, 科兴 the most recent to enter (the last).
    const idle = await loadIdleList(store, '2022-12-31', 'approved_not_started', {});
    expect(idle.counts.approved_not_started).toBe(board.board.total['入库']);
    expect(idle.page.items.at(-1)).toMatchObject({
      name: '科兴生物疫苗质量研究中心',
      since: '2022-05-01',
      next: '开工',
    });
  });

  it('carries a project into a made-up 2023 plan: a doubtful name confirmed, one history over both years', async () => {
    plan2023 = (
      await importPlan(store, {
        text: MADE_UP_2023,
        extraction: extractReport(MADE_UP_2023),
        sourceName: '2023.txt',
        jurisdictionId: DEFAULT_JURISDICTION,
        state: 'published',
      })
    ).plan.id;
    const run = await matchPlanToLibrary(store, plan2023, OFFICE, '2023-01-20T01:00:00.000Z');
    expect(run.year).toBe(2023);
    const view = await loadPlanLibraryMatches(store, plan2023, '2023-01-20');
    const kexing = await recordNamed(store, '科兴生物疫苗质量研究中心');
    const byName = (name: string, kind: string) =>
      view.matches.find((m) => m.name === name && m.kind === kind)!;
    expect(byName('科兴生物疫苗质量研究中心', 'target')).toMatchObject({
      state: 'matched',
      libraryProjectId: kexing.id,
      targetStage: '开工',
    });
    const doubtful = byName('兴唐科技创新中心', 'target');
    expect(doubtful).toMatchObject({ outcome: 'doubtful', state: 'pending', libraryProjectId: null });
    const xingtang = await recordNamed(store, '兴唐创新中心');
    expect(doubtful.candidates[0]).toMatchObject({ projectId: xingtang.id, name: '兴唐创新中心' });

    await decideLibraryMatch(
      store,
      plan2023,
      doubtful.id,
      { action: 'confirm', projectId: xingtang.id },
      OFFICE,
      '2023-01-21T01:00:00.000Z',
    );
    const confirmed = await store.library.getRecord(xingtang.id);
    expect(confirmed.aliases).toEqual(['兴唐科技创新中心']);
    expect(confirmed.targets.map((t) => `${t.year} ${t.stage}`)).toEqual(['2022 签约', '2023 开工']);

    await moveLibraryProject(
      store,
      kexing.id,
      { stage: '开工', date: '2023-04-01' },
      undefined,
      OFFICE,
      '2023-06-30T01:00:00.000Z',
    );
    const detail = await loadLibraryProjectDetail(store, kexing.id, '2023-06-30');
    expect(detail.project.history.map((e) => `${e.date} ${e.stage}`)).toEqual([
      '2021-12-31 洽谈',
      '2022-03-15 签约',
      '2022-05-01 入库',
      '2023-04-01 开工',
    ]);
    expect(detail.timeline.map((y) => [y.year, y.target?.stage ?? null, y.verdict])).toEqual([
      [2021, null, null],
      [2022, '签约', 'reached'],
      [2023, '开工', 'reached'],
    ]);
    expect(detail.reports.map((r) => [r.year, r.step, r.kind])).toEqual([
      [2022, '签约落地', 'target'],
      [2023, '签约落地', 'achievement'],
      [2023, '开工建设', 'target'],
    ]);
    const board = await loadLibraryBoard(store, '2023-06-30');
    expect(board.promises.find((p) => p.written === '开工建设' && p.year === 2023)).toMatchObject({
      promised: 25,
      counted: 1,
    });
  });

  it('keeps what the review decided when the plan is matched again', async () => {
    await matchPlanToLibrary(store, plan2023, OFFICE, '2023-02-01T01:00:00.000Z');
    const view = await loadPlanLibraryMatches(store, plan2023, '2023-02-01');
    expect(view.matches.find((m) => m.name === '兴唐科技创新中心')?.state).toBe('confirmed');
  });

  it('refuses a second decision, and undoes the target of a link it rejects', async () => {
    const view = await loadPlanLibraryMatches(store, plan2023, '2023-02-01');
    const confirmed = view.matches.find((m) => m.name === '兴唐科技创新中心')!;
    await expect(
      decideLibraryMatch(
        store,
        plan2023,
        confirmed.id,
        { action: 'reject' },
        OFFICE,
        '2023-02-02T01:00:00.000Z',
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const auto = view.matches.find((m) => m.name === '诺诚健华抗肿瘤创新药物生产基地')!;
    expect(auto.state).toBe('matched');
    await decideLibraryMatch(
      store,
      plan2023,
      auto.id,
      { action: 'reject' },
      OFFICE,
      '2023-02-02T01:00:00.000Z',
    );
    const record = await store.library.getRecord(auto.libraryProjectId!);
    expect(record.targets.map((t) => t.year)).toEqual([2022]);
  });

  it('decides several doubtful matches at once, all or none', async () => {
    const view = await loadPlanLibraryMatches(store, plan2022, '2022-01-06');
    const pending = view.matches.filter((m) => m.state === 'pending');
    expect(pending.length).toBeGreaterThanOrEqual(2);
    const decided = view.matches.find((m) => m.state === 'created')!;
    // The second was decided already: nothing of the batch is decided, the refusal at its place.
    const refused = await decideLibraryMatches(
      store,
      plan2022,
      [
        { matchId: pending[0]!.id, action: 'reject' },
        { matchId: decided.id, action: 'reject' },
      ],
      OFFICE,
      '2022-01-07T01:00:00.000Z',
    ).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as { details: { path: string }[] }).details[0]?.path).toBe('decisions.1');
    expect((await store.libraryMatches.get(plan2022, pending[0]!.id)).state).toBe('pending');

    const done = await decideLibraryMatches(
      store,
      plan2022,
      pending.slice(0, 2).map((m) => ({ matchId: m.id, action: 'reject' as const })),
      OFFICE,
      '2022-01-07T01:00:00.000Z',
    );
    expect(done.map((m) => m.state)).toEqual(['rejected', 'rejected']);
    const after = await loadPlanLibraryMatches(store, plan2022, '2022-01-07');
    expect(after.byState['pending']).toBe(view.byState['pending']! - 2);
  });
});

describe.each(DIALECTS)('library project commands on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore(dialect);
  });

  it('refuses a record naming an unknown unit, every problem with its field, and writes nothing', async () => {
    const draft = {
      name: '',
      aliases: [],
      library: 'nope',
      class: 'A' as const,
      history: [{ stage: '入库', date: '2022-02-30' }],
      totalInvestment: null,
      annualPlans: [],
      investments: [],
      parcel: null,
      location: null,
      leadUnitId: null,
      leader: null,
      enterpriseId: null,
      milestones: [],
      targets: [],
      progress: [],
      statsRegisteredOn: null,
      exited: null,
    };
    const error = await createLibraryProject(store, draft, OFFICE, '2022-03-01T00:00:00Z').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'BAD_INPUT' });
    expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
      'name',
      'library',
      'history.0.date',
    ]);
    await expect(
      createLibraryProject(
        store,
        {
          ...draft,
          name: '甲',
          library: 'major',
          history: [{ stage: '入库', date: '2022-02-01' }],
          leadUnitId: 999,
        },
        OFFICE,
        '2022-03-01T00:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', details: [{ path: 'leadUnitId' }] });
    expect((await store.library.list()).total).toBe(0);
  });

  it('records monthly investment (a month not begun is refused), audited', async () => {
    const units = await seedUnits(store);
    const unit = Object.values(units)[0]!;
    const p = await createLibraryProject(
      store,
      {
        name: '乙项目',
        aliases: [],
        library: 'major',
        class: 'B',
        history: [{ stage: '开工', date: '2022-02-01' }],
        totalInvestment: 12_000,
        annualPlans: [{ year: 2022, planned: 1200 }],
        investments: [],
        parcel: null,
        location: null,
        leadUnitId: unit.id,
        leader: null,
        enterpriseId: null,
        milestones: [],
        targets: [],
        progress: [],
        statsRegisteredOn: null,
        exited: null,
      },
      OFFICE,
      '2022-03-01T00:00:00Z',
    );
    const after = await recordLibraryInvestments(
      store,
      p.id,
      [{ month: '2022-02', amount: 300 }],
      OFFICE,
      '2022-03-05T00:00:00Z',
    );
    expect(after.investments).toEqual([{ month: '2022-02', amount: 300 }]);
    await expect(
      recordLibraryInvestments(
        store,
        p.id,
        [{ month: '2022-04', amount: 1 }],
        OFFICE,
        '2022-03-05T00:00:00Z',
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', details: [{ path: 'figures.0.month' }] });
    const events = await store.audit.listUnplanned('library_project');
    expect(events.map((e) => e.action)).toEqual(['library_project.investment', 'library_project.create']);
  });

  it('takes a project out and back (出库 undone with its reason), and refuses a stale version of figures or 形象进度', async () => {
    const p = (await store.library.list({ q: '乙项目' })).items[0]!;
    const out = await exitLibraryProject(
      store,
      p.id,
      { date: '2022-03-10', reason: '项目终止' },
      p.version,
      OFFICE,
      '2022-03-10T00:00:00Z',
    );
    expect(out.exited).toEqual({ date: '2022-03-10', reason: '项目终止' });
    await expect(
      returnLibraryProject(store, p.id, '  ', out.version, OFFICE, '2022-03-11T00:00:00Z'),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', details: [{ path: 'reason' }] });
    await expect(
      returnLibraryProject(store, p.id, '误操作', p.version, OFFICE, '2022-03-11T00:00:00Z'),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const back = await returnLibraryProject(
      store,
      p.id,
      '误操作，恢复在库',
      out.version,
      OFFICE,
      '2022-03-11T00:00:00Z',
    );
    expect(back.exited).toBeNull();
    await expect(
      returnLibraryProject(store, p.id, '再次撤销', back.version, OFFICE, '2022-03-11T00:00:00Z'),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const events = await store.audit.listUnplanned('library_project');
    expect(events[0]).toMatchObject({ action: 'library_project.return', reason: '误操作，恢复在库' });

    // Figures and 形象进度 typed on a version that moved since: 409, nothing written.
    const figures = await recordLibraryInvestments(
      store,
      p.id,
      [{ month: '2022-03', amount: 50 }],
      OFFICE,
      '2022-03-12T00:00:00Z',
      null,
      back.version,
    );
    expect(figures.version).toBe(back.version + 1);
    await expect(
      recordLibraryInvestments(
        store,
        p.id,
        [{ month: '2022-03', amount: 80 }],
        OFFICE,
        '2022-03-12T00:00:00Z',
        null,
        back.version,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      addLibraryProgress(
        store,
        p.id,
        { date: '2022-03-12', note: '基础施工', percent: 10 },
        OFFICE,
        '2022-03-12T00:00:00Z',
        back.version,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const now = await store.library.get(p.id);
    expect(now.investments.find((m) => m.month === '2022-03')?.amount).toBe(50);
    expect(now.progress).toEqual([]);
  });
});
