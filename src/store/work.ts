/**
 * The other sources of work (issue 18): each year's ledger plan, meetings, imported lists,
 * and the items themselves — 批示件, 议定事项, 建议, 提案, list items — as the domain's JSON
 * (src/sources) beside the columns desks filter on, under an optimistic version.
 */
import { sql } from 'kysely';
import type { Meeting, SourceRecord, WorkList } from '../sources/types.js';
import { contains, notFound, readPage } from './rows.js';
import type { Db, WorkItemsTable } from './schema.js';
import type { Page, PageQuery, Versioned } from './types.js';

export type WorkKind = SourceRecord['source'];

/** A stored item: its record, the ledger plan it belongs to, its version. */
export type WorkItem = Versioned<SourceRecord> & { planId: number };

export interface WorkItemFilter extends PageQuery {
  /** Items of this jurisdiction's ledgers only (a request's scope). */
  jurisdictionId?: number;
  planId?: number;
  kinds?: WorkKind[];
  state?: string;
  /** Items the unit leads (主办 / 牵头). */
  unitId?: number;
  /** An author's name, whole or in part (the desk by deputy or member). */
  author?: string;
  rating?: string;
  meetingId?: number;
  /** Words of the reference or the title. */
  q?: string;
}

/** The columns a record fills besides its JSON. */
function columnsOf(
  record: SourceRecord,
): Pick<
  WorkItemsTable,
  | 'kind'
  | 'state'
  | 'reference'
  | 'title'
  | 'lead_unit_id'
  | 'due_on'
  | 'task_id'
  | 'meeting_id'
  | 'list_id'
  | 'last_rating'
> & { authors: string } {
  const base = {
    kind: record.source,
    state: record.state,
    lead_unit_id: record.leadUnitId,
    due_on: record.dueOn,
    task_id: record.taskId,
    meeting_id: null as number | null,
    list_id: null as number | null,
    authors: '',
    last_rating: null as string | null,
  };
  switch (record.source) {
    case 'instruction':
      return { ...base, reference: record.docNumber, title: record.title };
    case 'decision':
      return { ...base, reference: record.itemNo, title: record.topic, meeting_id: record.meetingId };
    case 'suggestion':
    case 'proposal':
      return {
        ...base,
        reference: record.number,
        title: record.title,
        authors: record.authors.map((a) => a.name).join('、'),
        last_rating: record.ratings.at(-1)?.rating ?? null,
      };
    case 'list':
      return { ...base, reference: record.reference ?? '', title: record.title, list_id: record.listId };
  }
}

function toItem(row: { id: number; plan_id: number; data: string; version: number }): WorkItem {
  return { ...(JSON.parse(row.data) as SourceRecord), id: row.id, planId: row.plan_id, version: row.version };
}

export class WorkRepository {
  constructor(private readonly db: Db) {}

  /** The ledger plan of `year`, if one was made. */
  async findLedger(jurisdictionId: number, year: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('work_ledgers')
      .select('plan_id')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('year', '=', year)
      .executeTakeFirst();
    return row?.plan_id;
  }

  async insertLedger(jurisdictionId: number, year: number, planId: number, at: string): Promise<void> {
    await this.db
      .insertInto('work_ledgers')
      .values({ jurisdiction_id: jurisdictionId, year, plan_id: planId, created_at: at })
      .execute();
  }

  /** The ledger plans of a jurisdiction, by year. */
  async listLedgerPlanIds(jurisdictionId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('work_ledgers')
      .select('plan_id')
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('year')
      .execute();
    return rows.map((r) => Number(r.plan_id));
  }

  /** Every ledger plan, by year. */
  async listLedgers(): Promise<{ year: number; planId: number; jurisdictionId: number }[]> {
    const rows = await this.db.selectFrom('work_ledgers').selectAll().orderBy('year').execute();
    return rows.map((r) => ({ year: r.year, planId: r.plan_id, jurisdictionId: r.jurisdiction_id }));
  }

  /**
   * The tasks of the plan that carry an item answered on its own (批示件, 议定事项, 建议提案):
   * 我的待办 shows the item, not the task. A list item has no answer of its own: its task is
   * reported like any other.
   */
  async listCarriedTaskIds(planId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('work_items')
      .select('task_id')
      .where('plan_id', '=', planId)
      .where('task_id', 'is not', null)
      .where('kind', '!=', 'list')
      .execute();
    return rows.map((r) => Number(r.task_id));
  }

  async isLedger(planId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('work_ledgers')
      .select('year')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertMeeting(planId: number, meeting: Omit<Meeting, 'id'>, at: string): Promise<Meeting> {
    const row = await this.db
      .insertInto('meetings')
      .values({
        plan_id: planId,
        name: meeting.name,
        held_on: meeting.heldOn,
        data: JSON.stringify(meeting),
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...meeting, id: row.id };
  }

  async getMeeting(id: number): Promise<Meeting & { planId: number }> {
    const row = await this.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('meeting', id);
    return { ...(JSON.parse(row.data) as Meeting), id: row.id, planId: row.plan_id };
  }

  async listMeetings(planId?: number): Promise<(Meeting & { planId: number })[]> {
    let query = this.db.selectFrom('meetings').selectAll();
    if (planId !== undefined) query = query.where('plan_id', '=', planId);
    const rows = await query.orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
    return rows.map((r) => ({ ...(JSON.parse(r.data) as Meeting), id: r.id, planId: r.plan_id }));
  }

  async insertList(planId: number, list: Omit<WorkList, 'id'>): Promise<WorkList> {
    const row = await this.db
      .insertInto('work_lists')
      .values({
        plan_id: planId,
        name: list.name,
        file_name: list.fileName,
        imported_by: list.importedBy,
        imported_at: list.importedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...list, id: row.id };
  }

  async listLists(planId?: number): Promise<(WorkList & { planId: number })[]> {
    let query = this.db.selectFrom('work_lists').selectAll();
    if (planId !== undefined) query = query.where('plan_id', '=', planId);
    const rows = await query.orderBy('id', 'desc').execute();
    return rows.map((r) => ({
      id: r.id,
      planId: r.plan_id,
      name: r.name,
      fileName: r.file_name,
      importedBy: r.imported_by,
      importedAt: r.imported_at,
    }));
  }

  /** Stores a new item; its id is given by the table (the record's own `id` is ignored). */
  async insertItem(planId: number, record: SourceRecord, at: string): Promise<WorkItem> {
    const row = await this.db
      .insertInto('work_items')
      .values({
        plan_id: planId,
        ...columnsOf(record),
        data: JSON.stringify(record),
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const saved = { ...record, id: row.id } as SourceRecord;
    await this.db
      .updateTable('work_items')
      .set({ data: JSON.stringify(saved) })
      .where('id', '=', row.id)
      .execute();
    return { ...saved, planId, version: 1 };
  }

  /** NOT_FOUND when there is no such item (of that kind, when given). */
  async getItem(id: number, kinds?: readonly WorkKind[]): Promise<WorkItem> {
    let query = this.db
      .selectFrom('work_items')
      .select(['id', 'plan_id', 'data', 'version'])
      .where('id', '=', id);
    if (kinds) query = query.where('kind', 'in', [...kinds]);
    const row = await query.executeTakeFirst();
    if (!row) throw notFound(kinds?.length === 1 ? kinds[0]! : 'item', id);
    return toItem(row);
  }

  async listItems(filter: WorkItemFilter = {}): Promise<Page<WorkItem>> {
    let base = this.db.selectFrom('work_items');
    if (filter.jurisdictionId !== undefined) {
      const jurisdictionId = filter.jurisdictionId;
      base = base.where('plan_id', 'in', (eb) =>
        eb.selectFrom('plans').select('id').where('jurisdiction_id', '=', jurisdictionId),
      );
    }
    if (filter.planId !== undefined) base = base.where('plan_id', '=', filter.planId);
    if (filter.kinds?.length) base = base.where('kind', 'in', filter.kinds);
    if (filter.state !== undefined) base = base.where('state', '=', filter.state);
    if (filter.unitId !== undefined) base = base.where('lead_unit_id', '=', filter.unitId);
    if (filter.rating !== undefined) base = base.where('last_rating', '=', filter.rating);
    if (filter.meetingId !== undefined) base = base.where('meeting_id', '=', filter.meetingId);
    if (filter.author) {
      const author = filter.author;
      base = base.where((eb) => contains(eb.ref('authors'), author));
    }
    if (filter.q) {
      const q = filter.q;
      base = base.where((eb) => eb.or([contains(eb.ref('title'), q), contains(eb.ref('reference'), q)]));
    }
    return readPage(
      base,
      filter,
      (q) => q.select(['id', 'plan_id', 'data', 'version']).orderBy('id', 'desc'),
      (rows) => rows.map(toItem),
    );
  }

  /** The items that carry these tasks, by task id (我的待办 names each task's source). */
  async listItemsByTasks(taskIds: readonly number[]): Promise<Map<number, WorkItem>> {
    const out = new Map<number, WorkItem>();
    for (let i = 0; i < taskIds.length; i += 500) {
      const chunk = taskIds.slice(i, i + 500);
      const rows = await this.db
        .selectFrom('work_items')
        .select(['id', 'plan_id', 'data', 'version', 'task_id'])
        .where('task_id', 'in', chunk)
        .execute();
      for (const r of rows) out.set(r.task_id!, toItem(r));
    }
    return out;
  }

  /** Writes the record under `expectedVersion`; false when it moved meanwhile (nothing written). */
  async updateItem(record: SourceRecord, expectedVersion: number, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('work_items')
      .set({
        ...columnsOf(record),
        data: JSON.stringify(record),
        version: sql<number>`version + 1`,
        updated_at: at,
      })
      .where('id', '=', record.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Counts by kind and state (the desks' headers). */
  async countItems(planId?: number): Promise<{ kind: WorkKind; state: string; count: number }[]> {
    let query = this.db.selectFrom('work_items').select(['kind', 'state', sql<number>`count(*)`.as('n')]);
    if (planId !== undefined) query = query.where('plan_id', '=', planId);
    const rows = await query.groupBy(['kind', 'state']).execute();
    return rows.map((r) => ({ kind: r.kind as WorkKind, state: r.state, count: Number(r.n) }));
  }
}
