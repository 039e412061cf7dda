/**
 * What the library's pages read (issue 17), derived on read from the rows: the board by stage
 * with the counts promised against what the library counts, the 三未 and stale lists, a
 * project's detail (lamps, timeline over the years, investment, the reports that named it),
 * the map, a plan's matches under review, and the public counts (numbers only).
 */
import {
  IDLE_KINDS,
  countPromise,
  deriveIdleLists,
  deriveInvestmentSummary,
  deriveLamps,
  deriveProjectTimeline,
  deriveStageBoard,
  listStaleProjects,
} from '../projects/index.js';
import type {
  CountPromise,
  IdleEntry,
  IdleKind,
  InvestmentSummary,
  LibraryProject,
  ProjectLamps,
  PromiseCount,
  StageBoard,
  StaleEntry,
  StageModel,
  TimelineYear,
} from '../projects/index.js';
import type { ProjectOutline } from '../store/library.js';
import type { StoredPromise } from '../store/library-matches.js';
import { pageItems } from '../store/rows.js';
import type { Page, PageQuery, Store, Versioned } from '../store/types.js';
import { loadLibrarySetup } from './library.js';
import type { LibrarySetup } from './library.js';

/** A promise of a plan's report with what the library counts for it. */
export interface PromiseView extends Omit<PromiseCount, 'projectIds'> {
  id: number;
  planId: number;
  year: number;
  rule: CountPromise['rule'];
  written: string;
  named: string[];
  quote: string;
  /** How many projects are counted (their ids for staff only: see the route). */
  projectIds: number[];
}

function countPromises(
  promises: StoredPromise[],
  outlines: ProjectOutline[],
  model: StageModel,
  date: string,
): PromiseView[] {
  return promises.map(({ id, planId, promise }) => ({
    id,
    planId,
    year: promise.year,
    rule: promise.rule,
    written: promise.written,
    named: promise.named,
    quote: promise.quote,
    ...countPromise(promise, outlines, model, date),
  }));
}

export interface LibraryBoard {
  date: string;
  year: number;
  libraries: { code: string; name: string }[];
  stages: { id: string; name: string; role: string | null }[];
  board: StageBoard;
  /** Projects in the library on the day (entered, not left). */
  inLibrary: number;
  promises: PromiseView[];
}

/** The shape of the setup the pages need (no boundary text). */
export function presentSetup(setup: LibrarySetup) {
  return {
    libraries: setup.libraries.map((l) => ({ code: l.code, name: l.name })),
    stages: setup.model.stages.map((s) => ({ id: s.id, name: s.name, role: s.role ?? null })),
  };
}

/**
 * The board as of `date`: projects by library and stage, and every count the year's plans
 * promise, counted from the library.
 */
export async function loadLibraryBoard(store: Store, date: string): Promise<LibraryBoard> {
  const year = Number(date.slice(0, 4));
  const [setup, outlines, promises] = await Promise.all([
    loadLibrarySetup(store),
    store.library.listOutlines(),
    store.libraryMatches.listPromises({ year }),
  ]);
  const board = deriveStageBoard(outlines, setup.model, date);
  return {
    date,
    year,
    ...presentSetup(setup),
    board,
    inLibrary: Object.values(board.total).reduce((a, b) => a + b, 0),
    promises: countPromises(promises, outlines, setup.model, date),
  };
}

/** A 三未 or stale entry with what the list shows of its project. */
type Listed<E> = E & Pick<ProjectOutline, 'name' | 'library' | 'class' | 'leadUnitId'>;

function withProject<E extends { projectId: number }>(
  entries: E[],
  byId: Map<number, ProjectOutline>,
): Listed<E>[] {
  return entries.map((e) => {
    const p = byId.get(e.projectId)!;
    return { ...e, name: p.name, library: p.library, class: p.class, leadUnitId: p.leadUnitId };
  });
}

export interface IdleListView {
  date: string;
  kind: IdleKind;
  counts: Record<IdleKind, number>;
  /** Late ones (past the next stage's planned day) in the list. */
  late: number;
  page: Page<Listed<IdleEntry>>;
}

/**
 * One of the 三未 lists as of `date` (late first, then longest waiting), narrowed to a library
 * or a unit, one page of it, and the size of all three.
 */
export async function loadIdleList(
  store: Store,
  date: string,
  kind: IdleKind,
  filter: PageQuery & { library?: string | undefined; unitIds?: readonly number[] | undefined },
): Promise<IdleListView> {
  const [setup, all] = await Promise.all([loadLibrarySetup(store), store.library.listOutlines()]);
  const outlines = all.filter(
    (p) =>
      (filter.library === undefined || p.library === filter.library) &&
      (filter.unitIds === undefined || (p.leadUnitId !== null && filter.unitIds.includes(p.leadUnitId))),
  );
  const lists = deriveIdleLists(outlines, setup.model, date);
  const byId = new Map(outlines.map((p) => [p.id, p]));
  const counts = Object.fromEntries(IDLE_KINDS.map((k) => [k, lists[k].length])) as Record<IdleKind, number>;
  const page = pageItems(lists[kind], filter);
  return {
    date,
    kind,
    counts,
    late: lists[kind].filter((e) => e.late).length,
    page: { items: withProject(page.items, byId), total: page.total },
  };
}

/** Projects under way with nothing moving in `months` months as of `date` (listStaleProjects). */
export async function loadStaleList(
  store: Store,
  date: string,
  months: number,
  filter: PageQuery & { library?: string | undefined; unitIds?: readonly number[] | undefined },
): Promise<{ date: string; months: number; page: Page<Listed<StaleEntry>> }> {
  const [setup, all, lastMonths] = await Promise.all([
    loadLibrarySetup(store),
    store.library.listOutlines(),
    store.library.listLastInvestmentMonths(date.slice(0, 7)),
  ]);
  const outlines = all.filter(
    (p) =>
      (filter.library === undefined || p.library === filter.library) &&
      (filter.unitIds === undefined || (p.leadUnitId !== null && filter.unitIds.includes(p.leadUnitId))),
  );
  // Only the latest month with investment matters to the rule: one figure stands for them all.
  const projects = outlines.map((p) => {
    const last = lastMonths.get(p.id);
    return { ...p, investments: last === undefined ? [] : [{ month: last, amount: 1 }] };
  });
  const stale = listStaleProjects(projects, setup.model, date, months);
  const page = pageItems(stale, filter);
  return {
    date,
    months,
    page: { items: withProject(page.items, new Map(outlines.map((p) => [p.id, p]))), total: page.total },
  };
}

export interface ProjectReportView {
  planId: number;
  planTitle: string;
  year: number;
  name: string;
  step: string;
  kind: 'target' | 'achievement';
  state: string;
}

export interface LibraryProjectDetail {
  date: string;
  project: Versioned<LibraryProject>;
  lamps: ProjectLamps;
  timeline: TimelineYear[];
  investment: InvestmentSummary;
  /** The reports (plans) that named it, oldest first. */
  reports: ProjectReportView[];
  /** The stage names of the model, for the page. */
  stages: { id: string; name: string; role: string | null }[];
}

/** A project with its lamps, its years (targets and verdicts), its investment and its reports. */
export async function loadLibraryProjectDetail(
  store: Store,
  id: number,
  date: string,
): Promise<LibraryProjectDetail> {
  const [setup, project, matches] = await Promise.all([
    loadLibrarySetup(store),
    store.library.get(id),
    store.libraryMatches.listOfProject(id),
  ]);
  const reports: ProjectReportView[] = [];
  for (const m of matches) {
    const [plan, row] = await Promise.all([
      store.plans.get(m.planId),
      store.projects.get(m.planId, m.planProjectId),
    ]);
    reports.push({
      planId: plan.id,
      planTitle: plan.title,
      year: plan.year,
      name: row.name,
      step: row.stage,
      kind: row.kind,
      state: m.state,
    });
  }
  reports.sort((a, b) => a.year - b.year || a.planId - b.planId);
  return {
    date,
    project,
    lamps: deriveLamps(project, setup.model, date, setup.lampRules),
    timeline: deriveProjectTimeline(project, setup.model, date),
    investment: deriveInvestmentSummary(project, date),
    reports,
    stages: presentSetup(setup).stages,
  };
}

/** The map: every located project and the jurisdiction's boundary (GeoJSON), when loaded. */
export async function loadLibraryMap(store: Store) {
  const [setup, points] = await Promise.all([loadLibrarySetup(store), store.library.listPoints()]);
  return {
    ...presentSetup(setup),
    boundary: setup.boundary === null ? null : (JSON.parse(setup.boundary) as Record<string, unknown>),
    points,
  };
}

/** A plan's named projects with their matches, candidates and review, and its promised counts. */
export async function loadPlanLibraryMatches(store: Store, planId: number, date: string) {
  const [plan, setup, matches, promises, outlines, planProjects] = await Promise.all([
    store.plans.get(planId),
    loadLibrarySetup(store),
    store.libraryMatches.list(planId),
    store.libraryMatches.listPromises({ planId }),
    store.library.listOutlines(),
    store.projects.listOfPlan(planId),
  ]);
  const byId = new Map(outlines.map((p) => [p.id, p]));
  const rows = new Map(planProjects.map((p) => [p.id, p]));
  const stageOf = (p: ProjectOutline | undefined) => p?.history.at(-1)?.stage ?? null;
  const byState: Record<string, number> = {};
  for (const m of matches) byState[m.state] = (byState[m.state] ?? 0) + 1;
  return {
    planId,
    year: plan.year,
    byState,
    matches: matches.map((m) => {
      const row = rows.get(m.planProjectId);
      const linked = m.libraryProjectId === null ? undefined : byId.get(m.libraryProjectId);
      return {
        id: m.id,
        planProjectId: m.planProjectId,
        name: m.match.name,
        step: row?.stage ?? '',
        kind: row?.kind ?? 'target',
        outcome: m.match.outcome,
        confidence: m.match.confidence,
        state: m.state,
        libraryProjectId: m.libraryProjectId,
        libraryProjectName: linked?.name ?? null,
        targetStage: m.targetStage,
        candidates: m.match.candidates.flatMap((c) => {
          const p = byId.get(c.projectId);
          return p
            ? [
                {
                  projectId: c.projectId,
                  name: p.name,
                  library: p.library,
                  stage: stageOf(p),
                  confidence: c.confidence,
                  via: c.via,
                },
              ]
            : [];
        }),
      };
    }),
    promises: countPromises(promises, outlines, setup.model, date),
  };
}

/**
 * What the public sees of the library: numbers only — projects in the library by stage, and the
 * counts of published plans' promises for the year against the library's. No project, unit,
 * enterprise or person is named.
 */
export async function loadPublicLibraryView(store: Store, year: number, date: string) {
  const [setup, outlines, promises, plans] = await Promise.all([
    loadLibrarySetup(store),
    store.library.listOutlines(),
    store.libraryMatches.listPromises({ year }),
    store.plans.list({ state: 'published', limit: 1000 }),
  ]);
  const published = new Set(plans.items.map((p) => p.id));
  const board = deriveStageBoard(outlines, setup.model, date);
  return {
    year,
    asOf: date,
    inLibrary: Object.values(board.total).reduce((a, b) => a + b, 0),
    byStage: setup.model.stages.map((s) => ({ stage: s.name, count: board.total[s.id] ?? 0 })),
    promises: countPromises(
      promises.filter((p) => published.has(p.planId)),
      outlines,
      setup.model,
      date,
    ).map((p) => ({ written: p.written, promised: p.promised, counted: p.counted, met: p.met })),
  };
}
