/**
 * A project's stage spans: its history cut into the days it held each stage, with what the
 * board, the 三未 lists, the stale list and the promised counts need of each span — so that the
 * store keeps them in rows and answers those reads for any day by an indexed query, without
 * reading every project's history (issue 17's figures: 20,000 projects, p99 ≤ 100 ms).
 *
 * A span holds on day d when `from ≤ d < to`: the project's stage that day is the span's (as
 * `stageAt` finds it), its 三未 band, the day it entered that band and the next stage's planned
 * day are those `deriveIdleLists` finds walking the history up to d. Spans depend on the stage
 * model: when the model changes, every project's spans are derived again.
 */
import { addDays, daysInMonth, isoDate } from '../plan/dates.js';
import { roleIndex, stageIndex } from './stages.js';
import { monthsBefore } from './lists.js';
import type { IdleKind } from './lists.js';
import type { LibraryProject, StageModel, StageRole } from './types.js';

/** The `to` of the span a project holds now (no later stage yet). */
export const OPEN_SPAN_END = '9999-12-31';

export interface StageSpan {
  /** Position in the history (0 first). */
  seq: number;
  stage: string;
  /** The stage's position in the model, -1 for a stage the model does not know. */
  rank: number;
  from: string;
  /** The day the next stage was reached, or OPEN_SPAN_END. A same-day move leaves `from = to`. */
  to: string;
  /** The 三未 list the project is on while it holds the span, or null. */
  band: IdleKind | null;
  /** The day it entered `band` (its latest entry into it), or null. */
  bandSince: string | null;
  /** The planned day (milestone) of the stage that takes it off `band`, or null. */
  plannedBy: string | null;
}

const BANDS: [IdleKind, StageRole, StageRole][] = [
  ['approved_not_started', 'approved', 'started'],
  ['started_not_building', 'started', 'building'],
  ['building_not_finished', 'building', 'completed'],
];

/** The band of each list as stage positions [from, to) with the stage that ends it. */
export function idleBands(model: StageModel): { kind: IdleKind; from: number; to: number; next: string }[] {
  return BANDS.map(([kind, from, to]) => ({
    kind,
    from: roleIndex(model, from),
    to: roleIndex(model, to),
    next: model.stages[roleIndex(model, to)]!.id,
  }));
}

/**
 * The spans of a project's history under `model`, in history order.
 * @example
 * deriveStageSpans({ history: [{ stage: '入库', date: '2021-03-01' }, { stage: '开工', date: '2022-04-01' }], milestones: [] }, DEFAULT_STAGE_MODEL)[0]
 * // { seq: 0, stage: '入库', rank: 3, from: '2021-03-01', to: '2022-04-01', band: 'approved_not_started', bandSince: '2021-03-01', plannedBy: null }
 */
export function deriveStageSpans(
  project: Pick<LibraryProject, 'history' | 'milestones'>,
  model: StageModel,
): StageSpan[] {
  const bands = idleBands(model);
  let band: (typeof bands)[number] | undefined;
  let since = '';
  return project.history.map((entry, seq) => {
    const rank = stageIndex(model, entry.stage);
    const inBand = bands.find((b) => rank >= b.from && rank < b.to);
    if (inBand !== band) since = entry.date;
    band = inBand;
    const listed = inBand !== undefined && rank >= 0;
    return {
      seq,
      stage: entry.stage,
      rank,
      from: entry.date,
      to: project.history[seq + 1]?.date ?? OPEN_SPAN_END,
      band: listed ? inBand.kind : null,
      bandSince: listed ? since : null,
      plannedBy: listed ? (project.milestones.find((m) => m.stage === inBand.next)?.planned ?? null) : null,
    };
  });
}

/**
 * A quiet span of a project (the stale list's row): from `from` until `to` (exclusive) nothing
 * newer than `last` moved — `last` is the latest day anything had moved by then (a stage change,
 * a 形象进度 report, the end of a month with investment), as `deriveLastProgress` finds it for
 * any day of the span. On a day d of the span the project is stale after N months when
 * `last ≤ monthsBefore(d, N)` and it is under way that day (its stage span says so).
 */
export interface QuietSpan {
  from: string;
  /** The day something moved again, or OPEN_SPAN_END. */
  to: string;
  last: string;
}

const monthStart = (month: string) => `${month}-01`;
const monthEnd = (month: string) =>
  isoDate(
    Number(month.slice(0, 4)),
    Number(month.slice(5, 7)),
    daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))),
  );

/**
 * The spans of a project's life between movements, kept only where it can go stale (one month
 * or more without anything moving: the stale list asks for 1–60 months), so a project that moves
 * every month keeps one open span. A month's investment (> 0) counts from its first day, as the
 * end of that month: as of any day of May, May's figure means it moved.
 * @example
 * deriveQuietSpans({ history: [{ stage: '开工', date: '2022-01-10' }], investments: [{ month: '2022-03', amount: 5 }], progress: [] })
 * // [{ from: '2022-01-10', to: '2022-03-01', last: '2022-01-10' }, { from: '2022-03-01', to: '9999-12-31', last: '2022-03-31' }]
 */
export function deriveQuietSpans(
  project: Pick<LibraryProject, 'history' | 'investments' | 'progress'>,
): QuietSpan[] {
  // Each movement: the day it counts from and the day it stands for.
  const moves = [
    ...project.history.map((e) => ({ from: e.date, last: e.date })),
    ...project.progress.map((p) => ({ from: p.date, last: p.date })),
    ...project.investments
      .filter((m) => m.amount > 0)
      .map((m) => ({ from: monthStart(m.month), last: monthEnd(m.month) })),
  ].sort((a, b) => a.from.localeCompare(b.from));
  const out: QuietSpan[] = [];
  let last = '';
  moves.forEach((move, i) => {
    if (move.last > last) last = move.last;
    const next = moves[i + 1]?.from;
    if (next === move.from) return; // the same day: one span from it
    const to = next ?? OPEN_SPAN_END;
    // Stale on a day d < to only when last ≤ monthsBefore(d, 1): otherwise never within this span.
    if (to === OPEN_SPAN_END || monthsBefore(addDays(to, -1), 1) >= last)
      out.push({ from: move.from, to, last });
  });
  return out;
}
