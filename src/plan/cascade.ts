/**
 * Plans between levels (issue 16.3): a higher government's targets and tasks handed down to
 * the plans of the jurisdictions below it (任务下达), a lower plan's own targets linked to the
 * higher plan's (suggested by metric and unit), and the higher plan seeing each lower
 * jurisdiction's contribution, health and evidence rolled up through the links, every figure
 * able to say how it was made. Pure: the caller loads plans, links and figures.
 */
import { deriveBaseUnit, deriveMetricSimilarity, isChangeMetric } from './baseline.js';
import type { TargetLike } from './expected.js';
import { deriveTargetMeasure, normalizeUnit } from './expected.js';
import type { HealthResult } from './health.js';
import { deriveHealthFromRatio, deriveTargetHealth } from './health.js';
import { deriveRollup } from './rollup.js';
import type { RollupExplanation } from './rollup.js';
import type { HealthConfig } from './thresholds.js';
import { DEFAULT_HEALTH_CONFIG } from './thresholds.js';
import type { Health, Target, Task } from './types.js';

/** Where a handed-down or linked item comes from in the higher plan. */
export interface CascadeSource {
  planId: number;
  kind: 'target' | 'task';
  itemId: number;
}

/** What a lower plan gets when a target is handed down: the higher one's words and figure. */
export interface HandedDownTarget {
  metric: string;
  comparator: Target['comparator'];
  value: number;
  unit: string;
  period: string;
  direction: Target['direction'];
  quote: string;
  sentence: string;
  source: CascadeSource;
}

/**
 * The target a lower plan receives: the higher target as written, with the lower
 * jurisdiction's own figure when the higher office gives one (its 分解 share: 新增就业 2000 of
 * the city's 55万 for one district); a rate or a level is handed down as it stands.
 * @example deriveHandedDownTarget(cityJobs, { value: 2, unit: '万人' }).value // 2
 */
export function deriveHandedDownTarget(
  target: Pick<
    Target,
    | 'id'
    | 'planId'
    | 'metric'
    | 'comparator'
    | 'value'
    | 'unit'
    | 'period'
    | 'direction'
    | 'quote'
    | 'sentence'
  >,
  share?: { value: number; unit?: string },
): HandedDownTarget {
  return {
    metric: target.metric,
    comparator: target.comparator,
    value: share?.value ?? target.value,
    unit: share?.unit ?? target.unit,
    period: target.period,
    direction: target.direction,
    quote: target.quote,
    sentence: target.sentence,
    source: { planId: target.planId, kind: 'target', itemId: target.id },
  };
}

/** What a lower plan gets when a task is handed down. */
export interface HandedDownTask {
  text: string;
  source: CascadeSource;
}

/** @example deriveHandedDownTask(task).text // the task's sentence as the higher plan wrote it */
export function deriveHandedDownTask(task: Pick<Task, 'id' | 'planId' | 'text'>): HandedDownTask {
  return { text: task.text, source: { planId: task.planId, kind: 'task', itemId: task.id } };
}

/** A jurisdiction below, as a 分解表 column names it. */
export interface LowerJurisdiction {
  id: number;
  name: string;
}

/** A jurisdiction's name as offices shorten it: 上海市黄浦区, 黄浦区, 黄浦. */
function nameForms(name: string): string[] {
  const last =
    name.match(/.+?(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|地区|区|县|旗)/g)?.at(-1) ?? name;
  const short = last.replace(/(?:区|县|市|旗)$/, '');
  return [name, last, ...(short.length >= 2 ? [short] : [])];
}

/**
 * The jurisdictions a 分解表 cell (下达辖区) names: full names (上海市黄浦区), short names
 * (黄浦区, 黄浦), separated by 、，,；; or spaces; 全部 / 各区 / 各区县 names all of them.
 * Returns the ids found and the words that named none.
 * @example parseHandDownCell('黄浦区、静安', lower) // { ids: [2, 3], unknown: [] }
 */
export function parseHandDownCell(
  cell: string,
  lower: readonly LowerJurisdiction[],
): { ids: number[]; unknown: string[] } {
  const words = cell.split(/[、，,；;\s]+/).filter((w) => w !== '');
  if (words.some((w) => /^(全部|各区|各区县|各县区|各市|各地)$/.test(w)))
    return { ids: lower.map((j) => j.id), unknown: [] };
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const found = lower.find((j) => nameForms(j.name).includes(word));
    if (!found) unknown.push(word);
    else if (!ids.includes(found.id)) ids.push(found.id);
  }
  return { ids, unknown };
}

const MULTIPLIERS: [string, number][] = [
  ['万亿', 1e12],
  ['千亿', 1e11],
  ['百亿', 1e10],
  ['十亿', 1e9],
  ['亿', 1e8],
  ['千万', 1e7],
  ['百万', 1e6],
  ['十万', 1e5],
  ['万', 1e4],
  ['千', 1e3],
  ['百', 1e2],
  ['十', 10],
];

function multiplier(unit: string): number {
  const u = normalizeUnit(unit);
  for (const [prefix, factor] of MULTIPLIERS)
    if (u.startsWith(prefix) && u.length > prefix.length) return factor;
  return 1;
}

/**
 * A figure in one unit written in another of the same kind (万人 → 人), or undefined when the
 * units measure different things.
 * @example convertUnit(2.5, '万人', '人') // 25000
 */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (normalizeUnit(from) === normalizeUnit(to)) return value;
  if (deriveBaseUnit(normalizeUnit(from)) !== deriveBaseUnit(normalizeUnit(to))) return undefined;
  return (value * multiplier(from)) / multiplier(to);
}

/** A suggested link from a lower plan's target to a higher plan's. */
export interface LinkSuggestion {
  parentTargetId: number;
  childTargetId: number;
  /** 0–1: the metric similarity (deriveMetricSimilarity). */
  score: number;
  /** Why, in words for the office: 指标相近（0.8），单位相同. */
  reason: string;
}

/** The smallest metric similarity worth suggesting. */
export const LINK_SIMILARITY = 0.6;

/**
 * For each target of the lower plan, the higher plan's target it most likely serves: metrics
 * alike (≥ 0.6), units of one kind (亿元 and 万元, % and %), and both growth rates or both
 * levels (地区生产总值增长 never links to 地区生产总值). Targets already linked are left out;
 * the best first.
 * @example suggestCascadeLinks(cityTargets, districtTargets)[0] // { parentTargetId: 3, childTargetId: 41, score: 1, … }
 */
export function suggestCascadeLinks(
  parents: readonly Pick<Target, 'id' | 'metric' | 'unit'>[],
  children: readonly Pick<Target, 'id' | 'metric' | 'unit'>[],
  linked: ReadonlySet<number> = new Set(),
): LinkSuggestion[] {
  const out: LinkSuggestion[] = [];
  for (const child of children) {
    if (linked.has(child.id)) continue;
    let best: LinkSuggestion | undefined;
    for (const parent of parents) {
      if (isChangeMetric(parent.metric) !== isChangeMetric(child.metric)) continue;
      if (convertUnit(1, child.unit, parent.unit) === undefined) continue;
      const score = deriveMetricSimilarity(parent.metric, child.metric);
      if (score < LINK_SIMILARITY || (best && score <= best.score)) continue;
      const sameUnit = normalizeUnit(parent.unit) === normalizeUnit(child.unit);
      best = {
        parentTargetId: parent.id,
        childTargetId: child.id,
        score,
        reason: `指标${score === 1 ? '相同' : `相近（${Math.round(score * 100) / 100}）`}，${sameUnit ? '单位相同' : `单位可换算（${child.unit}→${parent.unit}）`}`,
      };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.score - a.score || a.childTargetId - b.childTargetId);
}

/** One lower jurisdiction's part in a higher target, as its own plan judges it. */
export interface Contribution {
  jurisdictionId: number;
  jurisdictionName: string;
  target: TargetLike & { id: number; planId: number };
  /** Its latest approved figure, as of a date; null when it has reported none. */
  latest: { value: number; asOf: string } | null;
  /** Its health as its own plan computes it. */
  health: HealthResult;
  /** Evidence files attached to its reports on this target. */
  evidence: number;
  /** Its weight in the roll-up of a rate (e.g. its share of the economy); 1 when not given. */
  weight?: number;
}

/** The higher target seen through its links. */
export interface CascadeRollup {
  /** `sum`: amounts add up (flows and levels in units of one kind); `weighted`: rates and the rest. */
  method: 'sum' | 'weighted';
  /** The higher target's figure from the lower ones: their total, or null when they do not add up. */
  total: number | null;
  /** Its health as the roll-up judges it. */
  health: Health;
  /** Attainment behind the health (1 = on 序时进度); null without figures. */
  ratio: number | null;
  /** Lower jurisdictions with a figure, of all linked. */
  reporting: number;
  linked: number;
  /** Jurisdictions by their own health (红黄绿 count). */
  byHealth: Partial<Record<Health, number>>;
  evidence: number;
  contributions: (Contribution & { converted: number | null })[];
  /** How the figure was made, in one line and per jurisdiction. */
  explain: { formula: string; rollup: RollupExplanation | null };
}

/**
 * What the lower jurisdictions' figures say of the higher target by `date`. Amounts (a flow
 * or level whose units convert, 新增就业 in 人 and 万人) are summed and the total judged
 * against the higher target as its own figure would be; rates (增长 %) and anything else roll
 * up as the weighted mean of each jurisdiction's attainment (rollup.ts, weights as given or
 * equal), a jurisdiction without a figure counting as nothing and lowering `reporting`.
 * @example deriveCascadeRollup(cityJobs, contributions, '2026-06-30').explain.formula
 * // '黄浦区 1.2万人 + 静安区 9000人 = 21000人'
 */
export function deriveCascadeRollup(
  parent: TargetLike,
  contributions: readonly Contribution[],
  date: string,
  config: HealthConfig = DEFAULT_HEALTH_CONFIG,
): CascadeRollup {
  const converted = contributions.map((c) => ({
    ...c,
    converted: c.latest ? (convertUnit(c.latest.value, c.target.unit, parent.unit) ?? null) : null,
  }));
  const byHealth: Partial<Record<Health, number>> = {};
  for (const c of contributions) byHealth[c.health.health] = (byHealth[c.health.health] ?? 0) + 1;
  const reporting = contributions.filter((c) => c.latest !== null).length;
  const evidence = contributions.reduce((n, c) => n + c.evidence, 0);
  const base = { reporting, linked: contributions.length, byHealth, evidence, contributions: converted };
  const fmt = (n: number) => String(Math.round(n * 100) / 100);

  const measure = deriveTargetMeasure(parent);
  const additive =
    measure !== 'rate' &&
    contributions.length > 0 &&
    contributions.every((c) => convertUnit(1, c.target.unit, parent.unit) !== undefined);
  if (additive) {
    const reported = converted.filter((c) => c.converted !== null);
    if (reported.length === 0) {
      return {
        ...base,
        method: 'sum',
        total: null,
        health: 'no_data',
        ratio: null,
        explain: { formula: '下级辖区尚未报送', rollup: null },
      };
    }
    const total = reported.reduce((sum, c) => sum + c.converted!, 0);
    const asOf = reported.map((c) => c.latest!.asOf).sort()[0]!;
    const judged = deriveTargetHealth(parent, [{ value: total, asOf }], date, { config });
    const terms = reported
      .map((c) => `${c.jurisdictionName} ${fmt(c.latest!.value)}${c.target.unit}`)
      .join(' + ');
    const missing = converted.filter((c) => c.converted === null).map((c) => c.jurisdictionName);
    return {
      ...base,
      method: 'sum',
      total,
      health: judged.health,
      ratio: judged.ratio,
      explain: {
        formula: `${terms} = ${fmt(total)}${parent.unit}${missing.length > 0 ? `（${missing.join('、')}未报送）` : ''}`,
        rollup: null,
      },
    };
  }
  const rollup = deriveRollup([
    { id: 'parent', parentId: null, label: '上级目标' },
    ...contributions.map((c) => ({
      id: String(c.jurisdictionId),
      parentId: 'parent',
      label: c.jurisdictionName,
      weight: c.weight ?? 1,
      // Attainment as a percentage of 序时进度; done counts as on track.
      value: c.health.health === 'done' ? 100 : c.health.ratio === null ? null : c.health.ratio * 100,
    })),
  ]);
  const figure = rollup.findFigure('parent')!;
  const ratio = figure.value === null ? null : figure.value / 100;
  return {
    ...base,
    method: 'weighted',
    total: null,
    health: ratio === null ? 'no_data' : deriveHealthFromRatio(ratio, config.thresholds),
    ratio,
    explain: { formula: rollup.explain('parent').formula, rollup: rollup.explain('parent') },
  };
}
