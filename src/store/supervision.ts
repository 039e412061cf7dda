/**
 * Supervision records of issue 4 — 督办单 (notices), 延期申请 (extension requests) and 销号
 * (closing applications) — in three tables of one shape: the record as the domain's JSON
 * (src/plan/supervision.ts) beside the columns lists filter on, under an optimistic version.
 */
import { sql } from 'kysely';
import type { SubjectRef } from '../plan/supervision.js';
import { notFound, now, planOwner, staleVersion } from './rows.js';
import type { Db, SupervisionTable } from './schema.js';
import type { SupervisionFilter, SupervisionKind, SupervisionRecords, Versioned } from './types.js';

const TABLES = {
  notice: 'notices',
  extension: 'extension_requests',
  closure: 'closure_applications',
} as const;

/** The three tables share one shape (SupervisionTable): typed as one of them for Kysely. */
function tableOf(kind: SupervisionKind): 'notices' {
  return TABLES[kind] as 'notices';
}

function subjectOf(kind: SupervisionKind, record: object): SubjectRef {
  if (kind === 'closure') return { type: 'task', id: (record as { taskId: number }).taskId };
  return (record as { subject: SubjectRef }).subject;
}

function toRecord<K extends SupervisionKind>(
  row: Omit<SupervisionTable, 'id'> & { id: number },
): Versioned<SupervisionRecords[K]> {
  return {
    ...(JSON.parse(row.data) as SupervisionRecords[K]),
    id: row.id,
    version: row.version,
  } as unknown as Versioned<SupervisionRecords[K]>;
}

type Fields = { planId: number; unitId: number; state: string };

export class SupervisionRepository {
  constructor(private readonly db: Db) {}

  async insert<K extends SupervisionKind>(
    kind: K,
    record: Omit<SupervisionRecords[K], 'id'>,
    at = now(),
  ): Promise<Versioned<SupervisionRecords[K]>> {
    const base = record as Omit<SupervisionRecords[K], 'id'> & Fields;
    const subject = subjectOf(kind, record);
    const row = await this.db
      .insertInto(tableOf(kind))
      .values({
        jurisdiction_id: planOwner(this.db, base.planId),
        plan_id: base.planId,
        subject_type: subject.type,
        subject_id: subject.id,
        unit_id: base.unitId,
        state: base.state,
        data: JSON.stringify(record),
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The id lives in its column; the JSON is written again so that it holds it too.
    const saved = { ...record, id: row.id } as SupervisionRecords[K];
    await this.db
      .updateTable(tableOf(kind))
      .set({ data: JSON.stringify(saved) })
      .where('id', '=', row.id)
      .execute();
    return { ...saved, version: row.version } as Versioned<SupervisionRecords[K]>;
  }

  /** NOT_FOUND unless the record belongs to the plan. */
  async get<K extends SupervisionKind>(
    kind: K,
    planId: number,
    id: number,
  ): Promise<Versioned<SupervisionRecords[K]>> {
    const [record] = await this.list(kind, planId, { id });
    if (!record) throw notFound(kind, id);
    return record;
  }

  async list<K extends SupervisionKind>(
    kind: K,
    planId: number,
    filter: SupervisionFilter & { id?: number } = {},
  ): Promise<Versioned<SupervisionRecords[K]>[]> {
    let query = this.db.selectFrom(tableOf(kind)).selectAll().where('plan_id', '=', planId);
    if (filter.id !== undefined) query = query.where('id', '=', filter.id);
    if (filter.subject) {
      const subject = filter.subject;
      query = query.where('subject_type', '=', subject.type).where('subject_id', '=', subject.id);
    }
    if (filter.unitId !== undefined) query = query.where('unit_id', '=', filter.unitId);
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    const rows = await query.orderBy('id').execute();
    return rows.map((r) => toRecord<K>(r));
  }

  /** Writes the record; CONFLICT when its version moved meanwhile (two supervisors at once). */
  async update<K extends SupervisionKind>(
    kind: K,
    record: SupervisionRecords[K],
    expectedVersion: number,
    at = now(),
  ): Promise<Versioned<SupervisionRecords[K]>> {
    const base = record as SupervisionRecords[K] & Fields;
    const result = await this.db
      .updateTable(tableOf(kind))
      .set({
        state: base.state,
        unit_id: base.unitId,
        data: JSON.stringify(record),
        version: sql<number>`version + 1`,
        updated_at: at,
      })
      .where('plan_id', '=', base.planId)
      .where('id', '=', base.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    const saved = await this.get(kind, base.planId, base.id);
    if (Number(result.numUpdatedRows) === 0) throw staleVersion(kind, base.id);
    return saved;
  }

  /** Moves every record of unit `from` to unit `into` (机构改革), in the column and the JSON. */
  async moveUnit(from: number, into: number, at: string): Promise<void> {
    for (const table of Object.values(TABLES)) {
      const rows = await this.db
        .selectFrom(table)
        .select(['id', 'data'])
        .where('unit_id', '=', from)
        .execute();
      for (const row of rows) {
        const data = { ...(JSON.parse(row.data) as Record<string, unknown>), unitId: into };
        await this.db
          .updateTable(table)
          .set({
            unit_id: into,
            data: JSON.stringify(data),
            version: sql<number>`version + 1`,
            updated_at: at,
          })
          .where('id', '=', row.id)
          .execute();
      }
    }
  }
}
