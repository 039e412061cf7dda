/**
 * The lists offices chase as of a day: the "三未" (approved not started, started not in
 * construction, in construction not finished), stale projects (no progress in N months), and the
 * board of projects by library and stage. Linear in the projects and their histories.
 */
import { daysBetween, daysInMonth, isoDate } from '../plan/dates.js';
import { roleIndex, stageAt, stageIndex } from './stages.js';
import type { LibraryProject, StageModel, StageRole } from './types.js';

/**
 * The three "未" lists: 批而未开 (entered with approvals, not started), 开而未建 (started, no
 * construction under way), 建而未完 (under construction, not finished).
 */
export const IDLE_KINDS = ['approved_not_started', 'started_not_building', 'building_not_finished'] as const;
export type IdleKind = (typeof IDLE_KINDS)[number];

/** The band of stages each list covers: from the first role up to (not including) the second. */
const BANDS: Record<IdleKind, [StageRole, StageRole]> = {
  approved_not_started: ['approved', 'started'],
  started_not_building: ['started', 'building'],
  building_not_finished: ['building', 'completed'],
};

export interface IdleEntry {
  projectId: number;
  kind: IdleKind;
  /** The stage as of the day. */
  stage: string;
  /** The day the project entered the band (its latest entry into it). */
  since: string;
  /** Days from `since` to the day. */
  days: number;
  /** The stage that would take it off the list. */
  next: string;
  /** The planned day of `next` (its milestone), or null. */
  plannedBy: string | null;
  /** Past `plannedBy`. */
  late: boolean;
}

type Listed = Pick<LibraryProject, 'id' | 'history' | 'milestones' | 'exited'>;

function activeAt(project: Pick<LibraryProject, 'exited'>, date: string): boolean {
  return !project.exited || project.exited.date > date;
}

/**
 * The 三未 lists as of `date`: each project in the band of its stage that day, late ones first,
 * then the longest waiting. Projects that left the library by then are not listed.
 * @example
 * deriveIdleLists(projects, DEFAULT_STAGE_MODEL, '2022-06-30').approved_not_started[0]
 * // { projectId: 7, stage: '入库', since: '2021-11-02', days: 240, next: '开工', plannedBy: '2022-03-31', late: true, … }
 */
export function deriveIdleLists(
  projects: Iterable<Listed>,
  model: StageModel,
  date: string,
): Record<IdleKind, IdleEntry[]> {
  const bands = IDLE_KINDS.map((kind) => {
    const [from, to] = BANDS[kind];
    return {
      kind,
      from: roleIndex(model, from),
      to: roleIndex(model, to),
      next: model.stages[roleIndex(model, to)]!.id,
    };
  });
  const out: Record<IdleKind, IdleEntry[]> = {
    approved_not_started: [],
    started_not_building: [],
    building_not_finished: [],
  };
  for (const project of projects) {
    if (!activeAt(project, date)) continue;
    // Walk the history up to the day once, noting when the project last entered its band.
    let at = -1;
    let since = '';
    let band: (typeof bands)[number] | undefined;
    for (const entry of project.history) {
      if (entry.date > date) break;
      at = stageIndex(model, entry.stage);
      const inBand = bands.find((b) => at >= b.from && at < b.to);
      if (inBand !== band) since = entry.date;
      band = inBand;
    }
    if (!band || at < 0) continue;
    const plannedBy = project.milestones.find((m) => m.stage === band.next)?.planned ?? null;
    out[band.kind].push({
      projectId: project.id,
      kind: band.kind,
      stage: model.stages[at]!.id,
      since,
      days: daysBetween(since, date),
      next: band.next,
      plannedBy,
      late: plannedBy !== null && plannedBy < date,
    });
  }
  for (const kind of IDLE_KINDS)
    out[kind].sort((a, b) => Number(b.late) - Number(a.late) || b.days - a.days || a.projectId - b.projectId);
  return out;
}

export interface StaleEntry {
  projectId: number;
  stage: string;
  /** The last day anything moved: a stage change, a month with investment, a 形象进度 report. */
  lastProgress: string;
  /** Whole months from lastProgress to the day. */
  months: number;
}

/** The same day `months` months earlier, clamped to the month's length (the stale rule's cutoff). */
export function monthsBefore(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return isoDate(year, month, Number(date.slice(8, 10)));
}

/**
 * Whole months from `from` to `to` (a month is whole on the same day of the month).
 * @example
 * wholeMonths('2022-01-31', '2022-04-30') // 2
 */
export function wholeMonths(from: string, to: string): number {
  const m =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  return to.slice(8, 10) >= from.slice(8, 10) ? m : m - 1;
}

/**
 * The last day a project moved by `date`: its latest stage change, the end of its latest month
 * with investment (or `date`, within that month), its latest 形象进度 report; undefined when it
 * was not in the library yet.
 */
export function deriveLastProgress(
  project: Pick<LibraryProject, 'history' | 'investments' | 'progress'>,
  date: string,
): string | undefined {
  let last: string | undefined;
  const seen = (d: string) => {
    if (d <= date && (last === undefined || d > last)) last = d;
  };
  for (const e of project.history) seen(e.date);
  if (last === undefined) return undefined;
  const month = date.slice(0, 7);
  for (const m of project.investments) {
    if (m.amount <= 0 || m.month > month) continue;
    const y = Number(m.month.slice(0, 4));
    const mo = Number(m.month.slice(5, 7));
    seen(m.month === month ? date : isoDate(y, mo, daysInMonth(y, mo)));
  }
  for (const p of project.progress) seen(p.date);
  return last;
}

/**
 * Projects under way with no progress in `months` months as of `date` (default 3): in the library
 * by then, not left, before the `completed` role's stage. Longest still first.
 * @example
 * listStaleProjects(projects, DEFAULT_STAGE_MODEL, '2022-06-30', 3)[0] // { projectId: 12, lastProgress: '2021-12-31', months: 5, … }
 */
export function listStaleProjects(
  projects: Iterable<Pick<LibraryProject, 'id' | 'history' | 'investments' | 'progress' | 'exited'>>,
  model: StageModel,
  date: string,
  months = 3,
): StaleEntry[] {
  const cutoff = monthsBefore(date, months);
  const completed = roleIndex(model, 'completed');
  const out: StaleEntry[] = [];
  for (const project of projects) {
    if (!activeAt(project, date)) continue;
    const stage = stageAt(project, date);
    if (stage === undefined || stageIndex(model, stage) >= completed) continue;
    const last = deriveLastProgress(project, date);
    if (last === undefined || last > cutoff) continue;
    out.push({ projectId: project.id, stage, lastProgress: last, months: wholeMonths(last, date) });
  }
  return out.sort((a, b) => a.lastProgress.localeCompare(b.lastProgress) || a.projectId - b.projectId);
}

/** Projects by library and stage as of a day. */
export interface StageBoard {
  /** library code → stage id → count. */
  byLibrary: Record<string, Record<string, number>>;
  /** stage id → count over all libraries. */
  total: Record<string, number>;
}

/**
 * Counts projects in the library on `date` by library and stage (every stage of the model
 * present, 0 when none). Projects not yet in the library or already left are not counted.
 */
export function deriveStageBoard(
  projects: Iterable<Pick<LibraryProject, 'library' | 'history' | 'exited'>>,
  model: StageModel,
  date: string,
): StageBoard {
  const empty = () => Object.fromEntries(model.stages.map((s) => [s.id, 0])) as Record<string, number>;
  const board: StageBoard = { byLibrary: {}, total: empty() };
  for (const project of projects) {
    if (!activeAt(project, date)) continue;
    const stage = stageAt(project, date);
    if (stage === undefined || stageIndex(model, stage) < 0) continue;
    const row = (board.byLibrary[project.library] ??= empty());
    row[stage] = (row[stage] ?? 0) + 1;
    board.total[stage] = (board.total[stage] ?? 0) + 1;
  }
  return board;
}
