/**
 * Jurisdictions (issue 16) and their areas: rows only. A jurisdiction is the tenant every
 * other owned row names by `jurisdiction_id`; the tree (`parent_id`) decides who sees whom
 * (src/jurisdictions/tree.ts), the commands decide the rest (src/commands/jurisdictions.ts).
 */
import type { Boundary, JurisdictionArea, Level } from '../jurisdictions/types.js';
import { notFound, now } from './rows.js';
import type { Db } from './schema.js';

/** What the deployment keeps of a jurisdiction beside its areas and units. */
export interface JurisdictionSettings {
  /** Health thresholds and tolerances of its plans by default (src/plan/thresholds.ts shape). */
  health?: { thresholds: { atRisk: number; behind: number }; tolerances: { approx: number; exact: number } };
  /** Open311 service codes offered; every catalogue row when absent. */
  open311Services?: string[];
  /** Hours a named handler has to read a notice before the unit's inbox gets it (issue 20). */
  inboxAfterHours?: number;
}

/** A jurisdiction as the store holds it. */
export interface JurisdictionRecord {
  id: number;
  /** The 行政区划代码; null only for jurisdiction 1 of a database made before jurisdictions. */
  code: string | null;
  name: string;
  level: Level;
  parentId: number | null;
  open311Id: string | null;
  settings: JurisdictionSettings;
  version: number;
}

type Row = {
  id: number;
  code: string | null;
  name: string;
  level: string;
  parent_id: number | null;
  open311_id: string | null;
  settings: string;
  version: number;
};

const COLUMNS = ['id', 'code', 'name', 'level', 'parent_id', 'open311_id', 'settings', 'version'] as const;

function toRecord(row: Row): JurisdictionRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level as Level,
    parentId: row.parent_id,
    open311Id: row.open311_id,
    settings: JSON.parse(row.settings) as JurisdictionSettings,
    version: Number(row.version),
  };
}

export class JurisdictionRepository {
  constructor(private readonly db: Db) {}

  /** Every jurisdiction, by id (a deployment serves hundreds at most). */
  async list(): Promise<JurisdictionRecord[]> {
    return (await this.db.selectFrom('jurisdictions').select(COLUMNS).orderBy('id').execute()).map(toRecord);
  }

  /** The jurisdiction; NOT_FOUND when there is none. */
  async get(id: number): Promise<JurisdictionRecord> {
    const row = await this.db
      .selectFrom('jurisdictions')
      .select(COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('jurisdiction', id);
    return toRecord(row);
  }

  async findByCode(code: string): Promise<JurisdictionRecord | undefined> {
    const row = await this.db
      .selectFrom('jurisdictions')
      .select(COLUMNS)
      .where('code', '=', code)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** The jurisdiction Open311 clients name by `jurisdiction_id`. */
  async findByOpen311Id(open311Id: string): Promise<JurisdictionRecord | undefined> {
    const row = await this.db
      .selectFrom('jurisdictions')
      .select(COLUMNS)
      .where('open311_id', '=', open311Id)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** A new jurisdiction; a code or Open311 id taken fails on its unique key. */
  async insert(input: Omit<JurisdictionRecord, 'id' | 'version'>): Promise<JurisdictionRecord> {
    const row = await this.db
      .insertInto('jurisdictions')
      .values({
        code: input.code,
        name: input.name,
        level: input.level,
        parent_id: input.parentId,
        open311_id: input.open311Id,
        settings: JSON.stringify(input.settings),
        version: 1,
        created_at: now(),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /** Writes every field of `record` where the row still has its version, bumping it; false when it had not. */
  async update(record: JurisdictionRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('jurisdictions')
      .set({
        code: record.code,
        name: record.name,
        level: record.level,
        parent_id: record.parentId,
        open311_id: record.open311Id,
        settings: JSON.stringify(record.settings),
        version: record.version + 1,
      })
      .where('id', '=', record.id)
      .where('version', '=', record.version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The areas of a jurisdiction in the order its files list them. */
  async listAreas(jurisdictionId: number): Promise<JurisdictionArea[]> {
    const rows = await this.db
      .selectFrom('areas')
      .select(['name', 'kind', 'communities', 'lat', 'long', 'boundary'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('position')
      .execute();
    return rows.map((row) => ({
      name: row.name,
      kind: row.kind as JurisdictionArea['kind'],
      communities: JSON.parse(row.communities) as string[],
      ...(row.lat !== null && row.long !== null
        ? { centre: { lat: Number(row.lat), long: Number(row.long) } }
        : {}),
      ...(row.boundary !== null ? { boundary: JSON.parse(row.boundary) as Boundary } : {}),
    }));
  }

  /** Replaces the areas of a jurisdiction. */
  async replaceAreas(jurisdictionId: number, areas: readonly JurisdictionArea[]): Promise<void> {
    await this.db.deleteFrom('areas').where('jurisdiction_id', '=', jurisdictionId).execute();
    for (let start = 0; start < areas.length; start += 100) {
      await this.db
        .insertInto('areas')
        .values(
          areas.slice(start, start + 100).map((area, i) => ({
            jurisdiction_id: jurisdictionId,
            name: area.name,
            kind: area.kind,
            communities: JSON.stringify(area.communities),
            lat: area.centre?.lat ?? null,
            long: area.centre?.long ?? null,
            boundary: area.boundary ? JSON.stringify(area.boundary) : null,
            position: start + i,
          })),
        )
        .execute();
    }
  }
}
