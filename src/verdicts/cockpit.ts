/**
 * The leader's cockpit (驾驶舱), as pure figures: a headline target's trajectory (actual beside
 * the expected line to the year's end, and where the present pace ends), the worst items with
 * their reasons, and the lead units ranked. The caller loads items with their computed health,
 * confidence and promise; the cockpit page and the wall screen present these.
 */
import { daysInMonth, isoDate, toDayNumber } from '../plan/dates.js';
import { deriveExpectedValue } from '../plan/expected.js';
import type { ExpectationOptions, TargetLike } from '../plan/expected.js';
import type { TargetObservation } from '../plan/health.js';
import type { HealthWhy } from '../plan/health-why.js';
import type { Health } from '../plan/types.js';
import { confidenceRank } from './confidence.js';
import type { ConfidenceLevel, ConfidenceView, Disagreement } from './confidence.js';

/** One month of a trajectory: the expected figure at its end, and the latest approved figure. */
export interface TrajectoryPoint {
  /** "2022-06". */
  month: string;
  /** The month's last day. */
  date: string;
  /** What the figure should be by then; null when it cannot be known (a level without baseline). */
  expected: number | null;
  /** The latest approved figure as of the month's end within the year; null for months to come. */
  actual: number | null;
}

export interface Trajectory {
  points: TrajectoryPoint[];
  latest: TargetObservation | null;
  /**
   * Where the year ends at the present pace: the latest figure's progress along the path over
   * the share of the path expected by its date, carried to the whole path (a rate: the latest
   * figure itself). Null without a figure or an expected path.
   */
  projected: number | null;
  target: number;
  unit: string;
}

function monthEnd(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month));
}

function expectedAt(target: TargetLike, date: string, options: ExpectationOptions) {
  try {
    return deriveExpectedValue(target, date, options);
  } catch {
    return undefined;
  }
}

/**
 * The twelve months of a plan year for a headline target: expected at each month's end to
 * December, actual for months begun by `today` (the latest figure approved as of each month's
 * end, in the year), and the projection at the present pace.
 * @example
 * // 新增就业9000人, 4000 by June: June expected ≈ 4463, projected ≈ 8067
 * deriveTrajectory(jobs, [{ value: 4000, asOf: '2022-06-30' }], 2022, '2022-07-10')
 */
export function deriveTrajectory(
  target: TargetLike,
  observations: readonly TargetObservation[],
  year: number,
  today: string,
  options: ExpectationOptions = {},
): Trajectory {
  const yearStart = toDayNumber(isoDate(year, 1, 1));
  const todayDay = toDayNumber(today);
  const inYear = observations
    .filter((o) => toDayNumber(o.asOf) >= yearStart && toDayNumber(o.asOf) <= todayDay)
    .sort((a, b) => toDayNumber(a.asOf) - toDayNumber(b.asOf));
  const points: TrajectoryPoint[] = [];
  let next = 0;
  let latest: TargetObservation | null = null;
  for (let month = 1; month <= 12; month++) {
    const date = monthEnd(year, month);
    const day = toDayNumber(date);
    while (next < inYear.length && toDayNumber(inYear[next]!.asOf) <= day) latest = inYear[next++]!;
    // The month under way shows the latest figure so far; months to come show none.
    const started = toDayNumber(isoDate(year, month, 1)) <= todayDay;
    points.push({
      month: date.slice(0, 7),
      date,
      expected: expectedAt(target, date, options)?.value ?? null,
      actual: started && latest ? latest.value : null,
    });
  }
  let projected: number | null = null;
  if (latest) {
    const path = expectedAt(target, latest.asOf, options);
    if (path && path.measure === 'rate') projected = latest.value;
    else if (path && path.share > 0) {
      projected = round(path.from + (latest.value - path.from) / path.share);
    }
  }
  return { points, latest, projected, target: target.value, unit: target.unit };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** One commitment as the cockpit ranks it. */
export interface CockpitItem {
  type: 'task' | 'target';
  id: number;
  /** The chapter (一、二、…) it sits under; null when outside the outline. */
  chapterId: number | null;
  leadUnitId: number | null;
  health: Health;
  /** Attainment against 序时进度 (1 = on schedule); null when not compared. */
  ratio: number | null;
  why: HealthWhy;
  /** Days past the deadline in force (0 when not overdue). */
  overdueDays: number;
  /** Days the deadline moved from its original (negative: earlier); 0 when it never moved. */
  slipDays: number;
  confidence: Pick<ConfidenceView, 'unit' | 'independent' | 'disagreements'> | null;
  /** 督办单 not yet closed. */
  openNotices: number;
  /** 延期 requests awaiting a decision. */
  pendingExtensions: number;
}

/** Why an item is among the worst, worst first. */
export type WorstReason =
  | { code: 'HEALTH'; health: Health; why: HealthWhy }
  | { code: 'OVERDUE'; days: number }
  | { code: 'LOW_CONFIDENCE'; level: ConfidenceLevel; source: 'lead_unit' | 'independent' }
  | { code: 'DISAGREEMENT'; disagreement: Disagreement }
  | { code: 'SLIPPED'; days: number }
  | { code: 'OPEN_NOTICES'; count: number }
  | { code: 'PENDING_EXTENSION'; count: number };

export interface WorstItem {
  item: CockpitItem;
  /** Higher is worse. */
  score: number;
  reasons: WorstReason[];
}

const HEALTH_SCORE: Partial<Record<Health, number>> = { behind: 100, at_risk: 50, no_data: 20 };

/**
 * How bad an item stands, with the reasons in the order they weigh: health (behind 100, at risk
 * 50, no figure 20, and the shortfall against 序时进度 up to 50 more), days overdue (40 and a
 * point a day up to 60 more), the worse of the two confidences (10 a level below 较有把握),
 * an optimistic disagreement (15), the deadline's slip (a point per 10 days up to 30), open
 * 督办单 (10 each, up to 30), and pending 延期 (5). Finished and not-yet-started items score 0.
 */
export function scoreItem(item: CockpitItem): WorstItem {
  const reasons: WorstReason[] = [];
  let score = 0;
  if (item.health === 'done' || item.health === 'not_started') return { item, score: 0, reasons };
  const base = HEALTH_SCORE[item.health];
  if (base !== undefined) {
    const shortfall = item.ratio === null ? 0 : Math.min(50, Math.max(0, (1 - item.ratio) * 50));
    score += base + shortfall;
    reasons.push({ code: 'HEALTH', health: item.health, why: item.why });
  }
  if (item.overdueDays > 0) {
    score += 40 + Math.min(60, item.overdueDays);
    reasons.push({ code: 'OVERDUE', days: item.overdueDays });
  }
  const levels = [item.confidence?.unit, item.confidence?.independent].filter((a) => a != null);
  const worst = levels.sort((a, b) => confidenceRank(b.level) - confidenceRank(a.level))[0];
  if (worst && confidenceRank(worst.level) >= confidenceRank('amber')) {
    score += 10 * (confidenceRank(worst.level) - confidenceRank('amber_green'));
    reasons.push({ code: 'LOW_CONFIDENCE', level: worst.level, source: worst.source });
  }
  for (const d of item.confidence?.disagreements ?? []) {
    if (d.direction === 'optimistic') score += 15;
    reasons.push({ code: 'DISAGREEMENT', disagreement: d });
  }
  if (item.slipDays > 0) {
    score += Math.min(30, Math.floor(item.slipDays / 10));
    reasons.push({ code: 'SLIPPED', days: item.slipDays });
  }
  if (item.openNotices > 0) {
    score += Math.min(30, 10 * item.openNotices);
    reasons.push({ code: 'OPEN_NOTICES', count: item.openNotices });
  }
  if (item.pendingExtensions > 0) {
    score += 5;
    reasons.push({ code: 'PENDING_EXTENSION', count: item.pendingExtensions });
  }
  const order: WorstReason['code'][] = [
    'HEALTH',
    'OVERDUE',
    'LOW_CONFIDENCE',
    'DISAGREEMENT',
    'SLIPPED',
    'OPEN_NOTICES',
    'PENDING_EXTENSION',
  ];
  reasons.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
  return { item, score: Math.round(score * 10) / 10, reasons };
}

/**
 * The `limit` worst items (default ten), worst first; ties by type (targets first) then id.
 * Items scoring 0 (done, not started, nothing wrong) are never listed.
 */
export function deriveWorstItems(items: readonly CockpitItem[], limit = 10): WorstItem[] {
  const scored: WorstItem[] = [];
  for (const item of items) {
    const s = scoreItem(item);
    if (s.score > 0) scored.push(s);
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.item.type === b.item.type ? 0 : a.item.type === 'target' ? -1 : 1) ||
      a.item.id - b.item.id,
  );
  return scored.slice(0, limit);
}

/** Commitments whose confidences disagree with each other or with health. */
export function listDisagreements(items: readonly CockpitItem[]): CockpitItem[] {
  return items.filter((i) => (i.confidence?.disagreements.length ?? 0) > 0);
}

/** A lead unit's standing. */
export interface UnitStanding {
  unitId: number;
  /** Commitments it leads. */
  items: number;
  onTrack: number;
  atRisk: number;
  behind: number;
  done: number;
  /** Without a judged health yet (no figure, not started). */
  unjudged: number;
  overdue: number;
  openNotices: number;
  /**
   * 0–100: (on track + done + half of at risk) over the judged ones; null when none is judged.
   * Units are ranked by it, then by fewer overdue, then by more items.
   */
  score: number | null;
  /** 1 the best; units without a score come last, unranked (null). */
  rank: number | null;
}

/**
 * The lead units ranked, best first (the cockpit shows both ends). Items without a lead unit
 * are left out.
 */
export function rankLeadUnits(items: readonly CockpitItem[]): UnitStanding[] {
  const byUnit = new Map<number, UnitStanding>();
  for (const item of items) {
    if (item.leadUnitId === null) continue;
    let s = byUnit.get(item.leadUnitId);
    if (!s) {
      s = {
        unitId: item.leadUnitId,
        items: 0,
        onTrack: 0,
        atRisk: 0,
        behind: 0,
        done: 0,
        unjudged: 0,
        overdue: 0,
        openNotices: 0,
        score: null,
        rank: null,
      };
      byUnit.set(item.leadUnitId, s);
    }
    s.items++;
    if (item.health === 'on_track') s.onTrack++;
    else if (item.health === 'at_risk') s.atRisk++;
    else if (item.health === 'behind') s.behind++;
    else if (item.health === 'done') s.done++;
    else s.unjudged++;
    if (item.overdueDays > 0) s.overdue++;
    s.openNotices += item.openNotices;
  }
  const list = [...byUnit.values()];
  for (const s of list) {
    const judged = s.onTrack + s.atRisk + s.behind + s.done;
    s.score = judged === 0 ? null : Math.round(((s.onTrack + s.done + s.atRisk / 2) / judged) * 1000) / 10;
  }
  list.sort(
    (a, b) =>
      (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      a.overdue - b.overdue ||
      b.items - a.items ||
      a.unitId - b.unitId,
  );
  let rank = 0;
  let previous: UnitStanding | undefined;
  for (const s of list) {
    if (s.score === null) continue;
    rank++;
    // Equal standing, equal rank (1, 2, 2, 4).
    s.rank = previous && previous.score === s.score && previous.overdue === s.overdue ? previous.rank : rank;
    previous = s;
  }
  return list;
}
