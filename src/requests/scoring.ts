/**
 * 三率 — 响应率, 解决率, 满意率 — per unit and month from citizen-confirmed follow-ups (回访),
 * under a versioned scoring scheme: weights, partial credit and the minimum volume to be ranked
 * change over time, the history is kept, and any past month is recomputed and ranked under the
 * scheme then in force. Every figure carries its numerator, denominator and the orders behind it.
 *
 * The denominator rule: an order counts for its lead unit in month M when
 * 1. it is a complaint — not a grid worker's own find (未诉先办), whose source is `grid`;
 * 2. it is not exempted (e.g. the centre ruled the request unreasonable, 不合理诉求);
 * 3. the hotline reached the citizen on a follow-up in M (Beijing time). A follow-up that did
 *    not reach the citizen confirms nothing and counts nowhere.
 * When one order has several such follow-ups in M (reopened and called again), the last one
 * counts; follow-ups in other months count in those months. Each rate's denominator counts the
 * orders that answered that question.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { FollowUp, OrderSource, Satisfaction } from './types.js';

export interface ScoringScheme {
  version: number;
  /** First month (YYYY-MM) the scheme applies to. */
  effectiveFrom: string;
  note: string;
  /** Weights of the three rates in the overall score; they add up to 1. */
  weights: { response: number; resolution: number; satisfaction: number };
  /** Credit of each answer in 满意率 (满意 1 and 不满意 0 by default, 基本满意 in between). */
  satisfactionCredit: Record<Satisfaction, number>;
  /** Sources that are not complaints and never count. */
  excludedSources: OrderSource[];
  /** Orders a unit needs counted in the month to be ranked (rankUnits); a whole number ≥ 0. */
  minVolume: number;
  /** The desk's figures scored beside 三率 (issue 20): shares of the overall score, 0 = not scored. */
  options: SchemeOptions;
}

/**
 * Figures a scheme may score beside 三率 (desk-scores.ts), each as its share of the overall
 * score; the 三率 composite keeps the rest (1 − the sum). All 0: the overall is 三率 alone.
 */
export interface SchemeOptions {
  /** 直接答复率: calls in the unit's remit answered at once from its knowledge entries. */
  directAnswer: number;
  /** 知识库维护: the unit's entries in force that are not past their review date. */
  knowledgeUpkeep: number;
  /** 答复质检合格率: the unit's replies that passed the rules and the checkers. */
  answerQuality: number;
}

export const SCHEME_OPTION_KEYS = ['directAnswer', 'knowledgeUpkeep', 'answerQuality'] as const;

/** No option scored: what every scheme stored before the options had. */
export const NO_SCHEME_OPTIONS: SchemeOptions = { directAnswer: 0, knowledgeUpkeep: 0, answerQuality: 0 };

/** The minimum volume before this rule was versioned, and of schemes stored without one. */
export const DEFAULT_MIN_VOLUME = 10;

/**
 * A scheme as stored: those stored before `minVolume` was versioned lack it, those stored
 * before the desk's options (issue 20) lack `options`.
 */
export type StoredScoringScheme = Omit<ScoringScheme, 'minVolume' | 'options'> & {
  minVolume?: number;
  options?: Partial<SchemeOptions>;
};

/**
 * A stored scheme as the domain reads it: one stored before the minimum volume was part of a
 * scheme had the rankings' fixed minimum then, DEFAULT_MIN_VOLUME (10); one stored before the
 * options scored none of them.
 * @example
 * normalizeScoringScheme({ ...v1WithoutMinVolume }).minVolume // 10
 * normalizeScoringScheme({ ...v1WithoutMinVolume }).options // { directAnswer: 0, knowledgeUpkeep: 0, answerQuality: 0 }
 */
export function normalizeScoringScheme(stored: StoredScoringScheme): ScoringScheme {
  return {
    ...stored,
    minVolume: stored.minVolume ?? DEFAULT_MIN_VOLUME,
    options: { ...NO_SCHEME_OPTIONS, ...stored.options },
  };
}

/** Every scheme, oldest first; none is edited once added. */
export interface SchemeHistory {
  schemes: ScoringScheme[];
}

/**
 * The example scheme: weights 0.1 / 0.6 / 0.3 — 解决 first —, 基本满意 worth 0.8, and 10 counted
 * orders in the month to be ranked.
 */
export const DEFAULT_SCHEMES: SchemeHistory = {
  schemes: [
    {
      version: 1,
      effectiveFrom: '2024-01',
      note: '响应率10%、解决率60%、满意率30%；基本满意按0.8计',
      weights: { response: 0.1, resolution: 0.6, satisfaction: 0.3 },
      satisfactionCredit: { 满意: 1, 基本满意: 0.8, 不满意: 0 },
      excludedSources: ['grid'],
      minVolume: DEFAULT_MIN_VOLUME,
      options: NO_SCHEME_OPTIONS,
    },
  ],
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function assertMonth(month: string, path = 'month'): void {
  if (!MONTH.test(month))
    throw new AppError('BAD_INPUT', `Not a month (YYYY-MM): "${month}"`, [
      { path, message: 'expected YYYY-MM' },
    ]);
}

/**
 * The scheme in force for a month. Throws NOT_FOUND before the first scheme.
 * @example
 * getScoringScheme(DEFAULT_SCHEMES, '2024-07').version // 1
 */
export function getScoringScheme(history: SchemeHistory, month: string): ScoringScheme {
  assertMonth(month);
  let found: ScoringScheme | undefined;
  for (const s of history.schemes) if (s.effectiveFrom <= month) found = s;
  if (!found) throw new AppError('NOT_FOUND', `No scoring scheme in force for ${month}`);
  return found;
}

/**
 * A history with one more scheme, from a month after the last scheme's and not before
 * `currentMonth` (past months keep their scheme). Weights must add up to 1, credits lie in
 * [0, 1] and the minimum volume is a whole number ≥ 0. Throws BAD_INPUT with every problem.
 * @example
 * addScoringScheme(DEFAULT_SCHEMES, { effectiveFrom: '2025-01', note: '', weights, satisfactionCredit, excludedSources: ['grid'], minVolume: 10 }, '2024-12')
 */
export function addScoringScheme(
  history: SchemeHistory,
  draft: Omit<ScoringScheme, 'version' | 'options'> & {
    options?: Partial<Record<keyof SchemeOptions, number | undefined>> | undefined;
  },
  currentMonth: string,
): SchemeHistory {
  const problems: ErrorDetail[] = [];
  if (!MONTH.test(draft.effectiveFrom)) problems.push({ path: 'effectiveFrom', message: 'expected YYYY-MM' });
  else {
    if (draft.effectiveFrom < currentMonth)
      problems.push({ path: 'effectiveFrom', message: 'is a past month: past scores keep their scheme' });
    const last = history.schemes.at(-1);
    if (last && draft.effectiveFrom <= last.effectiveFrom) {
      problems.push({
        path: 'effectiveFrom',
        message: `must come after version ${last.version} (${last.effectiveFrom})`,
      });
    }
  }
  const w = draft.weights;
  for (const [key, value] of Object.entries(w)) {
    if (!(value >= 0)) problems.push({ path: `weights.${key}`, message: 'must be ≥ 0' });
  }
  if (Math.abs(w.response + w.resolution + w.satisfaction - 1) > 1e-9) {
    problems.push({ path: 'weights', message: 'must add up to 1' });
  }
  for (const [key, value] of Object.entries(draft.satisfactionCredit)) {
    if (!(value >= 0 && value <= 1))
      problems.push({ path: `satisfactionCredit.${key}`, message: 'must lie in [0, 1]' });
  }
  if (!(Number.isInteger(draft.minVolume) && draft.minVolume >= 0))
    problems.push({ path: 'minVolume', message: 'must be a whole number ≥ 0' });
  const options: SchemeOptions = {
    directAnswer: draft.options?.directAnswer ?? 0,
    knowledgeUpkeep: draft.options?.knowledgeUpkeep ?? 0,
    answerQuality: draft.options?.answerQuality ?? 0,
  };
  for (const key of SCHEME_OPTION_KEYS) {
    if (!(options[key] >= 0 && options[key] < 1))
      problems.push({ path: `options.${key}`, message: 'must lie in [0, 1)' });
  }
  // 三率 stay in every score: the options share what is left of 1, never all of it.
  if (SCHEME_OPTION_KEYS.reduce((sum, key) => sum + options[key], 0) >= 1 - 1e-9)
    problems.push({ path: 'options', message: 'must add up to less than 1' });
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'The scoring scheme is not valid', problems);
  const version = (history.schemes.at(-1)?.version ?? 0) + 1;
  return { schemes: [...history.schemes, { ...structuredClone(draft), options, version }] };
}

/** What scoring needs from an order (a WorkOrder has all of it). */
export interface ScorableOrder {
  id: number;
  leadUnitId: number | null;
  source: OrderSource;
  followUps: FollowUp[];
  /** Set when the centre exempted the order from scoring, with its reason. */
  exemption?: { reason: string } | null;
}

/** One rate with what it is made of. `value` is null when nothing was answered. */
export interface RateFigure {
  numerator: number;
  denominator: number;
  value: number | null;
  /** Orders in the denominator with their credit (1, 0 or partial). */
  orders: { orderId: number; credit: number }[];
}

export interface UnitMonthScore {
  unitId: number;
  month: string;
  schemeVersion: number;
  /** Orders counted (the denominator rule). */
  volume: number;
  response: RateFigure;
  resolution: RateFigure;
  satisfaction: RateFigure;
  /** 0–100, weighted by the scheme; null when a rate has no answers. */
  overall: number | null;
  /** Orders of the unit left out, with why. */
  excluded: { orderId: number; reason: string }[];
  /** The whole computation in words. */
  explanation: string;
}

const BEIJING_MS = 8 * 3_600_000;

const MONTH_KEYS = new Map<number, string>();

/**
 * The Beijing month (YYYY-MM) of an instant. Hot in 三率 and hotspots over millions of orders,
 * so it avoids formatting a string per call.
 * @example
 * beijingMonth('2024-07-31T17:00:00Z') // '2024-08'
 */
export function beijingMonth(instant: string): string {
  const date = new Date(Date.parse(instant) + BEIJING_MS);
  const index = date.getUTCFullYear() * 12 + date.getUTCMonth();
  let key = MONTH_KEYS.get(index);
  if (key === undefined) {
    key = date.toISOString().slice(0, 7);
    MONTH_KEYS.set(index, key);
  }
  return key;
}

function emptyRate(): RateFigure {
  return { numerator: 0, denominator: 0, value: null, orders: [] };
}

function addCredit(rate: RateFigure, orderId: number, credit: number): void {
  rate.numerator += credit;
  rate.denominator += 1;
  rate.orders.push({ orderId, credit });
}

const pct = (v: number | null): string => (v === null ? '—' : `${(Math.round(v * 10000) / 100).toFixed(2)}%`);
const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/**
 * 三率 and the overall score of every unit for a month, under the scheme in force then; units
 * with orders but none counted still appear (with their exclusions). Sorted by unit id.
 * @example
 * computeMonthlyScores(orders, '2024-07', DEFAULT_SCHEMES)[0]?.overall // 87.2
 */
export function computeMonthlyScores(
  orders: Iterable<ScorableOrder>,
  month: string,
  history: SchemeHistory = DEFAULT_SCHEMES,
): UnitMonthScore[] {
  const scheme = getScoringScheme(history, month);
  const units = new Map<number, UnitMonthScore>();
  const unitOf = (unitId: number): UnitMonthScore => {
    let score = units.get(unitId);
    if (!score) {
      score = {
        unitId,
        month,
        schemeVersion: scheme.version,
        volume: 0,
        response: emptyRate(),
        resolution: emptyRate(),
        satisfaction: emptyRate(),
        overall: null,
        excluded: [],
        explanation: '',
      };
      units.set(unitId, score);
    }
    return score;
  };
  for (const order of orders) {
    if (order.leadUnitId === null) continue;
    let last: FollowUp | undefined;
    for (const f of order.followUps) if (f.reached && beijingMonth(f.at) === month) last = f;
    if (!last) continue;
    const score = unitOf(order.leadUnitId);
    if (scheme.excludedSources.includes(order.source)) {
      score.excluded.push({ orderId: order.id, reason: `来源 ${order.source}（未诉先办）不计入` });
      continue;
    }
    if (order.exemption) {
      score.excluded.push({ orderId: order.id, reason: `免责：${order.exemption.reason}` });
      continue;
    }
    score.volume++;
    if (last.contacted !== null) addCredit(score.response, order.id, last.contacted ? 1 : 0);
    if (last.resolved !== null) addCredit(score.resolution, order.id, last.resolved ? 1 : 0);
    if (last.satisfaction !== null)
      addCredit(score.satisfaction, order.id, scheme.satisfactionCredit[last.satisfaction]);
  }
  const w = scheme.weights;
  for (const score of units.values()) {
    for (const rate of [score.response, score.resolution, score.satisfaction]) {
      rate.numerator = round(rate.numerator);
      rate.value = rate.denominator ? round(rate.numerator / rate.denominator) : null;
    }
    const { response: r, resolution: s, satisfaction: m } = score;
    score.overall =
      r.value === null || s.value === null || m.value === null
        ? null
        : Math.round((w.response * r.value + w.resolution * s.value + w.satisfaction * m.value) * 10000) /
          100;
    score.explanation =
      `${month} 按评分方案第${scheme.version}版：计入 ${score.volume} 件（已回访到市民的诉求，不含未诉先办和免责工单）。` +
      `响应率 ${r.numerator}/${r.denominator} = ${pct(r.value)}；解决率 ${s.numerator}/${s.denominator} = ${pct(s.value)}；` +
      `满意率 ${m.numerator}/${m.denominator} = ${pct(m.value)}（基本满意按${scheme.satisfactionCredit['基本满意']}计）；` +
      `综合 = ${w.response}×响应率 + ${w.resolution}×解决率 + ${w.satisfaction}×满意率 = ${score.overall ?? '—'}` +
      (score.excluded.length ? `；未计入 ${score.excluded.length} 件` : '');
  }
  return [...units.values()].sort((a, b) => a.unitId - b.unitId);
}

/** One unit's follow-up counts for a month, summed in SQL (the denominator rule above). */
export interface UnitMonthCounts {
  unitId: number;
  /** Counted orders (a complaint, not exempt, reached in the month). */
  volume: number;
  contactedYes: number;
  contactedAnswered: number;
  resolvedYes: number;
  resolvedAnswered: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** Left out: grid finds (by source) and exempted orders. */
  excludedSources: number;
  excludedExempt: number;
}

/**
 * 三率 from counts summed in SQL (the store's countMonthlyFollowUps), under the scheme in force in
 * `month`: the same figures as computeMonthlyScores, without the per-order list (the counts
 * stay in SQL for millions of orders), with the explanation in words.
 */
export function deriveScoresFromCounts(
  counts: readonly UnitMonthCounts[],
  month: string,
  history: SchemeHistory,
): UnitMonthScore[] {
  const scheme = getScoringScheme(history, month);
  const credit = scheme.satisfactionCredit;
  const w = scheme.weights;
  return counts.map((c) => {
    const rate = (numerator: number, denominator: number) => ({
      numerator: round(numerator),
      denominator,
      value: denominator ? round(numerator / denominator) : null,
      orders: [],
    });
    const r = rate(c.contactedYes, c.contactedAnswered);
    const s = rate(c.resolvedYes, c.resolvedAnswered);
    const m = rate(
      c.satisfied * credit['满意'] +
        c.basicallySatisfied * credit['基本满意'] +
        c.dissatisfied * credit['不满意'],
      c.satisfied + c.basicallySatisfied + c.dissatisfied,
    );
    const overall =
      r.value === null || s.value === null || m.value === null
        ? null
        : Math.round((w.response * r.value + w.resolution * s.value + w.satisfaction * m.value) * 10000) /
          100;
    const excluded = c.excludedSources + c.excludedExempt;
    return {
      unitId: c.unitId,
      month,
      schemeVersion: scheme.version,
      volume: c.volume,
      response: r,
      resolution: s,
      satisfaction: m,
      overall,
      excluded: [],
      explanation:
        `${month} 按评分方案第${scheme.version}版：计入 ${c.volume} 件（已回访到市民的诉求，不含未诉先办和免责工单）。` +
        `响应率 ${r.numerator}/${r.denominator} = ${pct(r.value)}；解决率 ${s.numerator}/${s.denominator} = ${pct(s.value)}；` +
        `满意率 ${m.numerator}/${m.denominator} = ${pct(m.value)}（基本满意按${credit['基本满意']}计）；` +
        `综合 = ${w.response}×响应率 + ${w.resolution}×解决率 + ${w.satisfaction}×满意率 = ${overall ?? '—'}` +
        (excluded
          ? `；未计入 ${excluded} 件（未诉先办 ${c.excludedSources}，免责 ${c.excludedExempt}）`
          : ''),
    };
  });
}
