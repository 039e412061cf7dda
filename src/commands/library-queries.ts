/**
 * What the library's pages read (issue 17), derived on read from the rows: the board by stage
 * with the counts promised against what the library counts, the 三未 and stale lists, a
 * project's detail (lamps, timeline over the years, investment, the reports that named it),
 * the map, a plan's matches under review, and the public counts (numbers only).
 */
import { AppError } from '../errors.js';
import { daysBetween } from '../plan/dates.js';
import {
  IDLE_KINDS,
  deriveInvestmentSummary,
  deriveLamps,
  deriveProjectTimeline,
  idleBands,
  monthsBefore,
  promiseQuery,
  promiseResult,
  roleIndex,
  wholeMonths,
  yearAsOf,
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
import type { SpanFilter } from '../store/library-spans.js';
import type { StoredPromise } from '../store/library-matches.js';
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

/** Counts each promise from the library's stage spans (countPromise's rule, by query). */
async function countPromises(
  store: Store,
  promises: StoredPromise[],
  model: StageModel,
  date: string,
): Promise<PromiseView[]> {
  return Promise.all(
    promises.map(async ({ id, planId, promise }) => {
      const q = promiseQuery(promise, model, date);
      const ids =
        q.kind === 'reached'
          ? await store.library.spans.listReached(q.rank, q.from, q.to, q.library)
          : await store.library.spans.listPlannedFor(q.year, q.until, q.library);
      return {
        id,
        planId,
        year: promise.year,
        rule: promise.rule,
        written: promise.written,
        named: promise.named,
        quote: promise.quote,
        ...promiseResult(promise, ids, date),
      };
    }),
  );
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

/** Projects by library and stage on `date` (deriveStageBoard's board), by one grouped query. */
async function countBoard(store: Store, model: StageModel, date: string): Promise<StageBoard> {
  const empty = () => Object.fromEntries(model.stages.map((s) => [s.id, 0])) as Record<string, number>;
  const board: StageBoard = { byLibrary: {}, total: empty() };
  for (const { library, stage, count } of await store.library.spans.countStages(date)) {
    const row = (board.byLibrary[library] ??= empty());
    row[stage] = (row[stage] ?? 0) + count;
    board.total[stage] = (board.total[stage] ?? 0) + count;
  }
  return board;
}

/**
 * The board as of `date`: projects by library and stage, and every count the year's plans
 * promise, counted from the library.
 */
export async function loadLibraryBoard(store: Store, date: string): Promise<LibraryBoard> {
  const year = Number(date.slice(0, 4));
  const [setup, promises] = await Promise.all([
    loadLibrarySetup(store),
    store.libraryMatches.listPromises({ year }),
  ]);
  const [board, counted] = await Promise.all([
    countBoard(store, setup.model, date),
    countPromises(store, promises, setup.model, date),
  ]);
  return {
    date,
    year,
    ...presentSetup(setup),
    board,
    inLibrary: Object.values(board.total).reduce((a, b) => a + b, 0),
    promises: counted,
  };
}

/**
 * The board of a plan year, as the page asks for it: as of `date` when given, else as of the
 * year chosen (by default the latest year of the jurisdiction's plans, or today's when it has
 * none) — its last day once past (yearAsOf) — with the years of its plans to choose from.
 */
export async function loadLibraryBoardOfYear(
  store: Store,
  today: string,
  choice: { date?: string | undefined; year?: number | undefined },
): Promise<LibraryBoard & { years: number[] }> {
  const plans = await store.plans.list({ limit: 1000, jurisdictionIds: [store.library.jurisdictionId] });
  const years = [...new Set(plans.items.map((p) => p.year))].sort((a, b) => b - a);
  const year = choice.year ?? years[0] ?? Number(today.slice(0, 4));
  const board = await loadLibraryBoard(store, choice.date ?? yearAsOf(year, today));
  return { ...board, years };
}

/** A 三未 or stale entry with what the list shows of its project. */
type Listed<E> = E & Pick<ProjectOutline, 'name' | 'library' | 'class' | 'leadUnitId'>;

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
 * or a unit, one page of it, and the size of all three — by indexed queries on the stage spans.
 */
export async function loadIdleList(
  store: Store,
  date: string,
  kind: IdleKind,
  filter: PageQuery & SpanFilter,
): Promise<IdleListView> {
  const [setup, sizes, rows] = await Promise.all([
    loadLibrarySetup(store),
    store.library.spans.countIdle(date, filter),
    store.library.spans.listIdle(date, kind, filter),
  ]);
  const next = idleBands(setup.model).find((b) => b.kind === kind)!.next;
  const counts = Object.fromEntries(IDLE_KINDS.map((k) => [k, sizes.get(k)?.count ?? 0])) as Record<
    IdleKind,
    number
  >;
  return {
    date,
    kind,
    counts,
    late: sizes.get(kind)?.late ?? 0,
    page: {
      total: counts[kind],
      items: rows.map((r) => ({
        projectId: r.projectId,
        kind,
        stage: r.stage,
        since: r.since,
        days: daysBetween(r.since, date),
        next,
        plannedBy: r.plannedBy,
        late: r.plannedBy !== null && r.plannedBy < date,
        name: r.name,
        library: r.library,
        class: r.class as ProjectOutline['class'],
        leadUnitId: r.leadUnitId,
      })),
    },
  };
}

/**
 * Projects under way with nothing moving in `months` months (1 or more) as of `date`, as
 * listStaleProjects finds them: one page, oldest movement first, read from the stage and quiet
 * spans holding that day (kept by every write of a project and its figures).
 */
export async function loadStaleList(
  store: Store,
  date: string,
  months: number,
  filter: PageQuery & SpanFilter,
): Promise<{ date: string; months: number; page: Page<Listed<StaleEntry>> }> {
  if (!Number.isInteger(months) || months < 1)
    throw new AppError('BAD_INPUT', `停滞月数须为1以上的整数：${months}`, [
      { path: 'months', message: 'a whole number of months, 1 or more' },
    ]);
  const setup = await loadLibrarySetup(store);
  const { total, rows } = await store.library.spans.listStale(
    date,
    monthsBefore(date, months),
    roleIndex(setup.model, 'completed'),
    filter,
  );
  return {
    date,
    months,
    page: {
      total,
      items: rows.map((r) => ({
        projectId: r.projectId,
        stage: r.stage,
        lastProgress: r.lastProgress,
        months: wholeMonths(r.lastProgress, date),
        name: r.name,
        library: r.library,
        class: r.class as ProjectOutline['class'],
        leadUnitId: r.leadUnitId,
      })),
    },
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
    promises: await countPromises(store, promises, setup.model, date),
  };
}

/**
 * What the public sees of the library: numbers only — projects in the library by stage, and the
 * counts of published plans' promises for the year against the library's. No project, unit,
 * enterprise or person is named.
 */
export async function loadPublicLibraryView(store: Store, year: number, date: string) {
  const [setup, promises, plans] = await Promise.all([
    loadLibrarySetup(store),
    store.libraryMatches.listPromises({ year }),
    store.plans.list({ state: 'published', limit: 1000 }),
  ]);
  const published = new Set(plans.items.map((p) => p.id));
  const [board, counted] = await Promise.all([
    countBoard(store, setup.model, date),
    countPromises(
      store,
      promises.filter((p) => published.has(p.planId)),
      setup.model,
      date,
    ),
  ]);
  return {
    year,
    asOf: date,
    inLibrary: Object.values(board.total).reduce((a, b) => a + b, 0),
    byStage: setup.model.stages.map((s) => ({ stage: s.name, count: board.total[s.id] ?? 0 })),
    promises: counted.map((p) => ({
      written: p.written,
      promised: p.promised,
      counted: p.counted,
      met: p.met,
    })),
  };
}
