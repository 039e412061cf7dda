/**
 * What the 接诉即办 screens read (issue 7), loaded from the store and derived by the domain
 * (src/requests): 三率 and rankings from counts summed in SQL, hotspots, a theme's measure,
 * what people ask about a plan task, suggestions as an operator types, and the history of the
 * centre's settings.
 */
import {
  SCHEME_OPTION_KEYS,
  applySchemeOptions,
  assertInJurisdiction,
  beijingMonthBounds,
  beijingDate,
  deriveCalendarYears,
  deriveDeskFiguresFromCalls,
  derivePackageYears,
  deriveRankingRule,
  deriveScoresFromCounts,
  deriveTopicCountables,
  deriveVolumeTable,
  detectHotspots,
  findDispatch,
  getCatalogueVersion,
  getScoringScheme,
  measureTopic,
  rankUnits,
  shiftMonth,
  suggestCategories,
  suggestTaskLinks,
} from '../requests/index.js';
import type { CategoryModel, DeskFigures, Dimension, UnitMonthScore, WorkOrder } from '../requests/index.js';
import type { StoredAuditEvent } from '../store/audit.js';
import type { Store } from '../store/types.js';
import type { RequestsSetup } from './requests-setup.js';

/**
 * The desk's figures of every unit for a month (issue 20): 直接答复率 from calls counted in
 * SQL, 知识库维护率 from the entries, 答复质检合格率 from the checks of the month.
 */
export async function listDeskFigures(
  store: Store,
  setup: RequestsSetup,
  month: string,
): Promise<DeskFigures[]> {
  const { excludedSources } = getScoringScheme(setup.schemes, month);
  const { from, to } = beijingMonthBounds(month);
  const [calls, entries, checks] = await Promise.all([
    store.requests.countUnitCalls(setup.jurisdictionId, from, to, excludedSources),
    store.knowledge.listLive(setup.jurisdictionId),
    store.desk.listChecks(setup.jurisdictionId, from, to),
  ]);
  return deriveDeskFiguresFromCalls({ calls, entries, checks }, month);
}

/** 三率 scores with the desk's figures blended in when the scheme in force scores them. */
async function scoresOfMonth(store: Store, setup: RequestsSetup, month: string): Promise<UnitMonthScore[]> {
  const { excludedSources, options } = getScoringScheme(setup.schemes, month);
  const counts = await store.requests.countMonthlyFollowUps(setup.jurisdictionId, month, excludedSources);
  const scores = deriveScoresFromCounts(counts, month, setup.schemes);
  if (!SCHEME_OPTION_KEYS.some((key) => options[key] > 0)) return scores;
  return applySchemeOptions(scores, await listDeskFigures(store, setup, month), month, setup.schemes);
}

/** 三率 of every unit for a month, with explanations and the unit's name. */
export async function listMonthlyScores(store: Store, setup: RequestsSetup, month: string) {
  const names = new Map(setup.units.map((u) => [u.id, u.name]));
  return (await scoresOfMonth(store, setup, month)).map((score) => ({
    ...score,
    unitName: names.get(score.unitId) ?? null,
  }));
}

/**
 * Rankings within classes for a month, under the scheme in force then; `minVolume` a what-if.
 * Exemptions name who granted them.
 */
export async function listRankings(
  store: Store,
  setup: RequestsSetup,
  month: string,
  minVolume: number | undefined,
) {
  const scores = await scoresOfMonth(store, setup, month);
  const exemptions = (await store.requestSettings.listExemptions(setup.jurisdictionId, month)).map((e) => ({
    unitId: e.unitId,
    month: e.month,
    reason: e.reason,
    grantedBy: e.createdBy === null ? '12345中心' : `用户 ${e.createdBy}`,
  }));
  const rule = deriveRankingRule(setup.schemes, month, minVolume);
  const rankings = rankUnits(scores, setup.units, month, { history: setup.schemes, minVolume, exemptions });
  return { month, rule, rankings };
}

/** Categories and places whose volume rises, stays high or peaks every year, up to `month`. */
export async function listHotspots(
  store: Store,
  jurisdictionId: number,
  month: string,
  dimension: Dimension,
  minCount: number,
) {
  const from = `${shiftMonth(month, -13)}-01T00:00:00.000Z`;
  const to = `${shiftMonth(month, 1)}-01T00:00:00.000Z`;
  const table = deriveVolumeTable(
    await store.requests.countOrdersByMonth(jurisdictionId, from, to),
    dimension,
  );
  return detectHotspots(table, dimension, month, { minCount });
}

/** A theme with its measure (the fall in orders on its topic since it started) and its links. */
export async function getThemeMeasure(store: Store, jurisdictionId: number, themeId: number, asOf: string) {
  const theme = await store.requestThemes.getTheme(themeId, [jurisdictionId]);
  const from = `${shiftMonth(theme.month, -15)}-01T00:00:00.000Z`;
  const to = `${shiftMonth(asOf, 1)}-01T00:00:00.000Z`;
  const countables = deriveTopicCountables(
    await store.requests.countOrdersByMonth(jurisdictionId, from, to),
    theme.categories,
  );
  const links = await store.requestThemes.listTaskLinks({ sourceKey: `theme:${theme.id}` });
  return { theme, measure: measureTopic(theme, countables, asOf), links };
}

/** Plan tasks close to a theme's text: suggestions a person confirms. */
export async function suggestThemeTasks(
  store: Store,
  jurisdictionId: number,
  themeId: number,
  planId: number,
) {
  const theme = await store.requestThemes.getTheme(themeId, [jurisdictionId]);
  const tasks = await store.tasks.list(planId, { limit: 10_000, offset: 0 });
  const text = [theme.title, ...theme.categories, ...theme.problems, ...theme.tasks.map((t) => t.text)].join(
    ' ',
  );
  return suggestTaskLinks(
    [{ key: `theme:${theme.id}`, text }],
    tasks.items.map((t) => ({ id: t.id, text: t.text })),
    0.05,
    5,
  );
}

/**
 * What people ask about a plan task: its confirmed links, their themes and categories, and the
 * five latest orders of each category with the total (`present` decides what of an order shows).
 */
export async function listRequestsOfTask<T>(
  store: Store,
  jurisdictionId: number,
  taskId: number,
  present: (order: WorkOrder) => T,
) {
  const links = await store.requestThemes.listTaskLinks({ taskId });
  const themes = await Promise.all(
    links
      .filter((l) => l.sourceKey.startsWith('theme:'))
      .map((l) => store.requestThemes.getTheme(Number(l.sourceKey.slice(6)), [jurisdictionId])),
  );
  const categories = new Set([
    ...links.filter((l) => l.sourceKey.startsWith('category:')).map((l) => l.sourceKey.slice(9)),
    ...themes.flatMap((t) => t.categories),
  ]);
  const recent: T[] = [];
  let total = 0;
  for (const category of categories) {
    const page = await store.requests.listOrders({
      jurisdictionIds: [jurisdictionId],
      category,
      limit: 5,
      offset: 0,
    });
    total += page.total;
    recent.push(...page.items.map(present));
  }
  return { taskId, links, themes, categories: [...categories], orders: { total, recent } };
}

/**
 * Categories a text suggests as it is typed — better than chance, best first, at most 5 — each
 * with the unit the catalogue in force sends it to in `area` (none without an area; null when
 * no unit covers it). BAD_INPUT for an area outside the jurisdiction. `loadModel` gives the
 * trained category model, read only when there is text to suggest for.
 */
export async function suggestCategoriesFor(
  setup: RequestsSetup,
  text: string,
  area: string | undefined,
  loadModel: () => Promise<CategoryModel | undefined>,
  now: string,
) {
  if (area !== undefined) assertInJurisdiction(setup.jurisdiction, { address: '', area });
  const rows = getCatalogueVersion(setup.catalogue, now).rows;
  if (text.trim() === '' || rows.length === 0) return [];
  const model = await loadModel();
  // Better than chance: with no evidence every row scores 1/n and nothing is suggested.
  const chance = 1 / rows.length;
  return suggestCategories(text, rows, model)
    .filter((c) => c.score > chance + 1e-9)
    .slice(0, 5)
    .map((c) => ({ ...c, dispatch: area === undefined ? null : dispatchTo(setup, c.category, area, now) }));
}

function dispatchTo(setup: RequestsSetup, category: string, area: string, now: string) {
  const d = findDispatch({ category, area }, setup, now);
  if (d === undefined) return null;
  const unitName = setup.units.find((u) => u.id === d.leadUnitId)?.name ?? null;
  return { leadUnitId: d.leadUnitId, unitName, designated: d.designated, reason: d.reason };
}

/** Display names of the users, by id ("#7" for one deleted since). */
async function userNames(store: Store): Promise<(id: number | null) => string | null> {
  const names = new Map((await store.users.list()).map((user) => [user.id, user.displayName]));
  return (id) => (id === null ? null : (names.get(id) ?? `#${id}`));
}

/**
 * Ranking exemptions of the months in [from, to], with who recorded them, and the audited
 * history of additions and removals (newest first, the last 100, not limited to the months).
 */
export async function listExemptionsWithHistory(
  store: Store,
  setup: RequestsSetup,
  range: { from?: string | undefined; to?: string | undefined },
) {
  const unitNames = new Map(setup.units.map((unit) => [unit.id, unit.name]));
  const userName = await userNames(store);
  const exemptions = await store.requestSettings.listExemptionsBetween(setup.jurisdictionId, range);
  const items = exemptions.map((e) => ({
    ...e,
    unitName: unitNames.get(e.unitId) ?? null,
    createdByName: userName(e.createdBy),
  }));
  const history = (await store.audit.listUnplanned('request_exemption', setup.jurisdictionId)).map(
    (event) => {
      const removed = event.action === 'request_exemption.delete';
      // An addition keeps the exemption as `after`, a removal as `before` (request-settings.ts).
      const exemption = ((removed ? event.before : event.after) ?? {}) as {
        unitId?: number;
        month?: string;
        reason?: string;
      };
      return {
        at: event.at,
        action: removed ? ('remove' as const) : ('add' as const),
        by: event.actorUserId,
        byName: userName(event.actorUserId),
        unitId: exemption.unitId ?? null,
        unitName: exemption.unitId === undefined ? null : (unitNames.get(exemption.unitId) ?? null),
        month: exemption.month ?? null,
        exemptionReason: exemption.reason ?? null,
        // The note given on removal; an addition's reason is already `exemptionReason`.
        note: removed ? event.reason : null,
      };
    },
  );
  return { items, total: items.length, history };
}

/** The working-day calendar at `now`: where each year comes from, the loaded tables, their history. */
export async function describeWorkCalendar(store: Store, now: string) {
  const currentYear = Number(beijingDate(now).slice(0, 4));
  const loaded = await store.requestSettings.listHolidayTables();
  const userName = await userNames(store);
  const history = (await store.audit.listUnplanned('request_holiday_table')).map(
    (event: StoredAuditEvent) => ({
      at: event.at,
      action: event.action === 'request_holiday_table.delete' ? ('delete' as const) : ('load' as const),
      year: Number(event.entityId),
      by: event.actorUserId,
      byName: userName(event.actorUserId),
      source: ((event.after ?? event.before ?? {}) as { source?: string }).source ?? '',
    }),
  );
  return {
    asOf: now,
    currentYear,
    packageYears: derivePackageYears(currentYear),
    years: deriveCalendarYears(currentYear - 1, currentYear + 1, loaded),
    loaded: loaded.map((table) => ({ ...table, loadedByName: userName(table.loadedBy) })),
    history,
  };
}
