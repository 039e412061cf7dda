/**
 * Units (departments, towns, streets) and what refers to them. Units are named by id in many
 * tables: tasks and targets (lead and co-units), users, reports, supervision records, evidence,
 * and the 接诉即办 tables (orders, co-units, follow-ups, exemptions); a merge (机构改革) moves
 * those references, row by row, as the command decides (src/commands/units.ts).
 */
import { sql } from 'kysely';
import type { Unit, UnitKind } from '../plan/types.js';
import type { ItemUnits, UnitUsage } from '../plan/units.js';
import type { DialectName } from './connect.js';
import { CHUNK, notFound, now, planOwner } from './rows.js';
import type { Db } from './schema.js';
import type { Versioned } from './types.js';

const UNIT_COLUMNS = ['id', 'jurisdiction_id', 'name', 'kind', 'version', 'area'] as const;
const SUPERVISION_TABLES = ['notices', 'extension_requests', 'closure_applications'] as const;

/** The counts a query of the store can make (themes and the catalogue are counted from their JSON). */
export type UnitReferences = Omit<UnitUsage, 'requestThemes' | 'catalogueRows' | 'knowledgeEntries'>;

/** A plan item naming a unit, with its plan. */
export type PlanItemUnits = ItemUnits & { id: number; planId: number };

function toUnit(row: {
  id: number;
  jurisdiction_id: number;
  name: string;
  kind: string;
  version: number;
  area: string | null;
}) {
  const unit: Versioned<Unit> = {
    id: row.id,
    name: row.name,
    kind: row.kind as UnitKind,
    version: Number(row.version),
    jurisdictionId: row.jurisdiction_id,
  };
  if (row.area !== null) unit.area = row.area;
  return unit;
}

export class UnitRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectName,
  ) {}

  /** The units of the jurisdictions given (every unit when none are given), by id. */
  async list(jurisdictionIds?: readonly number[]): Promise<Versioned<Unit>[]> {
    let query = this.db.selectFrom('units').select(UNIT_COLUMNS).orderBy('id');
    if (jurisdictionIds !== undefined) {
      if (jurisdictionIds.length === 0) return [];
      query = query.where('jurisdiction_id', 'in', [...jurisdictionIds]);
    }
    const rows = await query.execute();
    const aliases = await this.listAliases(jurisdictionIds);
    return rows.map((row) => {
      const unit = toUnit(row);
      const names = aliases.get(row.id);
      if (names) unit.aliases = names;
      return unit;
    });
  }

  /** Each unit's aliases (简称) in the jurisdictions given (all when none are), sorted. */
  async listAliases(jurisdictionIds?: readonly number[]): Promise<Map<number, string[]>> {
    let query = this.db.selectFrom('unit_aliases').select(['unit_id', 'alias']).orderBy('alias');
    if (jurisdictionIds !== undefined) {
      if (jurisdictionIds.length === 0) return new Map();
      query = query.where('jurisdiction_id', 'in', [...jurisdictionIds]);
    }
    const byUnit = new Map<number, string[]>();
    for (const row of await query.execute())
      byUnit.set(row.unit_id, [...(byUnit.get(row.unit_id) ?? []), row.alias]);
    return byUnit;
  }

  /** Replaces a unit's aliases; an alias another unit of the jurisdiction holds fails on its key. */
  async setAliases(jurisdictionId: number, unitId: number, aliases: readonly string[]): Promise<void> {
    await this.db
      .deleteFrom('unit_aliases')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('unit_id', '=', unitId)
      .execute();
    if (aliases.length === 0) return;
    await this.db
      .insertInto('unit_aliases')
      .values(aliases.map((alias) => ({ jurisdiction_id: jurisdictionId, unit_id: unitId, alias })))
      .execute();
  }

  /** The unit, or undefined. */
  async find(id: number): Promise<Versioned<Unit> | undefined> {
    const row = await this.db
      .selectFrom('units')
      .select(UNIT_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toUnit(row);
  }

  /** The unit; NOT_FOUND when there is none. */
  async get(id: number): Promise<Versioned<Unit>> {
    const row = await this.db
      .selectFrom('units')
      .select(UNIT_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('unit', id);
    return toUnit(row);
  }

  /**
   * The unit, its row held until the transaction ends on PostgreSQL (call inside one): an
   * assignment to it meanwhile waits on the foreign key's lock instead of slipping in before
   * a delete. SQLite runs one write transaction at a time, so it needs no lock.
   */
  async lock(id: number): Promise<Versioned<Unit>> {
    let query = this.db.selectFrom('units').select(UNIT_COLUMNS).where('id', '=', id);
    if (this.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw notFound('unit', id);
    return toUnit(row);
  }

  /** The unit of that exact name in the jurisdiction (src/jurisdictions matches by alias and rule). */
  async findByName(jurisdictionId: number, name: string): Promise<Versioned<Unit> | undefined> {
    const row = await this.db
      .selectFrom('units')
      .select(UNIT_COLUMNS)
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toUnit(row) : undefined;
  }

  /** The unit of the jurisdiction (other than `exceptId`) that governs `area`, if one does. */
  async findByArea(
    jurisdictionId: number,
    area: string,
    exceptId?: number,
  ): Promise<{ id: number; name: string } | undefined> {
    let query = this.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('area', '=', area);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    return query.executeTakeFirst();
  }

  /** Which of `ids` name a unit (of the jurisdiction, when given). */
  async findExistingIds(ids: readonly number[], jurisdictionId?: number): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    let query = this.db
      .selectFrom('units')
      .select('id')
      .where('id', 'in', [...ids]);
    if (jurisdictionId !== undefined) query = query.where('jurisdiction_id', '=', jurisdictionId);
    const rows = await query.execute();
    return new Set(rows.map((r) => r.id));
  }

  /** A new unit at version 1; a name or area taken in its jurisdiction fails on its unique key. */
  async insert(input: {
    jurisdictionId: number;
    name: string;
    kind: UnitKind;
    area: string | null;
  }): Promise<Versioned<Unit>> {
    const { jurisdictionId, ...fields } = input;
    const row = await this.db
      .insertInto('units')
      .values({ ...fields, jurisdiction_id: jurisdictionId, created_at: now(), version: 1 })
      .returning(UNIT_COLUMNS)
      .executeTakeFirstOrThrow();
    return toUnit(row);
  }

  /**
   * Writes the fields given where the row still has `expectedVersion`, bumping it; answers
   * whether it did (false: gone or changed meanwhile). A name or area taken fails on its key.
   */
  async update(
    id: number,
    patch: { name?: string; kind?: UnitKind; area?: string | null },
    expectedVersion?: number,
  ): Promise<boolean> {
    let query = this.db
      .updateTable('units')
      .set({ ...patch, version: sql<number>`version + 1` })
      .where('id', '=', id);
    if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('units').where('id', '=', id).execute();
  }

  /** Counts the references to unit `id` that rows hold by column. */
  async countReferences(id: number): Promise<UnitReferences> {
    const count = async (query: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }) =>
      Number((await query.executeTakeFirst())?.n ?? 0);
    const n = sql<number>`count(*)`.as('n');
    const db = this.db;
    let supervision = 0;
    for (const table of SUPERVISION_TABLES) {
      supervision += await count(db.selectFrom(table).select(n).where('unit_id', '=', id));
    }
    return {
      tasksLed: await count(db.selectFrom('tasks').select(n).where('lead_unit_id', '=', id)),
      tasksCoLed: await count(db.selectFrom('task_co_units').select(n).where('unit_id', '=', id)),
      targetsLed: await count(db.selectFrom('targets').select(n).where('lead_unit_id', '=', id)),
      targetsCoLed: await count(db.selectFrom('target_co_units').select(n).where('unit_id', '=', id)),
      users: await count(db.selectFrom('user_units').select(n).where('unit_id', '=', id)),
      reports: await count(db.selectFrom('unit_reports').select(n).where('unit_id', '=', id)),
      supervision,
      evidenceFiles: await count(db.selectFrom('evidence_files').select(n).where('unit_id', '=', id)),
      requestOrdersLed: await count(db.selectFrom('request_orders').select(n).where('lead_unit_id', '=', id)),
      requestOrdersCoHandled: await count(
        db.selectFrom('request_co_units').select(n).where('unit_id', '=', id),
      ),
      requestFollowUps: await count(
        db.selectFrom('request_follow_ups').select(n).where('lead_unit_id', '=', id),
      ),
      requestExemptions: await count(db.selectFrom('request_exemptions').select(n).where('unit_id', '=', id)),
    };
  }

  /** Periods both units reported for: a merge cannot combine two reports into one. */
  async listReportClashes(from: number, into: number): Promise<{ planId: number; periodKey: string }[]> {
    const rows = await this.db
      .selectFrom('unit_reports as a')
      .innerJoin('unit_reports as b', (join) =>
        join.onRef('a.plan_id', '=', 'b.plan_id').onRef('a.period_key', '=', 'b.period_key'),
      )
      .select(['a.plan_id', 'a.period_key'])
      .where('a.unit_id', '=', from)
      .where('b.unit_id', '=', into)
      .orderBy('a.plan_id')
      .orderBy('a.period_key')
      .execute();
    return rows.map((row) => ({ planId: row.plan_id, periodKey: row.period_key }));
  }

  /** Tasks or targets unit `unitId` leads or co-leads, with their units, in id order. */
  async listItemsNaming(kind: 'task' | 'target', unitId: number): Promise<PlanItemUnits[]> {
    const table = kind === 'task' ? 'tasks' : 'targets';
    const led = await this.db.selectFrom(table).select('id').where('lead_unit_id', '=', unitId).execute();
    const coLed =
      kind === 'task'
        ? await this.db
            .selectFrom('task_co_units')
            .select('task_id as id')
            .where('unit_id', '=', unitId)
            .execute()
        : await this.db
            .selectFrom('target_co_units')
            .select('target_id as id')
            .where('unit_id', '=', unitId)
            .execute();
    const ids = [...new Set([...led, ...coLed].map((row) => row.id))].sort((a, b) => a - b);
    const out: PlanItemUnits[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const rows = await this.db
        .selectFrom(table)
        .select(['id', 'plan_id', 'lead_unit_id'])
        .where('id', 'in', chunk)
        .orderBy('id')
        .execute();
      const co =
        kind === 'task'
          ? await this.db
              .selectFrom('task_co_units')
              .select(['task_id as id', 'unit_id'])
              .where('task_id', 'in', chunk)
              .orderBy('unit_id')
              .execute()
          : await this.db
              .selectFrom('target_co_units')
              .select(['target_id as id', 'unit_id'])
              .where('target_id', 'in', chunk)
              .orderBy('unit_id')
              .execute();
      const byId = new Map<number, PlanItemUnits>();
      for (const row of rows) {
        const item = {
          id: row.id,
          planId: row.plan_id,
          leadUnitId: row.lead_unit_id,
          coUnitIds: [] as number[],
        };
        byId.set(row.id, item);
        out.push(item);
      }
      for (const row of co) byId.get(row.id)?.coUnitIds.push(row.unit_id);
    }
    return out;
  }

  /** Writes tasks' or targets' units as given, each version bumped. */
  async writeItemUnits(kind: 'task' | 'target', items: readonly PlanItemUnits[], at: string): Promise<void> {
    const table = kind === 'task' ? 'tasks' : 'targets';
    for (let start = 0; start < items.length; start += CHUNK) {
      const chunk = items.slice(start, start + CHUNK);
      const ids = chunk.map((item) => item.id);
      // One update per lead unit (a merge leaves few): the items that share it.
      const byLead = new Map<number | null, number[]>();
      for (const item of chunk)
        byLead.set(item.leadUnitId, [...(byLead.get(item.leadUnitId) ?? []), item.id]);
      for (const [leadUnitId, sharing] of byLead) {
        await this.db
          .updateTable(table)
          .set({ lead_unit_id: leadUnitId, version: sql<number>`version + 1`, updated_at: at })
          .where('id', 'in', sharing)
          .execute();
      }
      if (kind === 'task') {
        await this.db.deleteFrom('task_co_units').where('task_id', 'in', ids).execute();
        const rows = chunk.flatMap((item) =>
          item.coUnitIds.map((u) => ({
            jurisdiction_id: planOwner(this.db, item.planId),
            task_id: item.id,
            unit_id: u,
          })),
        );
        if (rows.length > 0) await this.db.insertInto('task_co_units').values(rows).execute();
      } else {
        await this.db.deleteFrom('target_co_units').where('target_id', 'in', ids).execute();
        const rows = chunk.flatMap((item) =>
          item.coUnitIds.map((u) => ({
            jurisdiction_id: planOwner(this.db, item.planId),
            target_id: item.id,
            unit_id: u,
          })),
        );
        if (rows.length > 0) await this.db.insertInto('target_co_units').values(rows).execute();
      }
    }
  }

  /**
   * Moves unit `from`'s users (a user who acted for both keeps one membership), reports and
   * evidence files to unit `into`.
   */
  async moveMembers(from: number, into: number, at: string): Promise<void> {
    await this.db
      .deleteFrom('user_units')
      .where('unit_id', '=', from)
      .where('user_id', 'in', (eb) =>
        eb.selectFrom('user_units as both').select('both.user_id').where('both.unit_id', '=', into),
      )
      .execute();
    await this.db.updateTable('user_units').set({ unit_id: into }).where('unit_id', '=', from).execute();
    await this.db
      .updateTable('unit_reports')
      .set({ unit_id: into, version: sql<number>`version + 1`, updated_at: at })
      .where('unit_id', '=', from)
      .execute();
    await this.db.updateTable('evidence_files').set({ unit_id: into }).where('unit_id', '=', from).execute();
  }
}
