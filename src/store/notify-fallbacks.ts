/**
 * The unit's copies of handlers' notices, held until read or due (issue 20; the rule is
 * src/requests/handlers.ts' routeNotice, the sending src/commands/handler-notices.ts'). Rows only.
 */
import { sql } from 'kysely';
import type { Notice } from '../notify/types.js';
import type { WorkItemKind } from '../requests/index.js';
import type { Db } from './schema.js';

/** A unit's copy waiting for its hour. */
export interface HeldCopy {
  dedupeKey: string;
  item: { kind: WorkItemKind; id: number; unitId: number };
  handlerId: number;
  /** The dedupe key prefix of the handler's messages: a read receipt on any of them is a read. */
  readGroup: string;
  notice: Notice;
  queuedAt: string;
  dueAt: string;
  seenAt: string | null;
}

export class NotifyFallbackRepository {
  constructor(private readonly db: Db) {}

  /** Holds a copy (its unit's jurisdiction's); a second one with the same key is not held. */
  async hold(copy: Omit<HeldCopy, 'seenAt'>): Promise<void> {
    await this.db
      .insertInto('notify_fallbacks')
      .values({
        jurisdiction_id: sql<number>`(select jurisdiction_id from units where id = ${copy.item.unitId})`,
        dedupe_key: copy.dedupeKey,
        item_kind: copy.item.kind,
        item_id: copy.item.id,
        unit_id: copy.item.unitId,
        handler_id: copy.handlerId,
        read_group: copy.readGroup,
        notice: JSON.stringify(copy.notice),
        queued_at: copy.queuedAt,
        due_at: copy.dueAt,
      })
      .onConflict((oc) => oc.columns(['jurisdiction_id', 'dedupe_key']).doNothing())
      .execute();
  }

  /** Copies due by `now` and not yet decided, oldest first. */
  async listDue(now: string, limit: number): Promise<HeldCopy[]> {
    const rows = await this.db
      .selectFrom('notify_fallbacks')
      .selectAll()
      .where('done_at', 'is', null)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      dedupeKey: r.dedupe_key,
      item: { kind: r.item_kind as WorkItemKind, id: r.item_id, unitId: r.unit_id },
      handlerId: r.handler_id,
      readGroup: r.read_group,
      notice: JSON.parse(r.notice) as Notice,
      queuedAt: r.queued_at,
      dueAt: r.due_at,
      seenAt: r.seen_at,
    }));
  }

  /** True when a channel reported one of the group's messages read. */
  async groupRead(readGroup: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('notify_outbox')
      .select('id')
      .where('dedupe_key', '>=', `${readGroup}|`)
      .where('dedupe_key', '<', `${readGroup}|\uffff`)
      .where('read_at', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The handler opened the item: their copies waiting for it are read. Answers how many. */
  async markSeen(item: { kind: WorkItemKind; id: number }, handlerId: number, at: string): Promise<number> {
    const result = await this.db
      .updateTable('notify_fallbacks')
      .set({ seen_at: at })
      .where('item_kind', '=', item.kind)
      .where('item_id', '=', item.id)
      .where('handler_id', '=', handlerId)
      .where('done_at', 'is', null)
      .where('seen_at', 'is', null)
      .where('queued_at', '<=', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Records what became of a copy; false when another run decided it first. */
  async decide(dedupeKey: string, outcome: 'sent' | 'read' | 'done', at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('notify_fallbacks')
      .set({ done_at: at, outcome })
      .where('dedupe_key', '=', dedupeKey)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** What became of the copies of an item (tests and the delivery log). */
  async listForItem(kind: WorkItemKind, id: number) {
    return this.db
      .selectFrom('notify_fallbacks')
      .select(['dedupe_key', 'unit_id', 'handler_id', 'due_at', 'seen_at', 'done_at', 'outcome'])
      .where('item_kind', '=', kind)
      .where('item_id', '=', id)
      .orderBy(sql`due_at`)
      .execute();
  }
}
