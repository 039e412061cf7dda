/**
 * What 接诉即办 (issue 7) needs from the store before any command runs, per jurisdiction
 * (issue 16): its areas (streets and towns, with boundaries when its files gave them; a city's
 * include its districts'), its units with the areas they govern, its dispatch catalogue and
 * scoring schemes, and the working-day calendar. A jurisdiction is set up from its files (src/commands/jurisdictions.ts);
 * this only reads, and adds the default scoring scheme to a jurisdiction that has none.
 *
 * The setups are held by a RequestsCache that createApp makes for its store and gives to the
 * routes; a command that changes units, the catalogue, schemes or holiday tables resets it.
 */
import { toRequestJurisdiction } from '../jurisdictions/jurisdiction.js';
import { listSubtree } from '../jurisdictions/tree.js';
import {
  DEFAULT_SCHEMES,
  createCalendar,
  normalizeScoringScheme,
  parseHolidayTable,
} from '../requests/index.js';
import type {
  Catalogue,
  CategoryModel,
  Jurisdiction,
  RequestUnit,
  SchemeHistory,
  WorkCalendar,
} from '../requests/index.js';
import type { Store } from '../store/types.js';

/** A jurisdiction's setup of requests, as every command and query of them reads it. */
export interface RequestsSetup {
  jurisdictionId: number;
  /** Its name and areas: where a location must lie, and how a point is routed. */
  jurisdiction: Jurisdiction;
  units: RequestUnit[];
  catalogue: Catalogue;
  schemes: SchemeHistory;
  /** chinese-days with the official tables the centre loaded on top: every deadline uses it. */
  calendar: WorkCalendar;
}

/** The name the category model is stored under. */
export const CATEGORY_MODEL = 'category';

/** The stored category model is read at most once a minute: suggestions run as one types. */
const MODEL_TTL_MS = 60_000;

/** The setups and category models of one store's jurisdictions, read once and held until reset. */
export interface RequestsCache {
  /** The jurisdiction's setup, made on first use; a failed one is tried again next time. */
  setup(jurisdictionId: number): Promise<RequestsSetup>;
  /** Forgets the setups (after a change of units, the catalogue, schemes or holiday tables). */
  reset(): void;
  /** The jurisdiction's stored category model, read again once `nowMs` is a minute past the last read. */
  categoryModel(jurisdictionId: number, nowMs: number): Promise<CategoryModel | undefined>;
  /** Forgets the category models (after training a new one). */
  resetModel(): void;
}

/**
 * The cache of `store`'s setups: createApp makes one per app.
 * @example const requests = createRequestsCache(store); const { catalogue } = await requests.setup(1);
 */
export function createRequestsCache(store: Store): RequestsCache {
  const setups = new Map<number, Promise<RequestsSetup>>();
  const models = new Map<number, { at: number; model: Promise<CategoryModel | undefined> }>();
  return {
    setup(jurisdictionId) {
      let setup = setups.get(jurisdictionId);
      if (setup === undefined) {
        const made = makeSetup(store, jurisdictionId);
        setup = made;
        setups.set(jurisdictionId, made);
        made.catch(() => {
          if (setups.get(jurisdictionId) === made) setups.delete(jurisdictionId);
        });
      }
      return setup;
    },
    reset() {
      setups.clear();
    },
    categoryModel(jurisdictionId, nowMs) {
      const held = models.get(jurisdictionId);
      if (held !== undefined && nowMs - held.at < MODEL_TTL_MS) return held.model;
      const read = store.requestThemes.findModel(jurisdictionId, CATEGORY_MODEL);
      const next = { at: nowMs, model: read };
      models.set(jurisdictionId, next);
      read.catch(() => {
        if (models.get(jurisdictionId) === next) models.delete(jurisdictionId);
      });
      return read;
    },
    resetModel() {
      models.clear();
    },
  };
}

/**
 * A jurisdiction's areas, then those of every jurisdiction below it not named already: a city's
 * 12345 centre takes calls about its districts' streets (and hands them down, 市级派单).
 */
async function listAreasWithin(store: Store, jurisdictionId: number) {
  const below = listSubtree(await store.jurisdictions.list(), jurisdictionId);
  const areas = (await Promise.all(below.map((id) => store.jurisdictions.listAreas(id)))).flat();
  const seen = new Set<string>();
  return areas.filter((a) => !seen.has(a.name) && seen.add(a.name));
}

async function makeSetup(store: Store, jurisdictionId: number): Promise<RequestsSetup> {
  const [record, areas, versions, stored] = await Promise.all([
    store.jurisdictions.get(jurisdictionId),
    listAreasWithin(store, jurisdictionId),
    store.requestSettings.listCatalogueVersions(jurisdictionId),
    store.units.list([jurisdictionId]),
  ]);
  const units: RequestUnit[] = stored.map(({ id, name, kind, area }) =>
    area === undefined ? { id, name, kind } : { id, name, kind, area },
  );
  let schemes = await store.requestSettings.listScoringSchemes(jurisdictionId);
  if (schemes.length === 0) {
    for (const scheme of DEFAULT_SCHEMES.schemes)
      await store.requestSettings.addScoringScheme(jurisdictionId, scheme).catch(ignoreDuplicate);
    schemes = await store.requestSettings.listScoringSchemes(jurisdictionId);
  }
  const calendar = await loadWorkCalendar(store);
  return {
    jurisdictionId,
    jurisdiction: toRequestJurisdiction({ name: record.name, areas }),
    units,
    catalogue: { versions },
    schemes: { schemes: schemes.map(normalizeScoringScheme) },
    calendar,
  };
}

/**
 * The calendar deadlines should use: chinese-days with every loaded year on top (a loaded year
 * replaces the package's data for that year).
 */
export async function loadWorkCalendar(store: Store): Promise<WorkCalendar> {
  const tables = await store.requestSettings.listHolidayTables();
  return createCalendar(tables.map((table) => parseHolidayTable(table.year, table)));
}

function ignoreDuplicate(error: unknown): void {
  // Another process added the default scheme at the same moment.
  if (!/unique|duplicate/i.test(String(error))) throw error;
}
