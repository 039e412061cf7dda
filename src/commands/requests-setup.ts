/**
 * What 接诉即办 (issue 7) needs from the store before any command runs: the units of the
 * jurisdiction with the areas they govern, the dispatch catalogue, the scoring schemes and the
 * working-day calendar. On the very first use (no catalogue version yet) it creates the
 * jurisdiction's units (from CHANGPING_UNITS) and catalogue version 1 with the store's unit ids,
 * and scheme 1 when there is no scheme.
 *
 * The setup is held by a RequestsCache that createApp makes for its store and gives to the
 * routes; a command that changes units, the catalogue, schemes or holiday tables resets it.
 */
import { AppError } from '../errors.js';
import type { UnitKind } from '../plan/types.js';
import {
  CHANGPING_CATALOGUE,
  CHANGPING_UNITS,
  DEFAULT_SCHEMES,
  createCalendar,
  mapOwnerUnits,
  normalizeScoringScheme,
  parseHolidayTable,
} from '../requests/index.js';
import type {
  Catalogue,
  CategoryModel,
  RequestUnit,
  SchemeHistory,
  WorkCalendar,
} from '../requests/index.js';
import type { Store } from '../store/types.js';
import { createUnit, updateUnit } from './units.js';

/** The jurisdiction's setup of requests, as every command and query of them reads it. */
export interface RequestsSetup {
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

/** The setup and the category model of one store, read once and held until reset. */
export interface RequestsCache {
  /** The setup, made on first use; a failed one is tried again next time. */
  setup(): Promise<RequestsSetup>;
  /** Forgets the setup (after a change of units, the catalogue, schemes or holiday tables). */
  reset(): void;
  /** The stored category model, read again once `nowMs` is a minute past the last read. */
  categoryModel(nowMs: number): Promise<CategoryModel | undefined>;
  /** Forgets the category model (after training a new one). */
  resetModel(): void;
}

/**
 * The cache of `store`'s setup: createApp makes one per app.
 * @example const requests = createRequestsCache(store); const { catalogue } = await requests.setup();
 */
export function createRequestsCache(store: Store): RequestsCache {
  let setup: Promise<RequestsSetup> | undefined;
  let model: { at: number; model: Promise<CategoryModel | undefined> } | undefined;
  return {
    setup() {
      if (setup === undefined) {
        const made = makeSetup(store);
        setup = made;
        made.catch(() => {
          if (setup === made) setup = undefined;
        });
      }
      return setup;
    },
    reset() {
      setup = undefined;
    },
    categoryModel(nowMs) {
      if (model !== undefined && nowMs - model.at < MODEL_TTL_MS) return model.model;
      const read = store.requestThemes.findModel(CATEGORY_MODEL);
      const held = { at: nowMs, model: read };
      model = held;
      read.catch(() => {
        if (model === held) model = undefined;
      });
      return read;
    },
    resetModel() {
      model = undefined;
    },
  };
}

async function makeSetup(store: Store): Promise<RequestsSetup> {
  let versions = await store.requestSettings.listCatalogueVersions();
  if (versions.length === 0) {
    // Never set up: the jurisdiction's units, then the catalogue naming them. Once a version
    // exists units are the admins' to rename, merge or delete, and are never looked up by name.
    const idByDomainId = await createJurisdictionUnits(store);
    const id = (domainId: number) => idByDomainId.get(domainId) ?? domainId;
    for (const version of CHANGPING_CATALOGUE.versions) {
      await store.requestSettings
        .addCatalogueVersion({
          ...version,
          rows: version.rows.map((row) => ({ ...row, owner: mapOwnerUnits(row.owner, id) })),
        })
        .catch(ignoreConflict);
    }
    versions = await store.requestSettings.listCatalogueVersions();
  }
  const units: RequestUnit[] = (await store.units.list()).map(({ id, name, kind, area }) =>
    area === undefined ? { id, name, kind } : { id, name, kind, area },
  );
  let stored = await store.requestSettings.listScoringSchemes();
  if (stored.length === 0) {
    for (const scheme of DEFAULT_SCHEMES.schemes)
      await store.requestSettings.addScoringScheme(scheme).catch(ignoreConflict);
    stored = await store.requestSettings.listScoringSchemes();
  }
  // Schemes stored before the minimum volume was versioned read with the minimum of then (10).
  const schemes = stored.map(normalizeScoringScheme);
  const calendar = await loadWorkCalendar(store);
  return { units, catalogue: { versions }, schemes: { schemes }, calendar };
}

/**
 * The calendar deadlines should use: chinese-days with every loaded year on top (a loaded year
 * replaces the package's data for that year).
 */
export async function loadWorkCalendar(store: Store): Promise<WorkCalendar> {
  const tables = await store.requestSettings.listHolidayTables();
  return createCalendar(tables.map((table) => parseHolidayTable(table.year, table)));
}

/**
 * The first setup's units: each of CHANGPING_UNITS, created with its area, or (a plan imported
 * first may have made it) the unit of that name, given its area when it is a street or town
 * office without one. An area another unit already governs stays with that unit. Returns the
 * store's id of each domain id, for the catalogue's rows.
 */
async function createJurisdictionUnits(store: Store): Promise<Map<number, number>> {
  const idByDomainId = new Map<number, number>();
  const governed = new Set((await store.units.list()).flatMap((unit) => (unit.area ? [unit.area] : [])));
  for (const unit of CHANGPING_UNITS) {
    const area = unit.area !== undefined && !governed.has(unit.area) ? unit.area : undefined;
    const found =
      (await store.units.findByName(unit.name)) ??
      (await createUnitOnce(store, { name: unit.name, kind: unit.kind, area }));
    if (
      area !== undefined &&
      found.area === undefined &&
      (found.kind === 'street' || found.kind === 'town')
    ) {
      await updateUnit(store, found.id, { area }, found.version, {
        actor: null,
        at: new Date().toISOString(),
        reason: '接诉即办 setup: the office governs its area',
      })
        // Changed meanwhile (another process setting up): it keeps what it has.
        .catch(ignoreConflict);
    }
    if (area !== undefined) governed.add(area);
    idByDomainId.set(unit.id, found.id);
  }
  return idByDomainId;
}

async function createUnitOnce(store: Store, input: { name: string; kind: UnitKind; area?: string }) {
  try {
    return await createUnit(store, input);
  } catch (error) {
    // Another process setting up at the same moment created it first.
    const found = await store.units.findByName(input.name);
    if (found) return found;
    throw error;
  }
}

function ignoreConflict(error: unknown): void {
  if (!(error instanceof AppError && error.code === 'CONFLICT') && !/unique|duplicate/i.test(String(error))) {
    throw error;
  }
}
