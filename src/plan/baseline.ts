/**
 * Baselines: a target's starting point, taken from the report's own achievements of the same
 * metric (森林覆盖率 48.3% in 2021 → 48.5%以上 by 2026; 地区生产总值 1270亿元 in 2021 → 增长6.5%左右
 * in 2022). Pure: no I/O.
 */
import type { Span } from '../report/types.js';

/** The fields of an item that baseline linking reads. */
export interface BaselineItem {
  metric: string;
  unit: string;
  period: string;
  span: Span;
}

// Words that say how a quantity moves rather than what it is: "地区生产总值年均增长" measures
// 地区生产总值. Longest first, so "提高到" goes before "提高".
const CHANGE_WORDS = [
  '年均增长',
  '年均下降',
  '提高到',
  '提升到',
  '提升至',
  '增长到',
  '增长至',
  '下降到',
  '下降至',
  '降低到',
  '降低至',
  '控制在',
  '保持在',
  '增长率',
  '增速',
  '增长',
  '提高',
  '提升',
  '下降',
  '降低',
  '达到',
  '增至',
  '降至',
];
const EDGE_NOISE = /^[的和及、,，\s“”"]+|[的和及、,，\s“”"]+$/g;
const MULTIPLIER = /^(万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百|十)/;
const SINGLE_YEAR = /^\d{4}$/;

/** What is measured, without the words for how it moves: "地区生产总值年均增长" → "地区生产总值". */
export function deriveMetricCore(metric: string): string {
  let core = metric.trim();
  for (const word of CHANGE_WORDS) core = core.split(word).join('');
  return core.replace(EDGE_NOISE, '');
}

/** True when the metric is a rate of change ("…增长", "…下降", "…增速") rather than a level. */
export function isChangeMetric(metric: string): boolean {
  return /增长|下降|增速|降低|提高|提升/.test(metric) && !/到|至|在/.test(metric.slice(-3));
}

/**
 * How alike two metric names are, 0–1: 1 for the same core, 0.8 when one core contains the
 * other (at least 3 characters), else the Dice coefficient of their character bigrams.
 * @example deriveMetricSimilarity('森林覆盖率', '森林覆盖率') // 1
 */
export function deriveMetricSimilarity(a: string, b: string): number {
  const x = deriveMetricCore(a);
  const y = deriveMetricCore(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 3 && long.includes(short)) return 0.8;
  return dice(bigrams(x), bigrams(y));
}

/** The unit without its multiplier: "万人" → "人", "亿元" → "元", "%" → "%". */
export function deriveBaseUnit(unit: string): string {
  const base = unit.replace(MULTIPLIER, '');
  return base === '' ? unit : base;
}

/** The smallest metric similarity that links a baseline. */
export const BASELINE_SIMILARITY = 0.75;

/**
 * For each target, the index of the achievement that is its baseline, or null.
 *
 * Rule: the achievement states a level at one past year (period "2021", not a five-year
 * total "2017-2021") before the target's first year; its metric matches the target's
 * (similarity ≥ 0.75, see deriveMetricSimilarity); and the units agree after folding the
 * multiplier — except that a growth target ("地区生产总值增长6.5%") takes the level it grows
 * from ("地区生产总值1270亿元"), never the past year's growth rate. Among several, the
 * most similar wins, then the latest year, then the one nearest before the target in the text.
 */
export function deriveBaselines(targets: BaselineItem[], achievements: BaselineItem[]): (number | null)[] {
  // Each achievement's facts are worked out once; achievements with the same core are also
  // indexed, so a target with an exact match (score 1, the best) never scans the others.
  const eligible = achievements.flatMap((achievement, index) => {
    if (!SINGLE_YEAR.test(achievement.period)) return [];
    return [
      {
        index,
        achievement,
        year: Number(achievement.period),
        isChange: isChangeMetric(achievement.metric),
        baseUnit: deriveBaseUnit(achievement.unit),
        core: deriveMetricCore(achievement.metric),
      },
    ];
  });
  const byCore = new Map<string, typeof eligible>();
  for (const e of eligible) {
    const list = byCore.get(e.core);
    if (list) list.push(e);
    else byCore.set(e.core, [e]);
  }
  return targets.map((target) => {
    const start = firstYear(target.period);
    if (start === undefined) return null;
    const targetIsChange = isChangeMetric(target.metric) && target.unit === '%';
    const targetUnit = deriveBaseUnit(target.unit);
    const pick = (candidates: typeof eligible, exact: boolean): number | null => {
      let best: { index: number; score: number; year: number; distance: number } | undefined;
      for (const { index, achievement, year, isChange, baseUnit } of candidates) {
        if (year >= start) continue;
        if (targetIsChange ? isChange || achievement.unit === '%' : isChange || baseUnit !== targetUnit)
          continue;
        const score = exact ? 1 : deriveMetricSimilarity(target.metric, achievement.metric);
        if (score < BASELINE_SIMILARITY) continue;
        const distance = Math.abs(target.span[0] - achievement.span[0]);
        if (
          !best ||
          score > best.score ||
          (score === best.score && (year > best.year || (year === best.year && distance < best.distance)))
        ) {
          best = { index, score, year, distance };
        }
      }
      return best ? best.index : null;
    };
    const core = deriveMetricCore(target.metric);
    return (core ? pick(byCore.get(core) ?? [], true) : null) ?? pick(eligible, false);
  });
}

function firstYear(period: string): number | undefined {
  const match = /^(\d{4})/.exec(period);
  return match ? Number(match[1]) : undefined;
}

function bigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i += 1) out.push(text.slice(i, i + 2));
  return out;
}

function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of a) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of b) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared += 1;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}
