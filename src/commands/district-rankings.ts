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

/** Districts read at once: the store's pool holds ten connections, other requests share it. */
const FAN_OUT = 4;

/** `fn` over `items`, at most `limit` at a time; answers in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const answers = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) answers[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return answers;
}

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
  const districts: DistrictCounts[] = await mapLimit(children, FAN_OUT, async (child) => ({
    jurisdictionId: child.id,
    name: child.name,
    counts: await store.requests.countMonthlyFollowUps(child.id, month, scheme.excludedSources),
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
