/**
 * What a target should show by a date (expected value, 序时进度) and whether a figure achieves
 * it. Pure: the caller passes the date.
 *
 * A target measures one of three things, which decides its path through the year:
 * - `flow`: an amount counted from zero over the period (新增就业9000人, 40个项目签约):
 *   expected = target × elapsed share.
 * - `level`: a stock with a baseline (森林覆盖率 48.3% → 48.5%以上): expected moves from the
 *   baseline to the target.
 * - `rate`: a figure compared as it is at every date (地区生产总值增长6.5%左右, 失业率5%以内):
 *   the cumulative-to-date rate is compared with the target itself, so expected is flat.
 */
import { AppError } from '../errors.js';
import type { Comparator } from '../report/types.js';
import { daysInMonth, elapsedShare, parsePeriodSpan, toDayNumber } from './dates.js';
import { DEFAULT_HEALTH_CONFIG } from './thresholds.js';
import type { HealthTolerances } from './thresholds.js';
import type { Baseline, Direction } from './types.js';

export type TargetMeasure = 'flow' | 'level' | 'rate';

/** Which side of the target is good: more, less, or close to it. */
export type GoodSide = 'higher' | 'lower' | 'near';

/** The fields of a Target that expectation reads. */
export interface TargetLike {
  comparator: Comparator;
  value: number;
  unit: string;
  metric: string;
  period: string;
  direction: Direction | null;
  baseline: Baseline | null;
}

/** An interim target: by `date`, the figure should be `value` (e.g. 上半年完成4500人). */
export interface TargetMilestone {
  date: string;
  value: number;
}

export interface ExpectationOptions {
  /** Overrides `deriveTargetMeasure`. */
  measure?: TargetMeasure;
  /** The span the target runs over; default from `target.period` ("2022" → the year). */
  start?: string;
  end?: string;
  /** Interim targets: expected steps to each milestone's value on its date (stepped). */
  milestones?: TargetMilestone[];
  /**
   * Last year's actual amounts, one per calendar month of the span (12 for a year): expected
   * follows their cumulative share instead of a straight line (seasonal profile).
   */
  seasonal?: number[];
}

export type ExpectationMethod = 'linear' | 'stepped' | 'seasonal' | 'flat';

export interface ExpectedValue {
  /** What the figure should be by the date. */
  value: number;
  /** Where the path starts (baseline for a level, 0 for a flow, the target for a rate). */
  from: number;
  /** Where it ends: the target value. */
  to: number;
  /** Share of the way expected by the date, 0–1. */
  share: number;
  method: ExpectationMethod;
  measure: TargetMeasure;
  start: string;
  end: string;
}

const RATE_METRIC = /(增长|增速|增幅|涨幅|下降|降低|降幅|减少|提高|提升)$/;
// 涨幅 (a price rise) is left out on purpose: a CPI 涨幅3%左右 is not better for being higher.
const RISING_METRIC = /(增长|增速|增幅|增加|提高|提升|新增)/;
const DECLINE_RATE = /(下降|降低|降幅|减少)$/;
const FALLING_METRIC = /(下降|降低|降幅|减少|压减|净减|削减)/;
const EPSILON = 1e-9;

/**
 * Folds full-width and spacing variants so that "％" and "%" are one unit.
 * @example
 * normalizeUnit(' ％ ') // '%'
 */
export function normalizeUnit(unit: string): string {
  return unit.replace(/\s+/g, '').replace(/％/g, '%');
}

function isRatioUnit(unit: string): boolean {
  const u = normalizeUnit(unit);
  return u === '%' || u === '' || u === '‰' || u === '个百分点';
}

function usableBaseline(target: TargetLike): Baseline | null {
  const b = target.baseline;
  return b && normalizeUnit(b.unit) === normalizeUnit(target.unit) ? b : null;
}

/**
 * The kind of figure a target measures, from its metric, unit and baseline:
 * a metric ending in 增长/下降… is a rate; a ratio unit (%, "") is a level when it has a
 * baseline in the same unit, else a rate; any other unit is a level with a baseline, else a flow.
 * Heuristic: the caller may override it (`ExpectationOptions.measure`).
 * @example
 * deriveTargetMeasure({ metric: '地区生产总值增长', unit: '%', ... }) // 'rate'
 * deriveTargetMeasure({ metric: '新增市场主体', unit: '万户', baseline: null, ... }) // 'flow'
 */
export function deriveTargetMeasure(target: TargetLike): TargetMeasure {
  if (RATE_METRIC.test(target.metric) && isRatioUnit(target.unit)) return 'rate';
  const baseline = usableBaseline(target);
  if (isRatioUnit(target.unit)) return baseline ? 'level' : 'rate';
  return baseline ? 'level' : 'flow';
}

/**
 * The good side of a target: the comparator decides when it can (以上/超过 higher, 以内 lower);
 * a rate of decline (下降3%) is better the larger it is; for other 左右 and exact targets the
 * direction, then the metric's wording (增长 / 下降), then the
 * measure (a flow: more is better; a level: towards the target from the baseline); else near.
 * @example
 * deriveGoodSide({ comparator: '<=', metric: '城镇调查失业率', ... }) // 'lower'
 */
export function deriveGoodSide(
  target: TargetLike,
  measure: TargetMeasure = deriveTargetMeasure(target),
): GoodSide {
  if (target.comparator === '>=' || target.comparator === '>') return 'higher';
  if (target.comparator === '<=') return 'lower';
  // "单位GDP能耗下降3%": the figure is the size of the fall, so a bigger fall is better,
  // whatever direction the target was given.
  if (measure === 'rate' && DECLINE_RATE.test(target.metric)) return 'higher';
  if (target.direction === 'rising') return 'higher';
  if (target.direction === 'falling') return 'lower';
  if (FALLING_METRIC.test(target.metric)) return 'lower';
  if (RISING_METRIC.test(target.metric)) return 'higher';
  if (measure === 'flow') return 'higher';
  const baseline = usableBaseline(target);
  if (measure === 'level' && baseline && baseline.value !== target.value) {
    return target.value > baseline.value ? 'higher' : 'lower';
  }
  return 'near';
}

/**
 * The allowed distance from the target for a 左右 or exact figure: a share of |value|.
 * @example
 * deriveTolerance({ comparator: '~', value: 6.5, ... }) // 0.325 with the default 5%
 */
export function deriveTolerance(
  target: Pick<TargetLike, 'comparator' | 'value'>,
  tolerances: HealthTolerances = DEFAULT_HEALTH_CONFIG.tolerances,
): number {
  if (target.comparator === '~') return tolerances.approx * Math.abs(target.value);
  if (target.comparator === '=') return tolerances.exact * Math.abs(target.value);
  return 0;
}

/**
 * Whether a figure achieves the target, the comparator's meaning applied to the figure as the
 * target states it (a decline of 3.2 achieves 下降3%以上):
 * `>=` 以上 at least, `>` 超过 strictly more, `<=` 以内 at most; `~` 左右 and `=` within the
 * tolerance, or beyond it on the good side when the target has one (增长6.5%左右 is achieved by
 * 7%; 下降到30 by 28); with no good side they must stay within the tolerance both ways.
 * @example
 * isAchieved({ comparator: '~', value: 6.5, metric: '地区生产总值增长', unit: '%', ... }, 6.3) // true
 * isAchieved({ comparator: '<=', value: 5, metric: '城镇调查失业率', unit: '%', ... }, 5.1) // false
 */
export function isAchieved(
  target: TargetLike,
  actual: number,
  tolerances: HealthTolerances = DEFAULT_HEALTH_CONFIG.tolerances,
  measure?: TargetMeasure,
): boolean {
  const v = target.value;
  switch (target.comparator) {
    case '>=':
      return actual >= v - EPSILON;
    case '>':
      return actual > v + EPSILON;
    case '<=':
      return actual <= v + EPSILON;
    case '~':
    case '=': {
      const tolerance = deriveTolerance(target, tolerances) + EPSILON;
      const side = deriveGoodSide(target, measure ?? deriveTargetMeasure(target));
      if (side === 'higher') return actual >= v - tolerance;
      if (side === 'lower') return actual <= v + tolerance;
      return Math.abs(actual - v) <= tolerance;
    }
  }
}

function resolveSpan(target: TargetLike, options: ExpectationOptions): { start: string; end: string } {
  const span = parsePeriodSpan(target.period);
  const start = options.start ?? span?.start;
  const end = options.end ?? span?.end;
  if (start === undefined || end === undefined) {
    throw new AppError('BAD_INPUT', `Target period "${target.period}" gives no dates; pass start and end`, [
      { path: 'period', message: 'expected "YYYY" or "YYYY-YYYY"' },
    ]);
  }
  if (toDayNumber(end) < toDayNumber(start)) {
    throw new AppError('BAD_INPUT', `Target span ends (${end}) before it starts (${start})`);
  }
  return { start, end };
}

/**
 * Monthly amounts from last year's cumulative figures (1–N月累计, as units report them), ready
 * for `ExpectationOptions.seasonal`. A month whose cumulative figure fell (a revision) counts 0.
 * @example
 * deriveSeasonalProfile([10, 25, 45]) // [10, 15, 20]
 */
export function deriveSeasonalProfile(cumulative: readonly number[]): number[] {
  const problems = cumulative
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => !Number.isFinite(v))
    .map(({ i }) => ({ path: `cumulative.${i}`, message: 'must be a number' }));
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'Invalid cumulative figures', problems);
  let previous = 0;
  return cumulative.map((v) => {
    const amount = Math.max(0, v - previous);
    previous = Math.max(previous, v);
    return amount;
  });
}

/** Cumulative share of a seasonal profile by the end of `date`, months interpolated by days. */
function seasonalShare(profile: number[], start: string, end: string, date: string): number {
  const [sy, sm] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const [ey, em] = [Number(end.slice(0, 4)), Number(end.slice(5, 7))];
  const months = (ey - sy) * 12 + (em - sm) + 1;
  const problems = profile
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => !Number.isFinite(v) || v < 0)
    .map(({ i }) => ({ path: `seasonal.${i}`, message: 'must be a number ≥ 0' }));
  if (profile.length !== months) {
    problems.push({ path: 'seasonal', message: `needs ${months} monthly figures, got ${profile.length}` });
  }
  const total = profile.reduce((a, b) => a + b, 0);
  if (problems.length === 0 && total <= 0) problems.push({ path: 'seasonal', message: 'adds up to 0' });
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'Invalid seasonal profile', problems);
  if (toDayNumber(date) < toDayNumber(start)) return 0;
  if (toDayNumber(date) >= toDayNumber(end)) return 1;
  const [dy, dm, dd] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const index = (dy - sy) * 12 + (dm - sm);
  let done = 0;
  for (let i = 0; i < index; i++) done += profile[i] ?? 0;
  done += ((profile[index] ?? 0) * dd) / daysInMonth(dy, dm);
  return done / total;
}

/**
 * The expected value of a target by the end of `date`: linear over its span by default (from
 * the baseline for a level, from 0 for a flow), stepped through interim milestones when given,
 * or along last year's seasonal profile when given; a rate is expected at its target all year.
 * Throws AppError BAD_INPUT when the span cannot be known or the options are inconsistent.
 * @example
 * // 新增城乡劳动力就业9000人 (flow, 2022), by 2022-06-30: 9000 × 181/365 ≈ 4463
 * deriveExpectedValue(target, '2022-06-30').value
 */
export function deriveExpectedValue(
  target: TargetLike,
  date: string,
  options: ExpectationOptions = {},
): ExpectedValue {
  const measure = options.measure ?? deriveTargetMeasure(target);
  const { start, end } = resolveSpan(target, options);
  const to = target.value;
  let from: number;
  if (measure === 'rate') from = to;
  else if (measure === 'flow') from = 0;
  else {
    const baseline = usableBaseline(target);
    if (!baseline) {
      throw new AppError('BAD_INPUT', `A level target needs a baseline in ${target.unit || 'its unit'}`, [
        { path: 'baseline', message: 'missing or in another unit' },
      ]);
    }
    from = baseline.value;
  }
  const base = { from, to, measure, start, end };
  const day = toDayNumber(date);

  if (options.milestones && options.milestones.length > 0) {
    const steps = [...options.milestones].sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date));
    let value = day >= toDayNumber(end) ? to : from;
    if (day < toDayNumber(end)) {
      for (const step of steps) if (toDayNumber(step.date) <= day) value = step.value;
    }
    const share = to === from ? (day >= toDayNumber(start) ? 1 : 0) : (value - from) / (to - from);
    return { ...base, value, share, method: 'stepped' };
  }
  if (measure === 'rate') {
    return { ...base, value: to, share: elapsedShare(start, end, date), method: 'flat' };
  }
  if (options.seasonal) {
    const share = seasonalShare(options.seasonal, start, end, date);
    return { ...base, value: from + (to - from) * share, share, method: 'seasonal' };
  }
  const share = elapsedShare(start, end, date);
  return { ...base, value: from + (to - from) * share, share, method: 'linear' };
}

/**
 * How much of what was expected by now a figure delivers (1 = exactly on 序时进度, above 1
 * ahead). Along a path (flow, level) it is progress made over progress expected since the
 * start; for a flat rate, or a cap whose path runs away from the good side, it is 1 minus the
 * shortfall on the bad side as a share of the expected figure. Nothing expected yet gives 1.
 * @example
 * // rate 6.5%左右, actual 6.0: 1 − 0.5/6.5 ≈ 0.923
 * deriveAttainment(target, 6.0, expected)
 */
export function deriveAttainment(
  target: TargetLike,
  actual: number,
  expected: ExpectedValue,
  tolerances: HealthTolerances = DEFAULT_HEALTH_CONFIG.tolerances,
): number {
  const side = deriveGoodSide(target, expected.measure);
  const pathDelta = expected.value - expected.from;
  const pathIsGood =
    expected.measure !== 'rate' &&
    Math.abs(pathDelta) > EPSILON &&
    (side === 'near' || (side === 'higher') === pathDelta > 0);
  if (pathIsGood) return (actual - expected.from) / pathDelta;
  if (expected.measure !== 'rate' && Math.abs(pathDelta) <= EPSILON) return 1;

  let shortfall: number;
  if (side === 'higher') shortfall = Math.max(0, expected.value - actual);
  else if (side === 'lower') shortfall = Math.max(0, actual - expected.value);
  else {
    const tolerance = deriveTolerance(target, tolerances) + EPSILON;
    shortfall = Math.max(0, Math.abs(actual - expected.value) - tolerance);
  }
  const scale = expected.measure === 'rate' ? Math.abs(expected.value) : Math.abs(pathDelta);
  return 1 - shortfall / (scale > EPSILON ? scale : 1);
}
