/**
 * Commands on the rules 接诉即办 (issue 7) runs by and what the centre makes of requests: a new
 * catalogue version or scoring scheme (never retroactive), ranking exemptions and holiday tables
 * (each with its audit event, in one transaction), 每月一题 themes and their links to plan tasks.
 * A change the setup reads (RequestsCache) resets it.
 */
import { AppError } from '../errors.js';
import type { Role, User } from '../plan/types.js';
import {
  DEFAULT_MIN_VOLUME,
  addCatalogueVersion,
  addScoringScheme,
  checkHolidayTable,
  getCatalogueVersion,
  validateTopic,
} from '../requests/index.js';
import type {
  CatalogueVersion,
  HolidayTableDates,
  MonthlyTopic,
  SchemeOptions,
  ScoringScheme,
} from '../requests/index.js';
import type { StoredExemption, StoredHolidayTable } from '../store/request-settings.js';
import type { StoredTaskLink } from '../store/request-themes.js';
import type { Store } from '../store/types.js';
import type { RequestsCache } from './requests-setup.js';

/** Who changes a requests setting and when, for its audit event. */
export interface SettingsChange {
  userId: number;
  role: Role;
  at: string;
  reason?: string | null;
}

/** Publishes a catalogue version effective from its date (open orders keep theirs). */
export async function publishCatalogueVersion(
  store: Store,
  requests: RequestsCache,
  jurisdictionId: number,
  draft: Pick<CatalogueVersion, 'effectiveFrom' | 'note' | 'rows'>,
  now: string,
): Promise<CatalogueVersion> {
  const setup = await requests.setup(jurisdictionId);
  const added = addCatalogueVersion(setup.catalogue, draft, setup.units, now).versions.at(-1);
  if (added === undefined) throw new AppError('INTERNAL', 'no version added');
  await store.requestSettings.addCatalogueVersion(jurisdictionId, added);
  requests.reset();
  return added;
}

/**
 * Adds a scoring scheme from a coming month (past months keep theirs); without a minimum volume
 * the latest scheme's carries on.
 */
export async function publishScoringScheme(
  store: Store,
  requests: RequestsCache,
  jurisdictionId: number,
  draft: Omit<ScoringScheme, 'version' | 'minVolume' | 'options'> & {
    minVolume?: number | undefined;
    options?: Partial<Record<keyof SchemeOptions, number | undefined>> | undefined;
  },
  now: string,
): Promise<ScoringScheme> {
  const { schemes } = await requests.setup(jurisdictionId);
  const { minVolume, ...rest } = draft;
  const next = addScoringScheme(
    schemes,
    { ...rest, minVolume: minVolume ?? schemes.schemes.at(-1)?.minVolume ?? DEFAULT_MIN_VOLUME },
    now.slice(0, 7),
  );
  const added = next.schemes.at(-1);
  if (added === undefined) throw new AppError('INTERNAL', 'no scheme added');
  await store.requestSettings.addScoringScheme(jurisdictionId, added);
  requests.reset();
  return added;
}

function settingsEvent(
  change: SettingsChange,
  entity: { type: 'request_exemption' | 'request_holiday_table'; id: string },
  action: string,
  before: object | null,
  after: object | null,
) {
  const copy = (value: object | null) =>
    value === null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
  return {
    at: change.at,
    actor: { userId: change.userId, role: change.role },
    entity,
    planId: null,
    action,
    before: copy(before),
    after: copy(after),
    reason: change.reason ?? null,
  };
}

/**
 * Exempts a unit from a month's ranking and records who did (audit event
 * `request_exemption.add` with the new exemption as `after` and its reason as the event's
 * reason), in one transaction. CONFLICT when the unit is already exempt that month.
 */
export async function addExemption(
  store: Store,
  exemption: { unitId: number; month: string; reason: string },
  change: SettingsChange,
): Promise<StoredExemption> {
  const added: StoredExemption = { ...exemption, createdBy: change.userId, createdAt: change.at };
  const conflict = () => new AppError('CONFLICT', `unit ${added.unitId} is already exempt in ${added.month}`);
  try {
    return await store.transaction(async (tx) => {
      if ((await tx.requestSettings.findExemption(added.unitId, added.month)) !== undefined) throw conflict();
      await tx.requestSettings.insertExemption(added);
      const { jurisdictionId } = await tx.units.get(added.unitId);
      await tx.audit.append({
        ...settingsEvent(
          { ...change, reason: added.reason },
          { type: 'request_exemption', id: `${added.unitId}@${added.month}` },
          'request_exemption.add',
          null,
          added,
        ),
        ...(jurisdictionId !== undefined ? { jurisdictionId } : {}),
      });
      return added;
    });
  } catch (error) {
    // Two additions at once: the primary key (unit_id, month) refuses the second.
    if (error instanceof AppError && error.code === 'CONFLICT') throw conflict();
    throw error;
  }
}

/**
 * Removes a unit's exemption for a month and records who removed it (audit event
 * `request_exemption.delete` with the exemption as it was), in one transaction. Returns the
 * removed exemption; NOT_FOUND when there is none.
 */
export async function removeExemption(
  store: Store,
  unitId: number,
  month: string,
  change: SettingsChange,
): Promise<StoredExemption> {
  return store.transaction(async (tx) => {
    const removed = await tx.requestSettings.findExemption(unitId, month);
    if (removed === undefined) throw new AppError('NOT_FOUND', `unit ${unitId} has no exemption in ${month}`);
    await tx.requestSettings.deleteExemption(unitId, month);
    const { jurisdictionId } = await tx.units.get(unitId);
    await tx.audit.append({
      ...settingsEvent(
        change,
        { type: 'request_exemption', id: `${unitId}@${month}` },
        'request_exemption.delete',
        removed,
        null,
      ),
      ...(jurisdictionId !== undefined ? { jurisdictionId } : {}),
    });
    return removed;
  });
}

/**
 * Loads (or replaces) a year's holiday table after checking it (checkHolidayTable: this year or
 * the next, dates of that year, make-up days on weekends), and records it (audit event
 * `request_holiday_table.load`, the previous table as `before`), in one transaction.
 */
export async function loadHolidayTable(
  store: Store,
  requests: RequestsCache,
  table: HolidayTableDates & { year: number; source: string },
  currentYear: number,
  change: SettingsChange,
): Promise<StoredHolidayTable> {
  checkHolidayTable(table.year, table, currentYear);
  const saved: StoredHolidayTable = {
    year: table.year,
    holidays: table.holidays,
    workdays: table.workdays,
    source: table.source,
    loadedBy: change.userId,
    loadedAt: change.at,
  };
  await store.transaction(async (tx) => {
    const previous = await tx.requestSettings.findHolidayTable(table.year);
    await tx.requestSettings.saveHolidayTable(saved);
    await tx.audit.append(
      settingsEvent(
        change,
        { type: 'request_holiday_table', id: String(table.year) },
        'request_holiday_table.load',
        previous ?? null,
        saved,
      ),
    );
  });
  requests.reset();
  return saved;
}

/**
 * Removes a loaded year (the package's data or the weekend rule apply again) and records who
 * did (audit event `request_holiday_table.delete`). NOT_FOUND when the year was not loaded.
 */
export async function removeHolidayTable(
  store: Store,
  requests: RequestsCache,
  year: number,
  change: SettingsChange,
): Promise<StoredHolidayTable> {
  const removed = await store.transaction(async (tx) => {
    const table = await tx.requestSettings.findHolidayTable(year);
    if (table === undefined) throw new AppError('NOT_FOUND', `no holiday table loaded for ${year}`);
    await tx.requestSettings.deleteHolidayTable(year);
    await tx.audit.append(
      settingsEvent(
        change,
        { type: 'request_holiday_table', id: String(year) },
        'request_holiday_table.delete',
        table,
        null,
      ),
    );
    return table;
  });
  requests.reset();
  return removed;
}

/**
 * 每月一题: a monthly topic with its lead department, on categories of the catalogue in force
 * (BAD_INPUT naming each unknown one) and checked by the domain (validateTopic).
 */
export async function createTheme(
  store: Store,
  requests: RequestsCache,
  jurisdictionId: number,
  draft: Omit<MonthlyTopic, 'id' | 'planTaskIds'>,
  user: User,
  now: string,
): Promise<MonthlyTopic> {
  const setup = await requests.setup(jurisdictionId);
  const rows = getCatalogueVersion(setup.catalogue, now).rows.map((r) => r.category);
  draft.categories.forEach((category, i) => {
    if (!rows.includes(category)) {
      throw new AppError('BAD_INPUT', `unknown category 「${category}」`, [
        { path: `body.categories.${i}`, message: 'not in the dispatch catalogue' },
      ]);
    }
  });
  const { id: _id, ...topic } = validateTopic({ ...draft, id: 0, planTaskIds: [] });
  void _id;
  return store.requestThemes.insertTheme(jurisdictionId, topic, user.id, now);
}

/**
 * Confirms a link between a request source (`theme:<id>` or `category:<name>`) and a plan task;
 * a theme also lists the task among its plan tasks.
 */
export async function confirmTaskLink(
  store: Store,
  link: Omit<StoredTaskLink, 'confirmedBy' | 'confirmedAt'>,
  user: User,
  now: string,
): Promise<StoredTaskLink> {
  const confirmed = { ...link, confirmedBy: user.id, confirmedAt: now };
  return store.transaction(async (tx) => {
    await tx.requestThemes.saveTaskLink(confirmed);
    if (link.sourceKey.startsWith('theme:')) {
      const theme = await tx.requestThemes.getTheme(Number(link.sourceKey.slice(6)));
      if (!theme.planTaskIds.includes(link.taskId))
        await tx.requestThemes.updateTheme({ ...theme, planTaskIds: [...theme.planTaskIds, link.taskId] });
    }
    return confirmed;
  });
}
