/**
 * Links between plans of different levels (issue 16.3) as rows: a lower plan's target or task
 * and the higher plan's item it serves. Rows only; the rules are src/plan/cascade.ts', the
 * writes src/commands/cascade.ts'.
 */
import type { Selectable } from 'kysely';
import { planOwner } from './rows.js';
import type { Db, PlanLinksTable } from './schema.js';

export type LinkKind = 'target' | 'task';
export type LinkOrigin = 'handed_down' | 'linked';

export interface PlanLink {
  id: number;
  jurisdictionId: number;
  kind: LinkKind;
  child: { planId: number; itemId: number };
  parent: { jurisdictionId: number; planId: number; itemId: number };
  origin: LinkOrigin;
  weight: number | null;
  createdBy: number | null;
  createdAt: string;
}

export interface NewPlanLink {
  kind: LinkKind;
  child: { planId: number; itemId: number };
  parent: { planId: number; itemId: number };
  origin: LinkOrigin;
  weight?: number | null;
  createdBy: number | null;
  createdAt: string;
}

const toLink = (r: Selectable<PlanLinksTable>): PlanLink => ({
  id: r.id,
  jurisdictionId: r.jurisdiction_id,
  kind: r.kind as LinkKind,
  child: { planId: r.child_plan_id, itemId: r.child_item_id },
  parent: { jurisdictionId: r.parent_jurisdiction_id, planId: r.parent_plan_id, itemId: r.parent_item_id },
  origin: r.origin as LinkOrigin,
  weight: r.weight === null ? null : Number(r.weight),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export class PlanLinkRepository {
  constructor(private readonly db: Db) {}

  /** Writes a link owned by the lower plan's jurisdiction; answers its id. */
  async insert(link: NewPlanLink): Promise<number> {
    const row = await this.db
      .insertInto('plan_links')
      .values({
        jurisdiction_id: planOwner(this.db, link.child.planId),
        kind: link.kind,
        child_plan_id: link.child.planId,
        child_item_id: link.child.itemId,
        parent_jurisdiction_id: planOwner(this.db, link.parent.planId),
        parent_plan_id: link.parent.planId,
        parent_item_id: link.parent.itemId,
        origin: link.origin,
        weight: link.weight ?? null,
        created_by: link.createdBy,
        created_at: link.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The link of a lower item, if any. */
  async findByChild(kind: LinkKind, childPlanId: number, childItemId: number): Promise<PlanLink | undefined> {
    const row = await this.db
      .selectFrom('plan_links')
      .selectAll()
      .where('kind', '=', kind)
      .where('child_plan_id', '=', childPlanId)
      .where('child_item_id', '=', childItemId)
      .executeTakeFirst();
    return row ? toLink(row) : undefined;
  }

  /** Links into a higher plan (one item's with `itemId`), oldest first. */
  async listByParent(kind: LinkKind, parentPlanId: number, itemId?: number): Promise<PlanLink[]> {
    let query = this.db
      .selectFrom('plan_links')
      .selectAll()
      .where('kind', '=', kind)
      .where('parent_plan_id', '=', parentPlanId);
    if (itemId !== undefined) query = query.where('parent_item_id', '=', itemId);
    return (await query.orderBy('id').execute()).map(toLink);
  }

  /** Links out of a lower plan, oldest first. */
  async listByChildPlan(childPlanId: number): Promise<PlanLink[]> {
    const rows = await this.db
      .selectFrom('plan_links')
      .selectAll()
      .where('child_plan_id', '=', childPlanId)
      .orderBy('id')
      .execute();
    return rows.map(toLink);
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('plan_links').where('id', '=', id).execute();
  }
}
