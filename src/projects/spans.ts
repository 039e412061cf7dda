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
import { roleIndex, stageIndex } from './stages.js';
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
