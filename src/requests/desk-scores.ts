/**
 * The desk's figures per unit and month (issue 20), shown beside 三率 and scored when the
 * scheme in force says so (ScoringScheme.options):
 *
 * - 直接答复率: of the calls in a unit's remit received in the month — those answered on the spot
 *   from the unit's knowledge entries, and those dispatched to it as lead — the share answered on
 *   the spot. A call answered from the knowledge base and later reopened (the answer did not
 *   help) counts for the unit it is dispatched to, and nowhere before. Sources the scheme excludes (grid finds) count nowhere.
 * - 知识库维护率: on the month's last day, of the unit's entries in force, the share not past
 *   their review date.
 * - 答复质检合格率: of the checks of the unit's replies in the month (rules and checkers), the
 *   share passed (answer-review.ts).
 *
 * A figure with nothing to count is null and not scored: its share goes back to the others.
 */
import { deriveCheckRates } from './answer-review.js';
import type { ReplyCheckRecord } from './answer-review.js';
import { findVersionInForce } from './knowledge.js';
import type { KnowledgeEntry } from './knowledge.js';
import { DEFAULT_SCHEMES, SCHEME_OPTION_KEYS, beijingMonth, getScoringScheme } from './scoring.js';
import type { SchemeHistory, SchemeOptions, UnitMonthScore } from './scoring.js';
import type { WorkOrder } from './types.js';

export interface DeskRate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface DeskFigures {
  unitId: number;
  month: string;
  directAnswer: DeskRate;
  knowledgeUpkeep: DeskRate;
  answerQuality: DeskRate;
}

/** What the direct-answer rate needs of an order (a WorkOrder has all of it). */
export type DeskOrder = Pick<
  WorkOrder,
  'id' | 'source' | 'receivedAt' | 'leadUnitId' | 'directAnswer' | 'status'
>;

/** A unit's calls of a month: answered on the spot from its entries, and dispatched to it. */
export interface UnitCalls {
  unitId: number;
  direct: number;
  dispatched: number;
}

export interface DeskInputs {
  orders: Iterable<DeskOrder>;
  entries: Iterable<KnowledgeEntry>;
  checks: Iterable<ReplyCheckRecord>;
}

const rate = (numerator: number, denominator: number): DeskRate => ({
  numerator,
  denominator,
  value: denominator ? Math.round((numerator / denominator) * 1e6) / 1e6 : null,
});

const BEIJING_MS = 8 * 3_600_000;

/**
 * The instants (UTC ISO) a Beijing month starts at and the next starts at.
 * @example beijingMonthBounds('2025-03') // { from: '2025-02-28T16:00:00.000Z', to: '2025-03-31T16:00:00.000Z' }
 */
export function beijingMonthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(y, m - 1, 1) - BEIJING_MS).toISOString(),
    to: new Date(Date.UTC(y, m, 1) - BEIJING_MS).toISOString(),
  };
}

/** The last day (YYYY-MM-DD) of a month (YYYY-MM). */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The calls of each unit received in the month (Beijing): a call counts as answered on the
 * spot while it stays closed without a unit; once dispatched it counts for its lead unit.
 * Sources the scheme excludes count nowhere (the store sums the same in SQL).
 */
export function countUnitCalls(
  orders: Iterable<DeskOrder>,
  month: string,
  history: SchemeHistory = DEFAULT_SCHEMES,
): UnitCalls[] {
  const scheme = getScoringScheme(history, month);
  const calls = new Map<number, UnitCalls>();
  const of = (unitId: number) => {
    let c = calls.get(unitId);
    if (!c) calls.set(unitId, (c = { unitId, direct: 0, dispatched: 0 }));
    return c;
  };
  for (const order of orders) {
    if (scheme.excludedSources.includes(order.source) || beijingMonth(order.receivedAt) !== month) continue;
    if (order.leadUnitId !== null) of(order.leadUnitId).dispatched++;
    // Reopened after a direct answer and not yet dispatched: it counts once it is dispatched.
    else if (order.directAnswer && order.status === 'closed') of(order.directAnswer.unitId).direct++;
  }
  return [...calls.values()].sort((a, b) => a.unitId - b.unitId);
}

/**
 * The three figures of every unit that has something to count in the month, sorted by unit id.
 * @example
 * deriveDeskFigures({ orders, entries, checks }, '2025-03')[0]?.directAnswer.value // 0.25
 */
export function deriveDeskFigures(
  inputs: DeskInputs,
  month: string,
  history: SchemeHistory = DEFAULT_SCHEMES,
): DeskFigures[] {
  return deriveDeskFiguresFromCalls(
    { calls: countUnitCalls(inputs.orders, month, history), entries: inputs.entries, checks: inputs.checks },
    month,
  );
}

/** The same from calls counted in SQL (the store's countUnitCalls), for millions of orders. */
export function deriveDeskFiguresFromCalls(
  inputs: {
    calls: readonly UnitCalls[];
    entries: Iterable<KnowledgeEntry>;
    checks: Iterable<ReplyCheckRecord>;
  },
  month: string,
): DeskFigures[] {
  const counts = new Map<number, { direct: number; dispatched: number; fresh: number; live: number }>();
  const of = (unitId: number) => {
    let c = counts.get(unitId);
    if (!c) {
      c = { direct: 0, dispatched: 0, fresh: 0, live: 0 };
      counts.set(unitId, c);
    }
    return c;
  };
  for (const call of inputs.calls) {
    const c = of(call.unitId);
    c.direct += call.direct;
    c.dispatched += call.dispatched;
  }
  const day = lastDayOfMonth(month);
  for (const entry of inputs.entries) {
    const live = findVersionInForce(entry, day);
    if (!live) continue;
    const c = of(live.ownerUnitId);
    c.live++;
    if (live.reviewBy >= day) c.fresh++;
  }
  const quality = new Map(deriveCheckRates(inputs.checks, month).map((r) => [r.unitId, r]));
  for (const unitId of quality.keys()) of(unitId);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([unitId, c]) => {
      const q = quality.get(unitId);
      const checked = q ? q.rules.checked + q.sample.checked + q.unsatisfied.checked : 0;
      const passed = q ? q.rules.passed + q.sample.passed + q.unsatisfied.passed : 0;
      return {
        unitId,
        month,
        directAnswer: rate(c.direct, c.direct + c.dispatched),
        knowledgeUpkeep: rate(c.fresh, c.live),
        answerQuality: rate(passed, checked),
      };
    });
}

const NAMES: Record<keyof SchemeOptions, string> = {
  directAnswer: '直接答复率',
  knowledgeUpkeep: '知识库维护率',
  answerQuality: '答复质检合格率',
};

const pct = (v: number) => `${(Math.round(v * 10000) / 100).toFixed(2)}%`;

/**
 * The month's scores with the overall blended as the scheme in force says: the 三率 composite
 * weighs 1 − the options' shares, each option its share × its figure (as 0–100); an option
 * without a figure for the unit gives its share back (the others are scaled up). Scores stay as
 * they were when the scheme scores no option; a unit without a 三率 composite stays unscored.
 * @example
 * applySchemeOptions(scores, figures, '2025-03', history)[0]?.overall // 88.4
 */
export function applySchemeOptions(
  scores: readonly UnitMonthScore[],
  figures: readonly DeskFigures[],
  month: string,
  history: SchemeHistory = DEFAULT_SCHEMES,
): UnitMonthScore[] {
  const options = getScoringScheme(history, month).options;
  const scored = SCHEME_OPTION_KEYS.filter((key) => options[key] > 0);
  if (scored.length === 0) return [...scores];
  const byUnit = new Map(figures.filter((f) => f.month === month).map((f) => [f.unitId, f]));
  const base = 1 - scored.reduce((sum, key) => sum + options[key], 0);
  return scores.map((score) => {
    if (score.overall === null) return score;
    const figure = byUnit.get(score.unitId);
    let weight = base;
    let total = base * score.overall;
    const parts = [`${Math.round(base * 1000) / 1000}×三率综合${score.overall}`];
    const missing: string[] = [];
    for (const key of scored) {
      const value = figure?.[key].value ?? null;
      if (value === null) {
        missing.push(NAMES[key]);
        continue;
      }
      weight += options[key];
      total += options[key] * value * 100;
      parts.push(`${options[key]}×${NAMES[key]}${pct(value)}`);
    }
    const overall = Math.round((total / weight) * 100) / 100;
    const note =
      `；计入服务台指标：(${parts.join(' + ')})` +
      (weight < 1 - 1e-9 ? ` ÷ ${Math.round(weight * 1000) / 1000}` : '') +
      ` = ${overall}` +
      (missing.length ? `（${missing.join('、')}本月无数据，其权重按比例分摊）` : '');
    return { ...score, overall, explanation: score.explanation + note };
  });
}
