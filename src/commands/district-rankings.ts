/**
 * A city ranks its districts' 12345 performance (issue 16): the jurisdictions directly below a
 * parent, each with its month's follow-up counts summed over its units, scored under one rule
 * — the parent's scoring scheme in force that month, or the default schemes when the parent
 * has none — and ranked by the domain (src/requests/district-ranking.ts).
 */
import {
  DEFAULT_SCHEMES,
  getScoringScheme,
  normalizeScoringScheme,
  rankDistricts,
} from '../requests/index.js';
import type { DistrictCounts, SchemeHistory } from '../requests/index.js';
import type { Store } from '../store/types.js';

/**
 * The direct children of `parentJurisdictionId` ranked by `month`'s 三率, with the rule applied:
 * `source` 'parent' (its own scheme) or 'default' (it has none; nothing is written for it).
 * Throws NOT_FOUND when no scheme is in force in the month, BAD_INPUT for a bad month.
 */
export async function rankChildJurisdictions(store: Store, parentJurisdictionId: number, month: string) {
  const stored = await store.requestSettings.listScoringSchemes(parentJurisdictionId);
  const source = stored.length > 0 ? ('parent' as const) : ('default' as const);
  const history: SchemeHistory =
    source === 'parent' ? { schemes: stored.map(normalizeScoringScheme) } : DEFAULT_SCHEMES;
  const scheme = getScoringScheme(history, month);
  const children = (await store.jurisdictions.list()).filter((j) => j.parentId === parentJurisdictionId);
  // One read for every child: a read per district read each page of the month's rows once for
  // every district with a row on it (docs/BENCHMARKS.md, 10 M orders over 100 districts).
  const counts = await store.requests.countMonthlyFollowUpsOf(
    children.map((c) => c.id),
    month,
    scheme.excludedSources,
  );
  const districts: DistrictCounts[] = children.map((child) => ({
    jurisdictionId: child.id,
    name: child.name,
    counts: counts.get(child.id) ?? [],
  }));
  return {
    month,
    rule: {
      source,
      schemeVersion: scheme.version,
      note: scheme.note,
      weights: scheme.weights,
      excludedSources: scheme.excludedSources,
    },
    items: rankDistricts(districts, month, history),
  };
}
