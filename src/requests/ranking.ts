/**
 * Monthly rankings of units by their overall 三率 score, within comparable classes (district
 * departments, streets, towns, enterprises): a unit is ranked only with enough counted orders —
 * the minimum of the scoring scheme in force that month, so a past month ranks under the rule
 * then —, exemptions are recorded with their reasons, and every place in the list says why.
 */
import { DEFAULT_SCHEMES, getScoringScheme } from './scoring.js';
import type { SchemeHistory, UnitMonthScore } from './scoring.js';
import type { RequestUnit } from './types.js';

/** A unit excused from a month's ranking (e.g. a new street office, a disaster), with why. */
export interface RankingExemption {
  unitId: number;
  month: string;
  reason: string;
  grantedBy: string;
}

export interface RankingOptions {
  /** The scoring schemes; the one in force in the month sets the minimum (default DEFAULT_SCHEMES). */
  history?: SchemeHistory;
  /** A what-if minimum instead of the scheme's (counted orders in the month). */
  minVolume?: number;
  /** The class a unit is compared in (default: its kind; 'other' units are not ranked). */
  classOf?: (unit: RequestUnit) => string | undefined;
  exemptions?: RankingExemption[];
}

/** The minimum volume a month's ranking applies, and where it comes from. */
export interface RankingRule {
  /** The scoring scheme in force in the month. */
  schemeVersion: number;
  /** The scheme's minimum: counted orders a unit needs in the month to be ranked. */
  schemeMinVolume: number;
  /** The minimum applied: the scheme's, or a what-if override that differs from it. */
  minVolume: number;
  overridden: boolean;
}

/**
 * The minimum volume of a month: the scheme's in force then, unless `override` (a what-if)
 * differs from it. Throws NOT_FOUND before the first scheme, BAD_INPUT for a bad month.
 * @example
 * deriveRankingRule(DEFAULT_SCHEMES, '2024-07') // { schemeVersion: 1, schemeMinVolume: 10, minVolume: 10, overridden: false }
 */
export function deriveRankingRule(history: SchemeHistory, month: string, override?: number): RankingRule {
  const scheme = getScoringScheme(history, month);
  const minVolume = override ?? scheme.minVolume;
  return {
    schemeVersion: scheme.version,
    schemeMinVolume: scheme.minVolume,
    minVolume,
    overridden: minVolume !== scheme.minVolume,
  };
}

export type RankingStatus = 'ranked' | 'below_minimum' | 'exempt' | 'no_score';

export interface RankedUnit {
  unitId: number;
  name: string;
  /** 1-based; equal scores share a rank (1, 1, 3); null when not ranked. */
  rank: number | null;
  score: number | null;
  volume: number;
  status: RankingStatus;
  explanation: string;
}

export interface Ranking {
  month: string;
  className: string;
  /** Ranked units first, best first; then the others by name. */
  entries: RankedUnit[];
}

const CLASS_NAMES: Record<string, string> = {
  department: '区政府部门',
  street: '街道',
  town: '镇',
  enterprise: '公共服务企业',
};

/**
 * The default class of a unit: its kind, named as offices say; undefined ('other') is not ranked.
 * @example
 * defaultRankingClass({ id: 1, name: '城北街道办事处', kind: 'street' }) // '街道'
 */
export function defaultRankingClass(unit: RequestUnit): string | undefined {
  return CLASS_NAMES[unit.kind];
}

/**
 * Rankings of a month, one per class, from the month's scores (computeMonthlyScores), with the
 * minimum volume of the scheme in force that month (deriveRankingRule). Units of a class with
 * no score that month appear as `no_score`. Throws NOT_FOUND before the first scheme.
 * @example
 * rankUnits(scores, units, '2024-07', { history: DEFAULT_SCHEMES })[0]?.entries[0]?.rank // 1
 */
export function rankUnits(
  scores: readonly UnitMonthScore[],
  units: readonly RequestUnit[],
  month: string,
  options: RankingOptions = {},
): Ranking[] {
  const rule = deriveRankingRule(options.history ?? DEFAULT_SCHEMES, month, options.minVolume);
  const minVolume = rule.minVolume;
  const belowMinimum = (volume: number) =>
    rule.overridden
      ? `计入工单 ${volume} 件，少于试算指定的排名最低件数 ${minVolume} 件（评分方案第${rule.schemeVersion}版规定 ${rule.schemeMinVolume} 件）`
      : `计入工单 ${volume} 件，少于评分方案第${rule.schemeVersion}版规定的排名最低件数 ${minVolume} 件`;
  const classOf = options.classOf ?? defaultRankingClass;
  const byUnit = new Map(scores.filter((s) => s.month === month).map((s) => [s.unitId, s]));
  const exempt = new Map(
    (options.exemptions ?? []).filter((e) => e.month === month).map((e) => [e.unitId, e]),
  );
  const classes = new Map<string, RankedUnit[]>();
  for (const unit of units) {
    const className = classOf(unit);
    if (className === undefined) continue;
    const score = byUnit.get(unit.id);
    const exemption = exempt.get(unit.id);
    const volume = score?.volume ?? 0;
    let status: RankingStatus;
    let explanation: string;
    if (exemption) {
      status = 'exempt';
      explanation = `本月免于排名：${exemption.reason}（${exemption.grantedBy}批准）`;
    } else if (!score || score.overall === null) {
      status = 'no_score';
      explanation = '本月没有计入三率的工单';
    } else if (volume < minVolume) {
      status = 'below_minimum';
      explanation = belowMinimum(volume);
    } else {
      status = 'ranked';
      explanation = score.explanation;
    }
    const list = classes.get(className) ?? [];
    list.push({
      unitId: unit.id,
      name: unit.name,
      rank: null,
      score: score?.overall ?? null,
      volume,
      status,
      explanation,
    });
    classes.set(className, list);
  }
  const rankings: Ranking[] = [];
  for (const [className, list] of classes) {
    const ranked = list
      .filter((e) => e.status === 'ranked')
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || b.volume - a.volume || a.unitId - b.unitId);
    ranked.forEach((entry, i) => {
      const previous = ranked[i - 1];
      entry.rank = previous && previous.score === entry.score ? (previous.rank ?? i + 1) : i + 1;
      entry.explanation = `${className}第${entry.rank}名（共${ranked.length}个单位参与排名），综合得分 ${entry.score}。${entry.explanation}`;
    });
    const others = list
      .filter((e) => e.status !== 'ranked')
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    rankings.push({ month, className, entries: [...ranked, ...others] });
  }
  return rankings;
}
