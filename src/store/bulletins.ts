/**
 * The monthly 通报 (issue 18): the draft being prepared for a month (its number, title,
 * comments, requirements) under a version, and the issued revisions, kept as issued, with the
 * units each names so that every one of them can read it. Each is a jurisdiction's: every read
 * and write names it (an issued bulletin of another jurisdiction is not found).
 */
import { sql } from 'kysely';
import { notFound } from './rows.js';
import type { Db } from './schema.js';

export interface StoredDraft {
  month: string;
  data: unknown;
  version: number;
  updatedBy: number | null;
  updatedAt: string;
}

export interface IssuedBulletin {
  id: number;
  jurisdictionId: number;
  month: string;
  revision: number;
  number: string;
  title: string;
  snapshot: unknown;
  issuedBy: number;
  issuedAt: string;
  unitIds: number[];
}

export class BulletinRepository {
  constructor(private readonly db: Db) {}

  async findDraft(jurisdictionId: number, month: string): Promise<StoredDraft | undefined> {
    const row = await this.db
      .selectFrom('bulletin_drafts')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('month', '=', month)
      .executeTakeFirst();
    return (
      row && {
        month: row.month,
        data: JSON.parse(row.data) as unknown,
        version: row.version,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }
    );
  }

  /** Saves the draft under `expectedVersion` (0: new); false when it moved meanwhile. */
  async saveDraft(
    jurisdictionId: number,
    month: string,
    data: unknown,
    expectedVersion: number,
    by: number,
    at: string,
  ): Promise<boolean> {
    if (expectedVersion === 0) {
      const result = await this.db
        .insertInto('bulletin_drafts')
        .values({
          jurisdiction_id: jurisdictionId,
          month,
          data: JSON.stringify(data),
          version: 1,
          updated_by: by,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['jurisdiction_id', 'month']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const result = await this.db
      .updateTable('bulletin_drafts')
      .set({ data: JSON.stringify(data), version: sql<number>`version + 1`, updated_by: by, updated_at: at })
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('month', '=', month)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The next revision number of a jurisdiction's month (1 for the first issue). */
  async nextRevision(jurisdictionId: number, month: string): Promise<number> {
    const row = await this.db
      .selectFrom('bulletins')
      .select((eb) => eb.fn.max('revision').as('last'))
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('month', '=', month)
      .executeTakeFirst();
    return Number(row?.last ?? 0) + 1;
  }

  async insertIssued(bulletin: Omit<IssuedBulletin, 'id'>): Promise<IssuedBulletin> {
    const row = await this.db
      .insertInto('bulletins')
      .values({
        jurisdiction_id: bulletin.jurisdictionId,
        month: bulletin.month,
        revision: bulletin.revision,
        number: bulletin.number,
        title: bulletin.title,
        snapshot: JSON.stringify(bulletin.snapshot),
        issued_by: bulletin.issuedBy,
        issued_at: bulletin.issuedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (bulletin.unitIds.length > 0) {
      await this.db
        .insertInto('bulletin_units')
        .values(
          bulletin.unitIds.map((unitId) => ({
            jurisdiction_id: bulletin.jurisdictionId,
            bulletin_id: row.id,
            unit_id: unitId,
          })),
        )
        .execute();
    }
    return { ...bulletin, id: row.id };
  }

  /** A jurisdiction's issued bulletins, newest first: all, or those naming one of `unitIds`. */
  async listIssued(
    jurisdictionId: number,
    unitIds?: readonly number[],
  ): Promise<Omit<IssuedBulletin, 'snapshot'>[]> {
    let query = this.db
      .selectFrom('bulletins')
      .select(['id', 'month', 'revision', 'number', 'title', 'issued_by', 'issued_at'])
      .where('jurisdiction_id', '=', jurisdictionId);
    if (unitIds !== undefined) {
      if (unitIds.length === 0) return [];
      query = query.where('id', 'in', (eb) =>
        eb
          .selectFrom('bulletin_units')
          .select('bulletin_id')
          .where('jurisdiction_id', '=', jurisdictionId)
          .where('unit_id', 'in', [...unitIds]),
      );
    }
    const rows = await query.orderBy('month', 'desc').orderBy('revision', 'desc').execute();
    const units = await this.unitsOf(
      jurisdictionId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      jurisdictionId,
      month: r.month,
      revision: r.revision,
      number: r.number,
      title: r.title,
      issuedBy: r.issued_by,
      issuedAt: r.issued_at,
      unitIds: units.get(r.id) ?? [],
    }));
  }

  /** Issued bulletin `id` of the jurisdiction; NOT_FOUND for another jurisdiction's. */
  async getIssued(jurisdictionId: number, id: number): Promise<IssuedBulletin> {
    const row = await this.db
      .selectFrom('bulletins')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('bulletin', id);
    const units = await this.unitsOf(jurisdictionId, [id]);
    return {
      id: row.id,
      jurisdictionId,
      month: row.month,
      revision: row.revision,
      number: row.number,
      title: row.title,
      snapshot: JSON.parse(row.snapshot) as unknown,
      issuedBy: row.issued_by,
      issuedAt: row.issued_at,
      unitIds: units.get(id) ?? [],
    };
  }

  private async unitsOf(jurisdictionId: number, ids: readonly number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('bulletin_units')
      .selectAll()
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('bulletin_id', 'in', [...ids])
      .orderBy('unit_id')
      .execute();
    for (const r of rows) out.set(r.bulletin_id, [...(out.get(r.bulletin_id) ?? []), r.unit_id]);
    return out;
  }
}
