/**
 * 知识库 entries (issue 20) as rows: the entry with its versions as JSON, beside the columns
 * lists filter on, and a row version for the optimistic lock. Rows only: the rules are
 * src/requests/knowledge.ts', the writes src/commands/knowledge.ts'.
 */
import { sql } from 'kysely';
import type { KnowledgeEntry, KnowledgeVersionStatus } from '../requests/index.js';
import { contains, notFound, readPage, staleVersion } from './rows.js';
import type { Db } from './schema.js';
import type { Page, PageQuery } from './types.js';

/** An entry as stored, with the row's version. */
export interface StoredKnowledgeEntry {
  entry: KnowledgeEntry;
  version: number;
  updatedAt: string;
}

export interface KnowledgeFilter extends PageQuery {
  /** The jurisdiction whose entries are listed (an entry is its owner unit's jurisdiction's). */
  jurisdictionId: number;
  ownerUnitId?: number;
  /** The latest version's status. */
  status?: KnowledgeVersionStatus;
  category?: string;
  /** Words of the latest question. */
  q?: string;
  /** With retired entries (default: without). */
  retired?: boolean;
}

function columns(entry: KnowledgeEntry) {
  const last = entry.versions.at(-1);
  const approved = entry.versions.findLast((v) => v.status === 'approved');
  if (!last) throw new Error(`knowledge entry ${entry.id} has no version`);
  return {
    owner_unit_id: last.ownerUnitId,
    category: last.category,
    area: last.area,
    question: last.question,
    status: last.status,
    approved_version: approved?.version ?? null,
    review_by: approved?.reviewBy ?? null,
    valid_to: approved?.validTo ?? null,
    retired_at: entry.retired?.at ?? null,
    data: JSON.stringify(entry),
  };
}

const parse = (row: { data: string; version: number; updated_at: string }): StoredKnowledgeEntry => ({
  entry: JSON.parse(row.data) as KnowledgeEntry,
  version: row.version,
  updatedAt: row.updated_at,
});

export class KnowledgeRepository {
  constructor(private readonly db: Db) {}

  /** A new entry: `build` gets the id the row was given and returns the entry to store. */
  async insert(build: (id: number) => KnowledgeEntry, at: string): Promise<StoredKnowledgeEntry> {
    // Built once before the row exists, so a refused entry writes nothing and the row carries
    // its real owner unit from the start (the column references units).
    const draft = build(0);
    const row = await this.db
      .insertInto('knowledge_entries')
      .values({ ...columns(draft), version: 0, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entry = { ...draft, id: row.id };
    await this.db
      .updateTable('knowledge_entries')
      .set({ ...columns(entry), version: 1, updated_at: at })
      .where('id', '=', row.id)
      .execute();
    return { entry, version: 1, updatedAt: at };
  }

  /** The entry of the jurisdiction; NOT_FOUND when it has none (another's is not there). */
  async get(id: number, jurisdictionId: number): Promise<StoredKnowledgeEntry> {
    const row = await this.db
      .selectFrom('knowledge_entries')
      .select(['data', 'version', 'updated_at'])
      .where('id', '=', id)
      .where('jurisdiction_id', '=', jurisdictionId)
      .executeTakeFirst();
    if (!row) throw notFound('knowledge entry', id);
    return parse(row);
  }

  /** Writes the entry where the row still has `expectedVersion`; CONFLICT otherwise. */
  async update(entry: KnowledgeEntry, expectedVersion: number, at: string): Promise<StoredKnowledgeEntry> {
    const result = await this.db
      .updateTable('knowledge_entries')
      .set({ ...columns(entry), version: sql<number>`version + 1`, updated_at: at })
      .where('id', '=', entry.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw staleVersion('knowledge entry', entry.id);
    return { entry, version: expectedVersion + 1, updatedAt: at };
  }

  /** One page of entries, newest change first. */
  async list(filter: KnowledgeFilter): Promise<Page<StoredKnowledgeEntry>> {
    let base = this.db.selectFrom('knowledge_entries').where('jurisdiction_id', '=', filter.jurisdictionId);
    if (filter.ownerUnitId !== undefined) base = base.where('owner_unit_id', '=', filter.ownerUnitId);
    if (filter.status !== undefined) base = base.where('status', '=', filter.status);
    if (filter.category !== undefined) base = base.where('category', '=', filter.category);
    if (!filter.retired) base = base.where('retired_at', 'is', null);
    if (filter.q) base = base.where(contains(sql.ref('question'), filter.q));
    return readPage(
      base,
      filter,
      (q) => q.select(['data', 'version', 'updated_at']).orderBy('updated_at', 'desc').orderBy('id', 'desc'),
      (rows) => rows.map(parse),
    );
  }

  /** Every entry of a jurisdiction with an approved version and not retired (its search index reads them all). */
  async listApproved(jurisdictionId: number, ownerUnitId?: number): Promise<KnowledgeEntry[]> {
    let query = this.db
      .selectFrom('knowledge_entries')
      .select('data')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('approved_version', 'is not', null)
      .where('retired_at', 'is', null);
    if (ownerUnitId !== undefined) query = query.where('owner_unit_id', '=', ownerUnitId);
    const rows = await query.orderBy('id').execute();
    return rows.map((row) => JSON.parse(row.data) as KnowledgeEntry);
  }

  /** Every entry not retired of a jurisdiction, of one unit or all its units (the upkeep lists read them). */
  async listLive(jurisdictionId: number, ownerUnitId?: number): Promise<KnowledgeEntry[]> {
    let query = this.db
      .selectFrom('knowledge_entries')
      .select('data')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('retired_at', 'is', null);
    if (ownerUnitId !== undefined) query = query.where('owner_unit_id', '=', ownerUnitId);
    const rows = await query.orderBy('id').execute();
    return rows.map((row) => JSON.parse(row.data) as KnowledgeEntry);
  }

  /** Every entry of a unit, retired ones too, with their row versions. */
  async listOwnedBy(unitId: number): Promise<StoredKnowledgeEntry[]> {
    const rows = await this.db
      .selectFrom('knowledge_entries')
      .select(['data', 'version', 'updated_at'])
      .where('owner_unit_id', '=', unitId)
      .orderBy('id')
      .execute();
    return rows.map(parse);
  }

  async countOwnedBy(unitId: number): Promise<number> {
    const row = await this.db
      .selectFrom('knowledge_entries')
      .select(sql<number>`count(*)`.as('n'))
      .where('owner_unit_id', '=', unitId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
