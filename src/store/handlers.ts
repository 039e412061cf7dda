/**
 * Named handlers (经办人, issue 20) as rows: who of a unit handles an order or a plan task, and
 * who heads each unit. Rows only; the rules are src/requests/handlers.ts', the writes
 * src/commands/handlers.ts'.
 */
import type { HandlerAssignment, WorkItemKind } from '../requests/index.js';
import type { Db } from './schema.js';

type Row = {
  kind: string;
  item_id: number;
  unit_id: number;
  handler_id: number;
  assigned_at: string;
  assigned_by: number | null;
  reason: string | null;
};

const toAssignment = (row: Row): HandlerAssignment => ({
  kind: row.kind as WorkItemKind,
  itemId: row.item_id,
  unitId: row.unit_id,
  handlerId: row.handler_id,
  assignedAt: row.assigned_at,
  assignedBy: row.assigned_by,
  reason: row.reason,
});

export class HandlerRepository {
  constructor(private readonly db: Db) {}

  /** Writes assignments, replacing those of the same (kind, item, unit). */
  async save(assignments: readonly HandlerAssignment[]): Promise<void> {
    for (const a of assignments) {
      const values = {
        handler_id: a.handlerId,
        assigned_at: a.assignedAt,
        assigned_by: a.assignedBy,
        reason: a.reason,
      };
      await this.db
        .insertInto('handler_assignments')
        .values({
          jurisdiction_id: this.db.selectFrom('units').select('jurisdiction_id').where('id', '=', a.unitId),
          kind: a.kind,
          item_id: a.itemId,
          unit_id: a.unitId,
          ...values,
        })
        .onConflict((oc) => oc.columns(['jurisdiction_id', 'kind', 'item_id', 'unit_id']).doUpdateSet(values))
        .execute();
    }
  }

  /** Every assignment of a unit's items. */
  async listForUnit(unitId: number): Promise<HandlerAssignment[]> {
    const rows = await this.db
      .selectFrom('handler_assignments')
      .selectAll()
      .where('unit_id', '=', unitId)
      .orderBy('kind')
      .orderBy('item_id')
      .execute();
    return rows.map(toAssignment);
  }

  /** Every item a person handles. */
  async listForHandler(userId: number): Promise<HandlerAssignment[]> {
    const rows = await this.db
      .selectFrom('handler_assignments')
      .selectAll()
      .where('handler_id', '=', userId)
      .orderBy('kind')
      .orderBy('item_id')
      .execute();
    return rows.map(toAssignment);
  }

  /** The assignments of some items (every unit that holds them). */
  async listForItems(kind: WorkItemKind, itemIds: readonly number[]): Promise<HandlerAssignment[]> {
    if (itemIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('handler_assignments')
      .selectAll()
      .where('kind', '=', kind)
      .where('item_id', 'in', [...itemIds])
      .execute();
    return rows.map(toAssignment);
  }

  /** The user ids heading each of `unitIds`. */
  async listHeads(unitIds?: readonly number[]): Promise<{ unitId: number; userId: number }[]> {
    let query = this.db.selectFrom('unit_heads').select(['unit_id', 'user_id']);
    if (unitIds !== undefined) query = query.where('unit_id', 'in', unitIds.length ? [...unitIds] : [-1]);
    const rows = await query.orderBy('unit_id').orderBy('user_id').execute();
    return rows.map((row) => ({ unitId: row.unit_id, userId: row.user_id }));
  }

  /** The units a user heads. */
  async listHeadedBy(userId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('unit_heads')
      .select('unit_id')
      .where('user_id', '=', userId)
      .orderBy('unit_id')
      .execute();
    return rows.map((row) => row.unit_id);
  }

  /** Replaces the heads of a unit. */
  async setHeads(unitId: number, userIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom('unit_heads').where('unit_id', '=', unitId).execute();
    if (userIds.length === 0) return;
    await this.db
      .insertInto('unit_heads')
      .values(userIds.map((userId) => ({ unit_id: unitId, user_id: userId })))
      .execute();
  }
}
