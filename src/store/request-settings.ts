/**
 * The rules 接诉即办 (issue 7) runs by, each versioned or dated as the centre sets them: the
 * dispatch catalogue's versions, the 三率 scoring schemes, ranking exemptions and the official
 * holiday tables the centre loads. JSON columns hold the domain's own shapes.
 */
import type { CatalogueVersion } from '../requests/index.js';
import type { ScoringScheme, StoredScoringScheme } from '../requests/scoring.js';
import { conflictOnUnique } from './rows.js';
import type { Db, RequestExemptionsTable, RequestHolidayTablesTable } from './schema.js';

const json = (value: unknown): string => JSON.stringify(value);

/** A ranking exemption as stored. */
export interface StoredExemption {
  unitId: number;
  month: string;
  reason: string;
  createdBy: number | null;
  createdAt: string;
}

/** A year's official holiday arrangement as loaded, in chinese-days' JSON shape (date → name). */
export interface StoredHolidayTable {
  year: number;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  /** Where the dates came from, as the centre wrote it (the notice, a file name). */
  source: string;
  loadedBy: number | null;
  loadedAt: string;
}

const toExemption = (row: RequestExemptionsTable): StoredExemption => ({
  unitId: row.unit_id,
  month: row.month,
  reason: row.reason,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

const toHolidayTable = (row: RequestHolidayTablesTable): StoredHolidayTable => {
  const data = JSON.parse(row.data) as Pick<StoredHolidayTable, 'holidays' | 'workdays'>;
  return {
    year: row.year,
    holidays: data.holidays,
    workdays: data.workdays,
    source: row.source,
    loadedBy: row.loaded_by,
    loadedAt: row.loaded_at,
  };
};

export class RequestSettingsRepository {
  constructor(private readonly db: Db) {}

  /** The dispatch catalogue's versions of a jurisdiction, oldest first. */
  async listCatalogueVersions(jurisdictionId: number): Promise<CatalogueVersion[]> {
    const rows = await this.db
      .selectFrom('request_catalogue_versions')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('version')
      .execute();
    return rows.map((row) => ({
      version: row.version,
      effectiveFrom: row.effective_from,
      note: row.note,
      rows: JSON.parse(row.rows) as CatalogueVersion['rows'],
    }));
  }

  async addCatalogueVersion(jurisdictionId: number, version: CatalogueVersion): Promise<void> {
    try {
      await this.db
        .insertInto('request_catalogue_versions')
        .values({
          jurisdiction_id: jurisdictionId,
          version: version.version,
          effective_from: version.effectiveFrom,
          note: version.note,
          rows: json(version.rows),
        })
        .execute();
    } catch (error) {
      throw conflictOnUnique(error, `catalogue version ${version.version} already exists`);
    }
  }

  /**
   * Every scheme as stored, oldest first: one stored before the minimum volume was versioned has
   * none (the domain reads it with the minimum of then, normalizeScoringScheme).
   */
  async listScoringSchemes(jurisdictionId: number): Promise<StoredScoringScheme[]> {
    const rows = await this.db
      .selectFrom('request_scoring_schemes')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('version')
      .execute();
    return rows.map((row) => JSON.parse(row.scheme) as StoredScoringScheme);
  }

  async addScoringScheme(jurisdictionId: number, scheme: ScoringScheme): Promise<void> {
    await this.db
      .insertInto('request_scoring_schemes')
      .values({
        jurisdiction_id: jurisdictionId,
        version: scheme.version,
        effective_from: scheme.effectiveFrom,
        scheme: json(scheme),
      })
      .execute();
  }

  async listExemptions(jurisdictionId: number, month: string): Promise<StoredExemption[]> {
    const rows = await this.db
      .selectFrom('request_exemptions')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('month', '=', month)
      .execute();
    return rows.map(toExemption);
  }

  /**
   * Inserts an exemption without an audit event (fixtures, imports); CONFLICT when the unit is
   * already exempt that month. A user's addition goes through the command `addExemption` (src/commands).
   */
  async insertExemption(e: StoredExemption): Promise<void> {
    try {
      await this.db
        .insertInto('request_exemptions')
        .values({
          jurisdiction_id: this.db.selectFrom('units').select('jurisdiction_id').where('id', '=', e.unitId),
          unit_id: e.unitId,
          month: e.month,
          reason: e.reason,
          created_by: e.createdBy,
          created_at: e.createdAt,
        })
        .execute();
    } catch (error) {
      throw conflictOnUnique(error, `unit ${e.unitId} is already exempt in ${e.month}`);
    }
  }

  /** Ranking exemptions of the months in [from, to] (either end open), newest month first. */
  async listExemptionsBetween(
    jurisdictionId: number,
    range: { from?: string; to?: string } = {},
  ): Promise<StoredExemption[]> {
    let query = this.db
      .selectFrom('request_exemptions')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId);
    if (range.from !== undefined) query = query.where('month', '>=', range.from);
    if (range.to !== undefined) query = query.where('month', '<=', range.to);
    const rows = await query.orderBy('month', 'desc').orderBy('unit_id').execute();
    return rows.map(toExemption);
  }

  /** The exemption of a unit in a month, or undefined. */
  async findExemption(unitId: number, month: string): Promise<StoredExemption | undefined> {
    const row = await this.db
      .selectFrom('request_exemptions')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('month', '=', month)
      .executeTakeFirst();
    return row === undefined ? undefined : toExemption(row);
  }

  async deleteExemption(unitId: number, month: string): Promise<void> {
    await this.db
      .deleteFrom('request_exemptions')
      .where('unit_id', '=', unitId)
      .where('month', '=', month)
      .execute();
  }

  /** Exemptions of unit `from` pass to `into`; a month both were exempt in keeps `into`'s. */
  async moveExemptions(from: number, into: number): Promise<void> {
    await this.db
      .deleteFrom('request_exemptions')
      .where('unit_id', '=', from)
      .where('month', 'in', (eb) =>
        eb.selectFrom('request_exemptions as own').select('own.month').where('own.unit_id', '=', into),
      )
      .execute();
    await this.db
      .updateTable('request_exemptions')
      .set({ unit_id: into })
      .where('unit_id', '=', from)
      .execute();
  }

  /** The loaded holiday tables, by year. */
  async listHolidayTables(): Promise<StoredHolidayTable[]> {
    const rows = await this.db.selectFrom('request_holiday_tables').selectAll().orderBy('year').execute();
    return rows.map(toHolidayTable);
  }

  async findHolidayTable(year: number): Promise<StoredHolidayTable | undefined> {
    const row = await this.db
      .selectFrom('request_holiday_tables')
      .selectAll()
      .where('year', '=', year)
      .executeTakeFirst();
    return row === undefined ? undefined : toHolidayTable(row);
  }

  /** Loads (or replaces) a year's table. */
  async saveHolidayTable(table: StoredHolidayTable): Promise<void> {
    const row = {
      year: table.year,
      data: json({ holidays: table.holidays, workdays: table.workdays }),
      source: table.source,
      loaded_by: table.loadedBy,
      loaded_at: table.loadedAt,
    };
    await this.db
      .insertInto('request_holiday_tables')
      .values(row)
      .onConflict((oc) =>
        oc.column('year').doUpdateSet({
          data: row.data,
          source: row.source,
          loaded_by: row.loaded_by,
          loaded_at: row.loaded_at,
        }),
      )
      .execute();
  }

  async deleteHolidayTable(year: number): Promise<void> {
    await this.db.deleteFrom('request_holiday_tables').where('year', '=', year).execute();
  }
}
