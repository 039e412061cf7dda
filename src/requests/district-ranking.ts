/**
 * A city's districts ranked by their month's 三率 (issue 16): each district's follow-up counts
 * summed over its units, scored under one rule for all (the city's scheme in force that month),
 * best first; equal scores share a rank, and a district with no counted order is listed last,
 * not ranked.
 */
import { deriveScoresFromCounts } from './scoring.js';
import type { SchemeHistory, UnitMonthCounts } from './scoring.js';

/** One district's counts for the month (all its units' summed). */
export interface DistrictCounts {
  jurisdictionId: number;
  name: string;
  counts: readonly UnitMonthCounts[];
}

export interface RankedDistrict {
  jurisdictionId: number;
  name: string;
  /** 1-based; equal scores share a rank (1, 1, 3); null when not ranked. */
  rank: number | null;
  /** Counted orders. */
  volume: number;
  response: number | null;
  resolution: number | null;
  satisfaction: number | null;
  overall: number | null;
  explanation: string;
}

/**
 * The sum of units' counts, under `unitId`.
 * @example sumCounts([a, b], 7).volume // a.volume + b.volume
 */
export function sumCounts(counts: readonly UnitMonthCounts[], unitId: number): UnitMonthCounts {
  const total: UnitMonthCounts = {
    unitId,
    volume: 0,
    contactedYes: 0,
    contactedAnswered: 0,
    resolvedYes: 0,
    resolvedAnswered: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    dissatisfied: 0,
    excludedSources: 0,
    excludedExempt: 0,
  };
  for (const c of counts) {
    for (const key of Object.keys(total) as (keyof UnitMonthCounts)[]) {
      if (key !== 'unitId') total[key] += c[key];
    }
  }
  return total;
}

/**
 * Districts ranked by their month's overall score under `history`'s scheme in force in `month`:
 * best first (equal scores share a rank, then by name), then those without a score by name.
 * Throws NOT_FOUND before the first scheme, BAD_INPUT for a bad month.
 * @example rankDistricts([{ jurisdictionId: 2, name: '某区', counts }], '2026-03', DEFAULT_SCHEMES)[0]?.rank // 1
 */
export function rankDistricts(
  districts: readonly DistrictCounts[],
  month: string,
  history: SchemeHistory,
): RankedDistrict[] {
  const totals = districts.map((d) => sumCounts(d.counts, d.jurisdictionId));
  const scores = deriveScoresFromCounts(totals, month, history);
  const entries: RankedDistrict[] = districts.map((d, i) => {
    const score = scores[i]!;
    return {
      jurisdictionId: d.jurisdictionId,
      name: d.name,
      rank: null,
      volume: score.volume,
      response: score.response.value,
      resolution: score.resolution.value,
      satisfaction: score.satisfaction.value,
      overall: score.overall,
      explanation: score.overall === null ? '本月没有计入三率的工单' : score.explanation,
    };
  });
  const byName = (a: RankedDistrict, b: RankedDistrict) => a.name.localeCompare(b.name, 'zh');
  const ranked = entries
    .filter((e) => e.overall !== null)
    .sort((a, b) => b.overall! - a.overall! || byName(a, b));
  ranked.forEach((entry, i) => {
    const previous = ranked[i - 1];
    entry.rank = previous && previous.overall === entry.overall ? previous.rank : i + 1;
  });
  return [...ranked, ...entries.filter((e) => e.overall === null).sort(byName)];
}
